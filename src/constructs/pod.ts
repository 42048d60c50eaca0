/**
 * The Pod part every workload shares: containers, init containers and sidecars, volumes and
 * everything the handbook configures at Pod level (H3, H5, H10, H13–H15, H18, H21–H25, H27, H28).
 */
import { Quantity, toQuantity } from '../quantity';
import { isSafeSysctl, isValidSysctlName, normalizeSysctlName, sysctlNamespace } from '../sysctls';
import { dns1123Label, dns1123Subdomain, ipAddress, isUserOrGroupId, labelValue, qualifiedName } from '../validate/names';
import { ContainerContext, ContainerProps, renderContainer } from './container';
import { nameOf, seconds } from './interop';
import { checkAffinityTerm, checkMetadataMap, checkRequirements, fail } from './pod-checks';
import type { PodAffinityTerm, PodProps, TopologySpread } from './pod-props';

// the props and the checks were split out of this file by job: what imported them from here still does
export * from './pod-props';
export { checkMetadataMap } from './pod-checks';

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
  /**
   * The template's metadata: labels, the user's Pod annotations and the ignore / opt-in
   * annotations the Pod's own props cause. Nothing about defaults or replicas, so that
   * equivalent props give a byte-identical template and scaling never rolls the Pods.
   */
  readonly metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: Record<string, any>;
  /** Collected for the owning object's annotations: rules opted out of, opt-in props, props that took a default. */
  readonly ignores: ReadonlySet<string>;
  readonly optIns: ReadonlySet<string>;
  readonly defaults: ReadonlySet<string>;
}

export interface PodRenderOptions {
  readonly where: string;
  readonly kind: 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
  readonly selectorLabels: Record<string, string>;
  /** Deployments and StatefulSets spread their replicas by default (at any replica count). */
  readonly replicated?: boolean;
  /** Volume names mountable besides `volumes` (a StatefulSet's volumeClaimTemplates). */
  readonly claimNames?: Iterable<string>;
}

const TZ_VOLUME = 'podsmith-timezone';
export function isIp(s: string): boolean {
  return ipAddress(s).length === 0;
}

const BATCH = new Set(['Job', 'CronJob']);

/** Renders the Pod template of a workload (or a bare Pod's spec). */
export function renderPod(props: PodProps, opts: PodRenderOptions): RenderedPod {
  const where = opts.where;
  const ignores = new Set<string>();
  const optIns = new Set<string>();
  const defaults = new Set<string>();
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
  const claimNames = new Set<string>(opts.claimNames ?? []);
  volumes.forEach((v, i) => {
    const name = v.name as string;
    if (dns1123Label(name).length) fail(where, `volumes[${i}].name`, `'${name}' must be a DNS-1123 label`, "rename the volume, e.g. 'data'");
    if (volumeNames.has(name)) fail(where, `volumes[${i}].name`, `duplicate volume name '${name}'`, 'give each volume its own name');
    if (claimNames.has(name)) fail(where, `volumes[${i}].name`, `'${name}' is also the name of a volumeClaimTemplate`, 'give the volume another name');
    volumeNames.add(name);
    if (v.hostPath && name !== TZ_VOLUME) {
      if (!props.allowHostPath) fail(where, `volumes[${i}]`, `hostPath '${(v.hostPath as { path: string }).path}' gives the Pod access to the node`, 'use another volume type, or set allowHostPath: true');
      optIns.add('allowHostPath');
      ignores.add('security.host-path');
    }
  });

  const grace = seconds(where, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds) ?? 30;
  if (props.terminationGracePeriodSeconds === undefined) defaults.add('terminationGracePeriodSeconds');
  const mountable = new Set<string>([...volumeNames, ...claimNames]);
  const ctxFor = (field: string, role: ContainerContext['role']): ContainerContext => ({
    where, field, role, batch, volumes: mountable, extraMounts, extraEnv, ignores, optIns, defaults, grace,
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
  // the spread preference does not depend on the replica count: scaling must not change the template
  const replicated = opts.replicated === true;
  const spread = s.spreadReplicas ?? replicated;
  if (s.spreadReplicas === undefined && replicated) defaults.add('scheduling.spreadReplicas');
  if (s.spreadReplicas === false && replicated) ignores.add('scheduling.anti-affinity-missing');
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
  if (s.topologySpread?.length) spec.topologySpreadConstraints = s.topologySpread.map((t, i) => topologySpread(where, `scheduling.topologySpread[${i}]`, t, opts.selectorLabels));
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
  if (props.imagePullSecrets?.length) spec.imagePullSecrets = props.imagePullSecrets.map((s2, i) => ({ name: nameOf(where, `imagePullSecrets[${i}]`, s2) }));
  if (props.serviceAccount !== undefined && props.serviceAccountName !== undefined) {
    fail(where, 'serviceAccount', 'serviceAccount and serviceAccountName are the same field', 'set one of them');
  }
  const saProp = props.serviceAccount !== undefined ? 'serviceAccount' : 'serviceAccountName';
  const sa = props.serviceAccount ?? props.serviceAccountName;
  if (sa !== undefined) {
    const name = nameOf(where, saProp, sa);
    const problem = dns1123Subdomain(name)[0];
    if (problem) fail(where, saProp, `'${name}': ${problem}`, "name the ServiceAccount in lower case, e.g. 'app'");
    spec.serviceAccountName = name;
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

  // ignore and opt-in follow from the Pod's own props (a Pod may be created from the template
  // alone); defaults are about the props, not the Pod, and live on the workload object only
  const templateAnnotations = { ...podAnnotations, ...annotationsOf(ignores, optIns, new Set()) };
  return {
    metadata: {
      labels: { ...(props.podLabels ?? {}), ...opts.selectorLabels },
      ...(Object.keys(templateAnnotations).length ? { annotations: templateAnnotations } : {}),
    },
    spec,
    ignores,
    optIns,
    defaults,
  };
}

/** The ignore / opt-in / defaults annotations for these sets (sorted, comma-separated). */
export function annotationsOf(ignores: Iterable<string>, optIns: Iterable<string>, defaults: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, set] of [[ANNOTATIONS.ignore, ignores], [ANNOTATIONS.optIn, optIns], [ANNOTATIONS.defaults, defaults]] as const) {
    const list = [...new Set(set)].sort();
    if (list.length) out[key] = list.join(',');
  }
  return out;
}

function topologySpread(where: string, prop: string, t: TopologySpread, selector: Record<string, string>): Record<string, unknown> {
  const maxSkew = t.maxSkew ?? 1;
  if (!Number.isInteger(maxSkew) || maxSkew < 1) fail(where, `${prop}.maxSkew`, `must be a whole number ≥ 1, got ${maxSkew}`, 'use 1 for an even spread');
  const key = t.topologyKey ?? 'topology.kubernetes.io/zone';
  const keyProblem = key === '' ? 'must not be empty' : qualifiedName(key)[0];
  if (keyProblem) fail(where, `${prop}.topologyKey`, `'${key}': ${keyProblem}`, "use a node label key such as 'topology.kubernetes.io/zone'");
  const when = t.whenUnsatisfiable ?? 'ScheduleAnyway';
  if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') fail(where, `${prop}.whenUnsatisfiable`, `must be 'DoNotSchedule' or 'ScheduleAnyway', got '${when}'`, "use 'ScheduleAnyway'");
  if (t.minDomains !== undefined) {
    if (!Number.isInteger(t.minDomains) || t.minDomains < 1) fail(where, `${prop}.minDomains`, `must be a whole number ≥ 1, got ${t.minDomains}`, 'use 1 or more');
    if (when !== 'DoNotSchedule') fail(where, `${prop}.minDomains`, "can only be used when whenUnsatisfiable is 'DoNotSchedule'", "set whenUnsatisfiable: 'DoNotSchedule' or drop minDomains");
  }
  return {
    maxSkew, topologyKey: key, whenUnsatisfiable: when,
    labelSelector: { matchLabels: { ...selector } },
    ...(t.minDomains !== undefined ? { minDomains: t.minDomains } : {}),
  };
}
