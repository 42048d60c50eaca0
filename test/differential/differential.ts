/**
 * The differential test: podsmith's verdict against the API server's, case by case.
 */
import fc from 'fast-check';
import { InputError } from '../../src/errors';
import { parseText, ruleById, validateObjects } from '../../src/validate';
import { ApiServer, ApiVerdict } from '../support/apiserver';
import { Case, caseArbitrary } from './cases';
import { PLAIN_STYLE, writeYaml } from './yaml-style';

export interface Outcome {
  case: Case;
  api: ApiVerdict;
  podsmithErrors: { rule: string; path: string; message: string }[];
  /**
   * For a disagreement: `reader` when podsmith and the API server agree on the same object written
   * plainly (quoted where YAML would read a string as something else), so the difference is in how
   * the styled text was read; `semantic` when they disagree there too.
   */
  cause?: 'reader' | 'semantic';
}

export interface DifferentialResult {
  /** The release podsmith judged at (its schemas and version-gated semantics). */
  k8sVersion: string;
  seed: number;
  cases: number;
  agreements: number;
  falseAccepts: Outcome[];
  falseRejects: Outcome[];
  /** Accepted by the API server, refused by podsmith's best-practice rules only (cannot work as written): not judged. */
  practice: number;
  apiRejected: number;
  agreementRate: number;
  /** Per style feature: cases that used it, and disagreements among them (for telling reading features apart). */
  features: Record<string, { cases: number; disagreements: number }>;
  /** Smallest example found by shrinking, per disagreement kind. */
  minimal: { falseAccept?: Outcome; falseReject?: Outcome };
  ms: number;
}

/** The Kubernetes minor the API server runs unless told (`--k8s-version`), for podsmith's schema choice. */
export const K8S_VERSION = '1.34';

/** podsmith's error-level findings on YAML text, read by podsmith's own reader as `podsmith validate` reads a file. */
export function podsmithErrors(text: string, k8sVersion = K8S_VERSION): Outcome['podsmithErrors'] {
  let inputs;
  try {
    inputs = parseText(text, 'case.yaml');
  } catch (e) {
    if (e instanceof InputError) return [{ rule: 'input', path: '', message: e.message }];
    throw e;
  }
  const report = validateObjects(inputs, { k8sVersion });
  return report.findings.filter((f) => f.severity === 'error' && !f.suppressed).map((f) => ({ rule: f.rule, path: f.path, message: f.message }));
}

/** Both verdicts on the case's text: the API server gets the bytes as application/yaml. */
export async function judge(api: ApiServer, c: Case, k8sVersion = K8S_VERSION): Promise<Outcome> {
  return { case: c, api: await api.dryRunCreateYaml(c.text, c.object), podsmithErrors: podsmithErrors(c.text, k8sVersion) };
}

/** Tells a reading difference from a semantic one: the same object, written plainly, judged again. */
async function causeOf(api: ApiServer, o: Outcome, k8sVersion: string): Promise<'reader' | 'semantic'> {
  const plain = writeYaml(o.case.object, PLAIN_STYLE);
  const again = await judge(api, { ...o.case, style: PLAIN_STYLE, text: plain }, k8sVersion);
  return disagreement(again) ? 'semantic' : 'reader';
}

/**
 * The API server accepts and podsmith's only errors are best-practice rules: the object cannot work
 * as written (a probe naming a port that no container of a StatefulSet's template has, which a
 * release before 1.34 does not check), its validity is not in question — counted apart, as
 * test:realworld counts them.
 */
const practiceOnly = (o: Outcome): boolean =>
  o.api.accepted && o.podsmithErrors.length > 0 && o.podsmithErrors.every((e) => ruleById(e.rule)?.layer === 'best-practice');

const disagreement = (o: Outcome): 'falseAccept' | 'falseReject' | undefined =>
  !o.api.accepted && o.podsmithErrors.length === 0 ? 'falseAccept' : o.api.accepted && o.podsmithErrors.length > 0 && !practiceOnly(o) ? 'falseReject' : undefined;

/** Shrinks towards a minimal case showing the same kind of disagreement. */
async function shrink(api: ApiServer, kind: 'falseAccept' | 'falseReject', example: Outcome, seed: number, k8sVersion: string): Promise<Outcome> {
  const arb = caseArbitrary(example.case.mutation ? [example.case.mutation] : undefined)
    .filter((c) => (example.case.mutation ? c.mutation === example.case.mutation : c.mutation === undefined));
  let found: Outcome | undefined;
  const result = await fc.check(fc.asyncProperty(arb, async (c) => {
    const o = await judge(api, c, k8sVersion);
    if (disagreement(o) === kind) {
      found = o;
      return false;
    }
    return true;
  }), { seed, numRuns: 300, endOnFailure: false });
  if (result.failed && result.counterexample) return judge(api, result.counterexample[0], k8sVersion);
  return found ?? example;
}

/** `k8sVersion` (default K8S_VERSION): the release podsmith judges at; the API server should run the same. */
export async function runDifferential(api: ApiServer, opts: { cases: number; seed: number; k8sVersion?: string; progress?: (done: number) => void }): Promise<DifferentialResult> {
  const t0 = Date.now();
  const k8sVersion = opts.k8sVersion ?? K8S_VERSION;
  const cases = fc.sample(caseArbitrary(), { seed: opts.seed, numRuns: opts.cases });
  const outcomes: Outcome[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      outcomes[i] = await judge(api, cases[i], k8sVersion);
      done++;
      if (done % 100 === 0) opts.progress?.(done);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const falseAccepts = outcomes.filter((o) => disagreement(o) === 'falseAccept');
  const falseRejects = outcomes.filter((o) => disagreement(o) === 'falseReject');
  for (const o of [...falseAccepts, ...falseRejects]) o.cause = await causeOf(api, o, k8sVersion);
  const minimal: DifferentialResult['minimal'] = {};
  if (falseAccepts.length) minimal.falseAccept = await shrink(api, 'falseAccept', falseAccepts[0], opts.seed, k8sVersion);
  if (falseRejects.length) minimal.falseReject = await shrink(api, 'falseReject', falseRejects[0], opts.seed, k8sVersion);
  const practice = outcomes.filter(practiceOnly);
  const agreements = outcomes.length - practice.length - falseAccepts.length - falseRejects.length;
  const features: DifferentialResult['features'] = {};
  for (const o of outcomes) {
    for (const f of styleText(o.case.style).split(' ')) {
      const e = (features[f] ??= { cases: 0, disagreements: 0 });
      e.cases++;
      if (disagreement(o)) e.disagreements++;
    }
  }
  return {
    k8sVersion,
    seed: opts.seed,
    cases: outcomes.length,
    agreements,
    falseAccepts,
    falseRejects,
    practice: practice.length,
    apiRejected: outcomes.filter((o) => !o.api.accepted).length,
    agreementRate: agreements / (outcomes.length - practice.length),
    features,
    minimal,
    ms: Date.now() - t0,
  };
}

function describeOutcome(o: Outcome): string {
  return [
    `  mutation: ${o.case.mutation ?? '(none: a valid case)'}${o.cause ? `; cause: ${o.cause}` : ''}`,
    `  style: ${styleText(o.case.style)}`,
    `  API server: ${o.api.accepted ? 'accepted' : `rejected (${o.api.status}): ${o.api.message}`}`,
    `  podsmith: ${o.podsmithErrors.length ? o.podsmithErrors.map((e) => `${e.rule} at ${e.path}: ${e.message}`).join('; ') : 'no error'}`,
    '  text (as sent):',
    JSON.stringify(o.case.text).slice(1, -1).split('\\n').map((l) => `    ${l}`).join('\n'),
  ].join('\n');
}

/** The style features a case's text uses, for a report line. */
export function styleText(st: Case['style']): string {
  const on = (['plainTricky', 'blockScalars', 'anchors', 'comments', 'crlf', 'bom', 'octalModes', 'compactSequences', 'documentStart'] as const).filter((k) => st[k]);
  return [`quote=${st.quote}`, ...(st.flowDepth < 99 ? [`flow≥${st.flowDepth}`] : []), `indent=${st.indent}`, ...on].join(' ');
}

export function formatResult(r: DifferentialResult): string {
  const byMutation = (list: Outcome[]) => {
    const m = new Map<string, number>();
    for (const o of list) {
      const k = `${o.case.mutation ?? '(valid)'}${o.cause ? ` [${o.cause}]` : ''}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
  };
  const reader = [...r.falseAccepts, ...r.falseRejects].filter((o) => o.cause === 'reader').length;
  const lines = [
    `differential: ${r.cases} cases, seed ${r.seed}, at ${r.k8sVersion} against its kube-apiserver (server-side dry-run, fieldValidation=Strict), ${(r.ms / 1000).toFixed(1)} s`,
    `  API server rejected ${r.apiRejected}, accepted ${r.cases - r.apiRejected}`,
    `  agreement: ${r.agreements}/${r.cases - r.practice} = ${(100 * r.agreementRate).toFixed(2)}% (apart: ${r.practice} cannot work as written — API accepts, podsmith errors by a best-practice rule only)`,
    `  false accepts (API rejects, podsmith lets through): ${r.falseAccepts.length} — ${byMutation(r.falseAccepts)}`,
    `  false rejects (API accepts, podsmith errors): ${r.falseRejects.length} — ${byMutation(r.falseRejects)}`,
    `  of the disagreements, ${reader} are in reading the text (reader), ${r.falseAccepts.length + r.falseRejects.length - reader} in the checks (semantic)`,
  ];
  lines.push(`  disagreements by style feature (cases with it): ${Object.entries(r.features).sort((a, b) => b[1].disagreements / b[1].cases - a[1].disagreements / a[1].cases)
    .map(([f, e]) => `${f} ${e.disagreements}/${e.cases}`).join(', ')}`);
  const all = [...r.falseRejects, ...r.falseAccepts];
  if (all.length > 30) lines.push(`    (the first 30 of ${all.length})`);
  for (const o of all.slice(0, 30)) {
    lines.push(`    ${disagreement(o)} ${o.cause}: ${o.case.kind} ${o.case.mutation ?? '(valid)'}; ${styleText(o.case.style)}; API: ${o.api.accepted ? 'accepted' : o.api.message?.slice(0, 160)}; podsmith: ${o.podsmithErrors.slice(0, 2).map((e) => `${e.rule} ${e.path}: ${e.message.slice(0, 100)}`).join('; ') || 'no error'}${o.podsmithErrors.length > 2 ? ` (+${o.podsmithErrors.length - 2})` : ''}`);
  }
  if (r.minimal.falseAccept) lines.push('minimal false accept:', describeOutcome(r.minimal.falseAccept));
  if (r.minimal.falseReject) lines.push('minimal false reject:', describeOutcome(r.minimal.falseReject));
  return lines.join('\n');
}
