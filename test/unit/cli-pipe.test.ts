/**
 * `podsmith validate … | head`: a reader that closes the pipe early must not turn into a crash
 * with a stack trace; the command keeps its own exit code (1: the input has errors).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../lib/cli.js');

test('a closed stdout pipe ends the command quietly with its own exit code', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-pipe-'));
  try {
    // 3,000 findings: far more JSON than a pipe buffer holds, so the write meets the closed pipe
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndataa: {}\n`;
    fs.writeFileSync(path.join(dir, 'bad.yaml'), Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n'));
    const r = spawnSync('bash', ['-c', `node "${cli}" validate --format json "${dir}/bad.yaml" | head -c 1 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('rc=1');
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
