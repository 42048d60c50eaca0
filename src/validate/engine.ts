/**
 * validateObjects: runs the layers over a whole bundle (pure and synchronous), then applies
 * suppression annotations, attaches file lines and counts.
 */
import { UsageError } from '../errors';
import { checkedRules, profileRules, ruleById } from './catalog';
import { CheckedRule } from './rules/types';
import { buildBundle, Ctx, isObj, nsOf, POD_TEMPLATE_PATHS, PodRef, PodTemplateSummary } from './context';
import { getAt, splitPath } from './path';
import { availableVersions, checkSchema, loadSchemas } from './schema';
import { checkSemantics } from './semantic';
import { Finding, InputObject, isSuppressible, ObjectRef, Report, ValidateOptions } from './types';

export const IGNORE_ANNOTATION = 'podsmith.dev/ignore';

/** apiVersions that served these kinds once and no longer do, with today's. */
const CURRENT_API: Record<string, string> = {
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1', PodDisruptionBudget: 'policy/v1', PriorityClass: 'scheduling.k8s.io/v1',
  Pod: 'v1', Service: 'v1', Ingress: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};
const RETIRED_GROUPS = new Set(['extensions', 'apps', 'batch', 'policy', 'scheduling.k8s.io', 'networking.k8s.io', 'autoscaling', '']);

export function resolveVersion(v: string | undefined): string {
  const versions = availableVersions();
  if (versions.length === 0) throw new UsageError('no bundled schemas found (schemas/ is missing from the installation)');
  if (v === undefined) return versions[versions.length - 1];
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v.trim());
  const want = m ? `${m[1]}.${m[2]}` : v;
  if (!versions.includes(want)) throw new UsageError(`--k8s-version must be one of ${versions.join(', ')}, got '${v}'`);
  return want;
}

function refOf(obj: any): ObjectRef {
  const o = isObj(obj) ? obj : {};
  const ref: ObjectRef = {
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof o.metadata?.name === 'string' ? o.metadata.name : (typeof o.metadata?.generateName === 'string' ? o.metadata.generateName : ''),
  };
  if (typeof o.metadata?.namespace === 'string') ref.namespace = o.metadata.namespace;
  return ref;
}

function ignored(meta: any): string[] {
  const v = meta?.annotations?.[IGNORE_ANNOTATION];
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** The line of the nearest enclosing field that the source has. */
function lineFor(input: InputObject, path: string): number | undefined {
  if (!input.lineOf) return undefined;
  const segs = splitPath(path);
  for (let n = segs.length; n >= 0; n--) {
    const line = input.lineOf(rebuild(segs.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}

function rebuild(segs: Array<string | number>): string {
  let p = '';
  for (const s of segs) p += typeof s === 'number' ? `[${s}]` : (p === '' ? s : (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? `.${s}` : `[${s}]`));
  return p;
}

/**
 * Expands `kind: List` and every typed list (`DeploymentList`, `ConfigMapList`, …) into their
 * items, as kubectl does: an item with neither kind nor apiVersion takes the list's apiVersion and
 * its kind without `List`.
 */
function expandLists(inputs: InputObject[]): InputObject[] {
  const out: InputObject[] = [];
  for (const input of inputs) {
    const o = input.object;
    if (o === null || o === undefined) continue;
    if (isObj(o) && typeof o.kind === 'string' && o.kind.endsWith('List') && typeof o.apiVersion === 'string' && Array.isArray(o.items)) {
      const itemKind = o.kind.slice(0, -'List'.length);
      o.items.forEach((item: any, i: number) => {
        let object = item;
        if (itemKind !== '' && isObj(item) && item.kind === undefined && item.apiVersion === undefined) {
          object = { apiVersion: o.apiVersion, kind: itemKind, ...item };
        }
        out.push({
          object,
          file: input.file,
          lineOf: input.lineOf ? (p: string) => input.lineOf!(p === '' ? `items[${i}]` : `items[${i}].${p}`) : undefined,
          duplicates: input.duplicates?.filter((d) => d.path.startsWith(`items[${i}]`)).map((d) => ({ ...d, path: d.path.slice(`items[${i}]`.length).replace(/^\./, '') })),
        });
      });
      // a key repeated outside the items is reported on the first item, at its own line
      const outside = input.duplicates?.filter((d) => !d.path.startsWith('items[')) ?? [];
      if (outside.length > 0 && out.length > 0) {
        const firstItem = out[out.length - o.items.length];
        if (firstItem) firstItem.duplicates = [...(firstItem.duplicates ?? []), ...outside.map((d) => ({ ...d, path: '', listPath: d.path }))];
      }
    } else {
      out.push(input);
    }
  }
  return out;
}

/** One part's contribution to the bundle (plain data: it crosses between worker threads). */
export interface BundlePart {
  objects: any[];
  podTemplates: Map<string, PodTemplateSummary[]>;
}

type Raw = { rule: string; path: string; message: string; fix?: string; line?: number };

/** What the cross-object rules need of an object with a Pod template, kept instead of the object. */
interface Deferred {
  index: number;
  input: InputObject;
  ref: ObjectRef;
  suppressedIds: string[];
  obj: any;
  pod?: PodRef;
}

const EMPTY_BUNDLE = buildBundle([]);

/** The skeleton of a Service, PDB or PriorityClass that the bundle index needs. */
function bundleSkeleton(obj: any): any | undefined {
  const metadata = { name: obj.metadata?.name, namespace: obj.metadata?.namespace };
  switch (obj.kind) {
    case 'Service': return { kind: obj.kind, metadata, spec: { clusterIP: obj.spec?.clusterIP, ports: obj.spec?.ports, selector: obj.spec?.selector } };
    case 'PodDisruptionBudget': return { kind: obj.kind, metadata, spec: { selector: obj.spec?.selector } };
    case 'PriorityClass': return { kind: obj.kind, metadata };
    default: return undefined;
  }
}

/**
 * A validation run over a bundle that arrives in parts (file by file): each object is checked as
 * it is added and then let go; only what the cross-object rules need is kept until finish().
 */
export class Validation {
  private readonly version: string;
  private readonly minor: number;
  private readonly schemas: ReturnType<typeof loadSchemas>;
  private readonly localRules: CheckedRule[];
  private readonly crossRules: CheckedRule[];
  private readonly kindRules: CheckedRule[];
  private podTemplates = new Map<string, PodTemplateSummary[]>();
  private readonly findings: Array<{ index: number; finding: Finding }> = [];
  private readonly checked: Array<{ ref: ObjectRef; file?: string }> = [];
  private readonly deferred: Deferred[] = [];
  private bundleObjects: any[] = [];
  private unreadable = false;

  constructor(private readonly options: ValidateOptions = {}) {
    this.version = resolveVersion(options.k8sVersion);
    this.minor = Number(this.version.split('.')[1]);
    this.schemas = loadSchemas(this.version);
    const rules = options.profile
      ? [...checkedRules, ...profileRules.filter((r) => options.profile === 'restricted' || r.profile === 'baseline')]
      : checkedRules;
    this.localRules = rules.filter((r) => !r.crossObject && !r.kinds);
    this.crossRules = rules.filter((r) => r.crossObject && !r.kinds);
    this.kindRules = rules.filter((r) => r.kinds);
  }

  add(inputsIn: InputObject[]): void {
    for (const input of expandLists(inputsIn)) this.addOne(input);
  }

  private addOne(input: InputObject): void {
    const index = this.checked.length;
    const obj = input.object;
    const ref = refOf(obj);
    this.checked.push({ ref, file: input.file });
    const local: Raw[] = [];
    const report = (rule: string, path: string, message: string, fix?: string) => {
      if (!ruleById(rule)) throw new Error(`podsmith: rule '${rule}' is not in the catalog`);
      local.push({ rule, path, message, fix });
    };
    let suppressedIds: string[] = [];
    if (!isObj(obj)) {
      report('manifest.not-an-object', '', `document is a ${Array.isArray(obj) ? 'list' : typeof obj} (${JSON.stringify(obj).slice(0, 40)}), not a Kubernetes object`);
    } else if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '' || typeof obj.kind !== 'string' || obj.kind === '') {
      const missing = ['apiVersion', 'kind'].filter((f) => typeof obj[f] !== 'string' || obj[f] === '');
      report('manifest.missing-type', missing[0], `Required value: object has no ${missing.join(' and ')}`);
    } else {
      const kind = obj.kind;
      const skeleton = bundleSkeleton(obj);
      if (skeleton) this.bundleObjects.push(skeleton);
      const where = POD_TEMPLATE_PATHS[kind];
      let pod: PodRef | undefined;
      if (where && obj.apiVersion === (CURRENT_API[kind] ?? obj.apiVersion)) {
        const spec = getAt(obj, where.spec);
        if (isObj(spec)) pod = { spec, specPath: where.spec, meta: getAt(obj, where.meta), metaPath: where.meta };
      }
      suppressedIds = [...ignored(obj.metadata), ...ignored(pod?.meta)];
      const ctx: Ctx = { obj, kind, apiVersion: obj.apiVersion, namespace: nsOf(obj), minor: this.minor, options: this.options, bundle: EMPTY_BUNDLE, pod, report };
      let problems: ReturnType<typeof checkSchema>;
      try {
        problems = checkSchema(this.schemas, obj);
      } catch (e) {
        problems = [];
        report('manifest.check-failed', '', `podsmith could not finish checking this object: ${(e as Error).message}`);
      }
      const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
      if (problems === undefined) {
        if (CURRENT_API[kind] && RETIRED_GROUPS.has(group) && CURRENT_API[kind] !== obj.apiVersion) {
          report('manifest.api-version-unsupported', 'apiVersion', `Unsupported value: ${JSON.stringify(obj.apiVersion)}: Kubernetes ${this.version} serves ${kind} as ${CURRENT_API[kind]}`, `change apiVersion to ${CURRENT_API[kind]}`);
        } else {
          report('schema.kind-not-checked', 'kind', `${obj.apiVersion} ${kind} is not a kind podsmith has a schema for: not checked`);
        }
      } else {
        for (const p of problems) report(p.rule, p.path, p.message, p.fix);
        try {
          checkSemantics(ctx);
          if (pod) this.notePodTemplate(ctx.namespace, pod);
          if (!pod && skeleton && this.kindRules.some((r) => r.kinds!.includes(kind))) {
            this.deferred.push({ index, input: { object: undefined, file: input.file, lineOf: input.lineOf }, ref, suppressedIds, obj: { ...skeleton, apiVersion: obj.apiVersion } });
          }
          if (pod) {
            for (const r of this.localRules) r.check(ctx);
            if (this.crossRules.some((r) => !r.applies || r.applies(ctx))) {
              // keep only what the cross-object rules read
              const keep = {
                kind, apiVersion: obj.apiVersion,
                metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace },
                spec: { replicas: obj.spec?.replicas },
              };
              const podKeep: PodRef = {
                spec: { subdomain: pod.spec.subdomain, priorityClassName: pod.spec.priorityClassName },
                specPath: pod.specPath,
                meta: { labels: pod.meta?.labels },
                metaPath: pod.metaPath,
              };
              this.deferred.push({ index, input: { object: undefined, file: input.file, lineOf: input.lineOf }, ref, suppressedIds, obj: keep, pod: podKeep });
            }
          }
        } catch (e) {
          report('manifest.check-failed', '', `podsmith could not finish checking this object: ${(e as Error).message}`);
        }
      }
    }
    for (const d of input.duplicates ?? []) {
      const where = (d as { listPath?: string }).listPath ?? d.path;
      local.push({ rule: 'yaml.duplicate-key', path: d.path, line: d.line, message: `duplicate key: ${where} is written twice (first at line ${d.first}); kubectl keeps this last value` });
    }
    this.record(index, input, ref, suppressedIds, local);
  }

  /** An input that could not be read, or was skipped: one finding with its file and line. */
  addProblem(p: { rule: string; file: string; line?: number; message: string }): void {
    const rule = ruleById(p.rule);
    if (!rule) throw new Error(`podsmith: rule '${p.rule}' is not in the catalog`);
    this.unreadable ||= rule.severity === 'error';
    this.findings.push({
      index: this.checked.length,
      finding: {
        rule: p.rule, severity: rule.severity, message: p.message,
        object: { apiVersion: '', kind: '', name: '' }, path: '', file: p.file,
        ...(p.line !== undefined ? { line: p.line } : {}),
        handbook: rule.handbook, fix: rule.fix,
      },
    });
  }

  private notePodTemplate(namespace: string, pod: PodRef): void {
    const ports = new Set<string>();
    for (const list of [pod.spec.containers, pod.spec.initContainers]) {
      for (const c of Array.isArray(list) ? list : []) {
        for (const p of Array.isArray(c?.ports) ? c.ports : []) if (typeof p?.name === 'string') ports.add(p.name);
      }
    }
    const labels = isObj(pod.meta?.labels) ? pod.meta.labels : {};
    if (!this.podTemplates.has(namespace)) this.podTemplates.set(namespace, []);
    this.podTemplates.get(namespace)!.push({ labels, ports });
  }

  private record(index: number, input: InputObject, ref: ObjectRef, suppressedIds: string[], raws: Raw[]): void {
    for (const f of raws) {
      const rule = ruleById(f.rule)!;
      const line = f.line ?? lineFor(input, f.path);
      // Key order as in contract 2.
      const finding: Finding = {
        rule: f.rule,
        severity: rule.severity,
        message: f.message,
        object: ref,
        path: f.path,
        ...(input.file !== undefined ? { file: input.file } : {}),
        ...(line !== undefined ? { line } : {}),
        handbook: rule.handbook,
        fix: f.fix ?? rule.fix,
      };
      if (suppressedIds.includes(f.rule) && isSuppressible(rule, rule.severity)) finding.suppressed = true;
      this.findings.push({ index, finding });
    }
  }

  /** What this part of the input adds to the bundle the cross-object rules read (one part per worker thread). */
  bundlePart(): BundlePart {
    return { objects: this.bundleObjects, podTemplates: this.podTemplates };
  }

  /** The whole input's bundle, from every part in input order, before finish(): as if one Validation had read it all. */
  useBundle(parts: BundlePart[]): void {
    this.bundleObjects = parts.flatMap((p) => p.objects);
    this.podTemplates = new Map();
    for (const p of parts) {
      for (const [ns, list] of p.podTemplates) this.podTemplates.set(ns, [...(this.podTemplates.get(ns) ?? []), ...list]);
    }
  }

  finish(): Report {
    if (this.deferred.length) {
      const bundle = buildBundle(this.bundleObjects, this.podTemplates);
      for (const d of this.deferred) {
        const raws: Raw[] = [];
        const report = (rule: string, path: string, message: string, fix?: string) => { raws.push({ rule, path, message, fix }); };
        const ctx: Ctx = { obj: d.obj, kind: d.obj.kind, apiVersion: d.obj.apiVersion, namespace: nsOf(d.obj), minor: this.minor, options: this.options, bundle, pod: d.pod, report };
        if (d.pod) for (const r of this.crossRules) r.check(ctx);
        else for (const r of this.kindRules) if (r.kinds!.includes(d.obj.kind)) r.check(ctx);
        this.record(d.index, d.input, d.ref, d.suppressedIds, raws);
      }
      // findings in object order, as if every rule had run when the object was read
      this.findings.sort((a, b) => a.index - b.index);
    }
    const findings = this.findings.map((f) => f.finding);
    const summary = { objects: this.checked.length, errors: 0, warnings: 0, infos: 0 };
    for (const f of findings) {
      if (f.suppressed) continue;
      if (f.severity === 'error') summary.errors++;
      else if (f.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
    const report: Report = { findings, summary };
    // For formatters that list every object (JUnit); not part of the JSON shape.
    Object.defineProperty(report, 'objects', { value: this.checked, enumerable: false });
    // Contract 1: exit 2 when any input could not be read; not part of the JSON shape either.
    if (this.unreadable) Object.defineProperty(report, 'unreadable', { value: true, enumerable: false });
    return report;
  }
}

export function validateObjects(inputs: InputObject[], options: ValidateOptions = {}): Report {
  const v = new Validation(options);
  v.add(inputs);
  return v.finish();
}

/** Exit code per contract 1. */
export function exitCodeOf(report: Report, strict = false): number {
  if ((report as { unreadable?: boolean }).unreadable) return 2;
  if (report.summary.errors > 0) return 1;
  if (strict && report.summary.warnings > 0) return 1;
  return 0;
}
