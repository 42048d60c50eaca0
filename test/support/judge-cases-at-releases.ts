/**
 * Judges test/support/crd-cases.ts and kind-cases.ts at every release whose kube-apiserver is built
 * (`cluster/build.sh apiserver 1.X`), so the claim that those cases agree with more than the newest
 * server is repeatable:
 * `npm run test:cases [-- 1.33 1.36 …]`
 *
 * Each release: `validateExact` (a throwaway kube-apiserver of that release; the case CRDs installed
 * first, then every case a server-side dry-run with strict field validation) and podsmith at that
 * release on the same objects. A line per case where the server and podsmith disagree, and per CRD
 * case whose server verdict differs from its record (`acceptedAt`); KIND_CASES' record is a 1.34
 * server's, so a kind case whose verdict differs from it at another release is listed as a note, not a
 * failure. Exit 1 on any disagreement between the server and podsmith, or with a CRD case's record.
 */
import { validateObjects } from '../../src/validate/engine';
import { validateExact } from '../../src/validate/exact';
import { cachedReleases } from '../../src/validate/exact/server';
import { Finding } from '../../src/validate/types';
import { acceptedAt, CASE_CRDS, CRD_CASES } from './crd-cases';
import { KIND_CASES } from './kind-cases';

const errors = (findings: Finding[], file?: string) => findings.filter((f) => f.severity === 'error' && (file === undefined || f.file === file));
const said = (findings: Finding[]) => findings.map((f) => `${f.path ? `${f.path}: ` : ''}${f.message}`).join(' | ') || 'accepted';

async function judge(release: string): Promise<number> {
  const minor = Number(release.split('.')[1]);
  let bad = 0;
  const log = (line: string) => process.stdout.write(`${release} ${line}\n`);

  const crds = CASE_CRDS.map((object) => ({ object, file: 'crds' }));
  const crdReport = await validateExact([...crds, ...CRD_CASES.map(([name, object]) => ({ object, file: name }))], { k8sVersion: release });
  if (errors(crdReport.findings, 'crds').length) {
    log(`the case CRDs are refused: ${said(errors(crdReport.findings, 'crds'))}`);
    return 1;
  }
  for (const [name, object, accepted] of CRD_CASES) {
    const server = errors(crdReport.findings, name);
    const ours = errors(validateObjects([...CASE_CRDS, object].map((o) => ({ object: o })), { k8sVersion: release }).findings);
    const recorded = acceptedAt(accepted, minor);
    if ((server.length === 0) !== (ours.length === 0)) { bad++; log(`≠ ${name}: server ${said(server)}; podsmith ${said(ours)}`); }
    if ((server.length === 0) !== recorded) { bad++; log(`≠ ${name}: recorded ${recorded ? 'accepted' : 'refused'}, server ${said(server)}`); }
  }

  const kindReport = await validateExact(KIND_CASES.map(([name, object]) => ({ object, file: name })), { k8sVersion: release });
  let notes = 0;
  for (const [name, object, accepted] of KIND_CASES) {
    const server = errors(kindReport.findings, name);
    const ours = errors(validateObjects([{ object }], { k8sVersion: release }).findings);
    if ((server.length === 0) !== (ours.length === 0)) { bad++; log(`≠ ${name}: server ${said(server)}; podsmith ${said(ours)}`); }
    if ((server.length === 0) !== accepted) { notes++; log(`note: ${name}: the 1.34 record says ${accepted ? 'accepted' : 'refused'}, this release ${said(server)}`); }
  }
  log(`${CRD_CASES.length} CRD cases, ${KIND_CASES.length} kind cases: ${bad} disagreements, ${notes} kind cases differ from the 1.34 record`);
  return bad;
}

async function main(): Promise<number> {
  const built = cachedReleases();
  const asked = process.argv.slice(2);
  const releases = asked.length ? asked : built;
  if (releases.length === 0) {
    process.stderr.write('judge-cases: no kube-apiserver built (cluster/build.sh apiserver 1.X)\n');
    return 2;
  }
  let bad = 0;
  for (const release of releases) {
    if (!built.includes(release)) {
      process.stderr.write(`judge-cases: ${release}: no kube-apiserver built (cluster/build.sh apiserver ${release}): skipped\n`);
      continue;
    }
    bad += await judge(release);
  }
  return bad ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`judge-cases: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
