/**
 * The Pod Security differential: generated Pods judged by podsmith (`--profile baseline` and
 * `restricted`) and by upstream's evaluator, for every release podsmith supports. Every Pod must
 * get the same failing checks from both (not just the same verdict). Upstream's evaluator judges each Pod as
 * the release's API server hands it to admission (asAdmitted: without the fields that release drops).
 * PODSMITH_PSA_PODS sets the Pods per release (default 5,000); the seed is the property tests' seed.
 */
import fc from 'fast-check';
import { availableVersions } from '../../src/validate';
import { asAdmitted, LEVELS, oracleBuild, podsmithVerdicts, rulesFor, upstreamVerdicts } from './oracle';
import { podArb } from './pods';

jest.setTimeout(20 * 60_000); // a cold oracle build takes minutes; cached, each release takes seconds

const PODS = Number(process.env.PODSMITH_PSA_PODS ?? 5000);
if (!Number.isInteger(PODS) || PODS < 100) throw new Error(`PODSMITH_PSA_PODS: '${process.env.PODSMITH_PSA_PODS}' is not a whole number of at least 100; fix: give e.g. 5000`);
const releases = availableVersions();

beforeAll(() => {
  oracleBuild();
});

test.each(releases)('Kubernetes %s: podsmith and upstream\'s evaluator name the same failing checks on generated Pods', (release) => {
  const seed = (fc.readConfigureGlobal().seed ?? Date.now()) + Number(release.split('.')[1]);
  const pods = fc.sample(podArb, { seed, numRuns: PODS });
  const theirs = upstreamVerdicts(asAdmitted(pods, release), [release])[release];
  const wrong: string[] = [];
  const seen = { baseline: 0, restricted: 0 };
  for (const level of LEVELS) {
    const ours = podsmithVerdicts(pods, release, level);
    pods.forEach((pod, i) => {
      const want = rulesFor(theirs[level][i]);
      if (want.length === 0) seen[level]++;
      if (ours[i].join() !== want.join()) wrong.push(`${level}: podsmith [${ours[i].join(', ')}], upstream [${want.join(', ')}]: ${JSON.stringify(pod)}`);
    });
  }
  // the generator must give both verdicts at both levels, or the comparison proves little
  for (const level of LEVELS) {
    expect(seen[level]).toBeGreaterThan(PODS / 20);
    expect(seen[level]).toBeLessThan(PODS - PODS / 20);
  }
  expect({ seed, disagreements: wrong.length, first: wrong.slice(0, 5) }).toEqual({ seed, disagreements: 0, first: [] });
});
