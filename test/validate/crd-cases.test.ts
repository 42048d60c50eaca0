/**
 * Custom resources judged with their CRD as the API server judges them (defaults applied before
 * validation, patterns read as Go reads them, CEL rules): podsmith's verdict at 1.34, 1.36 and 1.37
 * is the one recorded from those releases' kube-apiservers in test/support/crd-cases.ts.
 */
import { validateObjects } from '../../src/validate';
import { acceptedAt, CASE_CRDS, CRD_CASES } from '../support/crd-cases';

describe.each(['1.34', '1.36', '1.37'])('Kubernetes %s', (release) => {
  test.each(CRD_CASES)('%s', (_name, object, accepted) => {
    const report = validateObjects([...CASE_CRDS, object].map((o) => ({ object: o })), { k8sVersion: release });
    const errors = report.findings.filter((f) => f.severity === 'error');
    const ok = acceptedAt(accepted, Number(release.split('.')[1]));
    const said = errors.map((f) => `${f.object.kind} ${f.path}: ${f.message}`);
    if (ok) expect(said).toEqual([]);
    else expect(said).toEqual(expect.arrayContaining([expect.stringContaining(object.kind)]));
  });
});
