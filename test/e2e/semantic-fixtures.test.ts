/**
 * Each semantic rule's fixture is an object the API server rejects; podsmith must flag it too,
 * at the path the fixture names, and the API server must name a path there as well.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateObjects } from '../../src/validate';
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';

const dir = path.resolve(__dirname, '../fixtures/validate/semantic');

/**
 * The API server names some fields by its internal types (host namespaces and
 * shareProcessNamespace live in the internal PodSecurityContext) and map keys in brackets;
 * podsmith names the field where it stands in the user's YAML, in contract 2's path style
 * (`resources.requests.cpu`). Both are brought to one form before comparing.
 */
function normalize(p: string): string {
  return p
    // a CRD whose versions share one schema is validated as the internal spec.validation; the
    // ConfigMap size limit names the object itself ("[]")
    .replace(/^spec\.validation\.openAPIV3Schema/, 'spec.versions[0].schema.openAPIV3Schema')
    .replace(/^\[\]$/, '')
    .replace(/\.securityContext\.(shareProcessNamespace|hostPID|hostIPC|hostNetwork)\b/, '.$1')
    .replace(/\[([^\]0-9][^\]]*)\]/g, '.$1');
}
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

e2eDescribe('semantic rules agree with the API server', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await apiServer(); }, 30 * 60_000);
  afterAll(() => api?.close());

  test.each(fixtures)('%s: rejected by the API server and flagged by podsmith at the same path', async (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const expected = /expected path: (\S+)/.exec(text)?.[1];
    const objects = parseAllDocuments(text).map((d) => d.toJS());
    const verdicts = await Promise.all(objects.map((o) => api.dryRunCreate(o)));
    const rejected = verdicts.filter((v) => !v.accepted);
    expect(rejected.length).toBeGreaterThan(0);
    const report = validateObjects(objects.map((object) => ({ object })), { k8sVersion: '1.34' });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.path)).toContain(expected);
    // the API server names the same field (its causes use the same path style)
    const apiFields = rejected.flatMap((v) => v.fields);
    const want = normalize(expected!);
    if (apiFields.length) expect(apiFields.map(normalize).some((f) => f === want || want.startsWith(f) || f.startsWith(want))).toBe(true);
  }, 60_000);
});
