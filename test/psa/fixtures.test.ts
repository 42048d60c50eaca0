/**
 * Upstream's own Pod Security fixtures (k8s.io/pod-security-admission test/testdata), replayed
 * for every release podsmith supports: a `pass` Pod gives no Pod Security finding at that level,
 * a `fail` Pod at least one, and podsmith's failing rules are exactly the ones upstream's
 * evaluator names for that Pod as the release's API server hands it to admission (asAdmitted: a
 * release that drops a gated field, procMount before 1.33, admits what that field alone fails).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { availableVersions } from '../../src/validate';
import { asAdmitted, fixtureDir, Level, LEVELS, oracleBuild, podsmithVerdicts, rulesFor, upstreamVerdicts } from './oracle';

jest.setTimeout(20 * 60_000); // a cold oracle build takes minutes; cached it is instant

const releases = availableVersions();

interface Fixture { file: string; expect: 'pass' | 'fail'; pod: any }

function fixtures(dir: string): Fixture[] {
  const out: Fixture[] = [];
  for (const expect of ['pass', 'fail'] as const) {
    const sub = path.join(dir, expect);
    for (const f of fs.readdirSync(sub).filter((n) => n.endsWith('.yaml')).sort()) {
      const file = path.join(sub, f);
      // YAML 1.1, as the API server's decoder reads it
      out.push({ file: `${path.basename(dir)}/${expect}/${f}`, expect, pod: parse(fs.readFileSync(file, 'utf8'), { version: '1.1' }) });
    }
  }
  return out;
}

test('podsmith supports at least one release and the module has fixtures for it', () => {
  expect(releases.length).toBeGreaterThan(0);
  const { testdata } = oracleBuild();
  for (const rel of releases) for (const level of LEVELS) expect(fixtureDir(testdata, level, rel)).toBeDefined();
});

describe.each(releases)('Kubernetes %s', (release) => {
  test.each(LEVELS)('%s: every upstream fixture gets upstream\'s verdict and checks', (level: Level) => {
    const dir = fixtureDir(oracleBuild().testdata, level, release)!;
    const fx = fixtures(dir);
    expect(fx.length).toBeGreaterThan(10);
    const ours = podsmithVerdicts(fx.map((f) => f.pod), release, level);
    const written = upstreamVerdicts(fx.map((f) => f.pod), [release])[release][level];
    const theirs = upstreamVerdicts(asAdmitted(fx.map((f) => f.pod), release), [release])[release][level];
    const wrong: string[] = [];
    fx.forEach((f, i) => {
      const want = rulesFor(theirs[i]);
      // the fixture's directory and upstream's evaluator must agree, or the oracle is misread
      if ((rulesFor(written[i]).length === 0) !== (f.expect === 'pass')) wrong.push(`ORACLE ${f.file}: upstream's evaluator says [${written[i]}] for a ${f.expect} fixture`);
      if (ours[i].join() !== want.join()) wrong.push(`${f.file}: podsmith [${ours[i].join(', ')}], upstream [${want.join(', ')}]`);
    });
    expect(wrong).toEqual([]);
  });
});
