/**
 * Validators of releases that the package does not precompile, kept on disk after their first
 * compilation (ajv standalone code, one file per release and kind) under
 * `$PODSMITH_CACHE/validators` (default ~/.cache/podsmith/validators), so that only the first
 * run against such a release pays for compiling. The key covers the kind's definitions (by
 * content hash), the ajv version, the formats and options the code was generated with, and this installation's path; a cache that cannot be written
 * is skipped silently.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { FORMATS_FINGERPRINT } from './formats';
import { closureOf, DEFINITION_READING, ReleaseDoc } from './store';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AJV_VERSION: string = require('ajv/package.json').version;

function cacheDir(): string {
  return path.join(process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith'), 'validators');
}

function keyOf(doc: ReleaseDoc, gvk: string, def: string): string {
  const closure = Object.keys(closureOf(doc, def)).sort().map((n) => `${n}=${doc.defs[n]}`).join(',');
  return createHash('sha256').update(`${AJV_VERSION}\n${FORMATS_FINGERPRINT}\n${DEFINITION_READING}\n${__dirname}\n${gvk}\n${closure}`).digest('hex').slice(0, 24);
}

/** The cached validator of a kind, or undefined. */
export function cachedValidator(doc: ReleaseDoc, gvk: string, def: string): ValidateFunction | undefined {
  if (process.env.PODSMITH_VALIDATOR_CACHE === 'off') return undefined;
  const file = path.join(cacheDir(), `${keyOf(doc, gvk, def)}.js`);
  try {
    return require(file).v;
  } catch {
    return undefined;
  }
}

/** Writes a compiled validator's standalone code to the cache (the ajv instance must have code.source). */
export function storeValidator(ajv: Ajv, doc: ReleaseDoc, gvk: string, def: string): void {
  if (process.env.PODSMITH_VALIDATOR_CACHE === 'off') return;
  try {
    const code = standaloneCode(ajv, { v: `k8s#/definitions/${def}` })
      // the cache lives outside the package: runtime helpers by absolute path
      .replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)/g, (_m, mod: string) => `require(${JSON.stringify(require.resolve(mod))})`);
    const dir = cacheDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${keyOf(doc, gvk, def)}.js`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    // read-only home, full disk: compile again next time
  }
}
