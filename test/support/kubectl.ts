/** kubectl against a kubeconfig, for the end-to-end tests that drive a real cluster (KUBECTL overrides the binary). */
import { execFile } from 'node:child_process';

const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** Runs kubectl with `args` (and `input` on stdin); resolves to stdout, rejects with stderr. */
export function kubectl(kubeconfig: string, args: string[], input?: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(String(stdout));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
