/**
 * Verdicts that changed between Kubernetes 1.31 and 1.37 (test/support/release-cases.ts, recorded
 * from each release's API server; test/e2e/release-gates.test.ts proves them against every built
 * one): podsmith gives each release's verdict at that --k8s-version.
 */
import { DROPPED, RECORDED_RELEASES, RELEASE_CASES } from '../support/release-cases';
import { run } from './helpers';

const cases = RELEASE_CASES.flatMap(([name, object, verdicts]) => RECORDED_RELEASES.map((release) => [name, release, verdicts[release], object] as const));

test.each(cases)('%s at %s: accepted = %s', (_name, release, accepted, object) => {
  const errors = run([object], { k8sVersion: release }).findings.filter((f) => f.severity === 'error');
  if (accepted) expect(errors.map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
});

test('a new restartPolicy on an app container is a 1.34 warning only: 1.28-1.33 refuse it, 1.35 keeps the field', () => {
  const pod = RELEASE_CASES.find(([name]) => name === 'app container restartPolicy Never')![1];
  const warned = (release: string) => run([pod], { k8sVersion: release }).findings.some((f) => f.rule === 'containers.restart-policy-ignored');
  expect(RECORDED_RELEASES.map(warned)).toEqual(RECORDED_RELEASES.map((r) => r === '1.34'));
});


test.each(DROPPED)('%s: schema.field-dropped names what the servers drop, at the releases that drop it', (name, paths, releases) => {
  const object = RELEASE_CASES.find(([n]) => n === name)![1];
  for (const release of RECORDED_RELEASES) {
    const warned = run([object], { k8sVersion: release }).findings.filter((f) => f.rule === 'schema.field-dropped');
    expect([release, warned.map((f) => f.path)]).toEqual([release, releases.includes(release) ? paths : []]);
    for (const f of warned) expect([f.severity, f.message]).toEqual(['warning', expect.stringMatching(/is dropped by the API server of 1\.\d+: its feature gate \w+ is off by default/)]);
  }
});

test('what a release drops is gone for the checks after the schema: 1.34 refuses an env var whose only source was a file', () => {
  const object = RELEASE_CASES.find(([n]) => n === 'Pod with an env var from a file (EnvFiles)')![1];
  const errors = run([object], { k8sVersion: '1.34' }).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => [f.path, f.message.includes('must specify one of')])).toEqual([['spec.containers[0].env[0].valueFrom', true]]);
});
