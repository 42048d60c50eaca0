/**
 * validateObjects: runs the layers over a whole bundle (pure and synchronous), then applies
 * suppression annotations, attaches file lines and counts.
 */
import { UsageError } from '../errors';
import { checkedRules, profileRules, ruleById } from './catalog';
import { CheckedRule, replicasOf } from './rules/types';
import { buildBundle, Ctx, isObj, nsOf, POD_TEMPLATE_PATHS, PodRef, PodTemplateSummary } from './context';
import { lineFor } from './finding-line';
import { getAt } from './path';
import { availableVersions, checkObjectMeta, checkSchema, loadSchemas, SchemaProblem } from './schema';
import { withoutDropped } from './schema/gated';
import { nullsAsGo } from './schema/go-nulls';
import { unservedProblem } from './schema/served';
import { CrdKind, CrdRegistry } from './crd';
import { bundleSkeleton, keepLines, keepResources, own, owned, refOf } from './kept';
import { expandLists } from './lists';
import { checkSemantics } from './semantic';
import { checkMetadata } from './semantic/objects';
import { withoutServerDrops } from './server-drops';
import { onlyPodsRefuse, podsRefused } from './statefulset-template';
import { Finding, InputObject, isSuppressible, ObjectRef, Report, ValidateOptions } from './types';

export const IGNORE_ANNOTATION = 'podsmith.dev/ignore';

/** The apiVersion whose Pod template the semantic layer reads, per kind. */
const CURRENT_API: Record<string, string> = {
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1', PodDisruptionBudget: 'policy/v1', PriorityClass: 'scheduling.k8s.io/v1',
  Pod: 'v1', Service: 'v1', Ingress: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

export function resolveVersion(v: string | undefined): string {
  const versions = availableVersions();
  if (versions.length === 0) throw new UsageError('no bundled schemas found (schemas/ is missing from the installation)');
  if (v === undefined) return versions[versions.length - 1];
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v.trim());
  const want = m ? `${m[1]}.${m[2]}` : v;
  if (!versions.includes(want)) throw new UsageError(`--k8s-version must be one of ${versions.join(', ')}, got '${v}'`);
  return want;
}

function ignored(meta: any): string[] {
  const v = meta?.annotations?.[IGNORE_ANNOTATION];
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** One part's contribution to the bundle (plain data: it crosses between worker threads). */
export interface BundlePart {
  objects: any[];
  podTemplates: Map<string, PodTemplateSummary[]>;
  /** What the CustomResourceDefinitions of this part define, the last of each kind and version: a custom resource may sit in another part than its CRD. */
  crds: CrdKind[];
}

type Raw = { rule: string; path: string; message: string; fix?: string; line?: number };

/** A key written twice in the object's YAML: a warning for any kind (kubectl keeps the last value; the server's strict decoder refuses it). */
function duplicateKeys(input: InputObject): Raw[] {
  return (input.duplicates ?? []).map((d) => {
    const where = (d as { listPath?: string }).listPath ?? d.path;
    return { rule: 'yaml.duplicate-key', path: d.path, line: d.line, message: `duplicate key: ${where} is written twice (first at line ${d.first}); kubectl keeps this last value` };
  });
}

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
  private readonly findings: Array<{ index: number; part: number; finding: Finding }> = [];
  /** The part of the input being read (worker threads read the input in numbered parts), and where each part's objects start. */
  private part = 0;
  private readonly partStarts: Array<{ part: number; from: number }> = [];
  private readonly checked: Array<{ ref: ObjectRef; file?: string }> = [];
  private readonly deferred: Deferred[] = [];
  private bundleObjects: any[] = [];
  private unreadable = false;
  private readonly crds: CrdRegistry;
  /** What the input's CRDs define (the last of each kind and version), not the CRD objects. */
  private readonly inputKinds = new Map<string, CrdKind>();
  private readonly customResources: Array<{ index: number; input: InputObject; ref: ObjectRef; suppressedIds: string[] }> = [];

  constructor(private readonly options: ValidateOptions = {}) {
    this.version = resolveVersion(options.k8sVersion);
    this.minor = Number(this.version.split('.')[1]);
    this.schemas = loadSchemas(this.version);
    this.crds = new CrdRegistry(this.minor);
    const rules = options.profile
      ? [...checkedRules, ...profileRules.filter((r) => options.profile === 'restricted' || r.profile === 'baseline')]
      : checkedRules;
    this.localRules = rules.filter((r) => !r.crossObject && !r.kinds);
    this.crossRules = rules.filter((r) => r.crossObject && !r.kinds);
    this.kindRules = rules.filter((r) => r.kinds);
    for (const crd of options.crds ?? []) this.crds.add(crd, '--crds');
  }

  add(inputsIn: InputObject[]): void {
    for (const input of expandLists(inputsIn)) this.addOne(input);
  }

  private addOne(input: InputObject): void {
    const index = this.checked.length;
    let obj = input.object;
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
      obj = withoutServerDrops(obj);
      let problems: ReturnType<typeof checkSchema>;
      try {
        problems = checkSchema(this.schemas, obj);
      } catch (e) {
        problems = [];
        report('manifest.check-failed', '', `podsmith could not finish checking this object: ${(e as Error).message}`);
      }
      // what the release's API server drops (gated fields) is not there for its validation, nor for the checks below
      const dropped = problems?.flatMap((p) => p.dropped ?? []);
      if (dropped?.length) obj = withoutDropped(obj, dropped);
      const kind = obj.kind;
      const skeleton = bundleSkeleton(obj);
      if (skeleton) this.bundleObjects.push(owned(skeleton));
      const where = POD_TEMPLATE_PATHS[kind];
      let pod: PodRef | undefined;
      if (where && obj.apiVersion === (CURRENT_API[kind] ?? obj.apiVersion)) {
        const spec = getAt(obj, where.spec);
        if (isObj(spec)) pod = { spec, specPath: where.spec, meta: getAt(obj, where.meta), metaPath: where.meta };
      }
      suppressedIds = [...ignored(obj.metadata), ...ignored(pod?.meta)];
      const ctx: Ctx = {
        obj, kind, apiVersion: obj.apiVersion, namespace: nsOf(obj), minor: this.minor, options: this.options, bundle: EMPTY_BUNDLE, pod, report,
        clusterScoped: this.schemas.scopes[`${obj.apiVersion}/${kind}`] === 'c',
        nullsAsGo: (o) => nullsAsGo(this.schemas, o),
      };
      if (problems === undefined) {
        const p = unservedProblem(this.schemas, obj.apiVersion, kind);
        if (p) report(p.rule, p.path, p.message, p.fix);
        else {
          // a custom resource: its CRD may come later in the input
          this.customResources.push({ index, input, ref, suppressedIds: ignored(obj.metadata) });
          return;
        }
      } else {
        // what the API server's validation finds where a release does not validate it (a StatefulSet's Pod template before 1.34) is a warning
        const reportProblem = (p: SchemaProblem) => {
          if (p.validation && onlyPodsRefuse(kind, this.minor, p.path)) {
            const w = podsRefused(p.rule, p.message, this.minor);
            report(w.rule, p.path, w.message, p.fix);
          } else report(p.rule, p.path, p.message, p.fix);
        };
        for (const p of problems) if (!p.emptyRequired) reportProblem(p);
        if (kind === 'CustomResourceDefinition') {
          for (const k of this.crds.add(obj, input.file ?? 'input')) this.inputKinds.set(k.key, k);
        }
        try {
          const from = local.length;
          checkSemantics(ctx);
          for (let i = from; i < local.length; i++) {
            const f = local[i];
            if (ruleById(f.rule)?.layer === 'semantic' && onlyPodsRefuse(kind, this.minor, f.path)) local[i] = { ...f, ...podsRefused(f.rule, f.message, this.minor) };
          }
          if (pod) this.notePodTemplate(ctx, pod);
          else if (where && isObj(getAt(obj, where.meta))) this.notePodTemplate(ctx, { spec: {}, specPath: where.spec, meta: getAt(obj, where.meta), metaPath: where.meta }); // labels without a spec still name the Pods
          if (!pod && skeleton && this.kindRules.some((r) => r.kinds!.includes(kind))) {
            this.deferred.push({ index, input: keepLines(input), ref, suppressedIds, obj: owned({ ...skeleton, apiVersion: obj.apiVersion }) });
          }
          if (pod) {
            for (const r of this.localRules) r.check(ctx);
            if (this.crossRules.some((r) => !r.applies || r.applies(ctx))) {
              // keep only what the cross-object rules read
              const keep = {
                kind, apiVersion: obj.apiVersion,
                metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace },
                spec: { replicas: obj.spec?.replicas, serviceName: obj.spec?.serviceName },
              };
              const podKeep: PodRef = {
                spec: {
                  subdomain: pod.spec.subdomain, priorityClassName: pod.spec.priorityClassName,
                  serviceAccountName: pod.spec.serviceAccountName, serviceAccount: pod.spec.serviceAccount,
                  automountServiceAccountToken: pod.spec.automountServiceAccountToken,
                  initContainers: keepResources(pod.spec.initContainers), containers: keepResources(pod.spec.containers),
                },
                specPath: pod.specPath,
                meta: { labels: pod.meta?.labels },
                metaPath: pod.metaPath,
              };
              this.deferred.push({ index, input: keepLines(input), ref, suppressedIds, obj: owned(keep), pod: owned(podKeep) });
            }
          }
        } catch (e) {
          report('manifest.check-failed', '', `podsmith could not finish checking this object: ${(e as Error).message}`);
        }
        // a required string written "": the schema layer's "Required value" where no semantic check named the field
        // (compared without list indexes, and with the field's parent: some checks name a field as the API server does, without them or at its list)
        // — a check of the API server's rules: a best-practice warning there (`seccompProfile` not RuntimeDefault) says nothing of `type: ~`
        const field = (path: string) => path.replace(/\[\d+\]/g, '');
        const validates = (rule: string) => rule === 'statefulset.pods-refused' || ruleById(rule)?.layer !== 'best-practice';
        for (const p of problems) {
          if (!p.emptyRequired) continue;
          const names = [field(p.path), field(p.path.slice(0, Math.max(0, p.path.lastIndexOf('.'))))];
          if (!local.some((f) => validates(f.rule) && names.includes(field(f.path)))) reportProblem(p);
        }
        // a required field left out that a semantic check names as an error too (a container without a name, a
        // Deployment without a selector): the API server says it once, and the semantic check's rule says more
        const named = new Set(local.filter((f) => ruleById(f.rule)?.layer === 'semantic' && ruleById(f.rule)?.severity === 'error').map((f) => f.path));
        if (named.size) for (let i = local.length - 1; i >= 0; i--) if (local[i].rule === 'schema.required' && named.has(local[i].path)) local.splice(i, 1);
      }
    }
    local.push(...duplicateKeys(input));
    this.record(index, input, ref, suppressedIds, local);
  }

  /** An input that could not be read, or was skipped: one finding with its file and line. */
  addProblem(p: { rule: string; file: string; line?: number; message: string }): void {
    const rule = ruleById(p.rule);
    if (!rule) throw new Error(`podsmith: rule '${p.rule}' is not in the catalog`);
    this.unreadable ||= rule.severity === 'error';
    this.findings.push({
      index: this.checked.length,
      part: this.part,
      finding: {
        rule: p.rule, severity: rule.severity, message: p.message,
        object: { apiVersion: '', kind: '', name: '' }, path: '', file: p.file,
        ...(p.line !== undefined ? { line: p.line } : {}),
        handbook: rule.handbook, fix: rule.fix,
      },
    });
  }

  private notePodTemplate(ctx: Ctx, pod: PodRef): void {
    const namespace = ctx.namespace;
    const ports = new Set<string>();
    for (const list of [pod.spec.containers, pod.spec.initContainers]) {
      for (const c of Array.isArray(list) ? list : []) {
        for (const p of Array.isArray(c?.ports) ? c.ports : []) if (typeof p?.name === 'string') ports.add(p.name);
      }
    }
    const labels = isObj(pod.meta?.labels) ? pod.meta.labels : {};
    if (!this.podTemplates.has(namespace)) this.podTemplates.set(namespace, []);
    this.podTemplates.get(namespace)!.push(owned({ labels, ports, replicas: replicasOf(ctx), owner: `${ctx.kind}/${ctx.obj.metadata?.name}` }));
  }

  private record(index: number, input: InputObject, ref: ObjectRef, suppressedIds: string[], raws: Raw[]): void {
    for (const f of raws) {
      const rule = ruleById(f.rule)!;
      const line = f.line ?? lineFor(input, f.path);
      // Key order as in contract 2 (the common case, with file and line, in one literal)
      const finding: Finding = input.file !== undefined && line !== undefined ? {
        rule: f.rule, severity: rule.severity, message: own(f.message), object: ref, path: own(f.path),
        file: input.file, line, handbook: rule.handbook, fix: f.fix ?? rule.fix,
      } : {
        rule: f.rule,
        severity: rule.severity,
        message: own(f.message),
        object: ref,
        path: own(f.path),
        ...(input.file !== undefined ? { file: input.file } : {}),
        ...(line !== undefined ? { line } : {}),
        handbook: rule.handbook,
        fix: f.fix ?? rule.fix,
      };
      if (suppressedIds.includes(f.rule) && isSuppressible(rule, rule.severity)) finding.suppressed = true;
      this.findings.push({ index, part: this.partOf(index), finding });
    }
  }

  /** Custom resources, once every CRD of the input is known. */
  private checkCustomResources(): void {
    for (const cr of this.customResources) {
      const obj = cr.input.object;
      const raws: Raw[] = [];
      let problems: ReturnType<CrdRegistry['check']>;
      try {
        problems = this.crds.check(obj);
      } catch (e) {
        problems = [{ rule: 'manifest.check-failed', path: '', message: `podsmith could not finish checking this object: ${(e as Error).message}` }];
      }
      if (problems) {
        raws.push(...problems);
        // the metadata of a custom resource is checked as any object's (its name a DNS subdomain, its labels and annotations)
        const report = (rule: string, path: string, message: string, fix?: string) => { raws.push({ rule, path, message, fix }); };
        const ctx: Ctx = {
          obj, kind: obj.kind, apiVersion: obj.apiVersion, namespace: nsOf(obj), minor: this.minor, options: this.options, bundle: EMPTY_BUNDLE, report,
          clusterScoped: this.crds.scopeOf(obj.apiVersion, obj.kind) === 'c',
        };
        if (!problems.some((p) => p.rule === 'crd.version-not-served')) {
          // decoded as any object's ObjectMeta first: a label value that is a number, an unknown field
          for (const p of checkObjectMeta(this.schemas, obj.metadata)) raws.push({ rule: p.rule, path: p.path, message: p.message, fix: p.fix });
          checkMetadata(ctx, obj.metadata, 'metadata', false);
        }
      } else if (this.options.strictKinds) {
        raws.push({ rule: 'schema.kind-unknown', path: 'kind', message: `${obj.apiVersion} ${obj.kind} is neither a built-in kind nor defined by a CustomResourceDefinition in the input or --crds` });
      } else {
        raws.push({ rule: 'schema.kind-not-checked', path: 'kind', message: `${obj.apiVersion} ${obj.kind} is not a kind podsmith has a schema for: not checked` });
      }
      raws.push(...duplicateKeys(cr.input));
      this.record(cr.index, cr.input, cr.ref, cr.suppressedIds, raws);
    }
    if (this.customResources.length) this.findings.sort((a, b) => a.index - b.index);
    this.customResources.length = 0;
  }

  /** What this part of the input adds to the bundle the cross-object rules read (one part per worker thread). */
  bundlePart(): BundlePart {
    return { objects: this.bundleObjects, podTemplates: this.podTemplates, crds: [...this.inputKinds.values()] };
  }

  /** The whole input's bundle, from every part in input order, before finish(): as if one Validation had read it all. */
  useBundle(parts: BundlePart[]): void {
    this.bundleObjects = parts.flatMap((p) => p.objects);
    this.podTemplates = new Map();
    for (const p of parts) {
      for (const [ns, list] of p.podTemplates) this.podTemplates.set(ns, [...(this.podTemplates.get(ns) ?? []), ...list]);
      this.crds.addKinds(p.crds); // in input order: the last definition of a kind wins, as when read in one thread
    }
  }

  private finishFindings(): void {
    this.checkCustomResources();
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
  }

  finish(): Report {
    this.finishFindings();
    return assembleReport(this.findings.map((f) => f.finding), this.checked, this.unreadable);
  }

  /**
   * The objects read from here on belong to part `part` of the input (a worker thread reads the
   * parts it is given, in increasing order); finishParts() gives each part's findings apart.
   */
  beginPart(part: number): void {
    this.part = part;
    this.partStarts.push({ part, from: this.checked.length });
  }

  /** The part object `index` was read in (the last part that starts at or before it: a part without objects starts where the next does). */
  private partOf(index: number): number {
    const starts = this.partStarts;
    if (starts.length === 0 || index >= starts[starts.length - 1].from) return this.part;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid].from <= index) lo = mid; else hi = mid - 1;
    }
    return starts[lo].part;
  }

  /** What the objects read since the last call add to the bundle (the bundle part of one part of the input), let go here. */
  takeBundlePart(): BundlePart {
    const part = this.bundlePart();
    this.bundleObjects = [];
    this.podTemplates = new Map();
    this.inputKinds.clear();
    return part;
  }

  /** finish(), with the findings and checked objects of each part apart, in the order of the parts; and the whole summary. */
  finishParts(): { parts: Array<{ part: number; findings: Finding[]; objects: Array<{ ref: ObjectRef; file?: string }> }>; summary: Report['summary']; unreadable: boolean } {
    this.finishFindings();
    const starts = this.partStarts; // a worker that was given no part has none
    const parts = starts.map((p, k) => ({
      part: p.part, findings: [] as Finding[], objects: this.checked.slice(p.from, starts[k + 1]?.from ?? this.checked.length),
    }));
    const at = new Map(parts.map((p, k) => [p.part, k]));
    for (const f of this.findings) parts[at.get(f.part)!].findings.push(f.finding);
    const all = assembleReport(this.findings.map((f) => f.finding), this.checked, this.unreadable);
    return { parts, summary: all.summary, unreadable: this.unreadable };
  }
}

/**
 * The report from its findings and checked objects: the summary counts what is not suppressed.
 * `objects` (for formatters that list every object, JUnit) and `unreadable` (contract 1: exit 2)
 * are attached but not part of the JSON shape. With `counted`, the summary is that one (the
 * findings were counted where they were found).
 */
export function assembleReport(findings: Finding[], objects: Array<{ ref: ObjectRef; file?: string }>, unreadable: boolean, counted?: Report['summary']): Report {
  const summary = counted ?? { objects: objects.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of counted ? [] : findings) {
    if (f.suppressed) continue;
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  const report: Report = { findings, summary };
  Object.defineProperty(report, 'objects', { value: objects, enumerable: false });
  if (unreadable) Object.defineProperty(report, 'unreadable', { value: true, enumerable: false });
  return report;
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
