/** The kinds beside workloads: podsmith's verdict on each case of test/support/kind-cases.ts (proven by test/e2e/semantic-kinds.test.ts). */
import { KIND_CASES } from '../support/kind-cases';
import { run } from './helpers';

test.each(KIND_CASES)('%s: accepted = %s', (_name, object, accepted) => {
  const errors = run([object], { k8sVersion: '1.34' }).findings.filter((f) => f.severity === 'error');
  if (accepted) expect(errors).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
});
