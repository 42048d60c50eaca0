/** Probes aimed at a port number the container does not declare (kube-linter liveness/readiness/startup-port). */
import { arr, containersOf, isObj } from '../context';
import { msg } from '../field';
import { CheckedRule } from './types';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

export const portRules: CheckedRule[] = [
  {
    id: 'probes.port-undeclared', severity: 'warning', layer: 'best-practice', handbook: ['H17'],
    summary: 'a probe aimed at a port number the container does not declare',
    rationale: 'The kubelet probes the number as written, but a port that is not among the container\'s ports is usually a typo or a stale number: the probe then fails and restarts or unreadies a healthy container (H17). Declaring the port also documents it (kube-linter liveness-port, readiness-port, startup-port).',
    fix: 'declare the port under containers[].ports (and refer to it by name), or aim the probe at a declared port',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        const numbers = new Set(arr(c.ports).filter((p) => isObj(p) && (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort));
        for (const p of PROBES) {
          if (!isObj(c[p])) continue;
          for (const k of ['httpGet', 'tcpSocket', 'grpc']) {
            const port = c[p][k]?.port;
            const n = typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined;
            if (n !== undefined && !numbers.has(n)) ctx.report('probes.port-undeclared', msg`${path}.${p}.${k}.port`, msg`${p} of container "${c.name}" probes port ${n}, which the container does not declare as a TCP port`);
          }
        }
      }
    },
  },
];
