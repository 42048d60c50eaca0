/**
 * Props checked at run time, for JavaScript callers (and `as any`): TypeScript catches these at
 * compile time, JavaScript does not, and a misspelt prop (`replica: 5`) would otherwise be
 * ignored and replaced by the default. An unknown prop gets a did-you-mean; a wrong type names
 * the prop and the type expected.
 */
import { didYouMean } from '../did-you-mean';
import { PodsmithError } from '../errors';
import { Quantity } from '../quantity';
import { EnvFrom, EnvValue } from './env';
import { Handler, Probe } from './probes';
import { Timezone } from './timezone';
import { Volume } from './volumes';

/** A description of a prop's type: a name for messages and a test. */
interface Type {
  readonly name: string;
  readonly ok: (v: unknown) => boolean;
  /** For objects: their own props, checked recursively. */
  readonly shape?: Shape;
  /** For arrays and records: the elements' type. */
  readonly items?: Type;
  readonly record?: boolean;
  /** A fix for a wrong type, when the usual "pass a …" is not enough. */
  readonly fix?: string;
  /** For objects: props that must be there. */
  readonly required?: readonly string[];
}
type Shape = Record<string, Type>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const prim = (name: string, t: string): Type => ({ name, ok: (v) => typeof v === t });
const str = prim('a string', 'string');
const num = prim('a number', 'number');
const bool = prim('a boolean', 'boolean');
const any: Type = { name: 'any value', ok: () => true };
const oneOf = (...types: Type[]): Type => ({ name: types.map((t) => t.name).join(' or '), ok: (v) => types.some((t) => t.ok(v)) });
const shape = (name: string, s: Shape): Type => ({ name, ok: isObj, shape: s });
const array = (of: Type): Type => ({ name: `an array of ${of.name.replace(/^an? /, '')}s`, ok: Array.isArray, items: of });
const record = (of: Type): Type => ({ name: `an object of ${of.name.replace(/^an? /, '')}s`, ok: isObj, items: of, record: true });
const instance = (name: string, cls: Function, fix: string): Type => ({ name, ok: (v) => v instanceof cls, fix });
/** Structural: an object with these members (kplus and cdk8s objects, podsmith constructs). */
const having = (name: string, test: (v: Record<string, unknown>) => boolean): Type => ({ name, ok: (v) => isObj(v) && test(v) });

const named = having('an object with a name', (v) => typeof v.name === 'string');
const ref = oneOf(str, named);
const quantity = oneOf(str, num, having('a Quantity, kplus Cpu or cdk8s Size', (v) => v instanceof Quantity || typeof v.amount === 'string' || typeof v.toKibibytes === 'function'));
const duration = oneOf(num, having('a cdk8s Duration', (v) => typeof v.toSeconds === 'function'));
const stringMap = record(str);
const probe = instance('a Probe', Probe, "use Probe.httpGet('/healthz'), Probe.tcpSocket(port) or Probe.exec([...])");
const handler = instance('a Handler', Handler, 'use Handler.exec([...]), Handler.httpGet(path, { port }) or Handler.sleep(seconds)');
const volume = instance('a Volume', Volume, "use Volume.emptyDir('name'), Volume.configMap(...), …");
const range = shape('a { request, limit } object', { request: quantity, limit: quantity });

const CONTAINER: Shape = {
  name: str, image: str, command: array(str), args: array(str), workingDir: str,
  env: record(oneOf(str, instance('an EnvValue', EnvValue, "use a string or EnvValue.fromSecret(...)"))),
  envFrom: array(instance('an EnvFrom', EnvFrom, 'use EnvFrom.configMap(cm) or EnvFrom.secret(secret)')),
  ports: array(shape('a port { number, name, protocol }', { number: num, name: str, protocol: str })),
  resources: shape('a resources object', {
    cpu: range, memory: range, ephemeralStorage: range, hugepages: record(quantity),
  }),
  probe, readiness: probe, liveness: probe, startup: probe, postStart: handler, preStop: handler,
  mounts: array(shape('a mount { volume, path }', { volume: oneOf(str, volume), path: str, readOnly: bool, subPath: str })),
  imagePullPolicy: str,
  securityContext: shape('a securityContext object', {
    runAsUser: num, runAsGroup: num, runAsNonRoot: bool, readOnlyRootFilesystem: bool, allowPrivilegeEscalation: bool,
    privileged: bool, capabilities: shape('a { add, drop } object', { add: array(str), drop: array(str) }), seccompProfile: any,
  }),
  allowLatestTag: bool, allowPrivileged: bool, allowDangerousCapabilities: bool, allowRunAsRoot: bool, allowNoProbes: bool,
};
const container: Type = { ...shape('a container object', CONTAINER), required: ['name', 'image'] };
const affinityTerm = shape('a pod affinity term', { labels: stringMap, expressions: array(any), topologyKey: str, namespaces: array(str) });

const POD: Shape = {
  containers: array(container), initContainers: array(container), sidecars: array(container), volumes: array(volume),
  restartPolicy: str, terminationGracePeriodSeconds: duration,
  hostAliases: array(shape('a host alias { ip, hostnames }', { ip: str, hostnames: array(str) })),
  sysctls: record(oneOf(str, num)),
  timezone: { ...instance('a Timezone', Timezone, "use Timezone.zone('Europe/Berlin'), Timezone.env(zone) or Timezone.node()") },
  priorityClass: ref,
  dns: shape('a dns object', { policy: str, nameservers: array(str), searches: array(str), options: record(any) }),
  hostname: str, subdomain: str,
  scheduling: shape('a scheduling object', {
    nodeSelector: stringMap, requiredNodeAffinity: array(array(any)), preferredNodeAffinity: array(any),
    podAffinity: array(affinityTerm), podAntiAffinity: array(affinityTerm), spreadReplicas: bool,
    topologySpread: array(shape('a topology spread { topologyKey, maxSkew, whenUnsatisfiable }', { topologyKey: str, maxSkew: num, whenUnsatisfiable: str, minDomains: num })),
    tolerations: array(shape('a toleration', { key: str, operator: str, value: str, effect: str, tolerationSeconds: num })), nodeName: str,
  }),
  hostNetwork: bool, hostPID: bool, hostIPC: bool, shareProcessNamespace: bool,
  bandwidth: shape('a { ingress, egress } object', { ingress: quantity, egress: quantity }),
  imagePullSecrets: array(ref), serviceAccount: ref, serviceAccountName: ref, automountServiceAccountToken: bool,
  securityContext: shape('a Pod securityContext object', { fsGroup: num, supplementalGroups: array(num) }),
  podLabels: stringMap, podAnnotations: stringMap, allowHostNamespaces: bool, allowUnsafeSysctls: bool, allowHostPath: bool,
  name: str, namespace: str, labels: stringMap, annotations: stringMap,
};
const REPLICATED: Shape = {
  replicas: num, disruptionBudget: oneOf({ name: 'false', ok: (v) => v === false }, shape('a { minAvailable | maxUnavailable } object', { minAvailable: oneOf(num, str), maxUnavailable: oneOf(num, str) })),
  minReadySeconds: duration, revisionHistoryLimit: num,
};
const JOB: Shape = { backoffLimit: num, completions: num, parallelism: num, activeDeadlineSeconds: duration, ttlSecondsAfterFinished: duration };

const KINDS: Record<string, Shape> = {
  Deployment: { ...POD, ...REPLICATED, strategy: having('a DeploymentStrategy', (v) => isObj(v.json)) },
  StatefulSet: {
    ...POD, ...REPLICATED, serviceName: str, podManagementPolicy: str, updateStrategy: str,
    volumeClaimTemplates: array(shape('a claim template { name, storage }', { name: str, storage: quantity, accessModes: array(str), storageClassName: str })),
  },
  DaemonSet: { ...POD, minReadySeconds: duration, revisionHistoryLimit: num, updateStrategy: str },
  Job: { ...POD, ...JOB },
  CronJob: {
    ...POD, ...JOB, schedule: str, scheduleTimeZone: str, concurrencyPolicy: str, successfulJobsHistoryLimit: num,
    failedJobsHistoryLimit: num, startingDeadlineSeconds: duration, suspend: bool,
  },
  Pod: { ...POD, bareProd: bool },
};
const REQUIRED: Record<string, string[]> = { CronJob: ['containers', 'schedule'] };

function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function checkValue(where: string, prop: string, v: unknown, t: Type, what: string): void {
  if (v === undefined) return;
  if (!t.ok(v)) {
    const tz = prop === 'timezone' && typeof v === 'string' ? `use Timezone.zone('${v}') (or Timezone.env('${v}'))` : undefined;
    throw new PodsmithError(where, prop, `must be ${t.name}, got ${shown(v)}`, tz ?? t.fix ?? `pass ${t.name}`);
  }
  if (t.shape) checkShape(where, prop, v as Record<string, unknown>, t.shape, t.name);
  for (const k of t.required ?? []) {
    if ((v as Record<string, unknown>)[k] === undefined) throw new PodsmithError(where, `${prop}.${k}`, `is required for ${t.name}`, `give the ${k}`);
  }
  if (t.items && t.record) for (const [k, x] of Object.entries(v as object)) checkValue(where, `${prop}[${k}]`, x, t.items, what);
  if (t.items && !t.record) (v as unknown[]).forEach((x, i) => checkValue(where, `${prop}[${i}]`, x, t.items!, what));
}

function checkShape(where: string, prefix: string, obj: Record<string, unknown>, s: Shape, what: string): void {
  for (const [k, v] of Object.entries(obj)) {
    const prop = prefix ? `${prefix}.${k}` : k;
    const t = s[k];
    if (!t) {
      const guess = didYouMean(k, Object.keys(s));
      throw new PodsmithError(where, prop, `is not a prop of ${what}`, guess ? `did you mean '${guess}'?` : `remove it (known: ${Object.keys(s).sort().join(', ')})`);
    }
    checkValue(where, prop, v, t, what);
  }
}

/** Checks a workload's props as JavaScript may have passed them; throws a one-line PodsmithError. */
export function checkProps(where: string, kind: keyof typeof KINDS, props: unknown): void {
  if (!isObj(props)) {
    throw new PodsmithError(where, 'props', `a ${kind} needs props, got ${props === undefined ? 'none' : shown(props)}`,
      `pass at least { containers: [{ name: 'app', image: 'busybox:1.35.0' }] }${kind === 'CronJob' ? " and a schedule" : ''}`);
  }
  checkShape(where, '', props, KINDS[kind], `a ${kind}`);
  for (const k of REQUIRED[kind] ?? ['containers']) {
    if (props[k] === undefined) throw new PodsmithError(where, k, `is required for a ${kind}`, k === 'schedule' ? "give a cron schedule, e.g. '*/5 * * * *'" : 'add at least one container');
  }
}
