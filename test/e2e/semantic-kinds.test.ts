/** The API server's verdict on each case of test/support/kind-cases.ts is the one recorded there (and so podsmith's, by test/validate/semantic-kinds.test.ts). */
import { validateObjects } from '../../src/validate';
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';
import { KIND_CASES } from '../support/kind-cases';

e2eDescribe('kinds beside workloads agree with the API server', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await apiServer(); }, 30 * 60_000);
  afterAll(() => api?.close());

  test.each(KIND_CASES)('%s', async (_name, object, accepted) => {
    const verdict = await api.dryRunCreate(object);
    // an object the cluster holds already (the built-in FlowSchemas and priority levels) passed
    // validation before the store answered AlreadyExists
    const valid = verdict.accepted || verdict.status === 409;
    expect([valid, valid ? undefined : verdict.message]).toEqual([accepted, accepted ? undefined : expect.any(String)]);
    const errors = validateObjects([{ object }], { k8sVersion: '1.34' }).findings.filter((f) => f.severity === 'error');
    expect(errors.length === 0).toBe(valid);
  }, 60_000);
});
