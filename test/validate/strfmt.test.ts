/**
 * A custom resource's string formats checked as the API server checks them: crd/strfmt.ts
 * against k8s.io/kube-openapi's own validator and format registry (cluster/go/formatref, built
 * on first use). For every format: samples each accepts and refuses, each sample mutated (a
 * character inserted, dropped or changed, the case flipped), and random strings, judged by both.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { isRequestUriStrict, normalizeFormat, STRING_FORMATS, supportedStringFormat } from '../../src/validate/crd/strfmt';
import { FORMAT_SAMPLES, formatInputs, seeded } from '../support/format-samples';

const REPO = path.join(__dirname, '..', '..');

let oracle: string;
beforeAll(() => {
  oracle = execFileSync('bash', [path.join(REPO, 'cluster', 'go', 'formatref', 'build.sh')], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}, 600_000);

interface Answer { known: boolean; valid: boolean[] }

function goAnswers(questions: Array<{ format: string; inputs: string[] }>, godebug = ''): Answer[] {
  return JSON.parse(execFileSync(oracle, { input: JSON.stringify(questions), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GODEBUG: godebug } }));
}

describe('string formats of custom resources (crd/strfmt.ts) against kube-openapi\'s registry', () => {
  it('every format podsmith checks is one the registry knows, under each spelling the CRDs use', () => {
    const names = [...Object.keys(STRING_FORMATS), 'date-time', 'k8s-short-name', 'k8s-long-name', 'uri', 'email'];
    const answers = goAnswers(names.map((format) => ({ format, inputs: [] })));
    expect(names.filter((_, i) => !answers[i].known)).toEqual([]);
    expect(goAnswers([{ format: 'no-such-format', inputs: [] }])[0].known).toBe(false);
  });

  it('which formats a release keeps: the Kubernetes names (introduced in 1.34) from 1.35', () => {
    expect(supportedStringFormat(normalizeFormat('date-time'), 27)).toBe(true);
    expect(supportedStringFormat(normalizeFormat('k8s-short-name'), 33)).toBe(false);
    expect(supportedStringFormat(normalizeFormat('k8s-short-name'), 34)).toBe(false);
    expect(supportedStringFormat(normalizeFormat('k8s-short-name'), 35)).toBe(true);
    expect(supportedStringFormat('Date', 37)).toBe(false);
  });

  it('uri with Go 1.26\'s strict colons (Kubernetes from 1.36: godebug default=go1.26) gives the registry\'s verdict under GODEBUG=urlstrictcolons=1', () => {
    const inputs = [...new Set([...FORMAT_SAMPLES.uri, 'http://a:1:2/', 'https://a:1:2/', 'HTTP://a:1:2/', 'ftp://a:1:2/', 'http://a::80/', ...formatInputs(FORMAT_SAMPLES.uri, seeded(36))])];
    const strict = goAnswers([{ format: 'uri', inputs }], 'urlstrictcolons=1')[0].valid;
    const lenient = goAnswers([{ format: 'uri', inputs }], 'urlstrictcolons=0')[0].valid;
    expect(inputs.filter((s, i) => isRequestUriStrict(s) !== strict[i])).toEqual([]);
    expect(inputs.filter((s, i) => STRING_FORMATS.uri(s) !== lenient[i])).toEqual([]);
    // the setting decides some of them: the comparison reaches the difference
    expect(inputs.filter((_, i) => strict[i] !== lenient[i]).length).toBeGreaterThan(0);
  });

  // ten seeds here; 400 (about 1.7 million strings) were run once by hand with no disagreement
  for (const seed of Array.from({ length: 10 }, (_, i) => i + 1)) {
    it(`every format gives the registry's verdict on samples, their mutations and random strings (seed ${seed})`, () => {
      const rand = seeded(seed * 7919);
      const questions = Object.keys(STRING_FORMATS).map((format) => ({ format, inputs: formatInputs(FORMAT_SAMPLES[format] ?? [], rand) }));
      const answers = goAnswers(questions);
      const disagree: string[] = [];
      let judged = 0;
      let accepted = 0;
      questions.forEach((q, i) => {
        q.inputs.forEach((s, j) => {
          judged++;
          const go = answers[i].valid[j];
          if (go) accepted++;
          if (STRING_FORMATS[q.format](s) !== go) disagree.push(`${q.format} ${JSON.stringify(s)}: Go ${go ? 'accepts' : 'refuses'}`);
        });
      });
      expect(disagree).toEqual([]);
      // both verdicts are well represented: the comparison is not of refusals only
      expect(judged).toBeGreaterThan(2000);
      expect(accepted).toBeGreaterThan(judged / 10);
    });
  }
});
