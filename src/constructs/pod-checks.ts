/**
 * The checks renderPod makes of Pod props as the API server would (labels and annotations,
 * selector requirements, affinity terms): a bad prop fails at synth time with one line naming it.
 */
import { PodsmithError } from '../errors';
import { labelValue, qualifiedName } from '../validate/names';
import type { PodAffinityTerm } from './pod-props';

/** Stops the synth with one line naming the construct, the prop, the problem and the fix. */
export function fail(where: string, prop: string, problem: string, fix: string): never {
  throw new PodsmithError(where, prop, problem, fix);
}

/**
 * Label and annotation maps (H29): keys are qualified names (`example.com/tier`), label values
 * at most 63 characters of [A-Za-z0-9-_.]; annotation values are free text. The API server's
 * rules, from the validator's names module.
 */
export function checkMetadataMap(where: string, prop: string, map: Record<string, string> | undefined, what: 'label' | 'annotation'): void {
  for (const [k, v] of Object.entries(map ?? {})) {
    const keyProblem = qualifiedName(k)[0];
    if (keyProblem) fail(where, `${prop}[${k}]`, `'${k}' is not a valid ${what} key: ${keyProblem}`, "use a key such as 'tier' or 'example.com/tier'");
    if (typeof v !== 'string') fail(where, `${prop}[${k}]`, `the ${what} value must be a string, got ${typeof v}`, "quote it, e.g. '1'");
    const valueProblem = what === 'label' ? labelValue(v)[0] : undefined;
    if (valueProblem) fail(where, `${prop}[${k}]`, `'${v}' is not a valid label value: ${valueProblem}`, "use at most 63 letters, digits, '-', '_' or '.'");
  }
}

/** Selector requirements (H22) as the API server checks them: key, operator and values agree. */
export function checkRequirements(where: string, prop: string, exprs: ReadonlyArray<{ key: string; operator: string; values?: string[] }>, node: boolean): void {
  exprs.forEach((e, i) => {
    const p = `${prop}[${i}]`;
    const keyProblem = qualifiedName(e.key)[0];
    if (keyProblem) fail(where, `${p}.key`, `'${e.key}': ${keyProblem}`, "use a label key such as 'kubernetes.io/arch'");
    const values = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      fail(where, `${p}.values`, `operator ${e.operator} needs at least one value`, 'list the values, or use Exists');
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      fail(where, `${p}.values`, `operator ${e.operator} takes no values`, 'drop the values, or use In');
    }
    if (node && (e.operator === 'Gt' || e.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]))) {
      fail(where, `${p}.values`, `operator ${e.operator} needs exactly one whole-number value`, "e.g. values: ['4']");
    }
    if (!node) {
      for (const v of values) {
        const problem = labelValue(v)[0];
        if (problem) fail(where, `${p}.values`, `'${v}' is not a valid label value: ${problem}`, "use at most 63 letters, digits, '-', '_' or '.'");
      }
    }
  });
}

/** A pod (anti-)affinity term: a topology key and a label selector (H22). */
export function checkAffinityTerm(where: string, prop: string, t: PodAffinityTerm): void {
  if (t.topologyKey !== undefined) {
    const problem = t.topologyKey === '' ? 'must not be empty' : qualifiedName(t.topologyKey)[0];
    if (problem) fail(where, `${prop}.topologyKey`, `'${t.topologyKey}': ${problem}`, "use a node label key such as 'topology.kubernetes.io/zone'");
  }
  checkMetadataMap(where, `${prop}.labels`, t.labels, 'label');
  checkRequirements(where, `${prop}.expressions`, t.expressions ?? [], false);
}
