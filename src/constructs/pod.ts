/**
 * The Pod part every workload shares: containers, init containers and sidecars, volumes and
 * everything the handbook configures at Pod level (H3, H5, H10, H13–H15, H18, H21–H25, H27, H28).
 */
import { PodsmithError } from '../errors';
import { Quantity, QuantityInput, toQuantity } from '../quantity';
import { isSafeSysctl, isValidSysctlName, normalizeSysctlName, sysctlNamespace } from '../sysctls';
import { dns1123Label, dns1123Subdomain, ipAddress, isUserOrGroupId, labelValue, qualifiedName } from '../validate/names';
import { ContainerContext, ContainerProps, renderContainer } from './container';
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
   * kubernetes.io/hostname). `false` is the explicit opt-out.
   * @default true for workloads with more than one replica
   */
  readonly spreadReplicas?: boolean;
  /** @default none */
  readonly tolerations?: Toleration[];
  /** Bind to one node, bypassing the scheduler. @default none */
  readonly nodeName?: string;
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
  /** H3: seconds between SIGTERM and SIGKILL. @default 30 */
  readonly terminationGracePeriodSeconds?: number;
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
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  /** H5: one PID namespace for all containers (not with hostPID). @default false */
  readonly shareProcessNamespace?: boolean;
  /** H21: bandwidth limits honoured by the CNI bandwidth plugin, e.g. `{ ingress: '10M' }`. @default none */
  readonly bandwidth?: { readonly ingress?: QuantityInput; readonly egress?: QuantityInput };
  /** H10: docker-registry Secrets for pulling images. @default none (the ServiceAccount's) */
  readonly imagePullSecrets?: (ISecretRef | string)[];
  /** @default the namespace's default ServiceAccount */
  readonly serviceAccountName?: string;
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

/** The annotation keys podsmith writes. */
export const ANNOTATIONS = {
  /** Rules the object opts out of (DESIGN.md): `RULE[,RULE…]`. */
  ignore: 'podsmith.dev/ignore',
  /** The opt-in props that caused them. */
  optIn: 'podsmith.dev/opt-in',
  /** Props that took podsmith's default, so defaults are visible in the output. */
  defaults: 'podsmith.dev/defaults',
} as const;

export interface RenderedPod {
  readonly metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: Record<string, any>;
  /** Annotations for the owning object too (the same ignore / opt-in / defaults). */
  readonly annotations: Record<string, string>;
}

export interface PodRenderOptions {
  readonly where: string;
  readonly kind: 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
  readonly selectorLabels: Record<string, string>;
  readonly replicas?: number;
  /** Extra defaults collected by the workload (replicas, pdb, …). */
  readonly defaults?: Iterable<string>;
  readonly ignores?: Iterable<string>;
  readonly optIns?: Iterable<string>;
}

const TZ_VOLUME = 'podsmith-timezone';
export function isIp(s: string): boolean {
  return ipAddress(s).length === 0;
}

function fail(where: string, prop: string, problem: string, fix: string): never {
  throw new PodsmithError(where, prop, problem, fix);
}

const BATCH = new Set(['Job', 'CronJob']);

/** Renders the Pod template of a workload (or a bare Pod's spec). */
export function renderPod(props: PodProps, opts: PodRenderOptions): RenderedPod {
  const where = opts.where;
  const ignores = new Set<string>(opts.ignores ?? []);
  const optIns = new Set<string>(opts.optIns ?? []);
  const defaults = new Set<string>(opts.defaults ?? []);
  const batch = BATCH.has(opts.kind);

  if (!props.containers?.length) fail(where, 'containers', 'a Pod needs at least one container', 'add a container');

  // H8: restartPolicy per kind
  const restartPolicy = props.restartPolicy ?? (batch ? 'OnFailure' : 'Always');
  if (!props.restartPolicy) defaults.add('restartPolicy');
  if (batch && restartPolicy === 'Always') {
    fail(where, 'restartPolicy', `a ${opts.kind} runs to completion: restartPolicy must be OnFailure or Never`, "use 'OnFailure' (retry in place) or 'Never' (new Pod per retry)");
  }
  if (!batch && opts.kind !== 'Pod' && restartPolicy !== 'Always') {
    fail(where, 'restartPolicy', `a ${opts.kind} keeps its Pods running: restartPolicy must be Always`, 'leave restartPolicy unset, or use a Job for run-to-completion work');
  }

  // H14 host namespaces, H5 shared PID namespace
  const hostNs = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => props[k]);
  if (hostNs.length) {
    if (!props.allowHostNamespaces) {
      fail(where, hostNs[0], `puts the Pod into the node's ${hostNs.join(', ')} namespace (H14)`, 'remove it, or set allowHostNamespaces: true');
    }
    optIns.add('allowHostNamespaces');
    ignores.add('host.namespaces');
  }
  if (props.shareProcessNamespace && props.hostPID) {
    fail(where, 'shareProcessNamespace', 'ShareProcessNamespace and HostPID cannot both be enabled', 'use one of them');
  }

  // volumes (H9), timezone (H28)
  const volumes = (props.volumes ?? []).map((v) => v.toJson());
  const extraMounts: { name: string; mountPath: string; readOnly: boolean }[] = [];
  const extraEnv: { name: string; value: string }[] = [];
  if (props.timezone) {
    const tz = props.timezone.json;
    if (tz.hostFile) {
      volumes.push({ name: TZ_VOLUME, hostPath: { path: tz.hostFile, type: 'File' } });
      extraMounts.push({ name: TZ_VOLUME, mountPath: '/etc/localtime', readOnly: true });
    }
    if (tz.tz) extraEnv.push({ name: 'TZ', value: tz.tz });
  }
  const volumeNames = new Set<string>();
  volumes.forEach((v, i) => {
    const name = v.name as string;
    if (dns1123Label(name).length) fail(where, `volumes[${i}].name`, `'${name}' must be a DNS-1123 label`, "rename the volume, e.g. 'data'");
    if (volumeNames.has(name)) fail(where, `volumes[${i}].name`, `duplicate volume name '${name}'`, 'give each volume its own name');
    volumeNames.add(name);
    if (v.hostPath && name !== TZ_VOLUME) {
      if (!props.allowHostPath) fail(where, `volumes[${i}]`, `hostPath '${(v.hostPath as { path: string }).path}' gives the Pod access to the node`, 'use another volume type, or set allowHostPath: true');
      optIns.add('allowHostPath');
      ignores.add('security.host-path');
    }
  });

  const grace = props.terminationGracePeriodSeconds ?? 30;
  if (props.terminationGracePeriodSeconds === undefined) defaults.add('terminationGracePeriodSeconds');
  if (!Number.isInteger(grace) || grace < 0) fail(where, 'terminationGracePeriodSeconds', `must be a whole number ≥ 0, got ${grace}`, 'use e.g. 30');
  const ctxFor = (field: string, role: ContainerContext['role']): ContainerContext => ({
    where, field, role, batch, volumes: volumeNames, extraMounts, extraEnv, ignores, optIns, defaults, grace,
  });
  const names = new Set<string>();
  const render = (list: ContainerProps[] | undefined, field: string, role: ContainerContext['role']) => (list ?? []).map((c, i) => {
    if (names.has(c.name)) fail(where, `${field}[${i}].name`, `duplicate container name '${c.name}'`, 'give each container its own name');
    names.add(c.name);
    return renderContainer(ctxFor(`${field}[${i}]`, role), c);
  });
  // sidecars are init containers with restartPolicy Always; they start before the ordered init steps
  const sidecars = render(props.sidecars, 'sidecars', 'sidecar');
  const initContainers = render(props.initContainers, 'initContainers', 'init');
  const containers = render(props.containers, 'containers', 'app');

  const spec: Record<string, any> = {};
  spec.restartPolicy = restartPolicy;
  spec.terminationGracePeriodSeconds = grace;
  if (sidecars.length || initContainers.length) spec.initContainers = [...sidecars, ...initContainers];
  spec.containers = containers;
  if (volumes.length) spec.volumes = volumes;

  // H13 DNS
  const dns = props.dns ?? {};
  const dnsPolicy = dns.policy ?? (props.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst');
  if (!dns.policy) defaults.add('dnsPolicy');
  if (dnsPolicy === 'None' && !dns.nameservers?.length) {
    fail(where, 'dns.nameservers', "dnsPolicy None needs at least one nameserver in dnsConfig", 'add nameservers, or use another policy');
  }
  if ((dns.nameservers?.length ?? 0) > 3) fail(where, 'dns.nameservers', `must not have more than 3 nameservers, got ${dns.nameservers!.length}`, 'keep three');
  dns.nameservers?.forEach((ns, i) => { if (!isIp(ns)) fail(where, `dns.nameservers[${i}]`, `'${ns}' must be a valid IP address`, 'use an IP address'); });
  if ((dns.searches?.length ?? 0) > 32) fail(where, 'dns.searches', `must not have more than 32 search paths`, 'keep 32 or fewer');
  spec.dnsPolicy = dnsPolicy;
  if (dns.nameservers || dns.searches || dns.options) {
    spec.dnsConfig = {
      ...(dns.nameservers ? { nameservers: dns.nameservers } : {}),
      ...(dns.searches ? { searches: dns.searches } : {}),
      ...(dns.options ? { options: Object.entries(dns.options).map(([name, value]) => (value === undefined ? { name } : { name, value })) } : {}),
    };
  }
  if (props.hostNetwork) {
    spec.hostNetwork = true;
    // in the node's network namespace each port is the node's: the API server refuses a bare Pod
    // whose containers share one, and a controller's Pods would be refused the same way
    const used = new Map<string, string>();
    const running: Array<[string, any[]]> = [['sidecars', sidecars], ['containers', containers]];
    for (const [field, list] of running) {
      list.forEach((c: any, i: number) => (c.ports ?? []).forEach((port: any, j: number) => {
        const key = `${port.containerPort}/${port.protocol ?? 'TCP'}`;
        const other = used.get(key);
        if (other) fail(where, `${field}[${i}].ports[${j}]`, `port ${key} is already used by ${other}, and with hostNetwork both are the node's port`, 'give each container its own port');
        used.set(key, `${field}[${i}]`);
      }));
    }
  }
  if (props.hostPID) spec.hostPID = true;
  if (props.hostIPC) spec.hostIPC = true;
  if (props.shareProcessNamespace) spec.shareProcessNamespace = true;

  // H15 hostname and subdomain
  for (const k of ['hostname', 'subdomain'] as const) {
    const v = props[k];
    if (v !== undefined && dns1123Label(v).length) fail(where, k, `'${v}' must be a DNS-1123 label`, 'use lower case letters, digits and -');
  }
  if (props.hostname) spec.hostname = props.hostname;
  if (props.subdomain) spec.subdomain = props.subdomain;

  // H23 hostAliases
  if (props.hostAliases?.length) {
    spec.hostAliases = props.hostAliases.map((a, i) => {
      if (!isIp(a.ip)) fail(where, `hostAliases[${i}].ip`, `'${a.ip}' must be a valid IP address`, 'use an IPv4 or IPv6 address');
      if (!a.hostnames.length) fail(where, `hostAliases[${i}].hostnames`, 'needs at least one hostname', 'add a hostname');
      a.hostnames.forEach((h, j) => {
        if (dns1123Subdomain(h).length) fail(where, `hostAliases[${i}].hostnames[${j}]`, `'${h}' must be a lowercase DNS-1123 subdomain`, "use lower case letters, digits, - and ., e.g. 'legacy.example.internal'");
      });
      return { ip: a.ip, hostnames: [...a.hostnames] };
    });
  }

  // H27 sysctls
  const security: Record<string, unknown> = {};
  const fsGroup = props.securityContext?.fsGroup;
  if (fsGroup !== undefined && !isUserOrGroupId(fsGroup)) fail(where, 'securityContext.fsGroup', `must be a group ID from 0 to 2147483647, got ${fsGroup}`, 'use a numeric GID');
  props.securityContext?.supplementalGroups?.forEach((g, i) => {
    if (!isUserOrGroupId(g)) fail(where, `securityContext.supplementalGroups[${i}]`, `must be a group ID from 0 to 2147483647, got ${g}`, 'use a numeric GID');
  });
  if (fsGroup !== undefined) security.fsGroup = fsGroup;
  if (props.securityContext?.supplementalGroups) security.supplementalGroups = [...props.securityContext.supplementalGroups];
  if (props.sysctls && Object.keys(props.sysctls).length) {
    const seen = new Set<string>();
    security.sysctls = Object.entries(props.sysctls).map(([name, value]) => {
      const n = normalizeSysctlName(name);
      if (!isValidSysctlName(name)) fail(where, `sysctls[${name}]`, `'${name}' is not a valid sysctl name`, "use a name like 'net.ipv4.ip_local_port_range'");
      if (seen.has(n)) fail(where, `sysctls[${name}]`, `duplicate sysctl '${n}'`, 'set it once');
      seen.add(n);
      const ns = sysctlNamespace(n);
      if (ns === 'net' && props.hostNetwork) fail(where, `sysctls[${name}]`, `sysctl '${n}' is not allowed with hostNetwork enabled`, 'drop the sysctl or hostNetwork');
      if (ns === 'ipc' && props.hostIPC) fail(where, `sysctls[${name}]`, `sysctl '${n}' is not allowed with hostIPC enabled`, 'drop the sysctl or hostIPC');
      if (!isSafeSysctl(n)) {
        if (!ns) fail(where, `sysctls[${name}]`, `'${n}' is not namespaced: setting it would change the whole node`, 'set it on the node instead');
        if (!props.allowUnsafeSysctls) {
          fail(where, `sysctls[${name}]`, `'${n}' is not a safe sysctl: kubelets reject the Pod unless --allowed-unsafe-sysctls names it (H27)`,
            'use a safe sysctl, or set allowUnsafeSysctls: true and allow it on the nodes');
        }
        optIns.add('allowUnsafeSysctls');
        ignores.add('sysctls.unsafe');
      }
      return { name: n, value: String(value) };
    });
  }
  if (Object.keys(security).length) spec.securityContext = security;

  // H22 scheduling
  const s = props.scheduling ?? {};
  for (const [k, v] of Object.entries(s.nodeSelector ?? {})) {
    const problem = qualifiedName(k)[0] ?? labelValue(v)[0];
    if (problem) fail(where, `scheduling.nodeSelector[${k}]`, `'${qualifiedName(k).length ? k : v}': ${problem}`, "use a node label such as { 'disktype': 'ssd' }");
  }
  if (s.nodeSelector) spec.nodeSelector = { ...s.nodeSelector };
  if (s.nodeName) spec.nodeName = s.nodeName;
  if (s.requiredNodeAffinity && !s.requiredNodeAffinity.length) {
    fail(where, 'scheduling.requiredNodeAffinity', 'needs at least one node selector term', 'add a term, or drop requiredNodeAffinity');
  }
  s.requiredNodeAffinity?.forEach((t, i) => checkRequirements(where, `scheduling.requiredNodeAffinity[${i}]`, t, true));
  s.preferredNodeAffinity?.forEach((p, i) => checkRequirements(where, `scheduling.preferredNodeAffinity[${i}].match`, p.match, true));
  s.podAffinity?.forEach((t, i) => checkAffinityTerm(where, `scheduling.podAffinity[${i}]`, t));
  s.podAntiAffinity?.forEach((t, i) => checkAffinityTerm(where, `scheduling.podAntiAffinity[${i}]`, t));
  const affinity: Record<string, unknown> = {};
  if (s.requiredNodeAffinity || s.preferredNodeAffinity) {
    affinity.nodeAffinity = {
      ...(s.requiredNodeAffinity ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: s.requiredNodeAffinity.map((t) => ({ matchExpressions: t })) } } : {}),
      ...(s.preferredNodeAffinity ? {
        preferredDuringSchedulingIgnoredDuringExecution: s.preferredNodeAffinity.map((p, i) => {
          if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) fail(where, `scheduling.preferredNodeAffinity[${i}].weight`, `must be in the range 1-100, got ${p.weight}`, 'use a weight from 1 to 100');
          return { weight: p.weight, preference: { matchExpressions: p.match } };
        }),
      } : {}),
    };
  }
  const term = (t: PodAffinityTerm) => ({
    labelSelector: { ...(t.labels ? { matchLabels: t.labels } : {}), ...(t.expressions ? { matchExpressions: t.expressions } : {}) },
    topologyKey: t.topologyKey ?? 'kubernetes.io/hostname',
    ...(t.namespaces ? { namespaces: t.namespaces } : {}),
  });
  if (s.podAffinity?.length) affinity.podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: s.podAffinity.map(term) };
  const multi = (opts.replicas ?? 1) > 1;
  const spread = s.spreadReplicas ?? multi;
  if (s.spreadReplicas === undefined && multi) defaults.add('scheduling.spreadReplicas');
  if (s.spreadReplicas === false && multi) ignores.add('scheduling.anti-affinity-missing');
  if (s.podAntiAffinity?.length || spread) {
    affinity.podAntiAffinity = {
      ...(s.podAntiAffinity?.length ? { requiredDuringSchedulingIgnoredDuringExecution: s.podAntiAffinity.map(term) } : {}),
      ...(spread ? {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { ...opts.selectorLabels } }, topologyKey: 'kubernetes.io/hostname' },
        }],
      } : {}),
    };
  }
  if (Object.keys(affinity).length) spec.affinity = affinity;
  if (s.tolerations?.length) {
    spec.tolerations = s.tolerations.map((t, i) => {
      const operator = t.operator ?? (t.value === undefined ? 'Exists' : 'Equal');
      if (operator === 'Exists' && t.value) fail(where, `scheduling.tolerations[${i}].value`, "value must be empty when operator is 'Exists'", 'drop the value or use Equal');
      if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') fail(where, `scheduling.tolerations[${i}].effect`, "must be 'NoExecute' when tolerationSeconds is set", "set effect: 'NoExecute'");
      if (!t.key && operator !== 'Exists') fail(where, `scheduling.tolerations[${i}].operator`, "operator must be Exists when key is empty, which means 'match all values and all keys'", "set operator 'Exists' or give a key");
      return { ...(t.key ? { key: t.key } : {}), operator, ...(t.value !== undefined ? { value: t.value } : {}), ...(t.effect ? { effect: t.effect } : {}), ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: t.tolerationSeconds } : {}) };
    });
  }

  // H25 priority
  if (props.priorityClass) {
    spec.priorityClassName = typeof props.priorityClass === 'string' ? props.priorityClass : props.priorityClass.name;
    const problem = dns1123Subdomain(spec.priorityClassName)[0];
    if (problem) fail(where, 'priorityClass', `'${spec.priorityClassName}': ${problem}`, "name the PriorityClass in lower case, e.g. 'high-priority'");
  }
  // H10 image pull secrets
  if (props.imagePullSecrets?.length) spec.imagePullSecrets = props.imagePullSecrets.map((s2) => ({ name: typeof s2 === 'string' ? s2 : s2.name }));
  if (props.serviceAccountName !== undefined) {
    const problem = dns1123Subdomain(props.serviceAccountName)[0];
    if (problem) fail(where, 'serviceAccountName', `'${props.serviceAccountName}': ${problem}`, "name the ServiceAccount in lower case, e.g. 'app'");
    spec.serviceAccountName = props.serviceAccountName;
  }
  spec.automountServiceAccountToken = props.automountServiceAccountToken ?? false;
  if (props.automountServiceAccountToken === undefined) defaults.add('automountServiceAccountToken');

  // H21 bandwidth
  checkMetadataMap(where, 'podLabels', props.podLabels, 'label');
  checkMetadataMap(where, 'podAnnotations', props.podAnnotations, 'annotation');
  const podAnnotations: Record<string, string> = { ...(props.podAnnotations ?? {}) };
  for (const dir of ['ingress', 'egress'] as const) {
    const v = props.bandwidth?.[dir];
    if (v === undefined) continue;
    let q: Quantity;
    try {
      q = toQuantity(v, `bandwidth.${dir}`);
    } catch (e) {
      return fail(where, `bandwidth.${dir}`, (e as Error).message, "write bits per second as a quantity, e.g. '10M'");
    }
    // the kubelet's bounds for the bandwidth annotations: 1k to 1P bits per second
    if (q.compare(Quantity.parse('1k')) < 0 || q.compare(Quantity.parse('1P')) > 0) {
      fail(where, `bandwidth.${dir}`, `${q} is outside 1k..1P bits per second`, "use a value such as '10M'");
    }
    podAnnotations[`kubernetes.io/${dir}-bandwidth`] = q.toString();
  }

  const annotations: Record<string, string> = {};
  if (ignores.size) annotations[ANNOTATIONS.ignore] = [...ignores].sort().join(',');
  if (optIns.size) annotations[ANNOTATIONS.optIn] = [...optIns].sort().join(',');
  if (defaults.size) annotations[ANNOTATIONS.defaults] = [...defaults].sort().join(',');
  const templateAnnotations = { ...podAnnotations, ...annotations };
  return {
    metadata: {
      labels: { ...(props.podLabels ?? {}), ...opts.selectorLabels },
      ...(Object.keys(templateAnnotations).length ? { annotations: templateAnnotations } : {}),
    },
    spec,
    annotations,
  };
}

/**
 * Label and annotation maps (H29): keys are qualified names (`example.com/tier`), label values
 * at most 63 characters of [A-Za-z0-9-_.]; annotation values are free text. The API server's
 * rules, from the validator's names module.
 */
export function checkMetadataMap(where: string, prop: string, map: Record<string, string> | undefined, what: 'label' | 'annotation'): void {
  for (const [k, v] of Object.entries(map ?? {})) {
    const keyProblem = qualifiedName(k)[0];
    if (keyProblem) fail(where, `${prop}[${k}]`, `'${k}' is not a valid ${what} key: ${keyProblem}`, "use a key such as 'tier' or 'example.com/tier'");
    if (typeof v !== 'string') fail(where, `${prop}[${k}]`, `the ${what} value must be a string, got ${typeof v}`, "quote it, e.g. '1'");
    const valueProblem = what === 'label' ? labelValue(v)[0] : undefined;
    if (valueProblem) fail(where, `${prop}[${k}]`, `'${v}' is not a valid label value: ${valueProblem}`, "use at most 63 letters, digits, '-', '_' or '.'");
  }
}

/** Selector requirements (H22) as the API server checks them: key, operator and values agree. */
function checkRequirements(where: string, prop: string, exprs: ReadonlyArray<{ key: string; operator: string; values?: string[] }>, node: boolean): void {
  exprs.forEach((e, i) => {
    const p = `${prop}[${i}]`;
    const keyProblem = qualifiedName(e.key)[0];
    if (keyProblem) fail(where, `${p}.key`, `'${e.key}': ${keyProblem}`, "use a label key such as 'kubernetes.io/arch'");
    const values = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      fail(where, `${p}.values`, `operator ${e.operator} needs at least one value`, 'list the values, or use Exists');
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      fail(where, `${p}.values`, `operator ${e.operator} takes no values`, 'drop the values, or use In');
    }
    if (node && (e.operator === 'Gt' || e.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]))) {
      fail(where, `${p}.values`, `operator ${e.operator} needs exactly one whole-number value`, "e.g. values: ['4']");
    }
    if (!node) {
      for (const v of values) {
        const problem = labelValue(v)[0];
        if (problem) fail(where, `${p}.values`, `'${v}' is not a valid label value: ${problem}`, "use at most 63 letters, digits, '-', '_' or '.'");
      }
    }
  });
}

/** A pod (anti-)affinity term: a topology key and a label selector (H22). */
function checkAffinityTerm(where: string, prop: string, t: PodAffinityTerm): void {
  if (t.topologyKey !== undefined) {
    const problem = t.topologyKey === '' ? 'must not be empty' : qualifiedName(t.topologyKey)[0];
    if (problem) fail(where, `${prop}.topologyKey`, `'${t.topologyKey}': ${problem}`, "use a node label key such as 'topology.kubernetes.io/zone'");
  }
  checkMetadataMap(where, `${prop}.labels`, t.labels, 'label');
  checkRequirements(where, `${prop}.expressions`, t.expressions ?? [], false);
}
