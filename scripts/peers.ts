/** `npm run test:peers`: the catalog on Polaris' and kube-linter's own fixtures, caught/clean per check. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCorpusDir, explained, mismatches, runPeers, totals, totalsAgreed } from '../src/validate/peers/run';

const corpus = defaultCorpusDir(path.join(__dirname, '..'));
if (!fs.existsSync(corpus)) {
  process.stderr.write(`test:peers: corpus not found at ${corpus}; set PODSMITH_CORPUS\n`);
  process.exit(2);
}
const results = runPeers(corpus);
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const rows = results.map((r) => {
  const t = totals([r]);
  return [r.check.peer, r.check.check, r.check.rules.join(' + '), `${t.caught}/${t.fire}`, `${t.quiet}/${t.clean}`];
});
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
process.stdout.write(`${line(['peer', 'check', 'podsmith rules', 'caught', 'clean'])}\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
const all = totals(results);
process.stdout.write(`\ncaught ${all.caught}/${all.fire} (${pct(all.caught, all.fire)}), clean ${all.quiet}/${all.clean} (${pct(all.quiet, all.clean)}) over ${results.length} mapped checks\n`);
const agreed = totalsAgreed(results);
process.stdout.write(`without the differences on purpose: caught ${agreed.caught}/${agreed.fire} (${pct(agreed.caught, agreed.fire)}), clean ${agreed.quiet}/${agreed.clean} (${pct(agreed.quiet, agreed.clean)})\n`);
const diff = mismatches(results);
if (diff.length) {
  process.stdout.write('\ndifferences:\n');
  for (const { check, unit } of diff) {
    const why = explained({ check, unit });
    process.stdout.write(`  ${check.peer} ${check.check}: ${unit.id} expected ${unit.expected} — ${why ?? 'NOT EXPLAINED'}\n`);
  }
}
const skipped = results.flatMap((r) => r.skipped);
if (skipped.length) process.stdout.write(`\n${skipped.length} units of kinds podsmith does not check (OpenShift DeploymentConfig) not judged\n`);
if (diff.some((d) => !explained(d))) process.exitCode = 1;
