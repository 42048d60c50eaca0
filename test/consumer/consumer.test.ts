/**
 * Issue 12, "Done when": a consumer project built from `npm pack` — cdk8s and constructs at the
 * oldest supported and the newest versions, cdk8s-plus-27 beside podsmith — compiles and
 * synthesizes the examples/ apps, whose output validates clean with the installed podsmith.
 * The cluster part (`podsmith verify` of the same apps) is test/e2e/consumer-verify.test.ts.
 *
 * Needs npm and a registry (or a warm npm cache under ${PODSMITH_CACHE}/npm); lib/ compiled.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile, createProject, pack, PAIRS, podsmith, REPO, run, synth } from './project';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-consumer-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let tarball = '';
describe('the package', () => {
  test('npm pack ships compiled lib/, schemas, the cluster recipes and docs; no sources, maps, tests or bench', () => {
    const p = pack(tmp);
    tarball = p.tarball;
    expect(p.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts', 'lib/validate/jest.js', 'lib/validate/cdk8s/index.js', 'lib/cli.js']));
    expect(p.files.some((f) => f.startsWith('schemas/v') && f.endsWith('.json'))).toBe(true);
    // the definitions every release's index points into (loaded on demand)
    const defs = fs.readdirSync(path.join(REPO, 'schemas', 'defs')).map((f) => `schemas/defs/${f}`);
    expect(p.files).toEqual(expect.arrayContaining(defs));
    expect(p.files.filter((f) => /^(src|test|bench|scripts|\.ci|docs|examples)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const js = fs.readFileSync(path.join(REPO, 'lib', 'index.js'), 'utf8');
    expect(js).not.toContain('sourceMappingURL');
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.version).not.toBe('0.0.0');
    expect(pkg.dependencies).not.toHaveProperty('cdk8s');
    expect(pkg.dependencies).not.toHaveProperty('constructs');
    expect(pkg.dependencies).not.toHaveProperty('@kubernetes/client-node');
    expect(pkg.peerDependenciesMeta['@kubernetes/client-node']).toEqual({ optional: true });
    expect(pkg.repository).toBeDefined();
  });
});

describe.each([
  { label: PAIRS.oldest.label, pair: PAIRS.oldest, examples: ['workloads', 'quickstart'] },
  { label: PAIRS.plusOldest.label, pair: PAIRS.plusOldest, examples: ['kplus-interop'] },
  { label: PAIRS.newest.label, pair: PAIRS.newest, examples: ['workloads', 'quickstart', 'kplus-interop'] },
])('a consumer project on $label', ({ pair, examples }) => {
  const dir = path.join(tmp, pair.label.replace(/[^a-z0-9]+/gi, '-'));

  beforeAll(() => {
    if (!tarball) tarball = pack(tmp).tarball;
    createProject(dir, tarball, pair);
  }, 10 * 60_000);

  test('podsmith uses the project\'s cdk8s and constructs (no nested copies) and built nothing on install', () => {
    const installed = path.join(dir, 'node_modules', 'podsmith');
    expect(fs.existsSync(path.join(installed, 'node_modules', 'cdk8s'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'node_modules', 'constructs'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    // the package's prepare step is a no-op outside a checkout (what a git install would run)
    const before = fs.statSync(path.join(installed, 'lib', 'index.js')).mtimeMs;
    expect(run('npm', ['run', 'prepare', '--silent'], installed).status).toBe(0);
    expect(fs.statSync(path.join(installed, 'lib', 'index.js')).mtimeMs).toBe(before);
    expect(fs.existsSync(path.join(installed, 'tsconfig.tsbuildinfo'))).toBe(false);
  });

  test('the jest matcher and the cdk8s plugin import from CommonJS and ESM; internals do not', () => {
    const cjs = run(process.execPath, ['-e', [
      "const { toPassPodsmith, Deployment } = require('podsmith');",
      "const jest = require('podsmith/jest'); const plugin = require('podsmith/cdk8s');",
      "if (typeof toPassPodsmith !== 'function' || jest.toPassPodsmith !== toPassPodsmith || typeof plugin.PodsmithValidation !== 'function' || typeof Deployment !== 'function') process.exit(3);",
      "try { require('podsmith/lib/constructs/pod'); process.exit(4); } catch (e) { if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e; }",
      "if ('renderPod' in require('podsmith')) process.exit(5);",
    ].join('\n')], dir);
    expect(cjs).toMatchObject({ status: 0, stderr: '' });
    const esm = run(process.execPath, ['--input-type=module', '-e', [
      "import { toPassPodsmith } from 'podsmith/jest';",
      "import { PodsmithValidation } from 'podsmith/cdk8s';",
      "import { Deployment, toPassPodsmith as fromRoot } from 'podsmith';",
      "if (typeof toPassPodsmith !== 'function' || fromRoot !== toPassPodsmith || typeof PodsmithValidation !== 'function' || typeof Deployment !== 'function') process.exit(3);",
    ].join('\n')], dir);
    expect(esm).toMatchObject({ status: 0, stderr: '' });
  });

  test(`compiles ${examples.join(', ')} with TypeScript`, () => {
    const r = compile(dir, [...examples]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 5 * 60_000);

  test.each([...examples])('%s synthesizes and its output validates clean (no error, no warning)', (example) => {
    const s = synth(dir, example);
    expect(s.run.stderr).toBe('');
    expect(s.run.status).toBe(0);
    const v = podsmith(dir, ['validate', s.out, '--strict']);
    expect(v.stdout).toMatch(/: 0 errors, 0 warnings/);
    expect(v.status).toBe(0);
    // a release whose validators are not precompiled: its schemas come from the package's schemas/
    const old = podsmith(dir, ['validate', s.out, '--k8s-version', '1.30']);
    expect(old.stderr).toBe('');
    expect(old.stdout).toMatch(/: 0 errors, /);
  });

  if (!pair.client) {
    test('podsmith verify without the optional client says what to install, in one line', () => {
      const s = synth(dir, examples[0]);
      const kubeconfig = path.join(dir, 'kubeconfig');
      fs.writeFileSync(kubeconfig, [
        'apiVersion: v1', 'kind: Config', 'current-context: none',
        'clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: none, user: {token: none}}]',
        'contexts: [{name: none, context: {cluster: none, user: none}}]', '',
      ].join('\n'));
      const v = podsmith(dir, ['verify', s.out, '--cluster', 'current', '--kubeconfig', kubeconfig]);
      expect(v.status).toBe(2);
      expect(v.stderr.trim().split('\n')).toHaveLength(1);
      expect(v.stderr).toMatch(/@kubernetes\/client-node/);
    });
  }
});
