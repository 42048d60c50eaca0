/**
 * Releases without precompiled validators keep each kind's compiled code on disk after the first
 * run. Child processes of the built CLI (jest's resolver would remember the first miss).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.join(__dirname, '..', '..', 'lib', 'cli.js');

test('a kind compiled once is read back from $PODSMITH_CACHE/validators on the next run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-validators-'));
  try {
    const file = path.join(dir, 'role.yaml');
    fs.writeFileSync(file, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules: [{verb: [get]}]\n');
    const run = (env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [CLI, 'validate', '--k8s-version', '1.31', '--format', 'json', file], { encoding: 'utf8', env: { ...process.env, PODSMITH_CACHE: dir, ...env } });
      return JSON.parse(r.stdout).findings.map((f: any) => f.rule).filter((x: string) => x.startsWith('schema.')).sort();
    };
    // the misspelt `verb` is the schema's to find (the missing `verbs` is said once, by the RBAC rule that names it)
    expect(run()).toEqual(['schema.unknown-field']);
    const cached = fs.readdirSync(path.join(dir, 'validators')).filter((f) => f.endsWith('.js'));
    expect(cached).toHaveLength(1);
    expect(run()).toEqual(['schema.unknown-field']);
    // the second run read the file: one that accepts everything changes its verdict
    fs.writeFileSync(path.join(dir, 'validators', cached[0]), 'exports.v = function v() { v.errors = null; return true; };\n');
    expect(run()).toEqual([]);
    expect(run({ PODSMITH_VALIDATOR_CACHE: 'off' })).toEqual(['schema.unknown-field']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
