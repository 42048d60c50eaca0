/**
 * Each semantic rule's fixture is an object the API server rejects; podsmith must flag it too,
 * at the path the fixture names, and the API server must name a path there as well.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateObjects } from '../../src/validate';
import { startExactServer } from '../../src/validate/exact/server';
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

/** The release the local cluster's API server runs; a fixture judged at another one gets a throwaway kube-apiserver of it. */
const CLUSTER_RELEASE = '1.34';

e2eDescribe('semantic rules agree with the API server', () => {
  let api: ApiServer;
  const others = new Map<string, Promise<{ api: ApiServer; stop: () => Promise<void> }>>();
  /** The API server of a release: the local cluster's, or a throwaway one (cluster/build.sh apiserver 1.X builds it; CI does). */
  const serverOf = async (release: string): Promise<ApiServer> => {
    if (release === CLUSTER_RELEASE) return api;
    if (!others.has(release)) {
      others.set(release, startExactServer(release, () => undefined).then((s) => ({ api: new ApiServer(s.kubeconfig), stop: () => s.stop() })));
    }
    return (await others.get(release)!).api;
  };
  beforeAll(async () => { api = await apiServer(); }, 30 * 60_000);
  afterAll(async () => {
    api?.close();
    for (const s of others.values()) { const { api: a, stop } = await s; a.close(); await stop(); }
  });

  test.each(fixtures)('%s: rejected by the API server and flagged by podsmith at the same path', async (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const expected = /expected path: (\S+)/.exec(text)?.[1];
    const release = /judged at Kubernetes (\d+\.\d+)/.exec(text)?.[1] ?? CLUSTER_RELEASE;
    const objects = parseAllDocuments(text).map((d) => d.toJS());
    const server = await serverOf(release);
    const verdicts = await Promise.all(objects.map((o) => server.dryRunCreate(o)));
    const rejected = verdicts.filter((v) => !v.accepted);
    expect(rejected.length).toBeGreaterThan(0);
    const report = validateObjects(objects.map((object) => ({ object })), { k8sVersion: release });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.path)).toContain(expected);
    // the API server names the same field (its causes use the same path style)
    const apiFields = rejected.flatMap((v) => v.fields);
    const want = normalize(expected!);
    if (apiFields.length) expect(apiFields.map(normalize).some((f) => f === want || want.startsWith(f) || f.startsWith(want))).toBe(true);
  }, 5 * 60_000);
});
