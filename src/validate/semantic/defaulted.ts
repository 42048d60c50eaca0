/**
 * Empty strings the API server's defaulting replaces before it validates. A string field that is
 * not a pointer reads `""` exactly as a field left out, and the defaulting functions
 * (pkg/apis/<group>/v1/defaults.go and the `+default` markers of zz_generated.defaults.go) give it
 * its default: `imagePullPolicy: ""` is IfNotPresent or Always, `protocol: ""` is TCP,
 * `strategy: {type: ""}` is RollingUpdate; the same for some numbers at 0 (a probe's
 * periodSeconds) and a Service port's targetPort. The semantic checks read these fields as left out.
 * Pointer fields (fsGroupChangePolicy, ipFamilyPolicy, ...) are not here: `""` is a value there,
 * and refused.
 */

/** Where such fields are: nested keys, `*` for every entry of a list; a field is `true` (defaulted when ""), `0` (when 0) or `'both'`. */
type Leaf = true | 0 | 'both';
interface Tree { [key: string]: Tree | Leaf }

const HTTP_GET: Tree = { httpGet: { path: true, scheme: true } };
/** SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3 when 0. */
const PROBE: Tree = { ...HTTP_GET, timeoutSeconds: 0, periodSeconds: 0, successThreshold: 0, failureThreshold: 0 };
const FIELD_REF: Tree = { fieldRef: { apiVersion: true } };
const DOWNWARD_ITEMS: Tree = { items: { '*': FIELD_REF } };
const CONTAINER: Tree = {
  imagePullPolicy: true,
  terminationMessagePath: true,
  terminationMessagePolicy: true,
  ports: { '*': { protocol: true } },
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: { postStart: HTTP_GET, preStop: HTTP_GET },
  env: { '*': { valueFrom: FIELD_REF } },
};
const VOLUME_SOURCE: Tree = {
  downwardAPI: DOWNWARD_ITEMS,
  projected: { sources: { '*': { downwardAPI: DOWNWARD_ITEMS } } },
  rbd: { pool: true, user: true, keyring: true },
  scaleIO: { storageMode: true, fsType: true },
  iscsi: { iscsiInterface: true },
};
const POD_SPEC: Tree = {
  dnsPolicy: true,
  restartPolicy: true,
  schedulerName: true,
  containers: { '*': CONTAINER },
  initContainers: { '*': CONTAINER },
  ephemeralContainers: { '*': CONTAINER },
  volumes: { '*': VOLUME_SOURCE },
};

const template = (spec: Tree): Tree => ({ template: { spec } });
/**
 * The job spec, with the condition status that defaults to True: SetDefaults_Job at every release
 * podsmith knows (SetDefaults_PodFailurePolicyOnPodConditionsPattern from 1.34; the API servers of
 * 1.31 and 1.33 accept a pattern without a status, test/support/release-cases.ts).
 */
const JOB_SPEC: Tree = {
  ...template(POD_SPEC),
  podFailurePolicy: { rules: { '*': { onPodConditions: { '*': { status: true } } } } },
};

function treeOf(kind: string): Tree | undefined {
  switch (kind) {
    case 'Pod': return { spec: POD_SPEC };
    case 'PodTemplate': return { template: { spec: POD_SPEC } };
    case 'ReplicationController': case 'ReplicaSet': return { spec: template(POD_SPEC) };
    case 'Deployment': return { spec: { ...template(POD_SPEC), strategy: { type: true } } };
    case 'DaemonSet': return { spec: { ...template(POD_SPEC), updateStrategy: { type: true } } };
    case 'StatefulSet': return {
      spec: {
        ...template(POD_SPEC), updateStrategy: { type: true }, podManagementPolicy: true,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: true, whenScaled: true },
      },
    };
    case 'Job': return { spec: JOB_SPEC };
    case 'CronJob': return { spec: { concurrencyPolicy: true, jobTemplate: { spec: JOB_SPEC } } };
    // SetDefaults_Service: a targetPort of 0 or "" is the port
    case 'Service': return { spec: { type: true, sessionAffinity: true, externalTrafficPolicy: true, ports: { '*': { protocol: true, targetPort: 'both' } } } };
    case 'Secret': return { type: true };
    case 'PersistentVolume': return { spec: { persistentVolumeReclaimPolicy: true, ...VOLUME_SOURCE } };
    case 'Endpoints': return { subsets: { '*': { ports: { '*': { protocol: true } } } } };
    default: return undefined;
  }
}

const trees = new Map<string, Tree | undefined>();

/** The object with those empty strings left out (a copy where one is; the object itself where none is). */
export function withoutDefaultedEmpties<T>(obj: T, kind: string): T {
  if (!trees.has(kind)) trees.set(kind, treeOf(kind));
  const tree = trees.get(kind);
  return tree ? (strip(obj, tree) as T) : obj;
}

function strip(v: unknown, tree: Tree): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const each = tree['*'];
    if (each === undefined || typeof each !== 'object') return v;
    let out: unknown[] | undefined;
    v.forEach((x, i) => {
      const y = strip(x, each);
      if (y !== x) (out ??= v.slice())[i] = y;
    });
    return out ?? v;
  }
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(tree)) {
    if (k === '*') continue;
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    const sub = tree[k];
    if (sub === true || sub === 0 || sub === 'both') {
      if ((x === '' && sub !== 0) || (x === 0 && sub !== true)) {
        out ??= { ...(v as Record<string, unknown>) };
        delete out[k];
      }
    } else if (typeof x === 'object') {
      const y = strip(x, sub);
      if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = y;
    }
  }
  return out ?? v;
}
