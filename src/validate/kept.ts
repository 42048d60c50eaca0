/**
 * What a Validation keeps of an object until the end of the run: its reference, the skeleton the
 * cross-object rules index, its file and lines. Copies, so that nothing kept holds on to the
 * file's text the reader sliced it from.
 */
import { isObj } from './context';
import { InputObject, ObjectRef } from './types';

/**
 * A string that holds on to nothing else. What the reader gives are slices of the file's text, and
 * V8 keeps a whole text alive for one slice of it: a name kept for the report until the end of
 * the run would keep its file (the 25x corpus: most of 171 MB). Short strings are copies already.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/**
 * A copy of plain data (objects, arrays, sets) whose strings hold on to nothing else (own): what
 * is kept of an object until the end of the run (keys are copies already: V8 interns them). Names
 * and labels kept as the reader gave them kept their files' texts alive: 60 of the 290 MB the 25x
 * corpus left on the heap.
 */
export function owned<T>(v: T): T {
  if (typeof v === 'string') return own(v) as T;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(owned) as T;
  if (v instanceof Set) return new Set([...v].map(owned)) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = owned((v as Record<string, unknown>)[k]);
    // a key `__proto__` (JSON.parse makes it an own property) stays one: assigned, it would set the prototype
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}

export function refOf(obj: any): ObjectRef {
  const o = isObj(obj) ? obj : {};
  const ref: ObjectRef = {
    apiVersion: typeof o.apiVersion === 'string' ? own(o.apiVersion) : '',
    kind: typeof o.kind === 'string' ? own(o.kind) : '',
    name: typeof o.metadata?.name === 'string' ? own(o.metadata.name) : (typeof o.metadata?.generateName === 'string' ? own(o.metadata.generateName) : ''),
  };
  if (typeof o.metadata?.namespace === 'string') ref.namespace = own(o.metadata.namespace);
  return ref;
}

/** The skeleton of a Service, PDB, PriorityClass, ServiceAccount, NetworkPolicy, Ingress, ResourceQuota or LimitRange that the bundle index needs. */
export function bundleSkeleton(obj: any): any | undefined {
  const metadata = { name: obj.metadata?.name, namespace: obj.metadata?.namespace };
  switch (obj.kind) {
    case 'Service': return { kind: obj.kind, metadata, spec: { clusterIP: obj.spec?.clusterIP, ports: obj.spec?.ports, selector: obj.spec?.selector } };
    case 'PodDisruptionBudget': return { kind: obj.kind, metadata, spec: { selector: obj.spec?.selector, minAvailable: obj.spec?.minAvailable, maxUnavailable: obj.spec?.maxUnavailable } };
    case 'PriorityClass': return { kind: obj.kind, metadata };
    case 'ServiceAccount': return { kind: obj.kind, metadata, automountServiceAccountToken: obj.automountServiceAccountToken };
    case 'ResourceQuota': return { kind: obj.kind, metadata, spec: { hard: obj.spec?.hard } };
    case 'LimitRange': return { kind: obj.kind, metadata, spec: { limits: obj.spec?.limits } };
    case 'Ingress': return { kind: obj.kind, metadata, spec: { defaultBackend: obj.spec?.defaultBackend, rules: obj.spec?.rules } };
    case 'NetworkPolicy': return { kind: obj.kind, metadata, spec: { podSelector: obj.spec?.podSelector, policyTypes: obj.spec?.policyTypes, ingress: obj.spec?.ingress !== undefined, egress: obj.spec?.egress !== undefined } };
    default: return undefined;
  }
}

/** What a deferred object keeps of its input: its file and lines, not the file's text. */
export function keepLines(input: InputObject): InputObject {
  return input.lines ? { object: undefined, file: input.file, lines: input.lines.detach() } : { object: undefined, file: input.file, lineOf: input.lineOf };
}

/** Container names and resources, for the cross-object resource rules. */
export function keepResources(list: unknown): any[] | undefined {
  return Array.isArray(list) ? list.map((c) => (isObj(c) ? { name: c.name, resources: c.resources } : c)) : undefined;
}
