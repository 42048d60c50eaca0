/**
 * What a check sees: one object, where its Pod template is, the whole bundle (for cross-object
 * rules), and `report` to add a finding. Checks never throw on odd input: they skip what is not
 * the shape they expect, since the schema layer reports wrong types.
 */
import { ValidateOptions } from './types';

/** Where a kind keeps its Pod spec. */
export const POD_TEMPLATE_PATHS: Record<string, { spec: string; meta: string } | undefined> = {
  'Pod': { spec: 'spec', meta: 'metadata' },
  'PodTemplate': { spec: 'template.spec', meta: 'template.metadata' },
  'ReplicationController': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'Deployment': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'ReplicaSet': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'StatefulSet': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'DaemonSet': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'Job': { spec: 'spec.template.spec', meta: 'spec.template.metadata' },
  'CronJob': { spec: 'spec.jobTemplate.spec.template.spec', meta: 'spec.jobTemplate.spec.template.metadata' },
};

export interface PodRef {
  spec: any;
  specPath: string;
  meta: any;
  metaPath: string;
}

export interface BundleIndex {
  objects: any[];
  /** `namespace/name` of Services. */
  services: Map<string, any>;
  /** PodDisruptionBudgets per namespace. */
  pdbs: Map<string, any[]>;
  /** The PDBs of a namespace that could select these labels (an index on their matchLabels). */
  pdbsFor(namespace: string, labels: Record<string, string>): any[];
  priorityClasses: Set<string>;
  /** `namespace/name` of ServiceAccounts. */
  serviceAccounts: Map<string, any>;
  /** NetworkPolicies per namespace. */
  networkPolicies: Map<string, any[]>;
  /** The NetworkPolicies of a namespace whose podSelector could select these labels (an index on their matchLabels). */
  networkPoliciesFor(namespace: string, labels: Record<string, string>): any[];
  /** The Pod templates of the bundle per namespace: their labels and named container ports. */
  podTemplates: Map<string, PodTemplateSummary[]>;
  /** The Pod templates of a namespace that a label selector matches (indexed on label pairs). */
  podTemplatesMatching(namespace: string, selector: any): PodTemplateSummary[];
}

export interface PodTemplateSummary {
  labels: Record<string, string>;
  ports: Set<string>;
  /** Replicas of a replicated workload (default 1); undefined for other kinds. */
  replicas?: number;
  /** `Kind/name` of the workload, for messages. */
  owner?: string;
}

export interface Ctx {
  obj: any;
  kind: string;
  apiVersion: string;
  namespace: string;
  /** Kubernetes minor version the bundle is checked against (27, 34, ...). */
  minor: number;
  /** The kind is cluster-scoped in that release: the API server clears metadata.namespace instead of checking it. */
  clusterScoped?: boolean;
  options: ValidateOptions;
  bundle: BundleIndex;
  pod?: PodRef;
  /** The object with the nulls that decode as "" written "" (values of maps of strings: schema/go-nulls.ts); asked only of an object that holds a null. */
  nullsAsGo?: (obj: any) => any;
  report(rule: string, path: string, message: string, fix?: string): void;
}

export function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A string value as it is, anything else (absent, null, a number) as the empty string. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

export function nsOf(obj: any): string {
  const ns = obj?.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

export function buildBundle(objects: any[], podTemplates: Map<string, PodTemplateSummary[]> = new Map()): BundleIndex {
  const services = new Map<string, any>();
  const pdbs = new Map<string, any[]>();
  const priorityClasses = new Set<string>();
  const serviceAccounts = new Map<string, any>();
  const networkPolicies = new Map<string, any[]>();
  for (const o of objects) {
    if (!isObj(o)) continue;
    const name = o.metadata?.name;
    if (o.kind === 'Service' && typeof name === 'string') services.set(`${nsOf(o)}/${name}`, o);
    else if (o.kind === 'ServiceAccount' && typeof name === 'string') serviceAccounts.set(`${nsOf(o)}/${name}`, o);
    else if (o.kind === 'NetworkPolicy') {
      if (!networkPolicies.has(nsOf(o))) networkPolicies.set(nsOf(o), []);
      networkPolicies.get(nsOf(o))!.push(o);
    }
    else if (o.kind === 'PodDisruptionBudget') {
      const ns = nsOf(o);
      if (!pdbs.has(ns)) pdbs.set(ns, []);
      pdbs.get(ns)!.push(o);
    } else if (o.kind === 'PriorityClass' && typeof name === 'string') priorityClasses.add(name);
  }
  // Index each PDB under one of its matchLabels pairs; selectors with only expressions are checked always.
  const pdbIndex = new SelectorIndex();
  for (const [ns, list] of pdbs) for (const p of list) pdbIndex.add(ns, p.spec?.selector, p);
  const pdbsFor = (namespace: string, labels: Record<string, string>): any[] => pdbIndex.candidates(namespace, labels);
  // NetworkPolicies the same way; an empty podSelector selects every Pod of the namespace
  const npIndex = new SelectorIndex();
  for (const [ns, list] of networkPolicies) {
    for (const np of list) {
      const sel = np.spec?.podSelector;
      if (!isObj(sel)) continue; // selects nothing
      const ml = isObj(sel.matchLabels) ? sel.matchLabels : {};
      npIndex.add(ns, Object.keys(ml).length === 0 && arr(sel.matchExpressions).length === 0 ? undefined : sel, np);
    }
  }
  const networkPoliciesFor = (namespace: string, labels: Record<string, string>): any[] => npIndex.candidates(namespace, labels);
  // Pod templates indexed by each of their label pairs, so a selector looks at candidates only.
  const byLabel = new Map<string, PodTemplateSummary[]>();
  for (const [ns, list] of podTemplates) {
    for (const t of list) {
      for (const [k, v] of Object.entries(t.labels)) {
        // a label value that is not a string is a schema error reported elsewhere; it matches nothing
        if (typeof v !== 'string') continue;
        const key = `${ns}\u0000${k}=${v}`;
        if (!byLabel.has(key)) byLabel.set(key, []);
        byLabel.get(key)!.push(t);
      }
    }
  }
  // the same selector is asked about by several rules, and written by several objects (a Service,
  // its PDB and NetworkPolicy select the same Pods): matched once
  const matched = new WeakMap<object, { namespace: string; templates: PodTemplateSummary[] }>();
  const byContent = new Map<string, PodTemplateSummary[]>();
  const podTemplatesMatching = (namespace: string, selector: any): PodTemplateSummary[] => {
    if (!isObj(selector)) return [];
    const hit = matched.get(selector);
    if (hit && hit.namespace === namespace) return hit.templates;
    const ml = isObj(selector.matchLabels) ? selector.matchLabels : {};
    // the candidates of the selector's rarest pair: every match has all of its pairs
    let candidates: PodTemplateSummary[] | undefined;
    for (const k of Object.keys(ml)) {
      if (typeof ml[k] !== 'string') return [];
      const list = byLabel.get(`${namespace}\u0000${k}=${ml[k]}`) ?? [];
      if (candidates === undefined || list.length < candidates.length) candidates = list;
    }
    // a selector of string pairs only is told by its text
    const exprs = selector.matchExpressions;
    const content = exprs === undefined || (Array.isArray(exprs) && exprs.length === 0) ? JSON.stringify([namespace, ml]) : undefined;
    let templates = content === undefined ? undefined : byContent.get(content);
    if (templates === undefined) {
      templates = (candidates ?? podTemplates.get(namespace) ?? []).filter((t) => selectorMatches(selector, t.labels));
      if (content !== undefined) byContent.set(content, templates);
    }
    matched.set(selector, { namespace, templates });
    return templates;
  };
  return { objects, services, pdbs, priorityClasses, serviceAccounts, networkPolicies, networkPoliciesFor, pdbsFor, podTemplates, podTemplatesMatching };
}

/**
 * Objects with a label selector, indexed by namespace and the first pair of their matchLabels, so
 * that the candidates for a label set are found without a scan. A selector whose first value is
 * not a string, or that has only expressions (or undefined: one that selects everything), is a
 * candidate always. Candidates come in the order they were added; the caller still matches them.
 */
class SelectorIndex {
  private readonly byPair = new Map<string, any[]>();
  private readonly loose = new Map<string, any[]>();

  add(namespace: string, selector: any, item: any): void {
    const ml = selector?.matchLabels;
    const first = isObj(ml) ? Object.keys(ml)[0] : undefined;
    const key = first === undefined || typeof ml[first] !== 'string' ? undefined : `${namespace}\u0000${first}=${ml[first]}`;
    const map = key === undefined ? this.loose : this.byPair;
    const k = key ?? namespace;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }

  candidates(namespace: string, labels: Record<string, string>): any[] {
    const out: any[] = [...(this.loose.get(namespace) ?? [])];
    if (isObj(labels)) {
      for (const [k, v] of Object.entries(labels)) {
        if (typeof v !== 'string') continue;
        const hit = this.byPair.get(`${namespace}\u0000${k}=${v}`);
        if (hit) out.push(...hit);
      }
    }
    return out;
  }
}

/** Every container of a Pod spec with its path and role. */
export interface ContainerRef {
  c: any;
  path: string;
  init: boolean;
  /** An init container with restartPolicy Always (a sidecar, H18). */
  sidecar: boolean;
}

const containerCache = new WeakMap<PodRef, ContainerRef[]>();

export function containersOf(pod: PodRef): ContainerRef[] {
  const hit = containerCache.get(pod);
  if (hit) return hit;
  const out: ContainerRef[] = [];
  containerCache.set(pod, out);
  const spec = pod.spec;
  arr(spec.initContainers).forEach((c, i) => {
    if (isObj(c)) out.push({ c, path: `${pod.specPath}.initContainers[${i}]`, init: true, sidecar: c.restartPolicy === 'Always' });
  });
  arr(spec.containers).forEach((c, i) => {
    if (isObj(c)) out.push({ c, path: `${pod.specPath}.containers[${i}]`, init: false, sidecar: false });
  });
  return out;
}

/** Label selector match (matchLabels and matchExpressions) against a label map. */
export function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const ml = isObj(selector.matchLabels) ? selector.matchLabels : {};
  const exprs = arr(selector.matchExpressions);
  if (Object.keys(ml).length === 0 && exprs.length === 0) return false;
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of exprs) {
    if (!isObj(e)) return false;
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const vals = arr(e.values);
    switch (e.operator) {
      case 'In': if (!has || !vals.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && vals.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** A whole number (JSON numbers the API server decodes into an int field). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
