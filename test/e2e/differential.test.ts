/**
 * The fixed-seed subset of the differential test (npm run test:differential runs 2,000 cases):
 * podsmith's verdict must match a real API server's, with no false rejects.
 */
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';
import { formatResult, runDifferential } from '../differential/differential';

e2eDescribe('differential: podsmith vs the API server (fixed seed)', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await apiServer(); }, 30 * 60_000);
  afterAll(() => api?.close());

  test('250 generated cases: no false rejects, agreement ≥ 99.5%', async () => {
    const r = await runDifferential(api, { cases: 250, seed: 7 });
    process.stdout.write(`${formatResult(r)}\n`);
    // both verdicts were exercised
    expect(r.apiRejected).toBeGreaterThan(50);
    expect(r.cases - r.apiRejected).toBeGreaterThan(50);
    expect(r.falseRejects.map((o) => o.case.mutation ?? 'valid')).toEqual([]);
    expect(r.agreementRate).toBeGreaterThanOrEqual(0.995);
  }, 10 * 60_000);
});
