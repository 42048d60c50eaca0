/**
 * What the API server rejects in a Pod spec that a schema cannot express
 * (`pkg/apis/core/validation`: ValidatePodSpec and the validators it calls). Values the API
 * server defaults (protocol, imagePullPolicy, ...) are only checked when set.
 */
import { Quantity } from '../../quantity';
import { goTrimSpace } from '../../go-space';
import { arr, containersOf, ContainerRef, Ctx, isInt, isObj, PodRef } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain, httpHeaderName, portName, portNumber, qualifiedName, labelValue, envName, sysctlName, sysctlNamespace } from '../names';
import { key } from '../path';
import { RuleMeta } from '../types';
import { quantityOf } from './quantities';
import { checkAffinity, checkTolerations, checkTopologySpread } from './scheduling';
import { checkResourceClaims } from './resource-claims';
import { checkResizePolicy } from './resize-policy';
import { checkRestartRules } from './restart-rules';
import { checkEnvFrom, checkEnvSource, checkVolumeSource } from './sources';
import { checkContainerSecurity, checkHostProcess, checkPodSecurity } from './security-context';
import { checkMountsAndDevices } from './volume-mounts';
import { checkPvcSpec } from './storage';
import { checkDnsConfig } from './dns-config';
import { legacyIPProblem } from './legacy-ip';

const S = (id: string, handbook: string[], summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook, summary, rationale, fix });

export const podRules: RuleMeta[] = [
  S('pod.containers-required', ['H1'], 'a Pod spec needs at least one container',
    'ValidatePodSpec requires spec.containers to be non-empty; init containers alone do not make a Pod.', 'add a container to spec.containers'),
  S('containers.name-invalid', ['H1'], 'container names are required DNS-1123 labels',
    'Container names appear in the kubelet\'s API, logs and metrics; the API server requires a lowercase RFC 1123 label.', 'name the container with lowercase letters, digits and dashes (max 63)'),
  S('containers.duplicate-name', ['H1'], 'container names must be unique across containers and init containers',
    'The kubelet addresses containers by name; the API server rejects two containers of one Pod with the same name.', 'rename one of the containers'),
  S('containers.image-required', ['H6'], 'every container must name an image',
    'The API server requires containers[].image on Pods and on Pod templates alike (a Deployment without one is refused); a config tool that fills it in must do so before the object is sent.', 'set image to a pinned image reference'),
  S('containers.image-invalid', ['H6'], 'a Pod\'s container image has no white space before or after it',
    'The API server refuses a Pod whose containers[].image starts or ends with white space (validateContainerOnlyForPod: a space, tab or line break, often left by a template). A Pod template is not checked for it, but every Pod created from it is refused.', 'remove the white space around the image reference'),
  S('fields.not-supported', ['H8', 'H12', 'H13'], 'an enumerated field holds a value the API server does not know',
    'Fields such as imagePullPolicy, dnsPolicy, protocol and terminationMessagePolicy accept a fixed set of values; anything else is rejected.', 'use one of the supported values named in the message'),
  S('fields.out-of-range', ['H3', 'H17'], 'a number is outside the range the API server accepts',
    'Durations, counts and ids must be non-negative (some strictly positive); the API server rejects the object otherwise.', 'use a value in the range named in the message'),
  S('ports.invalid', ['H6'], 'container ports must be in 1-65535 with valid IANA names',
    'containerPort is required and, like hostPort, must be a valid port number; port names are IANA service names (max 15, lowercase, a letter, no double dash).', 'use a port number between 1 and 65535 and a short lowercase name'),
  S('ports.duplicate', ['H6'], 'port names and host ports must be unique',
    'Named ports are how probes and Services address a container; two ports with one name, or two containers claiming the same hostPort and protocol, are rejected.', 'rename the port or choose another hostPort'),
  S('ports.host-network-mismatch', ['H14'], 'with hostNetwork, hostPort must equal containerPort',
    'On the host network the container binds the node\'s port directly, so a different hostPort cannot be honoured and the API server rejects it.', 'drop hostPort or set it to the containerPort'),
  S('probes.handler-count', ['H17'], 'a probe or lifecycle hook needs exactly one handler',
    'A probe must say how to check (exec, httpGet, tcpSocket, grpc) and only one way; the API server rejects none or several.', 'keep exactly one of exec, httpGet, tcpSocket, grpc'),
  S('probes.threshold-invalid', ['H17'], 'liveness and startup probes must have successThreshold 1',
    'A liveness or startup probe succeeds on the first success by definition; readiness probes may not set terminationGracePeriodSeconds.', 'set successThreshold to 1 (or remove it)'),
  S('probes.port-invalid', ['H17'], 'probe and hook targets must be valid: a port number in 1-65535 or a port name, HTTP header names',
    'httpGet and tcpSocket ports are an int-or-string: a port number or an IANA port name; httpGet header names are letters, digits and -.', 'use the container port number or its name, and header names such as X-Probe'),
  S('init-containers.forbidden-fields', ['H18'], 'init containers may not have probes or lifecycle hooks (unless they are sidecars)',
    'Init containers run to completion one by one; probes and hooks only make sense for sidecars (restartPolicy Always).', 'remove the probe or hook, or make the init container a sidecar with restartPolicy: Always'),
  S('pod.restart-policy-invalid', ['H8'], 'the Pod template\'s restartPolicy must suit its controller; container restart rules must be complete',
    'Deployments, ReplicaSets, StatefulSets and DaemonSets keep Pods running and accept only Always; Jobs and CronJobs run to completion and accept only OnFailure or Never. From Kubernetes 1.35 a container may restart on some exit codes (restartPolicyRules): the API server requires the container\'s restartPolicy beside them, at most 20 rules, each with exitCodes (at most 255 values); before 1.36 a sidecar takes no rules.', 'use Always for long-running controllers, OnFailure or Never for Jobs; give restartPolicyRules a container restartPolicy and exitCodes'),
  S('resources.limit-below-request', ['H16'], 'a resource request must not exceed its limit',
    'The request is what the scheduler guarantees and the limit the ceiling; a request above the limit cannot be honoured and the API server rejects it.', 'lower the request or raise the limit'),
  S('resources.quantity-invalid', ['H16'], 'resource quantities must be valid and non-negative',
    'Requests and limits are Kubernetes quantities (500m, 128Mi); negative or malformed values are rejected.', 'write a quantity such as 250m or 256Mi'),
  S('resources.hugepages', ['H24'], 'hugepages requests must equal limits and come with cpu or memory',
    'Hugepages cannot be overcommitted: request and limit must be equal, the limit must be set, and the container must also request cpu or memory.', 'set hugepages requests equal to limits and add a cpu or memory request'),
  S('dns.config-required', ['H13'], 'dnsPolicy None needs dnsConfig',
    'With dnsPolicy None the kubelet writes resolv.conf only from dnsConfig; without it the Pod would have no DNS, so the API server rejects it.', 'add spec.dnsConfig with at least one nameserver, or use another dnsPolicy'),
  S('dns.config-invalid', ['H13'], 'dnsConfig nameservers must be IPs (at most 3) and searches DNS names (at most 32, 2048 characters in all; 6 and 256 before 1.28)',
    'resolv.conf holds at most 3 nameservers and a bounded list of search domains, each a DNS subdomain; the API server enforces the same limits.', 'use at most 3 nameserver IPs and at most 32 search domains that are DNS names'),
  S('sysctls.invalid', ['H27'], 'sysctl names must be well-formed and unique',
    'spec.securityContext.sysctls is applied by the kubelet by name; malformed or repeated names are rejected.', 'fix the sysctl name or remove the duplicate'),
  S('sysctls.host-namespace', ['H27', 'H14'], 'namespaced sysctls cannot be set in the host\'s namespaces',
    'A net.* sysctl with hostNetwork, or an IPC sysctl with hostIPC, would change the node itself; the API server forbids it.', 'drop the sysctl or stop sharing the host namespace'),
  S('pod.share-process-namespace-host-pid', ['H5', 'H14'], 'shareProcessNamespace cannot be combined with hostPID',
    'A Pod either shares one PID namespace among its containers or uses the host\'s; not both.', 'remove shareProcessNamespace or hostPID'),
  S('volumes.invalid', ['H9'], 'volumes need a unique DNS-1123 name and exactly one source',
    'Volumes are referenced by name from volumeMounts; each must say where its data comes from, once.', 'give each volume a unique name and exactly one source such as emptyDir or configMap'),
  S('volume-mounts.invalid', ['H9'], 'volume mounts and devices must name a defined volume, with unique paths',
    'A mount of an undefined volume, or two mounts on one path, cannot be set up by the kubelet and are rejected; a volumeDevices entry (a raw block device) must name a PersistentVolumeClaim or ephemeral volume that no mount of the container also uses, at a unique devicePath without `..`.', 'mount only volumes listed in spec.volumes, each at its own path'),
  S('tolerations.invalid', ['H22'], 'tolerations must have a valid operator, key, value and effect combination',
    'Exists takes no value; an empty key requires Exists; tolerationSeconds applies only to NoExecute.', 'fix the toleration as the message says'),
  S('affinity.invalid', ['H22'], 'node and pod affinity terms must be well-formed',
    'Required node affinity needs at least one term; selector operators constrain values; pod affinity terms need a topologyKey; weights are 1-100.', 'fix the affinity term as the message says'),
  S('scheduling.topology-spread-invalid', ['H22'], 'topology spread constraints must be well-formed and not repeat',
    'maxSkew and minDomains are positive, topologyKey is required, whenUnsatisfiable is DoNotSchedule or ScheduleAnyway (minDomains only with DoNotSchedule), and each {topologyKey, whenUnsatisfiable} pair appears once.', 'fix the constraint as the message says'),
  S('pod.host-aliases-invalid', ['H23'], 'hostAliases need a valid IP and DNS hostnames',
    'The kubelet writes hostAliases into /etc/hosts; invalid IPs or hostnames are rejected.', 'use a valid IP address and DNS-1123 hostnames'),
  S('pod.reference-name-invalid', ['H25', 'H10'], 'priorityClassName, serviceAccountName and runtimeClassName must be DNS-1123 subdomains',
    'A Pod names its PriorityClass, its ServiceAccount and its RuntimeClass; the API server checks that each name could be an object name before it looks the object up.', 'use the object\'s name: lower case letters, digits, - and .'),
  S('pod.readiness-gates-invalid', ['H17'], 'readiness gates name their condition type as a qualified name',
    'A readiness gate holds a Pod unready until a controller sets the condition it names (a load balancer\'s target health, for example); the API server requires the condition type to be a qualified name such as example.com/ready.', 'name the condition type as its controller writes it: [prefix/]name, letters, digits, -, _ and .'),
  S('pod.hostname-invalid', ['H15'], 'hostname and subdomain (and a StatefulSet\'s serviceName) must be DNS-1123 labels',
    'They become the Pod\'s DNS name <hostname>.<subdomain>.<namespace>.svc; invalid labels are rejected. A StatefulSet\'s serviceName becomes its Pods\' subdomain, checked by the API server from Kubernetes 1.33.', 'use lowercase letters, digits and dashes'),
  S('env.invalid', ['H11'], 'environment variables need a valid name and at most one source',
    'An env var has a literal value or a valueFrom with exactly one source (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef).', 'fix the name, or keep either value or exactly one valueFrom source'),
];

const PULL = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TMP = ['FallbackToLogsOnError', 'File'];
const RESTART = ['Always', 'Never', 'OnFailure'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

export function checkPodSpec(ctx: Ctx, pod: PodRef, restartAllowed: readonly string[]): void {
  const spec = pod.spec;
  const sp = pod.specPath;
  const r = ctx.report;

  if (arr(spec.containers).length === 0) r('pod.containers-required', `${sp}.containers`, field.required());
  if (spec.resourceClaims !== undefined || containersOf(pod).some(({ c }) => isObj(c.resources) && c.resources.claims !== undefined)) checkResourceClaims(ctx, pod);

  // restartPolicy: per controller kind (validation of each workload's template)
  const rp = spec.restartPolicy;
  if (!restartAllowed.includes('Always') && (rp === undefined || rp === 'Always')) {
    // Jobs: the default (Always) is not allowed, so the API server requires an explicit value.
    r('pod.restart-policy-invalid', `${sp}.restartPolicy`, field.required(`valid values: ${restartAllowed.map((v) => JSON.stringify(v)).join(', ')}`));
  } else if (rp !== undefined) {
    if (!RESTART.includes(rp)) r('fields.not-supported', `${sp}.restartPolicy`, field.notSupported(rp, RESTART));
    else if (!restartAllowed.includes(rp)) r('pod.restart-policy-invalid', `${sp}.restartPolicy`, field.notSupported(rp, restartAllowed));
  }

  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) {
    r('fields.not-supported', `${sp}.dnsPolicy`, field.notSupported(spec.dnsPolicy, DNS_POLICIES));
  }
  if (spec.dnsPolicy === 'None' && !isObj(spec.dnsConfig)) {
    r('dns.config-required', `${sp}.dnsConfig`, field.required('must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  if (isObj(spec.dnsConfig)) checkDnsConfig(ctx, spec.dnsConfig, spec.dnsPolicy, `${sp}.dnsConfig`);

  // A negative terminationGracePeriodSeconds is not rejected: the API server sets it to 1.
  if (isInt(spec.activeDeadlineSeconds) && (spec.activeDeadlineSeconds <= 0 || spec.activeDeadlineSeconds > 2147483647)) {
    r('fields.out-of-range', `${sp}.activeDeadlineSeconds`, field.invalid(spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }

  // (the deprecated serviceAccount is serviceAccountName when that is left out; nodeName: ValidateNodeName)
  const refNames = ['priorityClassName', 'serviceAccountName', 'nodeName', ...(typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? [] : ['serviceAccount'])];
  for (const f of refNames) {
    if (typeof spec[f] === 'string' && spec[f] !== '') for (const m of dns1123Subdomain(spec[f])) r('pod.reference-name-invalid', `${sp}.${f}`, field.invalid(spec[f], m));
  }
  // (a runtimeClassName given is checked even when empty)
  if (typeof spec.runtimeClassName === 'string') for (const m of dns1123Subdomain(spec.runtimeClassName)) r('pod.reference-name-invalid', `${sp}.runtimeClassName`, field.invalid(spec.runtimeClassName, m));
  arr(spec.readinessGates).forEach((g, i) => {
    const t = isObj(g) && typeof g.conditionType === 'string' ? g.conditionType : '';
    for (const m of qualifiedName(t)) r('pod.readiness-gates-invalid', `${sp}.readinessGates[${i}].conditionType`, field.invalid(t, m));
  });

  // a StatefulSet's controller overwrites both, so the API server does not validate them there
  for (const f of ctx.kind === 'StatefulSet' ? [] : ['hostname', 'subdomain'] as const) {
    if (typeof spec[f] === 'string' && spec[f] !== '') {
      for (const m of dns1123Label(spec[f])) r('pod.hostname-invalid', `${sp}.${f}`, field.invalid(spec[f], m));
    }
  }

  arr(spec.hostAliases).forEach((ha, i) => {
    if (!isObj(ha)) return;
    const p = `${sp}.hostAliases[${i}]`;
    if (typeof ha.ip !== 'string' || ha.ip === '') r('pod.host-aliases-invalid', `${p}.ip`, field.required());
    else {
      const problem = legacyIPProblem(ha.ip, ctx.minor);
      if (problem) r('pod.host-aliases-invalid', `${p}.ip`, field.invalid(ha.ip, problem));
    }
    arr(ha.hostnames).forEach((h, j) => {
      if (typeof h === 'string') for (const m of dns1123Subdomain(h)) r('pod.host-aliases-invalid', `${p}.hostnames[${j}]`, field.invalid(h, m));
    });
  });

  // Pod security context: sysctls, host namespaces
  const psc = isObj(spec.securityContext) ? spec.securityContext : {};
  checkPodSecurity(ctx, spec, sp);
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    r('pod.share-process-namespace-host-pid', `${sp}.shareProcessNamespace`, field.invalid(true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const seen = new Set<string>();
  arr(psc.sysctls).forEach((s, i) => {
    if (!isObj(s)) return;
    const p = `${sp}.securityContext.sysctls[${i}]`;
    if (typeof s.name !== 'string' || s.name === '') { r('sysctls.invalid', `${p}.name`, field.required()); return; }
    if (sysctlName(s.name).length) r('sysctls.invalid', `${p}.name`, field.invalid(s.name, sysctlName(s.name)[0]));
    const norm = s.name.replace(/\//g, '.');
    if (seen.has(norm)) r('sysctls.invalid', `${p}.name`, field.duplicate(s.name));
    seen.add(norm);
    const sns = sysctlNamespace(s.name);
    if (spec.hostNetwork === true && sns === 'net') r('sysctls.host-namespace', `${p}.name`, field.invalid(s.name, "may not be specified when 'hostNetwork' is true"));
    if (spec.hostIPC === true && sns === 'ipc') r('sysctls.host-namespace', `${p}.name`, field.invalid(s.name, "may not be specified when 'hostIPC' is true"));
  });

  // Volumes. A StatefulSet's claim templates are volumes of its Pods: the API server adds them
  // first and leaves out a template volume of the same name (apps validation, volumesToAddForTemplates).
  // Their names are checked as the volumes' names (a DNS label; none is a volume and a claim without a name). The
  // API server puts them in a Go map first: its index of each is the template's among distinct names only where there is one.
  const volumes = new Map<string, any>();
  for (const name of claimTemplateVolumes(ctx, sp)) volumes.set(name, { name, persistentVolumeClaim: { claimName: name } });
  const claimed = new Set(volumes.keys());
  arr(spec.volumes).forEach((v, i) => {
    if (!isObj(v) || (typeof v.name === 'string' && claimed.has(v.name))) return;
    const p = `${sp}.volumes[${i}]`;
    if (typeof v.name !== 'string' || v.name === '') r('volumes.invalid', `${p}.name`, field.required());
    else {
      for (const m of dns1123Label(v.name)) r('volumes.invalid', `${p}.name`, field.invalid(v.name, m));
      if (volumes.has(v.name)) r('volumes.invalid', `${p}.name`, field.duplicate(v.name));
      volumes.set(v.name, v);
    }
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    // a volume without a source is defaulted to emptyDir before validation (SetDefaults_Volume)
    if (sources.length > 1) r('volumes.invalid', `${p}.${sources[1]}`, field.forbidden('may not specify more than 1 volume type'));
    else {
      checkVolumeSource(ctx, v, p);
      // an ephemeral volume's claim template (validateEphemeralVolumeSource): required, its spec a claim's
      if (v.ephemeral !== undefined && v.ephemeral !== null) {
        const template = isObj(v.ephemeral) ? v.ephemeral.volumeClaimTemplate : undefined;
        if (!isObj(template)) r('volumes.invalid', `${p}.ephemeral.volumeClaimTemplate`, field.required());
        else checkPvcSpec(ctx, template.spec, `${p}.ephemeral.volumeClaimTemplate.spec`);
      }
    }
  });

  // Tolerations, affinity and topology spread
  checkTolerations(ctx, spec.tolerations, `${sp}.tolerations`);
  checkTopologySpread(ctx, spec.topologySpreadConstraints, `${sp}.topologySpreadConstraints`);
  checkAffinity(ctx, spec.affinity, `${sp}.affinity`);
  // nodeSelector is a label map: qualified-name keys, label values (ValidateLabels)
  if (isObj(spec.nodeSelector)) {
    for (const [k, v] of Object.entries(spec.nodeSelector)) {
      for (const m of qualifiedName(k)) r('affinity.invalid', `${sp}.nodeSelector`, field.invalid(k, m));
      if (typeof v === 'string') for (const m of labelValue(v)) r('affinity.invalid', `${sp}.nodeSelector`, field.invalid(v, m));
    }
  }

  // Containers
  const refs = containersOf(pod);
  const names = new Set<string>();
  const hostPorts = new Map<string, string>();
  for (const ref of refs) {
    const { c, path } = ref;
    if (typeof c.name !== 'string' || c.name === '') r('containers.name-invalid', `${path}.name`, field.required());
    else {
      for (const m of dns1123Label(c.name)) r('containers.name-invalid', `${path}.name`, field.invalid(c.name, m));
      if (names.has(c.name)) r('containers.duplicate-name', `${path}.name`, field.duplicate(c.name));
      names.add(c.name);
    }
    // required in templates too (validateContainerCommon); only the whitespace check is Pod-only
    if (typeof c.image !== 'string' || c.image === '') r('containers.image-required', `${path}.image`, field.required());
    else if (ctx.kind === 'Pod' && c.image !== goTrimSpace(c.image)) r('containers.image-invalid', `${path}.image`, field.invalid(c.image, 'must not have leading or trailing whitespace'));
    checkContainer(ctx, ref, spec, volumes, ref.init ? new Map() : hostPorts);
  }
  checkHostProcess(ctx, spec, sp, refs);
  // AppArmor annotations name a container of the Pod (ValidatePodSpecificAnnotations, templates too)
  const annotations = isObj(pod.meta?.annotations) ? pod.meta.annotations : {};
  for (const k of Object.keys(annotations)) {
    if (!k.startsWith(APPARMOR_PREFIX)) continue;
    const name = k.slice(APPARMOR_PREFIX.length);
    if (!names.has(name)) r('metadata.annotations-invalid', `${pod.metaPath}.annotations[${k}]`, field.invalid(name, 'container not found'));
    // ValidateAppArmorProfileFormat: runtime/default, unconfined or localhost/<profile> (or empty)
    const profile = annotations[k];
    if (typeof profile === 'string' && profile !== '' && profile !== 'runtime/default' && profile !== 'unconfined' && !profile.startsWith('localhost/')) {
      r('metadata.annotations-invalid', `${pod.metaPath}.annotations[${k}]`, field.invalid(profile, `invalid AppArmor profile name: ${JSON.stringify(profile)}`));
    }
  }
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * A StatefulSet's claim templates as the volumes the API server validates with its Pod template
 * (volumesToAddForTemplates), checked; the names of those that have one (none for another kind).
 */
function claimTemplateVolumes(ctx: Ctx, sp: string): string[] {
  if (ctx.kind !== 'StatefulSet' || !isObj(ctx.obj.spec)) return [];
  const names = [...new Set(arr(ctx.obj.spec.volumeClaimTemplates).filter(isObj).map((t) => (typeof t.metadata?.name === 'string' ? t.metadata.name : '')))];
  names.forEach((name, k) => {
    const p = `${sp}.volumes[${k}]`;
    if (name === '') {
      ctx.report('volumes.invalid', `${p}.persistentVolumeClaim.claimName`, field.required());
      ctx.report('volumes.invalid', `${p}.name`, field.required());
    } else for (const m of dns1123Label(name)) ctx.report('volumes.invalid', `${p}.name`, field.invalid(name, m));
  });
  return names.filter((n) => n !== '');
}

function checkContainer(ctx: Ctx, ref: ContainerRef, spec: any, volumes: Map<string, any>, hostPorts: Map<string, string>): void {
  const { c, path } = ref;
  const r = ctx.report;
  if (c.imagePullPolicy !== undefined && !PULL.includes(c.imagePullPolicy)) r('fields.not-supported', `${path}.imagePullPolicy`, field.notSupported(c.imagePullPolicy, PULL));
  if (c.terminationMessagePolicy !== undefined && !TMP.includes(c.terminationMessagePolicy)) r('fields.not-supported', `${path}.terminationMessagePolicy`, field.notSupported(c.terminationMessagePolicy, TMP));

  // Container restartPolicy: Kubernetes 1.27 does not know the field and 1.28 drops it from init
  // containers (schema layer, gated.ts); 1.28-1.33 reject it on app containers and 1.29-1.33 accept
  // only Always on init containers (restart-rules.ts); 1.34 drops those values
  // silently (ContainerRestartRules is alpha), which the best-practice rule
  // containers.restart-policy-ignored reports; from 1.35 they are checked (restart-rules.ts).
  checkRestartRules(ctx, ref);

  // Ports
  const portNames = new Set<string>();
  arr(c.ports).forEach((port, i) => {
    if (!isObj(port)) return;
    const p = `${path}.ports[${i}]`;
    if (typeof port.name === 'string' && port.name !== '') {
      const msgs = portName(port.name);
      for (const m of msgs) r('ports.invalid', `${p}.name`, field.invalid(port.name, m));
      if (!msgs.length && portNames.has(port.name)) r('ports.duplicate', `${p}.name`, field.duplicate(port.name));
      portNames.add(port.name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) r('ports.invalid', `${p}.containerPort`, field.required());
    else if (isInt(port.containerPort)) for (const m of portNumber(port.containerPort)) r('ports.invalid', `${p}.containerPort`, field.invalid(port.containerPort, m));
    if (isInt(port.hostPort) && port.hostPort !== 0) {
      for (const m of portNumber(port.hostPort)) r('ports.invalid', `${p}.hostPort`, field.invalid(port.hostPort, m));
    }
    // With hostNetwork, defaulting sets hostPort to containerPort before validation: in a bare Pod
    // always, in a template only before 1.28 (DefaultHostNetworkHostPortsInPodTemplates is off
    // since). Each protocol/hostIP/hostPort may be used once (found by test/e2e/constructs-apiserver.test.ts).
    const defaulted = spec.hostNetwork === true && (ctx.kind === 'Pod' || ctx.minor < 28) && (port.hostPort === undefined || port.hostPort === 0);
    const hostPort = defaulted ? port.containerPort : port.hostPort;
    if (isInt(hostPort) && hostPort !== 0) {
      const k = `${port.protocol ?? 'TCP'}/${port.hostIP ?? ''}/${hostPort}`;
      if (hostPorts.has(k)) r('ports.duplicate', `${p}.hostPort`, field.duplicate(k));
      hostPorts.set(k, p);
    }
    if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) r('fields.not-supported', `${p}.protocol`, field.notSupported(port.protocol, PROTOCOLS));
    if (spec.hostNetwork === true && isInt(port.hostPort) && port.hostPort !== 0 && port.hostPort !== port.containerPort) {
      r('ports.host-network-mismatch', `${p}.hostPort`, field.invalid(port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
    }
  });

  checkEnvFrom(ctx, c.envFrom, `${path}.envFrom`);
  checkResizePolicy(ctx, ref, spec.restartPolicy ?? 'Always');
  // Env
  arr(c.env).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}.env[${i}]`;
    if (typeof e.name !== 'string' || e.name === '') r('env.invalid', `${p}.name`, field.required());
    else {
      const msgs = envName(ctx.minor, e.name);
      for (const m of msgs) r('env.invalid', `${p}.name`, field.invalid(e.name, m));
    }
    if (isObj(e.valueFrom)) {
      const n = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => e.valueFrom[k] != null).length;
      if (typeof e.value === 'string' && e.value !== '' ) r('env.invalid', `${p}.valueFrom`, field.invalid('', 'may not be specified when `value` is not empty'));
      else if (n === 0) r('env.invalid', `${p}.valueFrom`, field.invalid('', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (n > 1) r('env.invalid', `${p}.valueFrom`, field.invalid('', 'may not have more than one field specified at a time'));
      else checkEnvSource(ctx, e.valueFrom, `${p}.valueFrom`);
    }
  });

  // Volume mounts and devices
  checkMountsAndDevices(ctx, c, path, volumes);

  // Resources
  checkResources(ctx, c.resources, `${path}.resources`);

  // Probes and lifecycle
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const pr = c[probe];
    if (pr === undefined || pr === null) continue;
    if (ref.init && !ref.sidecar) {
      r('init-containers.forbidden-fields', `${path}.${probe}`, field.forbidden('may not be set for init containers without restartPolicy=Always'));
      continue;
    }
    if (!isObj(pr)) continue;
    const p = `${path}.${probe}`;
    checkHandler(ctx, pr, p);
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
      if (isInt(pr[f]) && pr[f] < 0) r('fields.out-of-range', `${p}.${f}`, field.invalid(pr[f], 'must be greater than or equal to 0'));
    }
    if (probe !== 'readinessProbe' && isInt(pr.successThreshold) && pr.successThreshold !== 1 && pr.successThreshold >= 0) {
      r('probes.threshold-invalid', `${p}.successThreshold`, field.invalid(pr.successThreshold, 'must be 1'));
    }
    if (probe === 'readinessProbe' && pr.terminationGracePeriodSeconds !== undefined && pr.terminationGracePeriodSeconds !== null) {
      r('probes.threshold-invalid', `${p}.terminationGracePeriodSeconds`, field.invalid(pr.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
    if (isInt(pr.terminationGracePeriodSeconds) && pr.terminationGracePeriodSeconds <= 0) {
      r('fields.out-of-range', `${p}.terminationGracePeriodSeconds`, field.invalid(pr.terminationGracePeriodSeconds, 'must be greater than 0'));
    }
  }
  if (c.lifecycle !== undefined && c.lifecycle !== null) {
    if (ref.init && !ref.sidecar) r('init-containers.forbidden-fields', `${path}.lifecycle`, field.forbidden('may not be set for init containers without restartPolicy=Always'));
    else if (isObj(c.lifecycle)) {
      for (const hook of ['postStart', 'preStop']) {
        if (!isObj(c.lifecycle[hook])) continue;
        checkHandler(ctx, c.lifecycle[hook], `${path}.lifecycle.${hook}`);
        checkSleep(ctx, c.lifecycle[hook].sleep, spec.terminationGracePeriodSeconds, `${path}.lifecycle.${hook}.sleep`);
      }
    }
  }
  checkContainerSecurity(ctx, c, path, spec);
}

/**
 * A sleep hook may not outlast the Pod's grace period. The API server checks it after defaulting:
 * an unset grace period is 30 s, and a bare Pod's negative one becomes 1 s — a template's stays
 * negative, so no sleep fits (both measured by the differential test). Zero seconds is allowed
 * from 1.33 (PodLifecycleSleepActionAllowZero); before that the sleep must be at least 1 s.
 */
function checkSleep(ctx: Ctx, sleep: any, graceRaw: unknown, p: string): void {
  if (!isObj(sleep) || !isInt(sleep.seconds)) return;
  const grace = isInt(graceRaw) ? (graceRaw < 0 && ctx.kind === 'Pod' ? 1 : graceRaw) : 30;
  const s = sleep.seconds;
  if (ctx.minor >= 33) {
    if (s < 0 || s > grace) ctx.report('fields.out-of-range', p, field.invalid(s, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`));
  } else if (s <= 0 || s > grace) {
    ctx.report('fields.out-of-range', p, field.invalid(s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`));
  }
}

function checkHandler(ctx: Ctx, h: any, p: string): void {
  const r = ctx.report;
  const present = HANDLERS.filter((k) => h[k] !== undefined && h[k] !== null);
  if (present.length === 0) r('probes.handler-count', p, field.required('must specify a handler type'));
  for (const extra of present.slice(1)) r('probes.handler-count', `${p}.${extra}`, field.forbidden('may not specify more than 1 handler type'));
  // validateExecAction: a command of at least one word
  if (isObj(h.exec) && arr(h.exec.command).length === 0) r('probes.handler-count', `${p}.exec.command`, field.required());
  if (isObj(h.grpc) && typeof h.grpc.port === 'number') {
    for (const m of portNumber(h.grpc.port)) r('probes.port-invalid', `${p}.grpc.port`, field.invalid(h.grpc.port, m));
  }
  // header names (the API server names the list, not the item)
  if (isObj(h.httpGet)) {
    for (const hd of arr(h.httpGet.httpHeaders)) {
      if (isObj(hd) && typeof hd.name === 'string') for (const m of httpHeaderName(hd.name)) ctx.report('probes.port-invalid', `${p}.httpGet.httpHeaders`, field.invalid(hd.name, m));
    }
  }
  if (isObj(h.httpGet) && h.httpGet.scheme !== undefined && h.httpGet.scheme !== 'HTTP' && h.httpGet.scheme !== 'HTTPS') {
    r('fields.not-supported', `${p}.httpGet.scheme`, field.notSupported(h.httpGet.scheme, ['HTTP', 'HTTPS']));
  }
  for (const k of ['httpGet', 'tcpSocket'] as const) {
    const hh = h[k];
    if (!isObj(hh)) continue;
    const port = hh.port;
    const pp = `${p}.${k}.port`;
    if (port === undefined) r('probes.port-invalid', pp, field.required());
    else if (typeof port === 'number') { for (const m of portNumber(port)) r('probes.port-invalid', pp, field.invalid(port, m)); }
    // a string is a port name, digits too ("80": ValidatePortNumOrName, IsValidPortName)
    else if (typeof port === 'string') for (const m of portName(port)) r('probes.port-invalid', pp, field.invalid(port, m));
  }
}

const ZERO = Quantity.parse('0');
function resourceList(ctx: Ctx, list: any, path: string): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isObj(list)) return out;
  for (const [name, raw] of Object.entries(list)) {
    const p = key(path, name);
    if (!STANDARD_RESOURCES.has(name) && !name.startsWith('hugepages-') && !name.includes('/')) {
      ctx.report('resources.quantity-invalid', p, field.invalid(name, 'must be a standard resource type or fully qualified'));
    }
    const q = quantityOf(raw);
    // Malformed quantities are the schema layer's (format "quantity"); here only the value.
    if (!q) continue;
    if (q.compare(ZERO) < 0) {
      ctx.report('resources.quantity-invalid', p, field.invalid(String(raw), 'must be greater than or equal to 0'));
      continue;
    }
    out.set(name, q);
  }
  return out;
}

export function checkResources(ctx: Ctx, res: any, path: string): void {
  if (!isObj(res)) return;
  const limits = resourceList(ctx, res.limits, `${path}.limits`);
  const requests = resourceList(ctx, res.requests, `${path}.requests`);
  let cpuOrMem = false;
  let huge = false;
  for (const name of [...limits.keys(), ...requests.keys()]) {
    if (name === 'cpu' || name === 'memory') cpuOrMem = true;
    if (name.startsWith('hugepages-')) huge = true;
  }
  for (const [name, req] of requests) {
    const lim = limits.get(name);
    const overcommit = !name.startsWith('hugepages-');
    const rp = key(`${path}.requests`, name);
    const shown = String(res.requests[name]);
    if (lim) {
      const limShown = String(res.limits[name]);
      if (!overcommit && req.compare(lim) !== 0) {
        ctx.report('resources.hugepages', rp, field.invalid(shown, `must be equal to ${name} limit of ${limShown}`), 'set the hugepages request equal to its limit');
      } else if (req.compare(lim) > 0) {
        ctx.report('resources.limit-below-request', rp, field.invalid(shown, `must be less than or equal to ${name} limit of ${limShown}`));
      }
    } else if (!overcommit) {
      ctx.report('resources.hugepages', `${path}.limits`, field.required('Limit must be set for non overcommitable resources'), `set limits.${name} equal to the request`);
    }
  }
  if (huge && !cpuOrMem) ctx.report('resources.hugepages', path, field.forbidden('HugePages require cpu or memory'), 'add a cpu or memory request');
}
