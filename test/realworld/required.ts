/**
 * Which fields the OpenAPI
 * documents list as required does the API server really require? Seeds are real objects of the
 * corpora (test:realworld's) that the API server accepts; for each (definition, field) pair the
 * schema marks required and a seed has, that field is removed from one seed and the object sent as
 * a server-side dry-run, and podsmith's verdict on the same object compared. Prints every pair
 * where the two disagree (a field podsmith requires that the server fills with its zero value, or
 * the reverse). Found Sysctl.value, HTTPHeader.value, EndpointSlice.endpoints and the others in
 * scripts/gen-schemas.ts' ZERO_VALUE_ACCEPTED, and that nothing under status is required (the
 * server resets it on create). Run by `npm run test:required-sweep` (required-sweep-run.ts) and
 * test/e2e/required-sweep.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseText, validateObjects } from '../../src/validate';
import { loadSchemas } from '../../src/validate/schema';
import { derefNode } from '../../src/validate/schema/refs';
import { Corpus } from './corpora';
import { ServerJudge } from './server';

interface Candidate { pair: string; object: any; path: Array<string | number> }

/** Every (definition, required field) pair an object holds, with where. */
function requiredPairs(set: ReturnType<typeof loadSchemas>, object: any): Candidate[] {
  const out: Candidate[] = [];
  const walk = (value: any, schema: any, at: Array<string | number>, depth: number) => {
    if (value === null || typeof value !== 'object' || depth > 30) return;
    const [node, name] = derefNode(set, schema);
    if (!node) return;
    if (Array.isArray(value)) {
      if (node.items) value.forEach((v, i) => walk(v, node.items, [...at, i], depth + 1));
      return;
    }
    for (const f of Array.isArray(node.required) ? node.required : []) {
      if (name && value[f] !== undefined && f !== 'apiVersion' && f !== 'kind') out.push({ pair: `${name}.${f}`, object, path: [...at, f] });
    }
    for (const [k, v] of Object.entries(value)) {
      const child = node.properties?.[k] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      if (child) walk(v, child, [...at, k], depth + 1);
    }
  };
  const def = set.kinds[`${object.apiVersion}/${object.kind}`];
  if (def) walk(object, { $ref: `#/definitions/${def}` }, [], 0);
  return out;
}

function without(object: any, at: Array<string | number>): any {
  const copy = JSON.parse(JSON.stringify(object));
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k];
  delete node[at[at.length - 1]];
  return copy;
}

export interface SweepResult {
  /** (definition, required field) pairs the seeds hold. */
  pairs: number;
  /** Pairs judged: a seed the API server accepts as it is was found. */
  judged: number;
  disagreements: string[];
}

export async function requiredSweep(judge: ServerJudge, corpora: Corpus[], version: string): Promise<SweepResult> {
  const set = loadSchemas(version);
  // the first three seeds per pair, in corpus order
  const byPair = new Map<string, Candidate[]>();
  for (const c of corpora) {
    for (const f of c.files) {
      let objects;
      try {
        objects = parseText(fs.readFileSync(path.join(c.root, f), 'utf8'), f);
      } catch {
        continue;
      }
      for (const { object } of objects) {
        if (object === null || typeof object !== 'object' || !object.metadata?.name) continue;
        for (const cand of requiredPairs(set, object)) {
          const list = byPair.get(cand.pair) ?? [];
          if (list.length < 3) byPair.set(cand.pair, [...list, cand]);
        }
      }
    }
  }
  const disagreements: string[] = [];
  let judged = 0;
  for (const [pair, cands] of [...byPair].sort()) {
    // the first seed the API server accepts as it is
    for (const cand of cands) {
      const seed = await judge.judge(JSON.stringify(cand.object), cand.object);
      if (seed.class !== 'accepted') continue;
      const mutated = without(cand.object, cand.path);
      const server = await judge.judge(JSON.stringify(mutated), mutated);
      if (server.class !== 'accepted' && server.class !== 'rejected') break;
      const errors = validateObjects([{ object: mutated }], { k8sVersion: version }).findings.filter((x) => x.severity === 'error');
      judged++;
      if ((server.class === 'rejected') !== (errors.length > 0)) {
        disagreements.push(`${pair} (${cand.path.join('.')}): API ${server.class}${server.message ? ` (${server.message.slice(0, 160)})` : ''}; podsmith ${errors.length ? errors.map((x) => `${x.rule} at ${x.path}`).join(', ') : 'accepts'}`);
      }
      break;
    }
  }
  return { pairs: byPair.size, judged, disagreements };
}
