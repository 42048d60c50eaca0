/**
 * Records the verdicts of test/support/release-cases.ts from the API servers themselves:
 * `npx ts-node --transpile-only --project test/tsconfig.json test/support/record-release-cases.ts`
 * starts a throwaway kube-apiserver of every recorded release that is built (`cluster/build.sh
 * apiserver 1.X`), dry-runs each case and prints, per case, its verdict string (one letter per
 * recorded release, oldest first: `y` accepted, `n` refused, `?` not built) and where the string
 * differs from the record. Exit 1 on any difference. Nothing is written: the record is edited by hand.
 */
import { cachedReleases, startExactServer } from '../../src/validate/exact/server';
import { ApiServer } from './apiserver';
import { letters, RECORDED_RELEASES, RELEASE_CASES } from './release-cases';

async function main(): Promise<number> {
  const built = cachedReleases();
  const got = RELEASE_CASES.map(() => RECORDED_RELEASES.map(() => '?'));
  for (const [r, release] of RECORDED_RELEASES.entries()) {
    if (!built.includes(release)) {
      process.stderr.write(`record: ${release}: no kube-apiserver built (cluster/build.sh apiserver ${release}): left '?'\n`);
      continue;
    }
    const server = await startExactServer(release, (m) => process.stderr.write(`record: ${m}\n`));
    const api = new ApiServer(server.kubeconfig);
    try {
      for (const [i, [, object]] of RELEASE_CASES.entries()) got[i][r] = (await api.dryRunCreate(object)).accepted ? 'y' : 'n';
    } finally {
      api.close();
      await server.stop();
    }
  }
  let differ = 0;
  for (const [i, [name, , verdicts]] of RELEASE_CASES.entries()) {
    const recorded = letters(verdicts);
    const text = got[i].join('');
    const same = [...text].every((c, j) => c === '?' || c === recorded[j]);
    if (!same) differ++;
    process.stdout.write(`${same ? ' ' : '≠'} ${text}  ${name}${same ? '' : `  (recorded ${recorded})`}\n`);
  }
  process.stdout.write(`${RELEASE_CASES.length} cases × ${RECORDED_RELEASES.length} releases (${RECORDED_RELEASES.join(' ')}): ${differ} differ from the record\n`);
  return differ ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`record: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
