/**
 * One container of a Pod, with the handbook's practices as defaults: pinned image and
 * IfNotPresent (H12), requests and limits (H16), readiness and liveness probes that differ
 * (H17), no privileges and no capabilities (H4, H20), a non-root user.
 */
import { PodsmithError } from '../errors';
import { Quantity, QuantityInput, toQuantity } from '../quantity';
import { dns1123Label, httpHeaderName, isUserOrGroupId, portName } from '../validate/names';
import { LINUX_CAPABILITIES, normalizeCapability, UNREMARKABLE_CAPABILITIES } from './capabilities';
import { EnvFrom, EnvInput, EnvValue } from './env';
import { ResourceQuantity, toQuantityInput } from './interop';
import { Handler, PortRef, Probe, PROBE_DEFAULTS, ResolvedTiming } from './probes';
import { VolumeMount } from './volumes';

export type ImagePullPolicy = 'IfNotPresent' | 'Always' | 'Never';

export interface ContainerPort {
  /** The port number, 1–65535. */
  readonly number: number;
  /** An IANA service name (≤ 15 characters, lower case, at least one letter), used by probes and Services. @default none */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** A request and a limit for one resource. */
export interface ResourceRange {
  /** What the scheduler guarantees: '250m', '64Mi', a kplus Cpu or a cdk8s Size. @default see ResourcesProps */
  readonly request?: ResourceQuantity;
  /** The ceiling: CPU is throttled above it, memory is OOM-killed, ephemeral storage evicts the Pod. @default see ResourcesProps */
  readonly limit?: ResourceQuantity;
}

/**
 * Resources (H16). Each of cpu and memory defaults to the handbook's example (request 300m and
 * 56Mi, limit 500m and 128Mi). A range given with only a request gets a limit of
 * max(handbook limit, request); one given with only a limit gets a request of
 * min(handbook request, limit). Requests never exceed limits.
 */
export interface ResourcesProps {
  /** @default { request: '300m', limit: '500m' } */
  readonly cpu?: ResourceRange;
  /** @default { request: '56Mi', limit: '128Mi' } */
  readonly memory?: ResourceRange;
  /** @default none (no ephemeral-storage request or limit) */
  readonly ephemeralStorage?: ResourceRange;
  /**
   * HugePages by page size (H24), e.g. `{ '2Mi': '100Mi' }`: request = limit, always.
   * @default none
   */
  readonly hugepages?: Record<string, ResourceQuantity>;
}

/** The handbook's example resources (H16): request 30% of a CPU and 56 MB, limit 50% and 128 MB. */
export const HANDBOOK_RESOURCES = {
  cpu: { request: '300m', limit: '500m' },
  memory: { request: '56Mi', limit: '128Mi' },
} as const;

/** The user a container runs as unless told otherwise: `nobody`, present in most images. */
export const DEFAULT_RUN_AS_USER = 65534;

export interface ContainerSecurityProps {
  /** @default 65534 (nobody). 0 needs `allowRunAsRoot: true`. */
  readonly runAsUser?: number;
  /** @default the image's group */
  readonly runAsGroup?: number;
  /** @default true (false when `allowRunAsRoot`) */
  readonly runAsNonRoot?: boolean;
  /** Setting false is an explicit opt-out, recorded in the annotations. @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Setting true is an explicit opt-out, recorded in the annotations. @default false (true when privileged or adding SYS_ADMIN, where the API server refuses false) */
  readonly allowPrivilegeEscalation?: boolean;
  /** H4: needs `allowPrivileged: true`. @default false */
  readonly privileged?: boolean;
  /**
   * H20: names with or without `CAP_`, any case; `ALL` allowed. Adding anything beyond
   * NET_BIND_SERVICE needs `allowDangerousCapabilities: true`.
   * @default { drop: ['ALL'] }
   */
  readonly capabilities?: { readonly add?: string[]; readonly drop?: string[] };
  /** @default 'RuntimeDefault' */
  readonly seccompProfile?: 'RuntimeDefault' | 'Unconfined' | { localhostProfile: string };
}

export interface ContainerProps {
  /** A DNS-1123 label, unique in the Pod. */
  readonly name: string;
  /** A pinned image: `busybox:1.35.0` or `repo@sha256:…`. `:latest` and untagged need `allowLatestTag`. */
  readonly image: string;
  /** Dockerfile ENTRYPOINT (H6). @default the image's entrypoint */
  readonly command?: string[];
  /** Dockerfile CMD (H6). @default the image's cmd */
  readonly args?: string[];
  /** Dockerfile WORKDIR (H6). @default the image's */
  readonly workingDir?: string;
  /** Dockerfile ENV and the Downward API (H11). @default none */
  readonly env?: Record<string, EnvInput>;
  /** Every key of ConfigMaps and Secrets as variables: `EnvFrom.configMap(cm)`, `EnvFrom.secret(s)`; `env` wins on a clash. @default none */
  readonly envFrom?: EnvFrom[];
  /** Ports the container listens on (Dockerfile EXPOSE has no effect: H6). @default none */
  readonly ports?: ContainerPort[];
  /** H16. @default HANDBOOK_RESOURCES */
  readonly resources?: ResourcesProps;
  /**
   * One health check from which podsmith derives both the readiness probe (period 5 s) and a
   * slower liveness probe (initial delay 10 s, period 10 s), so the two never coincide.
   * @default none; app containers of long-running workloads need probes or `allowNoProbes`
   */
  readonly probe?: Probe;
  /** H17: failing → removed from Service endpoints. @default derived from `probe` */
  readonly readiness?: Probe;
  /** H17: failing → container restarted. @default derived from `probe` */
  readonly liveness?: Probe;
  /** H17: holds off the other probes until the app has started. @default none */
  readonly startup?: Probe;
  /** H19: runs right after the container is created (asynchronously with the entrypoint). @default none */
  readonly postStart?: Handler;
  /** H3/H19: runs before SIGTERM on termination, within the grace period. @default none */
  readonly preStop?: Handler;
  /** Volumes mounted into this container. @default none */
  readonly mounts?: VolumeMount[];
  /** H12. @default 'IfNotPresent' ('Always' for an allowed `:latest`) */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** The container's security context (H4, H20). @default non-root, read-only root, no capabilities */
  readonly securityContext?: ContainerSecurityProps;
  /** Opt-in: allow `:latest` or an untagged image (H12). @default false */
  readonly allowLatestTag?: boolean;
  /** Opt-in: allow `privileged: true` (H4: network plugins and little else). @default false */
  readonly allowPrivileged?: boolean;
  /** Opt-in: allow adding capabilities beyond NET_BIND_SERVICE (H20). @default false */
  readonly allowDangerousCapabilities?: boolean;
  /** Opt-in: allow running as UID 0. @default false */
  readonly allowRunAsRoot?: boolean;
  /** Opt-in: a long-running container without readiness and liveness probes (H17). @default false */
  readonly allowNoProbes?: boolean;
}

/** Where a container is rendered, and what the Pod collects from it. */
export interface ContainerContext {
  /** The construct path, for errors. */
  readonly where: string;
  /** The prop path of this container, e.g. `containers[0]`. */
  readonly field: string;
  readonly role: 'app' | 'init' | 'sidecar';
  /** Batch Pods (Job, CronJob) run to completion: no probes required. */
  readonly batch: boolean;
  /** Volume names the Pod declares. */
  readonly volumes: ReadonlySet<string>;
  /** Extra mounts and env every container gets (timezone). */
  readonly extraMounts: ReadonlyArray<{ name: string; mountPath: string; readOnly: boolean }>;
  readonly extraEnv: ReadonlyArray<{ name: string; value: string }>;
  /** Collected: rules the user opted out of, opt-in prop names, props that took a default. */
  readonly ignores: Set<string>;
  readonly optIns: Set<string>;
  readonly defaults: Set<string>;
  /** The Pod's terminationGracePeriodSeconds, which a sleep hook may not outlast. */
  readonly grace: number;
}

export function isDns1123Label(s: string): boolean {
  return dns1123Label(s).length === 0;
}

/** The tag of an image reference, '' when untagged, undefined when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 ? '' : last.slice(colon + 1);
}

function fail(ctx: ContainerContext, prop: string, problem: string, fix: string): never {
  throw new PodsmithError(ctx.where, `${ctx.field}.${prop}`, problem, fix);
}

function optIn(ctx: ContainerContext, prop: string, rule: string): void {
  ctx.optIns.add(prop);
  ctx.ignores.add(rule);
}

function quantity(ctx: ContainerContext, prop: string, value: ResourceQuantity): Quantity {
  try {
    return toQuantity(toQuantityInput(value) as QuantityInput, prop);
  } catch (e) {
    return fail(ctx, prop, (e as Error).message, "write a quantity such as '500m', '2', '128Mi'");
  }
}

function renderRange(ctx: ContainerContext, resource: string, range: ResourceRange | undefined,
  fallback: { request: string; limit: string } | undefined): { request?: Quantity; limit?: Quantity } {
  const request = range?.request !== undefined ? quantity(ctx, `resources.${resource}.request`, range.request) : undefined;
  const limit = range?.limit !== undefined ? quantity(ctx, `resources.${resource}.limit`, range.limit) : undefined;
  for (const [q, what] of [[request, 'request'], [limit, 'limit']] as const) {
    if (q?.isNegative()) fail(ctx, `resources.${resource}.${what}`, `must be greater than or equal to 0, got ${q}`, 'use a non-negative quantity');
  }
  if (request && limit && request.compare(limit) > 0) {
    fail(ctx, `resources.${resource}.request`, `${resource} request ${request} must be less than or equal to ${resource} limit ${limit}`,
      'lower the request or raise the limit');
  }
  if (!fallback) return { request, limit };
  const dReq = Quantity.parse(fallback.request);
  const dLim = Quantity.parse(fallback.limit);
  if (!request && !limit) ctx.defaults.add(`resources.${resource}`);
  return {
    request: request ?? (limit ? (dReq.compare(limit) <= 0 ? dReq : limit) : dReq),
    limit: limit ?? (request ? Quantity.max(dLim, request) : dLim),
  };
}

function renderResources(ctx: ContainerContext, props: ResourcesProps | undefined) {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const put = (key: string, r: { request?: Quantity; limit?: Quantity }) => {
    if (r.request) requests[key] = r.request.toString();
    if (r.limit) limits[key] = r.limit.toString();
  };
  put('cpu', renderRange(ctx, 'cpu', props?.cpu, HANDBOOK_RESOURCES.cpu));
  put('memory', renderRange(ctx, 'memory', props?.memory, HANDBOOK_RESOURCES.memory));
  put('ephemeral-storage', renderRange(ctx, 'ephemeralStorage', props?.ephemeralStorage, undefined));
  for (const [size, amount] of Object.entries(props?.hugepages ?? {})) {
    const pageSize = Quantity.tryParse(size);
    if (!pageSize || pageSize.compare(Quantity.parse('4Ki')) < 0) {
      fail(ctx, `resources.hugepages[${size}]`, `'${size}' is not a huge page size`, "use the node's page size, e.g. '2Mi' or '1Gi'");
    }
    const q = quantity(ctx, `resources.hugepages[${size}]`, amount);
    // H24: huge pages cannot be overcommitted: request = limit, a whole number of pages
    if (q.nanos % pageSize!.nanos !== 0n) {
      fail(ctx, `resources.hugepages[${size}]`, `${q} is not a multiple of the page size ${size}`, `request a multiple of ${size}`);
    }
    requests[`hugepages-${size}`] = q.toString();
    limits[`hugepages-${size}`] = q.toString();
  }
  return { requests, limits };
}

interface PortInfo { byName: Map<string, number>; first?: number; numbers: Set<number> }

function renderPorts(ctx: ContainerContext, ports: ContainerPort[] | undefined): { json?: unknown[]; info: PortInfo } {
  const info: PortInfo = { byName: new Map(), numbers: new Set() };
  if (!ports?.length) return { info };
  const json = ports.map((p, i) => {
    if (!Number.isInteger(p.number) || p.number < 1 || p.number > 65535) {
      fail(ctx, `ports[${i}].number`, `must be between 1 and 65535, inclusive, got ${p.number}`, 'use a valid port number');
    }
    if (p.name !== undefined) {
      if (portName(p.name).length) {
        fail(ctx, `ports[${i}].name`, `'${p.name}' must be an IANA service name (at most 15 lower-case letters, digits and '-', with a letter)`, "name it like 'http' or 'metrics'");
      }
      if (info.byName.has(p.name)) fail(ctx, `ports[${i}].name`, `duplicate port name '${p.name}'`, 'give each port its own name');
      info.byName.set(p.name, p.number);
    }
    info.first ??= p.number;
    info.numbers.add(p.number);
    return { containerPort: p.number, ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? 'TCP' };
  });
  return { json, info };
}

function resolvePort(ctx: ContainerContext, prop: string, port: PortRef, defaulted: boolean, info: PortInfo): PortRef {
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(ctx, prop, `port must be between 1 and 65535, got ${port}`, 'use a valid port number');
    return port;
  }
  if (info.byName.has(port)) return port;
  if (defaulted && info.first !== undefined) return info.first;
  return fail(ctx, prop, defaulted ? 'the probe has no port and the container declares none'
    : `port '${port}' is not a named port of this container`,
  defaulted ? "declare the container's port in `ports`, or give the probe a `port`" : `declare { number: …, name: '${port}' } in \`ports\`, or use the port number`);
}

function renderProbe(ctx: ContainerContext, prop: string, probe: Probe, role: keyof typeof PROBE_DEFAULTS, info: PortInfo, timing?: ResolvedTiming) {
  const t = { ...PROBE_DEFAULTS[role], ...(timing ?? {}), ...probe.timing };
  for (const [k, v] of Object.entries(t)) {
    const min = k === 'initialDelaySeconds' ? 0 : 1;
    if (!Number.isInteger(v) || v < min) fail(ctx, `${prop}.${k}`, `must be a whole number ≥ ${min}, got ${v}`, `set ${k} to ${min} or more`);
  }
  if (role !== 'readiness' && t.successThreshold !== 1) {
    fail(ctx, `${prop}.successThreshold`, `must be 1 for a ${role} probe, got ${t.successThreshold}`, 'set successThreshold to 1 or leave it unset');
  }
  // Object.assign, not spread: a megamorphic `{ ...a, ...b }` gives every result its own hidden
  // class in V8, which at 10,000 Pods costs megabytes of heap (bench/synth.ts)
  return Object.assign({}, renderHandler(ctx, prop, probe.handler, info, probe.portDefaulted), t);
}

function renderHandler(ctx: ContainerContext, prop: string, handler: Probe['handler'], info: PortInfo, portDefaulted = false): Record<string, unknown> {
  if ('httpGet' in handler) {
    const port = resolvePort(ctx, `${prop}.httpGet.port`, handler.httpGet.port, portDefaulted, info);
    const scheme = handler.httpGet.scheme;
    if (scheme !== undefined && scheme !== 'HTTP' && scheme !== 'HTTPS') fail(ctx, `${prop}.httpGet.scheme`, `must be 'HTTP' or 'HTTPS', got '${scheme}'`, "write it in capitals: 'HTTPS'");
    (handler.httpGet.httpHeaders ?? []).forEach((h, i) => {
      if (httpHeaderName(h.name).length) fail(ctx, `${prop}.httpGet.headers[${i}]`, `'${h.name}' is not an HTTP header name`, "use letters, digits and '-', e.g. 'X-Probe'");
    });
    return { httpGet: Object.assign({}, handler.httpGet, { port, scheme: handler.httpGet.scheme ?? 'HTTP' }) };
  }
  if ('tcpSocket' in handler) {
    return { tcpSocket: Object.assign({}, handler.tcpSocket, { port: resolvePort(ctx, `${prop}.tcpSocket.port`, handler.tcpSocket.port, false, info) }) };
  }
  if ('grpc' in handler) {
    resolvePort(ctx, `${prop}.grpc.port`, handler.grpc.port, false, info);
    return { grpc: handler.grpc };
  }
  if ('exec' in handler && handler.exec.command.length === 0) {
    fail(ctx, `${prop}.exec.command`, 'must not be empty', 'give the command to run, e.g. [\'cat\', \'/tmp/healthy\']');
  }
  return { ...handler };
}

function renderSecurity(ctx: ContainerContext, props: ContainerProps) {
  const s = props.securityContext ?? {};
  if (!props.securityContext) ctx.defaults.add('securityContext');
  if (s.privileged) {
    if (!props.allowPrivileged) {
      fail(ctx, 'securityContext.privileged', 'a privileged container can change the node (H4: network plugins only)',
        'drop privileged, add only the capabilities needed, or set allowPrivileged: true');
    }
    optIn(ctx, 'allowPrivileged', 'security.privileged');
  }
  const readOnlyRoot = s.readOnlyRootFilesystem ?? true;
  if (!readOnlyRoot) ctx.ignores.add('security.read-only-root-fs');

  const runAsUser = s.runAsUser ?? DEFAULT_RUN_AS_USER;
  if (!isUserOrGroupId(runAsUser)) {
    fail(ctx, 'securityContext.runAsUser', `must be between 0 and 2147483647, got ${runAsUser}`, 'use a numeric UID');
  }
  if (runAsUser === 0 || s.runAsNonRoot === false) {
    if (!props.allowRunAsRoot) {
      fail(ctx, 'securityContext.runAsUser', 'the container would run as root', 'run as a non-zero UID, or set allowRunAsRoot: true');
    }
    optIn(ctx, 'allowRunAsRoot', 'security.run-as-root');
  }
  if (s.runAsNonRoot === true && runAsUser === 0) {
    fail(ctx, 'securityContext.runAsNonRoot', 'runAsNonRoot is true but runAsUser is 0', 'use a non-zero runAsUser');
  }

  const normalize = (names: string[] | undefined, list: 'add' | 'drop') => (names ?? []).map((n, i) => {
    const c = normalizeCapability(n);
    if (!c) {
      fail(ctx, `securityContext.capabilities.${list}[${i}]`, `'${n}' is not a Linux capability`,
        `use a name from capabilities(7) without CAP_, e.g. NET_ADMIN (${LINUX_CAPABILITIES.size} known)`);
    }
    return c;
  });
  const add = [...new Set(normalize(s.capabilities?.add, 'add'))];
  const drop = s.capabilities?.drop ? [...new Set(normalize(s.capabilities.drop, 'drop'))] : ['ALL'];
  const dangerous = add.filter((c) => !UNREMARKABLE_CAPABILITIES.has(c));
  if (dangerous.length) {
    if (!props.allowDangerousCapabilities) {
      fail(ctx, 'securityContext.capabilities.add', `adds ${dangerous.join(', ')}, which widen what the container may do to the node (H20)`,
        'add only NET_BIND_SERVICE, or set allowDangerousCapabilities: true');
    }
    optIn(ctx, 'allowDangerousCapabilities', 'security.dangerous-capabilities');
  }
  // the API server refuses allowPrivilegeEscalation: false beside privileged or CAP_SYS_ADMIN
  if (s.allowPrivilegeEscalation === false && s.privileged) {
    fail(ctx, 'securityContext.allowPrivilegeEscalation', 'cannot set allowPrivilegeEscalation to false and privileged to true', 'leave allowPrivilegeEscalation unset for a privileged container');
  }
  if (s.allowPrivilegeEscalation === false && add.includes('SYS_ADMIN')) {
    fail(ctx, 'securityContext.allowPrivilegeEscalation', 'cannot set allowPrivilegeEscalation to false and add CAP_SYS_ADMIN', 'leave allowPrivilegeEscalation unset when adding SYS_ADMIN');
  }
  const escalation = s.allowPrivilegeEscalation ?? (s.privileged === true || add.includes('SYS_ADMIN'));
  if (escalation) ctx.ignores.add('security.privilege-escalation');
  if (typeof s.seccompProfile === 'object' && !s.seccompProfile.localhostProfile) {
    fail(ctx, 'securityContext.seccompProfile.localhostProfile', 'a Localhost seccomp profile needs the path of the profile', "give the path under the kubelet's seccomp directory, e.g. 'profiles/app.json'");
  }
  if (s.runAsGroup !== undefined && !isUserOrGroupId(s.runAsGroup)) {
    fail(ctx, 'securityContext.runAsGroup', `must be a group ID from 0 to 2147483647, got ${s.runAsGroup}`, 'use a numeric GID');
  }
  const root = runAsUser === 0 || s.runAsNonRoot === false;
  return {
    ...(s.privileged ? { privileged: true } : {}),
    allowPrivilegeEscalation: escalation,
    readOnlyRootFilesystem: readOnlyRoot,
    runAsNonRoot: !root,
    runAsUser,
    ...(s.runAsGroup !== undefined ? { runAsGroup: s.runAsGroup } : {}),
    capabilities: { ...(add.length ? { add } : {}), drop },
    seccompProfile: typeof s.seccompProfile === 'object'
      ? { type: 'Localhost', localhostProfile: s.seccompProfile.localhostProfile }
      : { type: s.seccompProfile ?? 'RuntimeDefault' },
  };
}

/** Renders one container into the API's shape, or throws a PodsmithError naming the prop. */
export function renderContainer(ctx: ContainerContext, props: ContainerProps): Record<string, unknown> {
  if (!isDns1123Label(props.name)) {
    fail(ctx, 'name', `'${props.name}' must be a DNS-1123 label (lower case letters, digits, '-', at most 63)`, "rename it, e.g. 'web'");
  }
  if (!props.image || /\s/.test(props.image)) fail(ctx, 'image', 'must be a non-empty image reference without spaces', "use e.g. 'busybox:1.35.0'");

  // H12: :latest and untagged images are pulled on every start and drift between nodes
  const tag = imageTag(props.image);
  const latest = tag === '' || tag === 'latest';
  if (latest) {
    if (!props.allowLatestTag) {
      fail(ctx, 'image', `'${props.image}' is ${tag === '' ? 'untagged (so :latest)' : 'tagged :latest'}, which drifts and is pulled on every start (H12)`,
        'pin a version tag or digest, or set allowLatestTag: true');
    }
    optIn(ctx, 'allowLatestTag', 'image.latest-tag');
  }
  if (!props.imagePullPolicy) ctx.defaults.add('imagePullPolicy');
  const imagePullPolicy = props.imagePullPolicy ?? (latest ? 'Always' : 'IfNotPresent');

  const { json: ports, info } = renderPorts(ctx, props.ports);

  // H17: probes. Init containers run to completion and take none; sidecars may.
  let readiness = props.readiness;
  let liveness = props.liveness;
  
  if (props.probe) {
    readiness ??= props.probe;
    liveness ??= props.probe;

  }
  const probes: Record<string, unknown> = {};
  if (ctx.role === 'init') {
    for (const p of ['probe', 'readiness', 'liveness', 'startup', 'postStart', 'preStop'] as const) {
      if (props[p]) {
        fail(ctx, p, 'an init container runs to completion and may not have probes or lifecycle hooks (H18)',
          'remove it, or make the container a sidecar (pod prop `sidecars`)');
      }
    }
  } else {
    if (readiness) probes.readinessProbe = renderProbe(ctx, readiness === props.probe ? 'probe' : 'readiness', readiness, 'readiness', info);
    if (liveness) probes.livenessProbe = renderProbe(ctx, liveness === props.probe ? 'probe' : 'liveness', liveness, 'liveness', info);
    if (props.startup) probes.startupProbe = renderProbe(ctx, 'startup', props.startup, 'startup', info);
    if (ctx.role === 'app' && !ctx.batch) {
      if ((!readiness || !liveness) && !props.allowNoProbes) {
        fail(ctx, readiness ? 'liveness' : 'readiness', `a long-running container needs readiness and liveness probes (H17)`,
          "set probe: Probe.httpGet('/healthz') (or readiness and liveness), or allowNoProbes: true");
      }
      if (!readiness) optIn(ctx, 'allowNoProbes', 'probes.readiness-missing');
      if (!liveness) optIn(ctx, 'allowNoProbes', 'probes.liveness-missing');
    }
    if (readiness && liveness && readiness !== liveness && JSON.stringify(probes.readinessProbe) === JSON.stringify(probes.livenessProbe)) {
      fail(ctx, 'liveness', 'is identical to the readiness probe: a slow dependency would restart the container instead of taking it out of service',
        'use `probe` (podsmith derives a slower liveness probe) or give liveness a longer period or threshold');
    }
  }

  const lifecycle: Record<string, unknown> = {};
  for (const hook of ['postStart', 'preStop'] as const) {
    const h = props[hook]?.handler;
    if (!h) continue;
    if ('sleep' in h) {
      const sec = h.sleep.seconds;
      if (!Number.isInteger(sec) || sec < 0 || sec > ctx.grace) {
        fail(ctx, `${hook}.sleep.seconds`, `must be a whole number from 0 to the Pod's terminationGracePeriodSeconds (${ctx.grace}), got ${sec}`,
          sec > ctx.grace ? 'sleep for less, or raise terminationGracePeriodSeconds' : 'use 0 or more seconds');
      }
    }
    lifecycle[hook] = renderHandler(ctx, hook, h, info);
  }

  const env: { name: string; value?: string; valueFrom?: unknown }[] = [...ctx.extraEnv];
  for (const [name, value] of Object.entries(props.env ?? {})) {
    if (!name || name.includes('=')) fail(ctx, `env[${name}]`, 'an environment variable name must be non-empty and contain no \'=\'', 'rename the variable');
    const json = value instanceof EnvValue ? value.json : { value: String(value) };
    const existing = env.findIndex((e) => e.name === name);
    if (existing >= 0) env.splice(existing, 1); // the container's own value wins over the Pod-wide one
    env.push({ name, ...json });
  }

  const mountPaths = new Set<string>();
  const volumeMounts = [...ctx.extraMounts.map((m) => ({ ...m }))];
  for (const m of volumeMounts) mountPaths.add(m.mountPath);
  (props.mounts ?? []).forEach((m, i) => {
    const name = typeof m.volume === 'string' ? m.volume : m.volume.name;
    if (!ctx.volumes.has(name)) fail(ctx, `mounts[${i}].volume`, `volume '${name}' is not declared by the Pod`, 'add the volume to the pod prop `volumes`');
    if (!m.path.startsWith('/')) fail(ctx, `mounts[${i}].path`, `'${m.path}' must be an absolute path`, 'start the path with /');
    if (mountPaths.has(m.path)) fail(ctx, `mounts[${i}].path`, `duplicate mount path '${m.path}'`, 'mount each path once');
    mountPaths.add(m.path);
    volumeMounts.push({ name, mountPath: m.path, readOnly: m.readOnly ?? false, ...(m.subPath ? { subPath: m.subPath } : {}) });
  });

  return {
    name: props.name,
    image: props.image,
    imagePullPolicy,
    ...(props.command ? { command: [...props.command] } : {}),
    ...(props.args ? { args: [...props.args] } : {}),
    ...(props.workingDir ? { workingDir: props.workingDir } : {}),
    ...(props.envFrom?.length ? { envFrom: props.envFrom.map((e) => ({ ...e.json })) } : {}),
    ...(env.length ? { env } : {}),
    ...(ports ? { ports } : {}),
    resources: renderResources(ctx, props.resources),
    ...probes,
    ...(Object.keys(lifecycle).length ? { lifecycle } : {}),
    ...(ctx.role === 'sidecar' ? { restartPolicy: 'Always' } : {}),
    securityContext: renderSecurity(ctx, props),
    ...(volumeMounts.length ? { volumeMounts } : {}),
  };
}
