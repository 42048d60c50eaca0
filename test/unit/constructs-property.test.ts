/**
 * The constructs and the validator agree: for any props, a construct either refuses them with
 * a one-line PodsmithError (construct path, prop, rule, fix) or emits manifests that the
 * validator — proven against the API server by the differential test — finds no error in.
 * Anything else (a TypeError, a message with a stack, an invalid manifest let through) is a bug.
 * Props are drawn from valid and invalid values alike (test/support/construct-cases.ts); the
 * seed is fixed (test/support/fast-check-seed.ts). PODSMITH_PROPERTY_STATS=1 prints how many
 * cases built and the most common refusals, for tuning the generator.
 */
import fc from 'fast-check';
import { PodsmithError } from '../../src';
import { validateObjects } from '../../src/validate';
import { build, workload } from '../support/construct-cases';

test('any props: a one-line PodsmithError, or manifests without a validation error', () => {
  let built = 0;
  let refused = 0;
  const reasons = new Map<string, number>();
  fc.assert(fc.property(workload, (w) => {
    let objects: any[];
    try {
      objects = build(w);
    } catch (e) {
      if (!(e instanceof PodsmithError)) throw new Error(`not a PodsmithError: ${(e as Error)?.stack ?? e}`);
      expect(e.message).not.toContain('\n');
      expect(e.message).toMatch(/^[^:]+: [^:]+: .+; fix: .+$/);
      refused++;
      const reason = `${e.prop.replace(/\[\d+\]/g, '[]')}: ${e.problem.replace(/'[^']*'/g, "'…'")}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      return;
    }
    built++;
    const errors = validateObjects(objects.map((object) => ({ object }))).findings.filter((f) => f.severity === 'error' && !f.suppressed);
    expect(errors.map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
  }), { numRuns: 400 });
  // both outcomes must be exercised, or the property says little
  if (process.env.PODSMITH_PROPERTY_STATS) console.log({ built, refused, top: [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6) });
  if (built <= 20) {
    const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([r, n]) => `${n}× ${r}`);
    throw new Error(`only ${built} of 400 cases built; the generator is refused too often:\n${top.join('\n')}`);
  }
  expect(refused).toBeGreaterThan(20);
});
