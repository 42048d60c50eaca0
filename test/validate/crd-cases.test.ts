/**
 * Custom resources judged with their CRD as the API server judges them (defaults applied before
 * validation, patterns read as Go reads them): podsmith's verdict is the one recorded from
 * kube-apiserver in test/support/crd-cases.ts.
 */
import { validateObjects } from '../../src/validate';
import { CASE_CRDS, CRD_CASES } from '../support/crd-cases';

test.each(CRD_CASES)('%s', (_name, object, accepted) => {
  const report = validateObjects([...CASE_CRDS, object].map((o) => ({ object: o })), { k8sVersion: '1.34' });
  const errors = report.findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.object.kind} ${f.path}: ${f.message}`)).toEqual(accepted ? [] : [expect.stringContaining(object.kind)]);
});
