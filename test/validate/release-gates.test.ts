/**
 * Verdicts that changed between Kubernetes 1.31 and 1.37 (test/support/release-cases.ts, recorded
 * from each release's API server; test/e2e/release-gates.test.ts proves them against every built
 * one): podsmith gives each release's verdict at that --k8s-version.
 */
import { RECORDED_RELEASES, RELEASE_CASES } from '../support/release-cases';
import { run } from './helpers';

const cases = RELEASE_CASES.flatMap(([name, object, verdicts]) => RECORDED_RELEASES.map((release) => [name, release, verdicts[release], object] as const));

test.each(cases)('%s at %s: accepted = %s', (_name, release, accepted, object) => {
  const errors = run([object], { k8sVersion: release }).findings.filter((f) => f.severity === 'error');
  if (accepted) expect(errors.map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
});

test('a new restartPolicy on an app container is a 1.34 warning only: 1.31 and 1.33 refuse it, 1.35 keeps the field', () => {
  const pod = RELEASE_CASES.find(([name]) => name === 'app container restartPolicy Never')![1];
  const warned = (release: string) => run([pod], { k8sVersion: release }).findings.some((f) => f.rule === 'containers.restart-policy-ignored');
  expect(RECORDED_RELEASES.map(warned)).toEqual([false, false, true, false, false, false]);
});
