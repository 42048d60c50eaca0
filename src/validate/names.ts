/**
 * Name and value syntaxes that the API server checks (`k8s.io/apimachinery/pkg/util/validation`).
 * Each returns a list of problems in the API server's wording; empty means valid.
 */
import { isIP } from 'node:net';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_NAME = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);

/** No problem: one shared, frozen list, so that the valid names and values of every object cost no allocation (callers only read it). */
const NONE: string[] = Object.freeze([] as string[]) as string[];

/** apimachinery's maskTrailingDash: a name prefix's trailing dash and the character before it read as one letter (generateName). */
export function maskTrailingDash(s: string): string {
  return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
}

export function dns1123Label(v: string): string[] {
  if (v.length <= 63 && DNS1123_LABEL.test(v)) return NONE;
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v)) {
    // (a valid subdomain of the right length that is no label can only hold dots: IsDNS1123Label's own words)
    if (DNS1123_SUBDOMAIN.test(v)) out.push('must not contain dots');
    else out.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')");
  }
  return out;
}

export function dns1123Subdomain(v: string): string[] {
  if (v.length <= 253 && DNS1123_SUBDOMAIN.test(v)) return NONE;
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) {
    out.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
  }
  return out;
}

const DNS1123_SUBDOMAIN_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/** IsDNS1123SubdomainWithUnderscore: a DNS subdomain whose labels may hold underscores and start with one (_sip._tcp.example.com). */
export function dns1123SubdomainWithUnderscore(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN_UNDERSCORE.test(v)) {
    out.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
  }
  return out;
}

export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(v)) {
    out.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')");
  }
  return out;
}

/** Label and annotation keys: `[prefix/]name`. */
export function qualifiedName(v: string): string[] {
  // a valid key (the common case) is known without splitting it
  const slash = v.indexOf('/');
  if (slash < 0 ? v.length <= 63 && QUALIFIED_NAME.test(v)
    : slash > 0 && slash <= 253 && v.length - slash <= 64 && v.indexOf('/', slash + 1) < 0 && DNS1123_SUBDOMAIN.test(v.slice(0, slash)) && QUALIFIED_NAME.test(v.slice(slash + 1))) {
    return NONE;
  }
  const parts = v.split('/');
  let name = v;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else out.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) {
    out.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')");
  }
  return out;
}

export function labelValue(v: string): string[] {
  if (v.length <= 63 && LABEL_VALUE.test(v)) return NONE;
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) {
    out.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')");
  }
  return out;
}

/** IANA_SVC_NAME: container and service port names. */
export function portName(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) out.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (v.includes('--')) out.push("must not contain consecutive hyphens");
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.startsWith('-') || v.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

export function portNumber(v: number): string[] {
  return Number.isInteger(v) && v >= 1 && v <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Env var names before Kubernetes 1.32 (IsEnvVarName): letters, digits, '_', '-', '.', no leading digit; not '.', '..' or '..'-prefixed. */
export function envVarName(v: string): string[] {
  const out = ENV_VAR_NAME.test(v) ? [] : ["a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1')"];
  if (v === '.') out.push("must not be '.'");
  else if (v === '..') out.push("must not be '..'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** Env var names since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation): printable ASCII except '='. */
export function relaxedEnvName(v: string): string[] {
  return /^[ -<>-~]+$/.test(v) ? [] : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
}

/** An env var name (or envFrom prefix) as the given minor release checks it: relaxed from 1.32, IsEnvVarName before. */
export function envName(minor: number, v: string): string[] {
  return minor >= 32 ? relaxedEnvName(v) : envVarName(v);
}

export function ipAddress(v: string): string[] {
  return isIP(v) ? [] : ['must be a valid IP address'];
}

export function sysctlName(v: string): string[] {
  return v.length <= 253 && SYSCTL_NAME.test(v)
    ? []
    : [`sysctl "${v}" not of the format sysctl_name`];
}

/** The kernel namespace of a namespaced sysctl, or undefined for a node-level one. */
export function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/** A ConfigMap or Secret key: [-._a-zA-Z0-9]+, at most 253 characters, not . or .. (IsConfigMapKey). */
export function configKey(k: string): string[] {
  const out: string[] = [];
  if (k.length > 253) out.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(k)) out.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')");
  if (k === '.') out.push("must not be '.'");
  else if (k === '..') out.push("must not be '..'");
  else if (k.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** Whether a path has a `..` part (validatePathNoBacksteps: the API server refuses it in every path a container or volume names). */
export const hasBacksteps = (p: string): boolean => p.split('/').includes('..');

/** A file path inside a volume (validateLocalNonReservedPath): non-empty, relative, no '..' segment. */
export function localPath(t: string): string[] {
  if (t === '') return ['Required value'];
  const out: string[] = [];
  if (t.startsWith('/')) out.push('must be a relative path');
  if (hasBacksteps(t)) out.push("must not contain '..'");
  else if (t.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** A file mode of a volume or a projected item: 0 to 0777. */
export function fileMode(m: number): string[] {
  return Number.isInteger(m) && m >= 0 && m <= 0o777 ? [] : ['must be a number between 0 and 0777 (octal), both inclusive'];
}

/** An HTTP header name (IsHTTPHeaderName). */
export function httpHeaderName(h: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(h) ? [] : ["a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name')"];
}

/** Pod fields a fieldRef can name at all (the Pod field-label conversion). */
export const POD_FIELD_LABELS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP',
  'status.podIPs', 'status.nominatedNodeName', 'status.hostIP', 'status.hostIPs']);
/** The fields a downwardAPI volume can show (and one label or annotation). */
export const VOLUME_FIELD_PATHS: readonly string[] = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
/** The fields an env var can read. */
export const ENV_FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** Divisors of a resourceFieldRef for memory and ephemeral storage (canonical quantities). */
export const BYTE_DIVISORS: readonly string[] = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/**
 * Why a resourceFieldRef divisor (canonical, non-zero) is refused for a resource, in the API
 * server's words, or undefined: 1m or 1 for cpu, a power of 1000 or 1024 for bytes.
 */
export function divisorProblem(resource: string, canonical: string): string | undefined {
  if (resource.endsWith('.cpu')) return canonical === '1m' || canonical === '1' ? undefined : "only divisor's values 1m and 1 are supported with the cpu resource";
  if (BYTE_DIVISORS.includes(canonical)) return undefined;
  return `only divisor's values ${BYTE_DIVISORS.join(', ')} are supported with the ${resource.endsWith('.memory') ? 'memory' : 'local ephemeral storage'} resource`;
}
/** The resources a resourceFieldRef can read. */
export const ENV_RESOURCES: readonly string[] = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** A user or group ID (runAsUser, runAsGroup, fsGroup, supplementalGroups): 0 to 2^31-1. */
export function isUserOrGroupId(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 2147483647;
}
