/** Best practices for workloads and containers from the handbook (H2, H12, H16, H17, H29). */
import { arr, containersOf, isObj } from '../context';
import { CheckedRule, BATCH_KINDS } from './types';
import { isDeepStrictEqual } from 'node:util';
import { msg } from '../field';

export const workloadRules: CheckedRule[] = [
  {
    id: 'pod.bare', severity: 'warning', layer: 'best-practice', handbook: ['H2', 'H29'],
    summary: 'a bare Pod is not rescheduled when its node fails',
    rationale: 'A Pod created directly is bound to its node and deleted, not recreated elsewhere, when the node dies (H2); production workloads belong in a controller (Deployment, StatefulSet, DaemonSet, Job, CronJob) (H29).',
    fix: 'wrap the Pod spec in a Deployment (or a Job for run-to-completion work)',
    check(ctx) {
      if (ctx.kind === 'Pod' && !(ctx.obj.metadata?.ownerReferences?.length > 0)) {
        ctx.report('pod.bare', 'kind', 'Pod is created directly, without a controller: it will not be rescheduled if its node fails');
      }
    },
  },
  {
    id: 'image.latest-tag', severity: 'warning', layer: 'best-practice', handbook: ['H12'],
    summary: 'an image without a tag, or tagged :latest',
    rationale: 'An untagged or :latest image is not reproducible: it changes under the same name, and it also switches the default imagePullPolicy to Always (H12).',
    fix: 'pin the image to a version tag or a digest (image:1.2.3 or image@sha256:...)',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (typeof c.image !== 'string' || c.image === '') continue;
        if (c.image.includes('@')) continue; // pinned by digest
        const last = c.image.slice(c.image.lastIndexOf('/') + 1);
        const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
        if (tag === '' || tag === 'latest') {
          ctx.report('image.latest-tag', msg`${path}.image`, msg`image "${c.image}" is ${tag === '' ? 'untagged (defaults to :latest)' : 'tagged :latest'}`);
        }
      }
    },
  },
  {
    id: 'probes.readiness-missing', severity: 'warning', layer: 'best-practice', handbook: ['H17'],
    summary: 'a long-running container without a readinessProbe',
    rationale: 'Without a readiness probe a container receives Service traffic as soon as it starts, before it can serve (H17). Job and CronJob Pods run to completion and need none.',
    fix: 'add a readinessProbe (httpGet, tcpSocket, exec or grpc)',
    check(ctx) {
      if (BATCH_KINDS.has(ctx.kind)) return;
      for (const { c, path, init } of containersOf(ctx.pod!)) {
        if (!init && c.readinessProbe == null) ctx.report('probes.readiness-missing', msg`${path}.readinessProbe`, msg`container "${c.name}" has no readinessProbe`);
      }
    },
  },
  {
    id: 'probes.liveness-missing', severity: 'warning', layer: 'best-practice', handbook: ['H17'],
    summary: 'a long-running container without a livenessProbe',
    rationale: 'Without a liveness probe a hung process keeps its container "running" forever; the kubelet restarts only what a probe says is unhealthy (H17). Job and CronJob Pods need none.',
    fix: 'add a livenessProbe that fails only when a restart would help',
    check(ctx) {
      if (BATCH_KINDS.has(ctx.kind)) return;
      for (const { c, path, init } of containersOf(ctx.pod!)) {
        if (!init && c.livenessProbe == null) ctx.report('probes.liveness-missing', msg`${path}.livenessProbe`, msg`container "${c.name}" has no livenessProbe`);
      }
    },
  },
  {
    id: 'probes.identical', severity: 'warning', layer: 'best-practice', handbook: ['H17'],
    summary: 'liveness and readiness probes are identical',
    rationale: 'Readiness takes a busy container out of rotation; liveness restarts it. If both probes are identical, a container that is merely overloaded is restarted at the moment it stops being ready, turning load into crash loops (kube-score container-probes).',
    fix: 'make the liveness probe more tolerant (longer period or higher failureThreshold) or check a different endpoint',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (isObj(c.livenessProbe) && isObj(c.readinessProbe) && isDeepStrictEqual(c.livenessProbe, c.readinessProbe)) {
          ctx.report('probes.identical', msg`${path}.livenessProbe`, msg`container "${c.name}" has identical liveness and readiness probes`);
        }
      }
    },
  },
  {
    id: 'probes.port-not-exposed', severity: 'error', layer: 'best-practice', handbook: ['H17'],
    summary: 'a probe or hook names a port the container does not declare, or one that is not TCP',
    rationale: 'A named port in httpGet or tcpSocket is resolved by the kubelet against the probed container\'s own ports only (a name another container of the Pod declares does not count); an unknown name is a probe error whose result is thrown away, so a readiness probe never passes and the container is never Ready, and a liveness probe never acts (the API server accepts it, the kubelet cannot run it): it cannot work as written. httpGet and tcpSocket connect over TCP, so a named UDP or SCTP port cannot answer either.',
    fix: 'declare the TCP port under containers[].ports with that name, or use the port number',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        const names = new Set(arr(c.ports).map((p) => p?.name).filter(Boolean));
        const udp = new Set(arr(c.ports).filter((p) => p?.protocol === 'UDP' || p?.protocol === 'SCTP').map((p) => p.name).filter(Boolean));
        const handlers: Array<[any, string]> = [];
        for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (isObj(c[p])) handlers.push([c[p], msg`${path}.${p}`]);
        if (isObj(c.lifecycle)) for (const h of ['postStart', 'preStop']) if (isObj(c.lifecycle[h])) handlers.push([c.lifecycle[h], msg`${path}.lifecycle.${h}`]);
        for (const [h, p] of handlers) {
          for (const k of ['httpGet', 'tcpSocket']) {
            const port = h[k]?.port;
            if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) {
              ctx.report('probes.port-not-exposed', msg`${p}.${k}.port`, msg`port "${port}" is not a named port of container "${c.name}"`);
            } else if (typeof port === 'string' && udp.has(port)) {
              ctx.report('probes.port-not-exposed', msg`${p}.${k}.port`, msg`port "${port}" of container "${c.name}" is not TCP: the ${k} probe cannot reach it`);
            }
          }
        }
      }
    },
  },
  {
    id: 'containers.restart-policy-ignored', severity: 'warning', layer: 'best-practice', handbook: ['H8', 'H18'],
    summary: 'a container restartPolicy that the API server drops',
    rationale: 'In Kubernetes 1.34 the API server silently removes restartPolicy from app containers, and any value but Always from init containers, unless the alpha ContainerRestartRules feature gate is on (1.28-1.33 reject them; 1.35 turns the gate on and keeps them). The setting never takes effect; only Always on an init container (a sidecar, H18) is kept.',
    fix: 'remove restartPolicy, or use Always on an init container to make it a sidecar',
    check(ctx) {
      // 1.35 turns ContainerRestartRules on: the API server keeps and checks the field
      if (ctx.minor !== 34) return;
      for (const { c, path, init } of containersOf(ctx.pod!)) {
        if (c.restartPolicy == null || (init && c.restartPolicy === 'Always')) continue;
        ctx.report('containers.restart-policy-ignored', msg`${path}.restartPolicy`, msg`restartPolicy ${JSON.stringify(c.restartPolicy)} on ${init ? 'init' : 'app'} container "${c.name}" is dropped by the API server`);
      }
    },
  },
  {
    id: 'resources.requests-missing', severity: 'warning', layer: 'best-practice', handbook: ['H16'],
    summary: 'a container without cpu and memory requests',
    rationale: 'Requests are what the scheduler reserves (H16); without them the Pod is BestEffort or Burstable with no guarantee, is evicted first and can be packed onto a node that cannot run it.',
    fix: 'set resources.requests.cpu and resources.requests.memory',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        const req = isObj(c.resources?.requests) ? c.resources.requests : {};
        const missing = ['cpu', 'memory'].filter((r) => req[r] == null);
        if (missing.length) ctx.report('resources.requests-missing', msg`${path}.resources.requests`, msg`container "${c.name}" has no ${missing.join(' or ')} request`);
      }
    },
  },
  {
    id: 'resources.limits-missing', severity: 'warning', layer: 'best-practice', handbook: ['H16'],
    summary: 'a container without cpu and memory limits',
    rationale: 'Limits are the ceiling (H16): without a memory limit one container can exhaust the node and get unrelated Pods OOM-killed; without a cpu limit it can starve its neighbours.',
    fix: 'set resources.limits.cpu and resources.limits.memory',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        const lim = isObj(c.resources?.limits) ? c.resources.limits : {};
        const missing = ['cpu', 'memory'].filter((r) => lim[r] == null);
        if (missing.length) ctx.report('resources.limits-missing', msg`${path}.resources.limits`, msg`container "${c.name}" has no ${missing.join(' or ')} limit`);
      }
    },
  },
];
