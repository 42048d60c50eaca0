/**
 * The checks on a ready workload: what the API reports (QoS, pull policy, init order, priority)
 * and what is seen inside its containers (cgroup limits, /etc/hosts, sysctls, time zone,
 * Downward API env, resolv.conf and DNS, the Pod's FQDN).
 */
import {
  CgroupReading, clusterDomainFrom, downwardEnv, evalCgroup, evalDns, evalDownward, evalFqdn, evalHostAliases, evalInitOrder, evalJob,
  evalPriority, evalProbes, evalPullPolicy, evalQos, evalSysctls, evalTimezone, expectsClusterDns, parseEnv, podFqdn, sysctlPath, timezoneIntent, Verdict,
} from './checks';
import { ExecResult } from './kube';
import { combine, podLine, prefix } from './pod-helpers';
import { RunContext, sleep, Skip, Workload } from './run-context';

/* eslint-disable @typescript-eslint/no-explicit-any */

const CGROUP_SCRIPT = 'if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo v2; cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/cpu.max; else echo v1; cat /sys/fs/cgroup/memory/memory.limit_in_bytes; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us; cat /sys/fs/cgroup/cpu/cpu.cfs_period_us; fi';

export function parseCgroup(out: string): CgroupReading {
  const l = out.trim().split('\n').map((s) => s.trim());
  if (l[0] === 'v2') {
    const [quota, period] = (l[2] ?? '').split(/\s+/);
    return { version: 2, memory: l[1] || undefined, cpuQuota: quota || undefined, cpuPeriod: period || undefined };
  }
  return { version: 1, memory: l[1] || undefined, cpuQuota: l[2] || undefined, cpuPeriod: l[3] || undefined };
}

export function exec(ctx: RunContext, pod: any, container: string, script: string, timeoutMs = 10_000): Promise<ExecResult> {
  return ctx.kube.exec(ctx.plan.namespace, pod.metadata.name, container, ['sh', '-c', script], timeoutMs);
}

/** Runs a script in a container; Skip when the image has no shell. */

export async function sh(ctx: RunContext, pod: any, container: string, script: string, note: (s: string) => void, timeoutMs = 10_000): Promise<string> {
  const r = await exec(ctx, pod, container, script, timeoutMs);
  if (r.exitCode === undefined) {
    note(`exec in ${pod.metadata.name}/${container} gave no exit status${r.stdout ? ` after printing ${JSON.stringify(r.stdout.slice(0, 200))}` : ''}`);
    throw new Error(`exec in ${pod.metadata.name}/${container} did not finish`);
  }
  if (r.exitCode === 126 || r.exitCode === 127 || /executable file not found|no such file or directory/.test(r.stderr) && r.exitCode !== 0 && !r.stdout) {
    throw new Skip(`the image of ${container} has no shell to look inside (${r.stderr.trim().split('\n')[0] || `exit ${r.exitCode}`})`);
  }
  if (r.exitCode === -1) throw new Error(`exec in ${pod.metadata.name}/${container} failed: ${r.stderr.trim().split('\n')[0] || 'no reason given'}`);
  note(`${pod.metadata.name}/${container}: ${r.stdout.trim().replace(/\s+/g, ' ').slice(0, 160)}`);
  return r.stdout;
}

export async function checkWorkload(ctx: RunContext, w: Workload, waitedMs: number, isJob: boolean): Promise<void> {
  const ref = w.planned.ref;
  const t = w.template ?? {};
  const pods = w.pods;
  const running = pods.filter((p) => p.status?.phase === 'Running');
  const containers: any[] = t.containers ?? [];
  const every = async (podsToUse: any[], fn: (pod: any, note: (s: string) => void) => Promise<Verdict>, note: (s: string) => void): Promise<Verdict> => {
    if (podsToUse.length === 0) throw new Skip(isJob ? 'the Job\'s Pods have finished: nothing running to look inside' : 'no running Pod');
    const vs: Verdict[] = [];
    for (const pod of podsToUse) vs.push(await fn(pod, note));
    return combine(vs, podsToUse.length);
  };

  const tasks: Array<Promise<unknown>> = [];
  if (isJob) {
    const job = await ctx.kube.read('batch/v1', 'Job', w.live.metadata.name, ctx.plan.namespace);
    ctx.record(ref, 'job-completed', job ? evalJob(job) : { status: 'failed', detail: 'Job vanished' }, waitedMs);
  } else {
    // a bare Pod that ran to completion has nothing to be Ready for
    const verdict = (pod: any): Verdict => pod.status?.phase === 'Succeeded' ? { status: 'passed', detail: `${pod.metadata.name} ran to completion (Succeeded)` }
      : pod.status?.phase === 'Failed' ? { status: 'failed', detail: `${pod.metadata.name} Failed: ${podLine(pod)}` } : evalProbes(containers, pod);
    ctx.record(ref, 'probes-ready', combine(pods.map(verdict), pods.length), waitedMs);
  }
  tasks.push(ctx.check(ref, 'qos-class', async () => combine(pods.map(evalQos), pods.length)));
  tasks.push(ctx.check(ref, 'image-pull-policy', async () => combine(pods.map((pod) => evalPullPolicy([...(t.initContainers ?? []), ...containers], [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])), pods.length)));
  if ((t.initContainers ?? []).length) tasks.push(ctx.check(ref, 'init-containers-completed-in-order', async () => combine(pods.map(evalInitOrder), pods.length)));
  tasks.push(ctx.check(ref, 'cgroup-limits', (note) => every(running, async (pod) => {
    const vs: Verdict[] = [];
    for (const c of containers) {
      const out = await sh(ctx, pod, c.name, CGROUP_SCRIPT, note);
      vs.push(prefix(`${c.name}`, evalCgroup(c, parseCgroup(out))));
    }
    return combine(vs, 1);
  }, note)));
  if ((t.hostAliases ?? []).length) {
    tasks.push(ctx.check(ref, 'host-aliases', (note) => every(running, async (pod) => evalHostAliases(t, await sh(ctx, pod, containers[0].name, 'cat /etc/hosts', note)), note)));
  }
  if ((t.securityContext?.sysctls ?? []).length) {
    tasks.push(ctx.check(ref, 'sysctls', (note) => every(running, async (pod) => {
      const names: string[] = t.securityContext.sysctls.map((s: any) => s.name);
      const out = await sh(ctx, pod, containers[0].name, names.map((n) => `echo "@@$(cat ${sysctlPath(n)} 2>/dev/null)"`).join('; '), note);
      const values = out.split('\n').filter((l) => l.startsWith('@@')).map((l) => l.slice(2));
      return evalSysctls(t, Object.fromEntries(names.map((n, i) => [n, values[i] === '' ? undefined : values[i]])));
    }, note)));
  }
  const tzContainers = containers.filter((c) => timezoneIntent({ spec: t }, c));
  if (tzContainers.length) {
    tasks.push(ctx.check(ref, 'timezone', (note) => every(running, async (pod) => combine(await Promise.all(tzContainers.map(async (c) => {
      const out = (await sh(ctx, pod, c.name, 'head -c 4 /etc/localtime 2>/dev/null; echo; env -u TZ date +%z; date +%z', note)).split('\n');
      return prefix(c.name, evalTimezone(timezoneIntent({ spec: t }, c)!, { magic: out[0], localOffset: out[1], tzOffset: out[2] }));
    })), 1), note)));
  }
  const dwContainers = containers.filter((c) => downwardEnv(c).length);
  if (dwContainers.length) {
    tasks.push(ctx.check(ref, 'downward-api', (note) => every(running, async (pod) => combine(await Promise.all(dwContainers.map(async (c) => {
      const live = (pod.spec?.containers ?? []).find((x: any) => x.name === c.name) ?? c;
      return prefix(c.name, evalDownward(pod, live, parseEnv(await sh(ctx, pod, c.name, 'env', note))));
    })), 1), note)));
  }
  if (t.priorityClassName) {
    tasks.push(ctx.check(ref, 'priority', async () => {
      const pc = await ctx.kube.read('scheduling.k8s.io/v1', 'PriorityClass', t.priorityClassName);
      return combine(pods.map((pod) => evalPriority(pod, t.priorityClassName, pc?.value)), pods.length);
    }));
  }
  tasks.push(ctx.check(ref, 'dns-policy', (note) => every(running, async (pod) => {
    const resolv = await sh(ctx, pod, containers[0].name, 'cat /etc/resolv.conf', note);
    if (!expectsClusterDns(pod.spec)) return evalDns(pod.spec, ctx.plan.namespace, resolv);
    const name = `kubernetes.default.svc.${clusterDomainFrom(resolv, ctx.plan.namespace) ?? 'cluster.local'}`;
    const r = await exec(ctx, pod, containers[0].name, `nslookup ${name}`, 8000);
    if (r.exitCode === 127) return evalDns(pod.spec, ctx.plan.namespace, resolv);
    return evalDns(pod.spec, ctx.plan.namespace, resolv, { name, output: r.stdout });
  }, note)));
  if (t.subdomain || w.live.kind === 'StatefulSet') {
    tasks.push(ctx.check(ref, 'fqdn-resolves', (note) => every(running, async (pod) => {
      const resolv = await sh(ctx, pod, containers[0].name, 'cat /etc/resolv.conf', note);
      const fqdn = podFqdn(pod, clusterDomainFrom(resolv, ctx.plan.namespace) ?? 'cluster.local');
      if (!fqdn) throw new Skip(`${pod.metadata.name} has no subdomain`);
      await waitForEndpoint(ctx, pod, note);
      // DNS caches a "no such name" (here up to the zone's TTL): ask only once the record can exist
      for (;;) {
        const r = await exec(ctx, pod, containers[0].name, `nslookup ${fqdn}`, 8000);
        const v = evalFqdn(fqdn, pod.status?.podIP, r.stdout);
        note(`nslookup ${fqdn}: ${v.detail}`);
        if (v.status === 'passed') return v;
        if (r.exitCode === 127) throw new Skip('no nslookup in the image');
        await sleep(1500);
      }
    }, note), 60_000));
  }
  await Promise.all(tasks);
}

/**
 * H15: the FQDN exists once a headless Service named like the subdomain lists the Pod's
 * hostname in its EndpointSlices; fails at once when there is no such Service.
 */

export async function waitForEndpoint(ctx: RunContext, pod: any, note: (s: string) => void): Promise<void> {
  const sub: string = pod.spec.subdomain;
  const host: string = pod.spec.hostname ?? pod.metadata.name;
  const svc = await ctx.kube.read('v1', 'Service', sub, ctx.plan.namespace);
  if (!svc) throw new Error(`no Service named ${sub} (the Pod's subdomain) in the namespace: the FQDN cannot resolve (H15)`);
  if (svc.spec?.clusterIP !== 'None') throw new Error(`Service ${sub} is not headless (clusterIP ${svc.spec?.clusterIP}): Pod FQDNs need clusterIP: None (H15)`);
  for (let i = 0; ; i++) {
    const slices = await ctx.kube.list('discovery.k8s.io/v1', 'EndpointSlice', ctx.plan.namespace, `kubernetes.io/service-name=${sub}`);
    const listed = slices.some((sl) => (sl.endpoints ?? []).some((e: any) => e.hostname === host && (e.addresses ?? []).includes(pod.status?.podIP) && e.conditions?.ready !== false));
    if (listed) break;
    if (i === 0) note(`waiting for Service ${sub}'s EndpointSlices to list ${host} (${pod.status?.podIP})`);
    await sleep(500);
  }
  await sleep(1000); // the DNS server's watch follows the EndpointSlice
}
