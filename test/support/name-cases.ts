/**
 * Object names by kind, each with the verdict a 1.34 API server gives (server-side dry-run): the
 * rules that are not the usual DNS subdomain. The API server's validation of every release
 * 1.27-1.37 reads the same here (k8s.io/kubernetes pkg/apis: ValidateStatefulSetName is
 * NameIsDNSLabel; ValidatePodDisruptionBudget checks no name, so only the storage's path segment
 * rule holds; a Job's name goes into its Pod template's job-name labels unless its selector is
 * manual). Found by sending real objects with other names (Zookeeper_pdb, a.b, 64 characters).
 */
const named = (name: string, o: any) => ({ ...o, metadata: { ...o.metadata, name } });
const pdb = (name: string) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
const sts = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
  spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});
const job = (metadata: any, spec: any = {}, labels?: any) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata,
  spec: { ...spec, template: { ...(labels ? { metadata: { labels } } : {}), spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});
const deployment = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});
const long = (n: number) => `n${'a'.repeat(n - 1)}`;
/** A StatefulSet with one claim template (metadata as given) and the template's own volumes. */
const claimed = (metadata: any, volumes?: any[]) => {
  const o = sts('db');
  return {
    ...o, spec: {
      ...o.spec,
      template: { ...o.spec.template, spec: { ...o.spec.template.spec, ...(volumes ? { volumes } : {}) } },
      volumeClaimTemplates: [{ metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
};

/** [description, object, accepted by the API server] */
export const NAME_CASES: Array<[string, any, boolean]> = [
  ['PodDisruptionBudget named with capitals and an underscore (no DNS rule for its name)', pdb('Zookeeper_pdb'), true],
  ['PodDisruptionBudget named with a star', pdb('zookeeper*-pdb'), true],
  ['PodDisruptionBudget named with a colon', pdb('system:pdb'), true],
  ['PodDisruptionBudget named with a slash (no path segment)', pdb('a/b'), false],
  ['PodDisruptionBudget named with a percent sign (no path segment)', pdb('a%b'), false],
  ['PodDisruptionBudget named ..', pdb('..'), false],
  ['PodDisruptionBudget named as a DNS subdomain', pdb('web.pdb'), true],
  ['StatefulSet named with a dot (a DNS label: its Pods are host names)', sts('db.primary'), false],
  ['StatefulSet named with 63 characters', sts(long(63)), true],
  ['StatefulSet named with 64 characters', sts(long(64)), false],
  ['StatefulSet named starting with a digit', sts('1db'), true],
  ['StatefulSet named with capitals', sts('Db'), false],
  ['Deployment named with a dot and 64 characters (a DNS subdomain)', named(`a.${long(62)}`, deployment('x')), true],
  ['Job named with 63 characters', job({ name: long(63) }), true],
  ['Job named with 64 characters (its Pods\' job-name label)', job({ name: long(64) }), false],
  ['Job named with a dot and 64 characters', job({ name: `a.${long(62)}` }), false],
  ['Job named with 64 characters and a manual selector', job({ name: long(64) }, { manualSelector: true, selector: { matchLabels: { app: 'batch' } } }, { app: 'batch' }), true],
  ['Job with a generateName of 70 characters (the server cuts it to 58)', job({ generateName: long(70) }), true],
  // a LimitRange created without a name is given a UUID (its storage strategy); other kinds are refused
  ['LimitRange without a name', { apiVersion: 'v1', kind: 'LimitRange', metadata: {}, spec: { limits: [{ type: 'Container', default: { memory: '512Mi' } }] } }, true],
  ['LimitRange without metadata', { apiVersion: 'v1', kind: 'LimitRange', spec: { limits: [{ type: 'Container', default: { memory: '512Mi' } }] } }, true],
  ['ResourceQuota without a name', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: {}, spec: { hard: { pods: '10' } } }, false],
  // a claim template's name is the name of a volume of the Pod template (from 1.34 validated with it; before, its Pods are refused)
  ['StatefulSet claim template named data', claimed({ name: 'data' }), true],
  ['StatefulSet claim template named 190:20:30 (a volume name is a DNS label)', claimed({ name: '190:20:30' }), false],
  ['StatefulSet claim template named with capitals', claimed({ name: 'Data' }), false],
  ['StatefulSet claim template named with a dot', claimed({ name: 'data.x' }), false],
  ['StatefulSet claim template named with 64 characters', claimed({ name: long(64) }), false],
  ['StatefulSet claim template without a name', claimed({}), false],
  ['StatefulSet claim template with only a generateName', claimed({ generateName: 'data' }), false],
  ['StatefulSet claim template named as a template volume it replaces', claimed({ name: 'data' }, [{ name: 'data', emptyDir: {} }]), true],
];
