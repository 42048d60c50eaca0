/**
 * Issue 12, "Edges": every path ends in one line. Each test here fails on the code before 0.1.0:
 * the plugin ignored misspelt properties and threw on an unbundled k8sVersion, reported every
 * finding with `Construct Path: N/A`, JUnit failed objects with warnings while the exit code was
 * 0, and a construct error's stack pointed into src/ (not shipped) through inline source maps.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { Deployment, Probe } from '../../src';
import { availableVersions, exitCodeOf, formatReport, validateObjects } from '../../src/validate';
import { PodsmithValidation, validateOnSynth } from '../../src/validate/cdk8s';
import { toPassPodsmith } from '../../src/validate/jest';

const REPO = path.resolve(__dirname, '../..');
// cdk8s-cli's own report (a devDependency; its exports map hides the file), so the test sees what `cdk8s synth` prints
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationContext } = require(path.join(REPO, 'node_modules/cdk8s-cli/lib/plugins/validation.js'));

/** The synthesized charts' directories, removed when this file's tests end. */
const SYNTH_DIRS = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-plugin-'));
afterAll(() => fs.rmSync(SYNTH_DIRS, { recursive: true, force: true }));

/** Synthesizes a chart with a warning into a temp dir, recording construct metadata as `cdk8s synth` asks. */
function synthesized(): { dir: string; manifests: string[]; metadata: Record<string, { path: string }> } {
  const dir = fs.mkdtempSync(path.join(SYNTH_DIRS, 'synth-'));
  const app = new App({ outdir: dir, recordConstructMetadata: true } as any);
  const chart = new Chart(app, 'shop');
  new Deployment(chart, 'Web', { name: 'web', containers: [{ name: 'web', image: 'busybox:1.35.0', ports: [{ number: 8080, name: 'http' }], probe: Probe.httpGet('/healthz') }] });
  app.synth();
  const manifests = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f));
  // make one finding certain: drop the readiness probe in the written manifest
  const file = manifests[0];
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/ {10}readinessProbe:\n( {12}.*\n)+/, ''));
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'construct-metadata.json'), 'utf8')).resources;
  return { dir, manifests, metadata: meta };
}

async function runPlugin(properties: Record<string, unknown>, s = synthesized()): Promise<{ text: string; success: boolean }> {
  const context = new ValidationContext(s.manifests, 'podsmith', '0.1.0', s.metadata, false);
  await new PodsmithValidation(properties as any).validate(context);
  return { text: context.report.toString(), success: context.report.success };
}

describe('the cdk8s validation plugin', () => {
  test('findings carry their construct path into the report', async () => {
    const { text, success } = await runPlugin({});
    expect(success).toBe(true); // a warning only
    expect(text).toContain('probes.readiness-missing (warning)');
    // cdk8s records one path per metadata.name: the Deployment and its PDB share the name 'web',
    // so the path is the workload construct's or its child's (shop/Web/Budget/Resource)
    expect(text).toMatch(/Construct Path: shop\/Web\/(Budget\/)?Resource/);
    expect(text).not.toContain('Construct Path: N/A');
  });

  test('a misspelt property fails the report with a did-you-mean', async () => {
    const { text, success } = await runPlugin({ k8sVersoin: '1.34' });
    expect(success).toBe(false);
    expect(text).toContain("podsmith plugin properties (cdk8s.yaml): 'k8sVersoin' is not an option; did you mean 'k8sVersion'?");
  });

  test('an unbundled k8sVersion is one line listing the supported versions (read from the schema layer)', async () => {
    // 1.19 predates every bundled release; the 1.29 becomes supported once every release ships
    const { text, success } = await runPlugin({ k8sVersion: '1.19' });
    expect(success).toBe(false);
    expect(text).toContain(`k8sVersion: Kubernetes '1.19' has no bundled schema; supported: ${availableVersions().join(', ')}`);
  });

  test('validateOnSynth and the jest matcher refuse a misspelt option in one line', () => {
    expect(() => validateOnSynth(new App(), { failOnWarning: true } as any)).toThrow(/^validateOnSynth options: 'failOnWarning' is not an option; did you mean 'failOnWarnings'\?$/);
    expect(() => toPassPodsmith.call(undefined, [], { profile: 'strict' } as any)).toThrow(/^toPassPodsmith options: profile must be 'baseline' or 'restricted', got "strict"$/);
  });
});

describe('JUnit agrees with the exit code', () => {
  const warningOnly = () => {
    const c = new Chart(new App(), 'x');
    new Deployment(c, 'W', { name: 'w', containers: [{ name: 'web', image: 'busybox:1.35.0', allowNoProbes: true }] });
    const objects = c.toJson();
    delete objects[0].spec.template.spec.containers[0].resources;
    return validateObjects(objects.map((object: unknown) => ({ object })));
  };

  test('warnings are not failures unless strict', () => {
    const report = warningOnly();
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBeGreaterThan(0);
    expect(exitCodeOf(report)).toBe(0);
    const xml = formatReport(report, 'junit');
    expect(xml).toMatch(/<testsuites name="podsmith validate" tests="\d+" failures="0" errors="0">/);
    expect(xml).toContain('<system-out>');
    expect(xml).toContain('resources.requests-missing');
    expect(exitCodeOf(report, true)).toBe(1);
    expect(formatReport(report, 'junit', { strict: true })).toMatch(/failures="1"/);
  });
});

describe('a construct error under `cdk8s synth`', () => {
  test('prints no stack frame into files the package does not ship (src/), even with source maps enabled', () => {
    const r = spawnSync(process.execPath, ['--enable-source-maps', path.join(REPO, 'test/fixtures/apps/throws.js')], {
      env: { ...process.env, PODSMITH_SRC: path.join(REPO, 'lib/index.js') }, encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("PodsmithError: broken/Web: containers[0].image: 'nginx:latest' is tagged :latest");
    expect(r.stderr).not.toContain(`${path.sep}src${path.sep}`);
  });
});
