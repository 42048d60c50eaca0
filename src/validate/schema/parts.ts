/** How the precompiled validators of a release are split into two files (standalone.ts). */

/** The kinds most bundles hold (workloads and what sits beside them): one file, loaded first. */
const COMMON_KINDS = new Set([
  'v1/Pod', 'v1/PodTemplate', 'v1/ReplicationController', 'v1/Service', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount',
  'v1/Namespace', 'v1/PersistentVolumeClaim', 'v1/LimitRange', 'v1/ResourceQuota',
  'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'batch/v1/CronJob',
  'policy/v1/PodDisruptionBudget', 'scheduling.k8s.io/v1/PriorityClass', 'networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress', 'autoscaling/v2/HorizontalPodAutoscaler',
]);

/** Which precompiled file of a release holds a kind: `common` or `more`. */
export function partOf(gvk: string): 'common' | 'more' {
  return COMMON_KINDS.has(gvk) ? 'common' : 'more';
}
