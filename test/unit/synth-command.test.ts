import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/commands/synth';

const apps = path.resolve(__dirname, '../fixtures/apps');

describe('podsmith synth: nothing half-written', () => {
  let dir: string;
  let out: string;
  let stdout: string;
  let stderr: string;
  const cwd = process.cwd();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-synth-'));
    out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'previous.k8s.yaml'), 'previous output\n');
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s: any) => { stdout += s; return true; });
    jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { stderr += s; return true; });
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const leftovers = () => fs.readdirSync(dir).filter((f) => f !== 'dist');

  test('a clean app replaces the previous output as a whole', async () => {
    expect(await run(['--app', `node ${apps}/write.js good.yaml`, '--output', out])).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['app.k8s.yaml']);
    expect(leftovers()).toEqual([]);
  });

  test('a synth with warnings writes the output and prints every warning, not only their count (issue 12)', async () => {
    expect(await run(['--app', `node ${apps}/write.js warning.yaml`, '--output', out])).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['app.k8s.yaml']);
    expect(stdout).toContain('Deployment/lax: warning probes.readiness-missing: spec.template.spec.containers[0].readinessProbe');
    expect(stdout).toMatch(/1 object: 0 errors, 9 warnings/);
    expect(stderr).toMatch(/9 warning\(s\)/);
  });

  test('an unbundled --k8s-version is one line listing the supported versions', async () => {
    await expect(run(['--app', `node ${apps}/write.js good.yaml`, '--output', out, '--k8s-version', '1.19']))
      .rejects.toThrow(/^--k8s-version: Kubernetes '1\.19' has no bundled schema; supported: \d+\.\d+/);
    expect(fs.readdirSync(out)).toEqual(['previous.k8s.yaml']);
  });

  test('an error-level finding fails the synth and leaves the previous output untouched', async () => {
    expect(await run(['--app', `node ${apps}/write.js request-above-limit.yaml`, '--output', out])).toBe(1);
    expect(fs.readdirSync(out)).toEqual(['previous.k8s.yaml']);
    expect(fs.readFileSync(path.join(out, 'previous.k8s.yaml'), 'utf8')).toBe('previous output\n');
    expect(leftovers()).toEqual([]);
    expect(stdout).toMatch(/spec.template.spec.containers\[0\].resources.requests(.cpu|\[cpu\])/);
    expect(stderr).toMatch(/nothing was written/);
  });

  test('a construct error surfaces as one line without a stack trace, output untouched', async () => {
    process.env.PODSMITH_SRC = path.resolve(__dirname, '../../lib/index.js');
    await expect(run(['--app', `node ${apps}/throws.js`, '--output', out])).rejects.toThrow(
      /^broken\/Web: containers\[0\].image: 'nginx:latest' is tagged :latest, which drifts and is pulled on every start \(H12\); fix: pin a version tag or digest, or set allowLatestTag: true$/);
    expect(fs.readdirSync(out)).toEqual(['previous.k8s.yaml']);
    expect(leftovers()).toEqual([]);
  });

  test('an app that writes nothing, and bad usage, are exit-2 errors', async () => {
    await expect(run(['--app', 'true', '--output', out])).rejects.toThrow(/wrote no manifests/);
    await expect(run(['--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
    expect(fs.readdirSync(out)).toEqual(['previous.k8s.yaml']);
  });
});
