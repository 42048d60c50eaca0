/**
 * What a workload's Pod is configured with: PodProps and the types its props take (scheduling,
 * DNS, security, host aliases). pod.ts renders them.
 */
import { QuantityInput } from '../quantity';
import { ContainerProps } from './container';
import { NameRef, Seconds } from './interop';
import { Timezone } from './timezone';
import { Volume } from './volumes';

/** Something that names a PriorityClass (the PriorityClass construct, or a name). */
export interface IPriorityClass { readonly name: string }
/** Something that names a docker-registry Secret (the RegistrySecret construct, or a name). */
export interface ISecretRef { readonly name: string }

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/** An /etc/hosts entry (H23): the kubelet owns /etc/hosts, so entries go here. */
export interface HostAlias {
  readonly ip: string;
  readonly hostnames: string[];
}

/** Custom DNS (H13). */
export interface DnsProps {
  /** @default 'ClusterFirst' ('ClusterFirstWithHostNet' with hostNetwork) */
  readonly policy?: DnsPolicy;
  /** Up to 3; required with policy 'None'. @default none */
  readonly nameservers?: string[];
  /** Up to 32 search domains. @default none */
  readonly searches?: string[];
  /** resolv.conf options, e.g. `{ ndots: '2' }`. @default none */
  readonly options?: Record<string, string | undefined>;
}

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: string[];
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: string[];
}

export interface PodAffinityTerm {
  /** Labels of the other Pods. */
  readonly labels?: Record<string, string>;
  readonly expressions?: LabelSelectorRequirement[];
  /** @default 'kubernetes.io/hostname' */
  readonly topologyKey?: string;
  /** Namespaces of the other Pods. @default this Pod's namespace */
  readonly namespaces?: string[];
}

export interface Toleration {
  readonly key?: string;
  /** @default 'Equal' ('Exists' when no value) */
  readonly operator?: 'Equal' | 'Exists';
  readonly value?: string;
  /** @default all effects */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** Only with effect NoExecute. @default forever */
  readonly tolerationSeconds?: number;
}

/** Scheduling (H22). */
export interface SchedulingProps {
  /** Only nodes with these labels, e.g. `{ disktype: 'ssd' }`. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Node affinity that must hold (terms are ORed). @default none */
  readonly requiredNodeAffinity?: NodeSelectorRequirement[][];
  /** Node affinity to prefer, with weights 1–100. @default none */
  readonly preferredNodeAffinity?: { weight: number; match: NodeSelectorRequirement[] }[];
  /** Run next to Pods matching these terms. @default none */
  readonly podAffinity?: PodAffinityTerm[];
  /** Keep away from Pods matching these terms (required). @default none */
  readonly podAntiAffinity?: PodAffinityTerm[];
  /**
   * Spread the workload's own replicas over nodes (preferred anti-affinity on
   * kubernetes.io/hostname). Written for any replica count, so that scaling never changes the
   * Pod template (which would roll every Pod). `false` is the explicit opt-out.
   * @default true for Deployments and StatefulSets
   */
  readonly spreadReplicas?: boolean;
  /**
   * Topology spread constraints over the workload's own Pods (`labelSelector` is the
   * workload's selector labels). @default none
   */
  readonly topologySpread?: TopologySpread[];
  /** @default none */
  readonly tolerations?: Toleration[];
  /** Bind to one node, bypassing the scheduler. @default none */
  readonly nodeName?: string;
}

/** One topology spread constraint (H22): keep the Pods evenly over the domains of a node label. */
export interface TopologySpread {
  /** The node label whose values are the domains. @default 'topology.kubernetes.io/zone' */
  readonly topologyKey?: string;
  /** The largest allowed difference in Pod count between two domains. @default 1 */
  readonly maxSkew?: number;
  /** @default 'ScheduleAnyway' (a preference; 'DoNotSchedule' makes it a requirement) */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
  /** With DoNotSchedule: the number of domains to count even when they have no Pod yet. @default none */
  readonly minDomains?: number;
}

/** The Pod-level security context. */
export interface PodSecurityProps {
  /** @default none */
  readonly fsGroup?: number;
  /** Dockerfile USER's groups (H6). @default none */
  readonly supplementalGroups?: number[];
}

export interface PodProps {
  /** The app containers (at least one). */
  readonly containers: ContainerProps[];
  /** H18: run before the app, one at a time, in this order, each to completion. @default none */
  readonly initContainers?: ContainerProps[];
  /** H18: sidecars, started in order before the app and kept running (restartable init containers, Kubernetes ≥ 1.29). @default none */
  readonly sidecars?: ContainerProps[];
  /** H9. @default none */
  readonly volumes?: Volume[];
  /** H8. @default 'Always' (Deployment, StatefulSet, DaemonSet, Pod), 'OnFailure' (Job, CronJob) */
  readonly restartPolicy?: RestartPolicy;
  /** H3: seconds (or a cdk8s Duration) between SIGTERM and SIGKILL. @default 30 */
  readonly terminationGracePeriodSeconds?: Seconds;
  /** H23. @default none */
  readonly hostAliases?: HostAlias[];
  /** H27: `spec.securityContext.sysctls`; unsafe ones need `allowUnsafeSysctls`. @default none */
  readonly sysctls?: Record<string, string>;
  /** H28: `Timezone.zone('Asia/Shanghai')` (TZ), or a hostPath opt-in `Timezone.hostZone(...)` / `Timezone.node(...)`. @default none (the image's, usually UTC) */
  readonly timezone?: Timezone;
  /** H25: the PriorityClass construct or the name of an existing class. @default none (priority 0 or the cluster's global default) */
  readonly priorityClass?: IPriorityClass | string;
  /** H13. @default { policy: 'ClusterFirst' } */
  readonly dns?: DnsProps;
  /** H15: the Pod's hostname. @default the Pod's name */
  readonly hostname?: string;
  /** H15: FQDN `<hostname>.<subdomain>.<ns>.svc.<domain>`; podsmith creates the headless Service named so. @default none */
  readonly subdomain?: string;
  /** H22. @default none */
  readonly scheduling?: SchedulingProps;
  /** H14: host namespaces, each needs `allowHostNamespaces`. @default false */
  readonly hostNetwork?: boolean;
  /** H14: the node's PID namespace; needs `allowHostNamespaces`. @default false */
  readonly hostPID?: boolean;
  /** H14: the node's IPC namespace; needs `allowHostNamespaces`. @default false */
  readonly hostIPC?: boolean;
  /** H5: one PID namespace for all containers (not with hostPID). @default false */
  readonly shareProcessNamespace?: boolean;
  /** H21: bandwidth limits honoured by the CNI bandwidth plugin, e.g. `{ ingress: '10M' }`. @default none */
  readonly bandwidth?: { readonly ingress?: QuantityInput; readonly egress?: QuantityInput };
  /** H10: docker-registry Secrets for pulling images: RegistrySecret, kplus Secret, or a name. @default none (the ServiceAccount's) */
  readonly imagePullSecrets?: NameRef[];
  /** The ServiceAccount the Pods run as: podsmith's or kplus's ServiceAccount, or a name. @default the namespace's default ServiceAccount */
  readonly serviceAccount?: NameRef;
  /** The same as `serviceAccount` (the API's field name). @default the namespace's default ServiceAccount */
  readonly serviceAccountName?: NameRef;
  /** Mount an API token into the containers. @default false (most workloads never call the API) */
  readonly automountServiceAccountToken?: boolean;
  /** @default none */
  readonly securityContext?: PodSecurityProps;
  /** Labels added to the Pods (the selector label is always there). @default none */
  readonly podLabels?: Record<string, string>;
  /** Annotations added to the Pods. @default none */
  readonly podAnnotations?: Record<string, string>;
  /** Opt-in: hostNetwork, hostPID or hostIPC (H14). @default false */
  readonly allowHostNamespaces?: boolean;
  /** Opt-in: sysctls outside the kubelet's safe list (H27); the nodes must allow them. @default false */
  readonly allowUnsafeSysctls?: boolean;
  /** Opt-in: hostPath volumes other than the timezone's zone file. @default false */
  readonly allowHostPath?: boolean;
}
