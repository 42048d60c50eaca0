/**
 * The catalog on Polaris' and kube-linter's own fixtures (issue 11, part 4): every unit where
 * podsmith and the peer disagree must be a difference that mapping.ts explains (and docs/rules.md
 * shows), and the figures must not fall below the measured floor. Runs when the corpus is present.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../../src/validate';
import { peerChecks } from '../../src/validate/peers/mapping';
import { defaultCorpusDir, explained, mismatches, runPeers, totals, totalsAgreed } from '../../src/validate/peers/run';

const corpus = defaultCorpusDir(path.join(__dirname, '..', '..'));
const present = fs.existsSync(path.join(corpus, 'FairwindsOps__polaris')) && fs.existsSync(path.join(corpus, 'stackrox__kube-linter'));

test('every mapped podsmith rule is in the catalog', () => {
  for (const c of peerChecks) for (const r of c.rules) expect([c.check, ruleById(r)?.id]).toEqual([c.check, r]);
});

(present ? describe : describe.skip)('peer fixtures (corpus present)', () => {
  const results = present ? runPeers(corpus) : [];

  test('every mapped check has fixtures to judge, with both verdicts across the run', () => {
    for (const r of results) expect([r.check.check, r.units.length > 0]).toEqual([r.check.check, true]);
    const t = totals(results);
    expect(t.fire).toBeGreaterThan(80);
    expect(t.clean).toBeGreaterThan(60);
  });

  test('every difference is explained in mapping.ts, and every explained difference still occurs', () => {
    const diff = mismatches(results);
    expect(diff.filter((d) => !explained(d)).map((d) => `${d.check.peer} ${d.check.check}: ${d.unit.id} expected ${d.unit.expected}`)).toEqual([]);
    const listed = peerChecks.flatMap((c) => (c.differences ?? []).map((d) => `${c.check} ${d.unit}`));
    const seen = new Set(diff.map((d) => `${d.check.check} ${d.unit.id}`));
    expect(listed.filter((l) => !seen.has(l))).toEqual([]);
  });

  test('≥ 98% caught and ≥ 98% clean outside the differences on purpose; the raw figures hold their floor', () => {
    const agreed = totalsAgreed(results);
    expect(agreed.caught / agreed.fire).toBeGreaterThanOrEqual(0.98);
    expect(agreed.quiet / agreed.clean).toBeGreaterThanOrEqual(0.98);
    const raw = totals(results);
    // measured 87/102 caught and 76/79 clean; each miss is a difference listed in docs/rules.md
    expect(raw.caught / raw.fire).toBeGreaterThanOrEqual(0.85);
    expect(raw.quiet / raw.clean).toBeGreaterThanOrEqual(0.96);
  });
});
