/**
 * A custom resource is validated against the part of its CRD's schema it reaches
 * (crd/convert.ts pruneFor); that must give ajv's verdict and errors against the whole schema,
 * for the CRDs and custom resources of the real-world corpus and for generated variants of those
 * resources (wrong types, unknown fields, nulls, items added). mayNotCompile must flag every
 * schema ajv refuses to compile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { convertCrdSchema, mayNotCompile, pruneFor } from '../../src/validate/crd/convert';
import { CRD_AJV_OPTIONS } from '../../src/validate/crd';
import { readStream } from '../../src/validate/yaml/read';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

function objectsUnder(dir: string): any[] {
  const out: any[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...objectsUnder(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) readStream(fs.readFileSync(p, 'utf8'), (d) => { if (d.value && typeof d.value === 'object') out.push(d.value); });
  }
  return out;
}

const ajv = () => new Ajv(CRD_AJV_OPTIONS);

function errors(fn: ValidateFunction, obj: unknown): unknown {
  return fn(obj) ? [] : (fn.errors ?? []).map((e) => ({ ...e }));
}

/** An object with one change at a random place: a wrong type, an unknown field, a null, an extra item. */
function mutate(obj: any, rnd: () => number): any {
  const copy = JSON.parse(JSON.stringify(obj));
  let cur = copy;
  for (let depth = 0; depth < 8; depth++) {
    const keys = cur !== null && typeof cur === 'object' ? Object.keys(cur) : [];
    if (keys.length === 0) break;
    const k = keys[Math.floor(rnd() * keys.length)];
    const change = rnd();
    if (change < 0.15) { cur[k] = 42; return copy; }
    if (change < 0.3) { cur[k] = 'text'; return copy; }
    if (change < 0.4) { cur[k] = null; return copy; }
    if (change < 0.5 && !Array.isArray(cur)) { cur[`unknown${depth}`] = { a: 1 }; return copy; }
    if (change < 0.6 && Array.isArray(cur[k])) { cur[k].push(cur[k][0] ?? {}); return copy; }
    if (cur[k] === null || typeof cur[k] !== 'object') { cur[k] = [cur[k]]; return copy; }
    cur = cur[k];
  }
  return copy;
}

test('custom resources of the corpus, and changed copies of them: the pruned schema gives the whole schema\'s errors', () => {
  if (!fs.existsSync(CORPUS)) throw new Error(`the real-world corpus is not at ${CORPUS}; set PODSMITH_CORPUS`);
  const objects = objectsUnder(CORPUS);
  const schemas = new Map<string, any>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !Array.isArray(o.spec?.versions)) continue;
    for (const v of o.spec.versions) if (v?.schema?.openAPIV3Schema) schemas.set(`${o.spec.group}/${v.name}/${o.spec.names?.kind}`, v.schema.openAPIV3Schema);
  }
  const whole = new Map<string, ValidateFunction | null>();
  const a = ajv();
  let compared = 0;
  let withErrors = 0;
  const rnd = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), 100_000);
  let r = 0;
  const next = () => rnd[r++ % rnd.length];
  for (const o of objects) {
    const schema = schemas.get(`${o.apiVersion}/${o.kind}`);
    if (!schema) continue;
    const key = `${o.apiVersion}/${o.kind}`;
    if (!whole.has(key)) {
      try {
        whole.set(key, a.compile(convertCrdSchema(schema)));
        expect(mayNotCompile(convertCrdSchema(schema))).toBe(false);
      } catch {
        whole.set(key, null);
        expect(mayNotCompile(convertCrdSchema(schema))).toBe(true); // ajv refuses it: it must be flagged
      }
    }
    const full = whole.get(key);
    if (!full) continue;
    for (const variant of [o, ...Array.from({ length: 10 }, () => mutate(o, next))]) {
      const pruned = ajv().compile(convertCrdSchema(pruneFor(schema, [variant])));
      const want = errors(full, variant);
      expect(errors(pruned, variant)).toEqual(want);
      compared++;
      if ((want as unknown[]).length) withErrors++;
    }
  }
  expect(compared).toBeGreaterThan(300);
  expect(withErrors).toBeGreaterThan(60);
});

test('pruneFor keeps what the value reaches, through items, additionalProperties and combinators', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { type: 'string', pattern: '^x' },
      b: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' }, d: { type: 'string' } } } },
      m: { type: 'object', additionalProperties: { type: 'object', properties: { e: { type: 'boolean' }, f: { type: 'string' } } } },
      o: { anyOf: [{ type: 'object', properties: { g: { type: 'string' }, h: { type: 'string' } } }, { type: 'string' }] },
    },
  };
  expect(pruneFor(schema, [{ b: [{ c: 1 }], m: { k: { e: true } }, o: { g: 'y' } }])).toEqual({
    type: 'object',
    properties: {
      a: {},
      b: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' }, d: {} } } },
      m: { type: 'object', additionalProperties: { type: 'object', properties: { e: { type: 'boolean' }, f: {} } } },
      o: { anyOf: [{ type: 'object', properties: { g: { type: 'string' }, h: {} } }, { type: 'string' }] },
    },
  });
});

test('mayNotCompile flags what ajv refuses: a pattern Go cannot read, a keyword value of the wrong type', () => {
  for (const bad of [{ type: 'string', pattern: '^(?=x)' }, { type: 'string', pattern: '(a)\\1' }, { type: 'integer', minimum: 'zero' }, { type: 'object', required: 'x' }, { type: 'thing' }]) {
    expect(mayNotCompile(convertCrdSchema({ type: 'object', properties: { spec: bad } }))).toBe(true);
    expect(() => ajv().compile(convertCrdSchema({ type: 'object', properties: { spec: bad } }))).toThrow();
  }
  expect(mayNotCompile(convertCrdSchema({ type: 'object', properties: { spec: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 } } }))).toBe(false);
});
