/** Precompiled (ajv standalone) validators give exactly the run-time compiled validators' results. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadSchemas } from '../../src/validate/schema';
import { standaloneSource } from '../../src/validate/schema/standalone';
import { goodBundle, mutationsOf } from './helpers';

test('standalone validators agree with run-time compiled ones', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-standalone-'));
  try {
    fs.writeFileSync(path.join(dir, 'compiled-v1.34.js'), standaloneSource('1.34'));
    fs.writeFileSync(path.join(dir, 'formats.js'), `module.exports = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'validate', 'schema', 'formats.ts'))});\n`);
    const compiled = require(path.join(dir, 'compiled-v1.34.js'));
    const runtime = loadSchemas('1.34', { precompiled: false });
    const check = (o: any) => {
      const gvk = `${o.apiVersion}/${o.kind}`;
      const a = compiled[gvk];
      const b = runtime.ajv().getSchema(`k8s#/definitions/${runtime.kinds[gvk]}`)!;
      expect(a(o)).toBe(b(o));
      expect((a.errors ?? []).map((e: any) => [e.instancePath, e.keyword])).toEqual((b.errors ?? []).map((e: any) => [e.instancePath, e.keyword]));
    };
    for (const o of goodBundle()) check(o);
    fc.assert(fc.property(mutationsOf(goodBundle()[0]), (o) => {
      if (o.apiVersion === 'apps/v1' && o.kind === 'Deployment') check(o);
    }), { numRuns: 200 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
