/**
 * A CRD's `pattern` read as the API server reads it: crd/go-regexp.ts against Go's own regexp
 * package (cluster/go/regexpref, built on first use: the standard library only). Every pattern of
 * the real-world corpus's CRDs, patterns that use each RE2 feature, and generated ones, each
 * matched against the same strings by both: the same patterns must compile and the same strings
 * match.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { goRegExp, UnsupportedGoPattern } from '../../src/validate/crd/go-regexp';
import { Validation } from '../../src/validate/engine';
import { parseText } from '../../src/validate/load';
import '../support/fast-check-seed';

const REPO = path.join(__dirname, '..', '..');
const CORPUS = path.join(REPO, '..', 'shared', 'corpus', 'realworld');

let oracle: string;
beforeAll(() => {
  oracle = execFileSync('bash', [path.join(REPO, 'cluster', 'go', 'regexpref', 'build.sh')], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}, 600_000);

interface Answer { error?: string; matches?: boolean[] }

function goAnswers(questions: Array<{ pattern: string; inputs: string[] }>): Answer[] {
  return JSON.parse(execFileSync(oracle, { input: JSON.stringify(questions), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

/** Characters where Go's and JavaScript's readings part: case folding (Kelvin sign, long s), \r and \v, non-ASCII letters and spaces. */
const POOL = ['a', 'A', 'b', 'k', 'K', '\u212a', 's', 'S', '\u017f', 'z', '0', '9', '_', '-', '.', ':', '/', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '#', '{', '}', '[', ']', '(', 'é', 'α', 'Ω', '中', '😀'];

/** Strings to match: fixed probes, pieces of the pattern (its literals, with their case flipped), random strings of POOL. */
function inputsFor(pattern: string, rand: () => number): string[] {
  const out = new Set(['', 'a', 'abc', 'ABC', 'abort', 'ABORT', 'Warn', 'k8s', 'K8S', 'my-app-1', '1.2.3', 'a\nb', 'a\rb', '\n', 'x'.repeat(70), 'Ωmega', 'foo.bar/baz']);
  const letters = pattern.replace(/\\[a-zA-Z]|[\\^$()[\]{}*+?|]/g, '');
  for (let k = 0; k < 25; k++) {
    let s = '';
    const n = Math.floor(rand() * 12);
    for (let j = 0; j < n; j++) {
      const r = rand();
      if (r < 0.5 && letters.length > 0) {
        const c = letters[Math.floor(rand() * letters.length)];
        s += rand() < 0.3 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c;
      } else s += POOL[Math.floor(rand() * POOL.length)];
    }
    out.add(s);
  }
  return [...out];
}

function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

/** Compares both readings of each pattern; returns the disagreements and how many Go compiled. */
function compare(patterns: string[], seed: number): { problems: string[]; compiled: number; unsupported: string[] } {
  const rand = seeded(seed);
  const questions = patterns.map((pattern) => ({ pattern, inputs: inputsFor(pattern, rand) }));
  const answers = goAnswers(questions);
  const problems: string[] = [];
  const unsupported: string[] = [];
  let compiled = 0;
  questions.forEach((q, i) => {
    const go = answers[i];
    let re: RegExp | undefined;
    let refused: unknown;
    try {
      re = goRegExp(q.pattern);
    } catch (e) {
      refused = e;
    }
    if (go.error !== undefined) {
      if (re) problems.push(`${JSON.stringify(q.pattern)}: Go refuses it (${go.error}), podsmith compiles it`);
      return;
    }
    compiled++;
    if (!re) {
      if (refused instanceof UnsupportedGoPattern) unsupported.push(q.pattern);
      else problems.push(`${JSON.stringify(q.pattern)}: Go compiles it, podsmith refuses it (${(refused as Error).message})`);
      return;
    }
    q.inputs.forEach((s, j) => {
      if (re!.test(s) !== go.matches![j]) problems.push(`${JSON.stringify(q.pattern)} on ${JSON.stringify(s)}: Go ${go.matches![j]}, podsmith ${!go.matches![j]}`);
    });
  });
  return { problems, compiled, unsupported };
}

/** Every `pattern` and `patternProperties` key of the CRDs of a directory. */
function corpusPatterns(dir: string): string[] {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$|\.json$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        if (!text.includes('CustomResourceDefinition')) continue;
        let objects: unknown[] = [];
        try { objects = parseText(text, p).map((o) => o.object); } catch { continue; }
        const visit = (v: any) => {
          if (v === null || typeof v !== 'object') return;
          if (typeof v.pattern === 'string') out.add(v.pattern);
          if (v.patternProperties && typeof v.patternProperties === 'object') Object.keys(v.patternProperties).forEach((k) => out.add(k));
          for (const x of Object.values(v)) visit(x);
        };
        for (const o of objects as any[]) if (o?.kind === 'CustomResourceDefinition') visit(o.spec?.versions);
      }
    }
  };
  walk(dir);
  return [...out];
}

/** One pattern per RE2 feature, and what Go refuses. */
const FEATURES = [
  '^(?i)(abort|warn)?$', '(?i)kelvin', '(?i)[a-z]+', '(?i)[k-s]', '(?i:ab)c', 'a(?i)b(?-i)c', '(?s)a.b', 'a.b', '(?m)^b$', '(?m)a$', '(?ms)^.+$',
  '\\Aab\\z', '\\Qa.b*\\E', '\\Qunterminated', '[[:alpha:]]+', '[[:^digit:]]', '[^[:space:]]', '(?i)[[:upper:]]', '\\pL+', '\\p{Greek}', '\\PL', '\\p{^Lu}', '[\\p{Lu}\\d]',
  '\\x41\\x{1F600}', '\\101', '\\0', '\\#\\-\\:', '[\\]a-]', '[]a]', 'a{2}', 'a{2,}', 'a{2,3}?', 'a{,3}', 'x{', '}', ']', '(?P<name>a)', '(?<name>a)',
  '\\s+', '\\S', '[\\s]', '[\\S]', '\\w\\W', '(?i)\\w', '[\\D]', '\\d\\D', '\\bfoo\\b', '[^a]', '[^\\n]', 'a|b|', '()', '^$', 'é+', '[α-ω]', '😀?',
  '(?U)a+', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(a)\\1', '\\8', '\\C', '\\Z', 'a**', '*a', '(', ')', '[a', 'a{1001}', '[z-a]', '\\p{Nope}', '(?x)a', '\\e',
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', '^(\\d+(\\.\\d+)?(ms|s|m|h))+$', '^[^/]+$', '^https?://.+$',
];

/** Patterns from a grammar of RE2 pieces (fast-check, seeded). */
const piece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'k', 'S', 'é', '.', '\\.', '\\d', '\\w', '\\s', '\\S', '\\W', '[a-z]', '[^0-9]', '[[:alpha:]]', '[[:punct:]]', '\\pL', '\\p{Greek}', '\\Qk.\\E', '\\x{212a}', '^', '$', '\\A', '\\z', '\\b', '{', '}', '#', '\\#', ' '),
  fc.tuple(fc.constantFrom('(?i)', '(?s)', '(?m)', '(?-i)', '(?i:', '(?s:', '(', '(?:', '(?P<g>'), fc.constantFrom('a', 'K', '.', '[a-c]', 'ſ', '\\w', '$', '^x')).map(([open, body]) => (open.endsWith(')') ? `${open}${body}` : `${open}${body})`)),
);
const generated = fc.array(fc.tuple(piece, fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,2}', '|')).map(([p, q]) => p + q), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

test('every pattern of the real-world corpus\'s CRDs compiles and matches as Go\'s regexp does', () => {
  if (!fs.existsSync(CORPUS)) return void console.warn(`go-regexp: ${CORPUS} is missing: the corpus part is not checked`);
  const patterns = corpusPatterns(CORPUS);
  expect(patterns.length).toBeGreaterThan(10);
  const r = compare(patterns, 1);
  expect(r.problems).toEqual([]);
  expect(r.unsupported).toEqual([]);
  expect(r.compiled).toBe(patterns.length); // the corpus's CRDs were accepted by API servers
});

test('each RE2 feature: Go and podsmith compile the same patterns and match the same strings', () => {
  const r = compare(FEATURES, 2);
  expect(r.problems).toEqual([]);
  expect(r.unsupported).toEqual([]);
  expect(r.compiled).toBeGreaterThan(50);
});

test('generated patterns: Go and podsmith agree', () => {
  const patterns = fc.sample(generated, 3000);
  const r = compare(patterns, 3);
  expect(r.problems.slice(0, 20)).toEqual([]);
  expect(r.unsupported).toEqual([]);
  expect(r.compiled).toBeGreaterThan(1000);
});

test('a custom resource is checked against a CRD pattern written with Go\'s (?i) (the corpus\'s PrometheusRule CRD)', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'rules.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'rules', singular: 'rule', kind: 'Rule', listKind: 'RuleList' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { action: { type: 'string', pattern: '^(?i)(abort|warn)?$' } } } } } },
      }],
    },
  };
  const cr = (action: string) => ({ apiVersion: 'example.com/v1', kind: 'Rule', metadata: { name: `r-${action.toLowerCase() || 'none'}`, namespace: 'default' }, spec: { action } });
  const v = new Validation({});
  v.add([crd, cr('WARN'), cr('Abort'), cr('stop')].map((object) => ({ object })));
  const findings = v.finish().findings.filter((f) => f.object.kind === 'Rule' && f.rule !== 'crd.cel-not-evaluated');
  expect(findings.map((f) => `${f.object.name} ${f.path} ${f.message}`)).toEqual(['r-stop spec.action Invalid value: "stop": must match pattern "^(?i)(abort|warn)?$"']);
});
