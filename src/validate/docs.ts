/** docs/rules.md, generated from the catalog (scripts/gen-rules-doc.ts writes it; a test keeps it in step). */
import { catalog } from './catalog';
import { peerChecks } from './peers/mapping';
import { availableVersions } from './schema';
import { isSuppressible, Layer } from './types';

const LAYERS: Array<[Layer, string, string]> = [
  ['input', 'Input', 'What a manifest file must be before anything else can be checked.'],
  ['schema', 'Schema', 'The upstream OpenAPI v3 schemas of the Kubernetes release (`--k8s-version`), strict about unknown fields like `kubectl apply --validate=strict`.'],
  ['semantic', 'API-server semantics', 'What the API server rejects that a schema cannot say (`pkg/apis/*/validation`). Messages use the API server\'s wording; each rule has a fixture in `test/fixtures/validate/semantic/` that a real API server rejects.'],
  ['best-practice', 'Best practices', 'The Pod handbook (H1–H30) and parity with kube-score, kube-linter and Polaris. What podsmith\'s constructs emit by default passes all of them.'],
  ['pod-security', 'Pod Security Standards', 'Enabled with `--profile baseline` or `--profile restricted`; a violation is an error, as a namespace enforcing the profile would reject the Pod.'],
];

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderRulesDoc(): string {
  const out: string[] = [
    '# podsmith validation rules',
    '',
    '<!-- Generated from src/validate (the rule catalog) by scripts/gen-rules-doc.ts. Do not edit by hand. -->',
    '',
    `${catalog.length} rules. \`podsmith rules\` lists them, \`podsmith explain RULE\` prints one. Kubernetes versions with bundled schemas: ${availableVersions().join(', ')}.`,
    '',
    'Severity: **error** — a real API server would reject the object, or it cannot work as written (exit 1);',
    '**warning** — accepted, but against a best practice (exit 1 only with `--strict`); **info** — for the record.',
    '',
    'Suppress a rule on one object with the annotation `podsmith.dev/ignore: "RULE[,RULE…]"` on the object or its Pod',
    'template; the finding is still reported, as `"suppressed": true` in `--format json`. Error-level schema and',
    'API-server rules cannot be suppressed.',
    '',
    '## Running the validator',
    '',
    '```sh',
    'podsmith validate dist/ other.yaml -          # files, directories (*.yaml *.yml *.json), stdin',
    'podsmith validate --format json|sarif|junit dist/',
    'podsmith validate --k8s-version 1.27 dist/    # schemas and rules of another bundled release',
    'podsmith validate --profile restricted dist/  # also the Pod Security Standards',
    'podsmith validate --strict dist/              # warnings fail too',
    'podsmith rules                                # this catalog; podsmith explain RULE for one rule',
    '```',
    '',
    'Exit codes: 0 no error-level finding, 1 an error-level finding (or a warning with `--strict`), 2 input that',
    'could not be read or parsed, or wrong arguments.',
    '',
    'From code: `validateObjects([{ object }])` and `validatePaths([dir])` (from `podsmith/lib/validate`) return the',
    'report of contract 2; `formatReport(report, format)` prints it. In tests, `expect.extend({ toPassPodsmith })`',
    'from `podsmith/lib/validate/jest`. `validateOnSynth(app)` (from `podsmith/lib/validate/cdk8s`) makes `app.synth()`',
    'fail before it writes anything on an error-level finding. With `cdk8s synth --validate`, add to cdk8s.yaml:',
    '',
    '```yaml',
    'validations:',
    '  - package: ./node_modules/podsmith/lib/validate/cdk8s',
    '    class: PodsmithValidation',
    '    version: 0.0.0',
    '    properties: { k8sVersion: "1.34", profile: restricted }',
    '```',
    '',
  ];
  for (const [layer, title, intro] of LAYERS) {
    const rules = catalog.filter((r) => r.layer === layer);
    if (rules.length === 0) continue;
    out.push(`## ${title}`, '', intro, '', '| rule | severity | handbook | finds |', '|---|---|---|---|');
    for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id.replace(/\./g, '')}) | ${r.severity}${r.profile ? ` (${r.profile})` : ''} | ${r.handbook.join(', ') || '–'} | ${cell(r.summary)} |`);
    out.push('');
    for (const r of rules) {
      out.push(`### ${r.id}`, '', `${r.summary[0].toUpperCase()}${r.summary.slice(1)}.`, '',
        `- Severity: ${r.severity}${r.profile ? `, profile ${r.profile}` : ''}; ${isSuppressible(r, r.severity) ? 'suppressible' : 'cannot be suppressed'}`,
        `- Handbook: ${r.handbook.join(', ') || '–'}`,
        `- Why: ${r.rationale}`,
        `- Fix: ${r.fix}`,
        '');
    }
  }
  out.push(...renderPeers());
  return `${out.join('\n').trimEnd()}\n`;
}

/** The peer mapping (src/validate/peers/mapping.ts) and every difference on purpose, with its reason. */
function renderPeers(): string[] {
  const out = [
    '## Parity with Polaris and kube-linter',
    '',
    '`npm run test:peers` runs the catalog on the peers\' own test fixtures (the corpus folders `FairwindsOps__polaris`',
    'and `stackrox__kube-linter`; `PODSMITH_CORPUS` points elsewhere) and prints, per mapped check, how many of the',
    'fixtures the peer flags podsmith catches and how many it passes podsmith leaves clean. The peer\'s own',
    'expectation judges: Polaris\' `success*`/`failure*` file names, kube-linter\'s `dont-fire` object and container',
    'names (and, where the names do not say, its e2e bats tests). kube-score has no fixtures in the corpus and is not',
    'measured. OpenShift DeploymentConfig objects are not judged: podsmith does not check that kind.',
    '',
    '| peer | check | podsmith rule(s) |',
    '|---|---|---|',
  ];
  for (const c of peerChecks) out.push(`| ${c.peer} | \`${c.check}\` | ${c.rules.map((r) => `\`${r}\``).join(', ')}${c.message ? ` (findings about ${c.message})` : ''} |`);
  out.push('', '### Where podsmith differs on purpose', '');
  for (const c of peerChecks) {
    for (const d of c.differences ?? []) out.push(`- ${c.peer} \`${c.check}\`, \`${d.unit}\`: ${d.reason}.`);
  }
  out.push('');
  return out;
}
