import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc } from '../../src/validate/docs';

test('docs/rules.md matches the catalog (regenerate: npx ts-node --transpile-only scripts/gen-rules-doc.ts)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  expect(committed).toBe(renderRulesDoc());
});
