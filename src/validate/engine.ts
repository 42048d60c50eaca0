/**
 * validateObjects: runs the layers over a whole bundle (pure and synchronous), then applies
 * suppression annotations, attaches file lines and counts.
 */
import { UsageError } from '../errors';
import { catalog, checkedRules, inputRules, profileRules, ruleById } from './catalog';
import { buildBundle, Ctx, isObj, nsOf, POD_TEMPLATE_PATHS, PodRef } from './context';
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

/** Expands `kind: List` (and `*List`) objects into their items. */
function expandLists(inputs: InputObject[]): InputObject[] {
  const out: InputObject[] = [];
  for (const input of inputs) {
    const o = input.object;
    if (o === null || o === undefined) continue;
    if (isObj(o) && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items) && o.apiVersion === 'v1') {
      o.items.forEach((item: any, i: number) => out.push({
        object: item,
        file: input.file,
        lineOf: input.lineOf ? (p: string) => input.lineOf!(p === '' ? `items[${i}]` : `items[${i}].${p}`) : undefined,
      }));
    } else {
      out.push(input);
    }
  }
  return out;
}

export function validateObjects(inputsIn: InputObject[], options: ValidateOptions = {}): Report {
  const version = resolveVersion(options.k8sVersion);
  const minor = Number(version.split('.')[1]);
  const schemas = loadSchemas(version);
  const inputs = expandLists(inputsIn);
  const bundle = buildBundle(inputs.map((i) => i.object));
  const findings: Finding[] = [];
  const rules = options.profile
    ? [...checkedRules, ...profileRules.filter((r) => options.profile === 'restricted' || r.profile === 'baseline')]
    : checkedRules;

  const checked: Array<{ ref: ObjectRef; file?: string }> = [];
  for (const input of inputs) {
    const obj = input.object;
    const ref = refOf(obj);
    checked.push({ ref, file: input.file });
    const local: Array<{ rule: string; path: string; message: string; fix?: string }> = [];
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
      const where = POD_TEMPLATE_PATHS[kind];
      let pod: PodRef | undefined;
      if (where && obj.apiVersion === (CURRENT_API[kind] ?? obj.apiVersion)) {
        const spec = getAt(obj, where.spec);
        if (isObj(spec)) pod = { spec, specPath: where.spec, meta: getAt(obj, where.meta), metaPath: where.meta };
      }
      suppressedIds = [...ignored(obj.metadata), ...ignored(pod?.meta)];
      const ctx: Ctx = { obj, kind, apiVersion: obj.apiVersion, namespace: nsOf(obj), minor, options, bundle, pod, report };
      const problems = checkSchema(schemas, obj);
      const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
      if (problems === undefined) {
        if (CURRENT_API[kind] && RETIRED_GROUPS.has(group) && CURRENT_API[kind] !== obj.apiVersion) {
          report('manifest.api-version-unsupported', 'apiVersion', `Unsupported value: ${JSON.stringify(obj.apiVersion)}: Kubernetes ${version} serves ${kind} as ${CURRENT_API[kind]}`, `change apiVersion to ${CURRENT_API[kind]}`);
        } else {
          report('schema.kind-not-checked', 'kind', `${obj.apiVersion} ${kind} is not a kind podsmith has a schema for: not checked`);
        }
      } else {
        for (const p of problems) report(p.rule, p.path, p.message, p.fix);
        try {
          checkSemantics(ctx);
          if (pod) for (const r of rules) r.check(ctx);
        } catch (e) {
          report('manifest.check-failed', '', `podsmith could not finish checking this object: ${(e as Error).message}`);
        }
      }
    }
    for (const f of local) {
      const rule = ruleById(f.rule)!;
      const line = lineFor(input, f.path);
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
      findings.push(finding);
    }
  }
  const summary = { objects: inputs.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  void catalog;
  void inputRules;
  const report: Report = { findings, summary };
  // For formatters that list every object (JUnit); not part of the JSON shape.
  Object.defineProperty(report, 'objects', { value: checked, enumerable: false });
  return report;
}

/** Exit code per contract 1. */
export function exitCodeOf(report: Report, strict = false): number {
  if (report.summary.errors > 0) return 1;
  if (strict && report.summary.warnings > 0) return 1;
  return 0;
}
