/** `podsmith verify` arguments: every mistake is a one-line UsageError (exit 2) before any cluster is touched. */
import { UsageError } from '../../src/errors';
import { run } from '../../src/commands/verify';

test.each([
  [['dist', '--format', 'xml'], /--format must be one of text, json, junit, got 'xml'/],
  [[], /give manifest files or directories, or --scenarios handbook/],
  [['--scenarios', 'all'], /--scenarios must be 'handbook', got 'all'/],
  [['dist', '--scenarios', 'handbook'], /--scenarios runs built-in Pods: give no paths with it/],
  [['dist', '--timeout', 'soon'], /--timeout: 'soon' is not a duration/],
  [['dist', '--cluster', 'minikube'], /--cluster must be one of local, kind, current/],
  [['dist', '--frobnicate'], /Unknown option '--frobnicate'/],
])('%j', async (argv, message) => {
  await expect(run(argv as string[])).rejects.toThrow(UsageError);
  await expect(run(argv as string[])).rejects.toThrow(message);
});

test('--help prints the options and exits 0', async () => {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
  try {
    expect(await run(['--help'])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  expect(out.join('')).toMatch(/--cluster local\|kind\|current/);
  expect(out.join('')).toMatch(/Exit: 0 every check passed, 1 a check failed, 2 could not run/);
});
