/** Contract 1: `podsmith validate`, `podsmith rules`, `podsmith explain` and their exit codes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { catalog } from '../../src/validate';
import { FIXTURES } from './helpers';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const good = path.join(FIXTURES, 'good', 'web.yaml');
const bad = path.join(FIXTURES, 'semantic', 'resources.limit-below-request.yaml');
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-cli-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('podsmith validate', () => {
  test('exit 0 on a clean bundle', async () => {
    const r = await cli('validate', good);
    expect(r.code).toBe(0);
    expect(r.out).toBe('3 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('exit 1 on an error-level finding; json on stdout is clean', async () => {
    const r = await cli('validate', '--format', 'json', bad);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).summary.errors).toBe(1);
  });

  test('warnings: exit 0, or 1 with --strict', async () => {
    const p = path.join(dir, 'latest.yaml');
    fs.writeFileSync(p, fs.readFileSync(good, 'utf8').replace('nginx:1.27.3', 'nginx:latest'));
    expect((await cli('validate', p)).code).toBe(0);
    expect((await cli('validate', '--strict', p)).code).toBe(1);
  });

  test('exit 2 with one line for unreadable input, bad flags and unknown versions', async () => {
    for (const argv of [
      ['validate', path.join(dir, 'missing.yaml')],
      ['validate'],
      ['validate', '--format', 'xml', good],
      ['validate', '--k8s-version', '1.99', good],
      ['validate', '--profile', 'paranoid', good],
      ['validate', '--bogus', good],
    ]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  test('--k8s-version and --profile are honoured', async () => {
    expect((await cli('validate', '--k8s-version', '1.27', good)).code).toBe(0);
    const r = await cli('validate', '--profile', 'baseline', '--format', 'json', good);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: any) => f.rule)).toEqual(['pss.host-path']);
  });

  test('sarif and junit formats', async () => {
    expect(JSON.parse((await cli('validate', '--format', 'sarif', bad)).out).version).toBe('2.1.0');
    expect((await cli('validate', '--format', 'junit', bad)).out).toMatch(/^<\?xml/);
  });
});

describe('podsmith rules and explain', () => {
  test('rules lists every rule; --format json is the catalog', async () => {
    const r = await cli('rules');
    expect(r.code).toBe(0);
    for (const rule of catalog) expect(r.out).toContain(rule.id);
    const j = JSON.parse((await cli('rules', '--format', 'json')).out);
    expect(j).toHaveLength(catalog.length);
    expect(j[0]).not.toHaveProperty('check');
  });

  test('explain prints one rule', async () => {
    const r = await cli('explain', 'security.host-path');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Handbook: H9, H28');
    expect(r.out).toContain('/usr/share/zoneinfo');
    expect((await cli('explain', 'resources.limit-below-request')).out).toContain('cannot be suppressed');
  });

  test('explain of an unknown rule exits 2', async () => {
    const r = await cli('explain', 'security.nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown rule 'security.nope'");
  });
});
