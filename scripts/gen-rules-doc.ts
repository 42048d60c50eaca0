/** Writes docs/rules.md from the rule catalog: `npx ts-node --transpile-only scripts/gen-rules-doc.ts`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc } from '../src/validate/docs';

const out = path.join(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderRulesDoc());
process.stderr.write(`wrote ${path.relative(process.cwd(), out)}\n`);
