/**
 * `npm run test:differential [-- --cases N --seed S --kubeconfig F --k8s-version X.Y]`: podsmith's
 * verdicts (at --k8s-version, default 1.34: give the release the server runs) against a real API
 * server's. Without --kubeconfig it uses podsmith's local cluster (brought up if needed). Exit 1
 * when any false reject is found or agreement is below 99.5%.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiServer } from '../support/apiserver';
import { resolveVersion } from '../../src/validate/engine';
import { formatResult, K8S_VERSION, runDifferential } from './differential';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: '2000' }, seed: { type: 'string', default: '20261127' }, kubeconfig: { type: 'string' }, context: { type: 'string' }, 'k8s-version': { type: 'string', default: K8S_VERSION } },
  });
  const k8sVersion = resolveVersion(values['k8s-version']);
  let kubeconfig = values.kubeconfig;
  let context = values.context;
  if (!kubeconfig) {
    const { LocalCluster } = require('../../src/cluster/local');
    const access = await new LocalCluster().ensureUp();
    kubeconfig = access.kubeconfig;
    context = access.context;
  }
  const api = new ApiServer(kubeconfig!, context);
  try {
    const r = await runDifferential(api, {
      cases: Number(values.cases), seed: Number(values.seed), k8sVersion,
      progress: (n) => process.stderr.write(`differential: ${n}/${values.cases}\n`),
    });
    const text = formatResult(r);
    process.stdout.write(`${text}\n`);
    const out = path.resolve(__dirname, '../../bench/out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'differential.json'), JSON.stringify({
      date: new Date().toISOString(), k8sVersion, seed: r.seed, cases: r.cases, agreementRate: r.agreementRate,
      falseAccepts: r.falseAccepts.length, falseRejects: r.falseRejects.length, practice: r.practice, apiRejected: r.apiRejected, seconds: r.ms / 1000,
    }, null, 2));
    return r.falseRejects.length === 0 && r.agreementRate >= 0.995 ? 0 : 1;
  } finally {
    api.close();
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`differential: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
