/**
 * Issue 12: the README's quick start runs as written. CI builds, validates and verifies
 * examples/quickstart/main.ts on a cluster (test/consumer, test/e2e/consumer-verify); this
 * holds the README's code block to that file, line for line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

test('the README quick start is examples/quickstart/main.ts', () => {
  const root = path.resolve(__dirname, '../..');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const example = fs.readFileSync(path.join(root, 'examples/quickstart/main.ts'), 'utf8');
  const code = (s: string) => s.split('\n').filter((l) => l.trim() && !l.startsWith('//')).join('\n');
  expect(block).toBeDefined();
  expect(code(block!)).toBe(code(example));
});
