/**
 * The runtime checks, each tied to its handbook item. This file is pure: every `eval*` function
 * takes what the runner observed (live objects as plain JSON, command output read inside a
 * container) and returns a verdict with a one-line detail. The runner (runner.ts) gathers the
 * observations; the unit tests feed recorded ones.
 */
import { podQosClass } from '../pod-resources';
import { Quantity } from '../quantity';
import { fail, pass, skip, Verdict } from './verdict';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The catalog: every check the runner can declare in a report, with its handbook items. */
export const CHECKS = {
  'applied': { handbook: ['H30'], what: 'the API server accepted the object (server-side apply)' },
  'probes-ready': { handbook: ['H17'], what: 'probes are configured as declared and every Pod reached Ready' },
  'liveness-restarts-container': { handbook: ['H17'], what: 'a failing liveness probe restarts the container' },
  'job-completed': { handbook: ['H7', 'H8'], what: 'the Job (or a Job made from the CronJob template) completed' },
  'qos-class': { handbook: ['H16'], what: "the Pod's QoS class matches its requests and limits" },
  'cgroup-limits': { handbook: ['H16'], what: 'the cgroup memory and cpu limits inside the container match the spec' },
  'init-containers-completed-in-order': { handbook: ['H18'], what: 'init containers ran one at a time, in order, to success, before any app container' },
  'host-aliases': { handbook: ['H23'], what: 'hostAliases are in the container\'s /etc/hosts' },
  'sysctls': { handbook: ['H27'], what: 'the Pod\'s sysctls are in effect inside the container' },
  'timezone': { handbook: ['H28'], what: 'the container\'s local time zone is the mounted (or TZ) zone' },
  'downward-api': { handbook: ['H11'], what: 'Downward API env values equal the Pod\'s name, namespace, IP and limits' },
  'image-pull-policy': { handbook: ['H12'], what: 'the effective imagePullPolicy is the declared one, or the handbook default' },
  'dns-policy': { handbook: ['H13'], what: 'resolv.conf follows dnsPolicy, and cluster names resolve where it says cluster DNS' },
  'fqdn-resolves': { handbook: ['H13', 'H15'], what: 'the Pod\'s FQDN resolves to its IP through cluster DNS' },
  'priority': { handbook: ['H25'], what: 'the Pod\'s spec.priority equals its PriorityClass value' },
  'eviction-beyond-pdb-refused': { handbook: ['H26'], what: 'evictions within the budget are allowed, the one beyond it is refused (429)' },
  'graceful-termination': { handbook: ['H3', 'H19'], what: 'preStop runs, then SIGTERM, and the container ends within the grace period' },
  'restart-policy': { handbook: ['H7', 'H8'], what: 'phase and restarts match the handbook\'s restartPolicy table' },
  'placement': { handbook: ['H22'], what: 'nodeSelector, node and Pod affinity, anti-affinity, topology spread and taints place Pods on the nodes they declare (2+ nodes)' },
  'preemption': { handbook: ['H25'], what: 'on a full node a higher-priority Pod preempts a lower-priority one (2+ nodes)' },
  'drain-stops-at-pdb': { handbook: ['H26'], what: 'draining a node evicts within the PodDisruptionBudget and stops at it until a replacement is Ready on another node' },
  'bandwidth-limited': { handbook: ['H21'], what: 'kubernetes.io/egress-bandwidth limits the steady rate a Pod sends at; a Pod without it is not limited' },
  'hugepages': { handbook: ['H24'], what: 'a Pod asking for hugepages-2Mi runs with a HugePages volume, where a node has them' },
  'node-lost': { handbook: ['H2', 'H8'], what: 'a node fails: its bare Pod is deleted, not rescheduled; a controller\'s Pod is recreated on another node; the lost Pods end Failed' },
  'node-partitioned': { handbook: ['H8'], what: 'a node is cut off: the node controller times out, the controller\'s Pod is recreated elsewhere, the cut-off Pod ends Failed' },
} as const;
export type CheckId = keyof typeof CHECKS;

export type { Verdict } from './verdict';
export { clusterDomainFrom, evalDns, evalFqdn, expectsClusterDns, parseNslookup, podFqdn } from './checks-dns';

const podName = (pod: any): string => pod?.metadata?.name ?? '?';
const ts = (t: unknown): number | undefined => (t === undefined || t === null ? undefined : Date.parse(String(t)));

function describeState(st: any): string {
  if (!st) return 'no status';
  const s = st.state ?? {};
  if (s.running) return `running since ${s.running.startedAt}`;
  if (s.terminated) return `terminated: exit ${s.terminated.exitCode}${s.terminated.reason ? ` (${s.terminated.reason})` : ''}`;
  if (s.waiting) return `waiting: ${s.waiting.reason ?? ''}${s.waiting.message ? ` (${String(s.waiting.message).split('\n')[0]})` : ''}`;
  return 'unknown state';
}

// ------------------------------------------------------------------------------- H16

export function evalQos(pod: any): Verdict {
  const expected = podQosClass(pod.spec ?? {});
  const observed = pod.status?.qosClass;
  return observed === expected ? pass(`${podName(pod)}: qosClass ${observed}`) : fail(`${podName(pod)}: qosClass ${observed ?? 'unset'}, expected ${expected}`);
}

/** What the runner read from the container's cgroup files (v1 or v2); undefined where absent. */
export interface CgroupReading {
  version: 1 | 2;
  /** v1 memory.limit_in_bytes or v2 memory.max ("max" = none). */
  memory?: string;
  /** v1 cpu.cfs_quota_us ("-1" = none) or v2 cpu.max's first field ("max" = none). */
  cpuQuota?: string;
  /** v1 cpu.cfs_period_us or v2 cpu.max's second field. */
  cpuPeriod?: string;
}

/** v1 reports "no limit" as a page-aligned near-2^63 value. */
const UNLIMITED_V1 = 2n ** 62n;

export function evalCgroup(container: any, r: CgroupReading): Verdict {
  const limits = container?.resources?.limits ?? {};
  const parts: string[] = [];
  const problems: string[] = [];
  const mem = Quantity.tryParse(limits.memory);
  if (r.memory === undefined) problems.push('memory limit file not readable');
  else {
    const observed = r.memory.trim() === 'max' ? undefined : BigInt(r.memory.trim());
    const unlimited = observed === undefined || observed >= UNLIMITED_V1;
    if (mem) {
      const want = mem.value();
      // the kernel rounds a v1 limit down to a page
      const ok = observed !== undefined && observed <= want && want - observed < 4096n;
      (ok ? parts : problems).push(`memory ${unlimited ? 'unlimited' : `${observed} bytes`}${ok ? '' : `, expected ${want} (${limits.memory})`}`);
    } else {
      (unlimited ? parts : problems).push(`memory ${unlimited ? 'unlimited' : `${observed} bytes`}${unlimited ? '' : ', expected no limit'}`);
    }
  }
  const cpu = Quantity.tryParse(limits.cpu);
  if (r.cpuQuota === undefined || r.cpuPeriod === undefined) problems.push('cpu quota files not readable');
  else {
    const q = r.cpuQuota.trim();
    const unlimited = q === 'max' || q === '-1';
    const period = BigInt(r.cpuPeriod.trim());
    if (cpu) {
      // the kubelet's MilliCPUToQuota: milli * period / 1000, at least 1000 µs
      let want = (cpu.milliValue() * period) / 1000n;
      if (want < 1000n) want = 1000n;
      const ok = !unlimited && BigInt(q) === want;
      (ok ? parts : problems).push(`cpu quota ${unlimited ? 'unlimited' : `${q}/${period} µs`}${ok ? ` (= ${limits.cpu})` : `, expected ${want}/${period} µs (${limits.cpu})`}`);
    } else {
      (unlimited ? parts : problems).push(`cpu quota ${unlimited ? 'unlimited' : q}${unlimited ? '' : ', expected none'}`);
    }
  }
  const text = `cgroup v${r.version}: ${[...problems, ...parts].join('; ')}`;
  return problems.length ? fail(text) : pass(text);
}

// ------------------------------------------------------------------------------- H18

export function evalInitOrder(pod: any): Verdict {
  const inits: any[] = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return skip('no init containers');
  const statuses: any[] = pod.status?.initContainerStatuses ?? [];
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const steps: string[] = [];
  let prevEnd: number | undefined;
  let prevName = '';
  for (const c of inits) {
    const st = byName.get(c.name);
    const sidecar = c.restartPolicy === 'Always';
    const t = st?.state?.terminated ?? st?.lastState?.terminated;
    if (sidecar) {
      const started = ts(st?.state?.running?.startedAt ?? t?.startedAt);
      if (started === undefined) return fail(`${podName(pod)}: sidecar init container ${c.name} never started (${describeState(st)})`);
      if (prevEnd !== undefined && started < prevEnd) return fail(`${podName(pod)}: sidecar ${c.name} started before ${prevName} finished`);
      steps.push(`${c.name} (sidecar) started`);
      continue;
    }
    if (!st?.state?.terminated) return fail(`${podName(pod)}: init container ${c.name} did not complete: ${describeState(st)}${st?.restartCount ? `, ${st.restartCount} restarts` : ''}`);
    if (st.state.terminated.exitCode !== 0) return fail(`${podName(pod)}: init container ${c.name} exited ${st.state.terminated.exitCode}${st.state.terminated.reason ? ` (${st.state.terminated.reason})` : ''}`);
    const start = ts(st.state.terminated.startedAt);
    const end = ts(st.state.terminated.finishedAt);
    if (start === undefined || end === undefined) return fail(`${podName(pod)}: init container ${c.name} has no start/finish time`);
    if (prevEnd !== undefined && start < prevEnd) return fail(`${podName(pod)}: init container ${c.name} started at ${st.state.terminated.startedAt}, before ${prevName} finished`);
    steps.push(`${c.name} exit 0`);
    prevEnd = end;
    prevName = c.name;
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    const started = ts(s.state?.running?.startedAt ?? s.state?.terminated?.startedAt ?? s.lastState?.terminated?.startedAt);
    if (started === undefined) continue;
    if (prevEnd !== undefined && started < prevEnd) return fail(`${podName(pod)}: app container ${s.name} started before init container ${prevName} finished`);
  }
  return pass(`${podName(pod)}: ${steps.join(' → ')} → app containers started`);
}

// ------------------------------------------------------------------------------- H23

export function evalHostAliases(spec: any, etcHosts: string): Verdict {
  const aliases: any[] = spec?.hostAliases ?? [];
  if (aliases.length === 0) return skip('no hostAliases');
  const lines = etcHosts.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).filter((f) => f.length > 1);
  const missing: string[] = [];
  let found = 0;
  for (const a of aliases) {
    for (const h of a.hostnames ?? []) {
      if (lines.some((f) => f[0] === a.ip && f.slice(1).includes(h))) found++;
      else missing.push(`${a.ip} ${h}`);
    }
  }
  return missing.length ? fail(`/etc/hosts lacks ${missing.join(', ')}`) : pass(`/etc/hosts has all ${found} alias(es)`);
}

// ------------------------------------------------------------------------------- H27

export function evalSysctls(spec: any, observed: Record<string, string | undefined>): Verdict {
  const sysctls: any[] = spec?.securityContext?.sysctls ?? [];
  if (sysctls.length === 0) return skip('no sysctls');
  const norm = (v: string) => v.trim().split(/\s+/).join(' ');
  const bad: string[] = [];
  const good: string[] = [];
  for (const s of sysctls) {
    const got = observed[s.name];
    if (got === undefined) bad.push(`${s.name}: not readable`);
    else if (norm(got) !== norm(String(s.value))) bad.push(`${s.name} = ${norm(got)}, expected ${norm(String(s.value))}`);
    else good.push(`${s.name} = ${norm(got)}`);
  }
  return bad.length ? fail(bad.join('; ')) : pass(good.join('; '));
}

/** The /proc/sys path of a sysctl name (dots are separators; slashes allowed as in the API). */
export function sysctlPath(name: string): string {
  return `/proc/sys/${name.includes('/') ? name : name.replace(/\./g, '/')}`;
}

// ------------------------------------------------------------------------------- H28

/** The UTC offset (`+0800`) of an IANA zone at `when`, or undefined for an unknown zone. */
export function zoneOffset(zone: string, when = new Date()): string | undefined {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(when).find((p) => p.type === 'timeZoneName')?.value;
    if (!part) return undefined;
    if (part === 'GMT') return '+0000';
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
  } catch {
    return undefined;
  }
}

/** How a container declares its zone: a hostPath at /etc/localtime and/or TZ. */
export interface TimezoneIntent {
  /** The zone named by the hostPath (`/usr/share/zoneinfo/Asia/Shanghai` → Asia/Shanghai); '' when mounted but not named. */
  mountedZone?: string;
  tzEnv?: string;
}

export function timezoneIntent(pod: any, container: any): TimezoneIntent | undefined {
  const mount = (container.volumeMounts ?? []).find((m: any) => m.mountPath === '/etc/localtime');
  const tz = (container.env ?? []).find((e: any) => e.name === 'TZ' && typeof e.value === 'string')?.value;
  let mountedZone: string | undefined;
  if (mount) {
    const vol = (pod.spec?.volumes ?? []).find((v: any) => v.name === mount.name);
    const p: string = vol?.hostPath?.path ?? '';
    const m = /\/zoneinfo\/(.+)$/.exec(p);
    mountedZone = m ? m[1] : '';
  }
  if (mountedZone === undefined && tz === undefined) return undefined;
  return { ...(mountedZone !== undefined ? { mountedZone } : {}), ...(tz !== undefined ? { tzEnv: tz } : {}) };
}

/**
 * `localOffset`: `date +%z` with TZ unset (what /etc/localtime says); `tzOffset`: with TZ as
 * set; `magic`: the first bytes of /etc/localtime.
 */
export function evalTimezone(intent: TimezoneIntent, obs: { localOffset?: string; tzOffset?: string; magic?: string }, when = new Date()): Verdict {
  if (intent.mountedZone !== undefined) {
    if (obs.magic !== 'TZif') return fail(`/etc/localtime is not a zoneinfo file (starts with ${JSON.stringify(obs.magic ?? '')})`);
    if (intent.mountedZone === '') return pass(`/etc/localtime mounted (TZif), local offset ${obs.localOffset}`);
    const want = zoneOffset(intent.mountedZone, when);
    if (want === undefined) return skip(`zone ${intent.mountedZone} unknown to this podsmith's Node.js; local offset ${obs.localOffset}`);
    if (obs.localOffset !== want) return fail(`local time offset ${obs.localOffset ?? '?'} from /etc/localtime, expected ${want} (${intent.mountedZone})`);
    const tzNote = intent.tzEnv && obs.tzOffset !== undefined && obs.tzOffset !== want ? `; TZ=${intent.tzEnv} alone gives ${obs.tzOffset} (no tzdata in the image)` : '';
    return pass(`/etc/localtime is ${intent.mountedZone}: offset ${want}${tzNote}`);
  }
  const zone = intent.tzEnv ?? '';
  const want = zoneOffset(zone, when);
  if (want === undefined) return skip(`TZ=${zone} is not an IANA zone this podsmith knows`);
  return obs.tzOffset === want ? pass(`TZ=${zone}: offset ${want}`) : fail(`TZ=${zone} gives offset ${obs.tzOffset ?? '?'}, expected ${want}: the image lacks tzdata; mount the zone (H28)`);
}

// ------------------------------------------------------------------------------- H11

/** Env vars of a container filled from the Downward API. */
export function downwardEnv(container: any): any[] {
  return (container?.env ?? []).filter((e: any) => e.valueFrom?.fieldRef || e.valueFrom?.resourceFieldRef);
}

function expectedField(pod: any, fieldPath: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (m) return pod.metadata?.[m[1]]?.[m[2]];
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata?.name;
    case 'metadata.namespace': return pod.metadata?.namespace;
    case 'metadata.uid': return pod.metadata?.uid;
    case 'spec.nodeName': return pod.spec?.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName;
    case 'status.podIP': return pod.status?.podIP;
    case 'status.hostIP': return pod.status?.hostIP;
    default: return undefined;
  }
}

/** The value the kubelet injects for a resourceFieldRef: ceil(quantity / divisor). */
export function resourceFieldValue(container: any, ref: { resource: string; divisor?: string }): string | undefined {
  const [kind, res] = ref.resource.split('.');
  const q = Quantity.tryParse(container?.resources?.[kind === 'limits' ? 'limits' : 'requests']?.[res]);
  if (!q) return undefined;
  const d = Quantity.parse(ref.divisor ?? '1');
  const num = q.milliValue();
  const den = d.milliValue();
  return String((num + den - 1n) / den);
}

export function evalDownward(pod: any, container: any, env: Record<string, string>): Verdict {
  const vars = downwardEnv(container);
  if (vars.length === 0) return skip('no Downward API env');
  const bad: string[] = [];
  const good: string[] = [];
  for (const v of vars) {
    let want: string | undefined;
    if (v.valueFrom.fieldRef) want = expectedField(pod, v.valueFrom.fieldRef.fieldPath);
    else {
      const ref = v.valueFrom.resourceFieldRef;
      const target = ref.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === ref.containerName) : container;
      want = resourceFieldValue(target, ref);
      if (want === undefined) { good.push(`${v.name}=${env[v.name]} (no ${ref.resource} set: node allocatable)`); continue; }
    }
    const got = env[v.name];
    if (want === undefined) good.push(`${v.name}=${got} (not comparable)`);
    else if (got !== want) bad.push(`${v.name}=${got ?? '(unset)'}, expected ${want}`);
    else good.push(`${v.name}=${got}`);
  }
  return bad.length ? fail(bad.join('; ')) : pass(good.join('; '));
}

/** Parses `env` output (NAME=value lines). */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

// ------------------------------------------------------------------------------- H12

/** The handbook's default: Always for `:latest` or an untagged image, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.split('/').pop() ?? image;
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export function evalPullPolicy(declared: any[], live: any[]): Verdict {
  const bad: string[] = [];
  const good: string[] = [];
  for (const d of declared) {
    const l = live.find((c) => c.name === d.name);
    const want = d.imagePullPolicy ?? defaultPullPolicy(d.image ?? '');
    const how = d.imagePullPolicy ? 'declared' : 'default';
    if (!l) bad.push(`${d.name}: not in the live Pod`);
    else if (l.imagePullPolicy !== want) bad.push(`${d.name}: ${l.imagePullPolicy}, expected ${want} (${how})`);
    else good.push(`${d.name}: ${want} (${how})`);
  }
  return bad.length ? fail(bad.join('; ')) : pass(good.join('; '));
}

// ------------------------------------------------------------------------------- H17

function probeKey(p: any): string {
  if (!p) return 'none';
  if (p.httpGet) return `httpGet ${p.httpGet.path ?? '/'} port ${p.httpGet.port}`;
  if (p.tcpSocket) return `tcpSocket port ${p.tcpSocket.port}`;
  if (p.exec) return `exec ${(p.exec.command ?? []).join(' ')}`;
  if (p.grpc) return `grpc port ${p.grpc.port}`;
  return 'unknown';
}

/** Probes configured as declared (live spec) and the Pod Ready with every container ready. */
export function evalProbes(declared: any[], pod: any): Verdict {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const d of declared) {
    const l = (pod.spec?.containers ?? []).find((c: any) => c.name === d.name);
    for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      if (!d[kind]) continue;
      if (probeKey(d[kind]) !== probeKey(l?.[kind])) problems.push(`${d.name} ${kind}: live ${probeKey(l?.[kind])}, declared ${probeKey(d[kind])}`);
      else seen.push(`${d.name} ${kind.replace('Probe', '')}`);
    }
  }
  const ready = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    const notReady = (pod.status?.containerStatuses ?? []).filter((s: any) => !s.ready).map((s: any) => `${s.name} ${describeState(s)}`);
    problems.push(`${podName(pod)} not Ready${notReady.length ? ` (${notReady.join(', ')})` : ''}`);
  }
  if (problems.length) return fail(problems.join('; '));
  return pass(`${podName(pod)} Ready${seen.length ? `; probes: ${seen.join(', ')}` : '; no probes declared'}`);
}

// ------------------------------------------------------------------------------- H25

export function evalPriority(pod: any, className: string, value: number | undefined): Verdict {
  if (value === undefined) return fail(`PriorityClass ${className} not found`);
  const got = pod.spec?.priority;
  return got === value ? pass(`${podName(pod)}: priority ${got} = ${className}`) : fail(`${podName(pod)}: spec.priority ${got ?? 'unset'}, expected ${value} from ${className}`);
}

// ------------------------------------------------------------------------------- H26

export interface EvictionAttempt {
  pod: string;
  /** HTTP status of the eviction: 201 allowed, 429 refused by the budget. */
  code: number;
  message?: string;
}

/** `allowed`: the PDB's disruptionsAllowed before the first attempt. */
export function evalEvictions(allowed: number, attempts: EvictionAttempt[]): Verdict {
  const within = attempts.slice(0, allowed);
  const beyond = attempts[allowed];
  const fmt = (a: EvictionAttempt) => `${a.pod} ${a.code}`;
  if (within.some((a) => a.code >= 300)) return fail(`an eviction within the budget (${allowed} allowed) was refused: ${within.map(fmt).join(', ')}${within.find((a) => a.message) ? ` (${within.find((a) => a.message)!.message})` : ''}`);
  if (!beyond) return skip(`no Pod left to evict beyond the budget (${allowed} allowed)`);
  if (beyond.code !== 429) return fail(`the eviction beyond the budget returned ${beyond.code}, expected 429: ${within.concat(beyond).map(fmt).join(', ')}`);
  return pass(`${allowed} eviction(s) allowed (${within.map(fmt).join(', ') || 'none'}), the next refused: ${fmt(beyond)}`);
}

// ------------------------------------------------------------------------------- H3/H19

/** The seconds a preStop `sleep N` (in exec form) waits, when it is that simple. */
export function preStopSleepSeconds(container: any): number | undefined {
  const ps = container?.lifecycle?.preStop;
  if (ps?.sleep?.seconds !== undefined) return Number(ps.sleep.seconds);
  const cmd: string[] = ps?.exec?.command ?? [];
  const m = /(?:^|\s|;|&&)sleep\s+(\d+(?:\.\d+)?)\b/.exec(cmd.join(' '));
  return m ? Number(m[1]) : undefined;
}

export interface TerminationObservation {
  /** When the runner asked for the deletion (epoch ms). */
  requestedAt: number;
  /** When the container was seen terminated (epoch ms). */
  endedAt?: number;
  exitCode?: number;
  reason?: string;
  /** Messages of FailedPreStopHook events. */
  preStopFailures: string[];
}

export function evalTermination(container: any, grace: number, obs: TerminationObservation): Verdict {
  const hasPreStop = !!container?.lifecycle?.preStop;
  if (obs.preStopFailures.length) return fail(`preStop hook failed: ${obs.preStopFailures[0]}`);
  if (obs.endedAt === undefined) return fail(`container ${container.name} not seen ending within the grace period of ${grace}s + 10s`);
  const took = (obs.endedAt - obs.requestedAt) / 1000;
  const sleep = preStopSleepSeconds(container);
  const how = obs.exitCode === 137 ? 'SIGKILL at the end of the grace period (the process ignored SIGTERM)' : obs.exitCode === 143 ? 'exited on SIGTERM' : `exit ${obs.exitCode ?? '?'}`;
  // 2 s of slack for status propagation and second-granular timestamps
  if (took > grace + 3) return fail(`container ended ${took.toFixed(1)}s after the delete, beyond the grace period of ${grace}s (${how})`);
  if (hasPreStop && sleep !== undefined && took + 1 < sleep) return fail(`container ended ${took.toFixed(1)}s after the delete, before its preStop (sleep ${sleep}) could finish`);
  const within = took <= grace ? `within the ${grace}s grace period` : `at the end of the ${grace}s grace period (as reported by the kubelet)`;
  return pass(`${hasPreStop ? `preStop ran${sleep !== undefined ? ` (≥ ${sleep}s)` : ''}, then ` : ''}${how}; ended ${took.toFixed(1)}s after the delete, ${within}`);
}

// ------------------------------------------------------------------------------- Jobs

export function evalJob(job: any): Verdict {
  const conds: any[] = job.status?.conditions ?? [];
  const done = conds.find((c) => (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
  const failed = conds.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return fail(`Job ${job.metadata?.name} failed: ${failed.reason ?? ''} ${failed.message ?? ''}`.trim());
  if (done) return pass(`Job ${job.metadata?.name} complete: ${job.status?.succeeded ?? 0} succeeded, ${job.status?.failed ?? 0} failed attempts`);
  return fail(`Job ${job.metadata?.name} not complete: ${job.status?.active ?? 0} active, ${job.status?.failed ?? 0} failed`);
}
