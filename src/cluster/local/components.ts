/** The cluster's components: their start order and the executable each PID must run. */

/** Components in start order. */
export const COMPONENTS = [
  'etcd',
  'containerd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'coredns',
] as const;
export type Component = (typeof COMPONENTS)[number];

/** The executable each component's PID must run (checked before trusting or killing a PID). */
export const EXE_NAMES: Record<Component, string> = {
  'etcd': 'etcd',
  'containerd': 'containerd',
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  'kubelet': 'kubelet',
  'kube-proxy': 'kube-proxy',
  'coredns': 'coredns',
};
