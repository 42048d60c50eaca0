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
import { validateObjects } from '../../src/validate';
import { loadSchemas } from '../../src/validate/schema';
import { Corpus } from './corpora';
import { changedAt, SchemaSet, Seed, seedsByPair, walkObject } from './seeds';
import { ServerJudge } from './server';

/** Every (definition, required field) pair an object holds, with where. */
function requiredPairs(set: SchemaSet, object: any): Seed[] {
  const out: Seed[] = [];
  walkObject(set, object, (node, name, value, at) => {
    for (const f of Array.isArray(node.required) ? node.required : []) {
      if (name && value[f] !== undefined && f !== 'apiVersion' && f !== 'kind') out.push({ pair: `${name}.${f}`, object, path: [...at, f] });
    }
  });
  return out;
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
  const byPair = seedsByPair(corpora, (object) => requiredPairs(set, object));
  const disagreements: string[] = [];
  let judged = 0;
  for (const [pair, cands] of [...byPair].sort()) {
    // the first seed the API server accepts as it is
    for (const cand of cands) {
      const seed = await judge.judge(JSON.stringify(cand.object), cand.object);
      if (seed.class !== 'accepted') continue;
      const mutated = changedAt(cand.object, cand.path, (parent, key) => { delete parent[key]; });
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
