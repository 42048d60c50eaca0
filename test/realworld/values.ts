/**
 * Does podsmith read the values people leave empty, zero or misspelled as the API server does?
 * Seeds are real objects of the corpora (test:realworld's) that the API server accepts; for each
 * (definition, field) pair whose value a seed holds as a string or an integer, the value is
 * replaced in one seed — a string by "" and by a word no enumeration holds, an integer by 0 and
 * by -1 — and the object sent as a server-side dry-run; podsmith's verdict on the same object is
 * compared. The answers come from the server: defaulting that fills an empty or zero field
 * (semantic/defaulted.ts), pointer enumerations no check read (semantic/enums.ts), ranges.
 * Found the classes of 7b23290..19b92ee. Run by `npm run test:value-sweep` (value-sweep-run.ts)
 * and, on a fixed subset, test/e2e/value-sweep.test.ts.
 */
import { validateObjects } from '../../src/validate';
import { loadSchemas } from '../../src/validate/schema';
import { Corpus } from './corpora';
import { changedAt, SchemaSet, Seed, seedsByPair, walkObject } from './seeds';
import { ServerJudge } from './server';

interface Candidate extends Seed { kind: 'string' | 'integer' | 'list' | 'object' }

/** A word no enumeration of Kubernetes holds, valid as a label value and a DNS label's characters aside (capital letters). */
const MISSPELT = 'Sometimes';

/** The replacements tried for a value of this kind. */
/**
 * The wider set (`--wide`): a string no name rule allows ('/' and '%', what a path segment may not
 * hold; '_' and capitals), one longer than any DNS name (254 characters), one with a space; an
 * integer past every port and percentage, one past int32; a list with its first item twice.
 */
const WIDE_STRINGS = ['a/b%c_D', 'x'.repeat(254), 'with space'];
const WIDE_INTEGERS = [65536, 2 ** 31];
/** A list with its first item written twice (the wider set's list value): what lists keyed by a field or holding a set make of it. */
const FIRST_TWICE = Symbol('the list with its first item twice');

function replacements(kind: Candidate['kind'], wide = false): unknown[] {
  switch (kind) {
    case 'string': return wide ? ['', MISSPELT, ...WIDE_STRINGS] : ['', MISSPELT];
    case 'integer': return wide ? [0, -1, ...WIDE_INTEGERS] : [0, -1];
    case 'list': return wide ? [[], FIRST_TWICE] : [[]];
    default: return [{}];
  }
}

/** Every (definition, field) pair whose value an object holds as a string or an integer, with where. */
function valuePairs(set: SchemaSet, object: any, collections: boolean): Candidate[] {
  const out: Candidate[] = [];
  walkObject(set, object, (node, name, value, at) => {
    if (!name || at[0] === 'status') return;
    for (const [k, v] of Object.entries(value)) {
      // (metadata emptied is the judge's to name: it fills in what a dry run needs)
      if (!node.properties?.[k] || k === 'apiVersion' || k === 'kind' || k === 'metadata') continue;
      if (typeof v === 'string') out.push({ pair: `${name}.${k}`, object, path: [...at, k], kind: 'string' });
      else if (Number.isInteger(v)) out.push({ pair: `${name}.${k}`, object, path: [...at, k], kind: 'integer' });
      else if (collections && Array.isArray(v) && v.length > 0) out.push({ pair: `${name}.${k}`, object, path: [...at, k], kind: 'list' });
      else if (collections && v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) out.push({ pair: `${name}.${k}`, object, path: [...at, k], kind: 'object' });
    }
  });
  return out;
}

/** One replacement podsmith and the API server judge differently. */
export interface ValueDisagreement {
  /** `definition.field = value`, e.g. `io.k8s.api.core.v1.PodSpec.nodeName = "Sometimes"`. */
  key: string;
  /** The API server's verdict (podsmith gave the other one): accepted is a false reject. */
  server: 'accepted' | 'rejected';
  /** The whole story, for the report. */
  text: string;
}

export interface ValueSweepResult {
  /** (definition, field) pairs the seeds hold. */
  pairs: number;
  /** Objects judged by both (a replacement of a pair with an accepted seed). */
  judged: number;
  disagreements: ValueDisagreement[];
}

export interface ValueSweepOptions {
  /** Only pairs whose name includes this. */
  only?: string;
  /** At most this many pairs, taken evenly over the sorted list (a fixed subset for CI). */
  maxPairs?: number;
  /** Also lists and objects, emptied ([] and {}). */
  collections?: boolean;
  /** Also the wider set of strings and integers (WIDE_STRINGS, WIDE_INTEGERS). */
  wide?: boolean;
}

export async function valueSweep(judge: ServerJudge, corpora: Corpus[], version: string, opts: ValueSweepOptions = {}): Promise<ValueSweepResult> {
  const set = loadSchemas(version);
  const byPair = seedsByPair(corpora, (object) => valuePairs(set, object, opts.collections === true));
  let pairs = [...byPair].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).filter(([p]) => !opts.only || p.includes(opts.only));
  if (opts.maxPairs !== undefined && pairs.length > opts.maxPairs) {
    const step = pairs.length / opts.maxPairs;
    pairs = Array.from({ length: opts.maxPairs }, (_, i) => pairs[Math.floor(i * step)]);
  }
  const disagreements: ValueDisagreement[] = [];
  let judged = 0;
  for (const [pair, cands] of pairs) {
    // the first seed the API server accepts as it is
    for (const cand of cands) {
      const seed = await judge.judge(JSON.stringify(cand.object), cand.object);
      if (seed.class !== 'accepted') continue;
      for (const value of replacements(cand.kind, opts.wide === true)) {
        const mutated = changedAt(cand.object, cand.path, (parent, key) => {
          parent[key] = value === FIRST_TWICE ? [...parent[key], structuredClone(parent[key][0])] : value;
        });
        const server = await judge.judge(JSON.stringify(mutated), mutated);
        if (server.class !== 'accepted' && server.class !== 'rejected') continue;
        const errors = validateObjects([{ object: mutated }], { k8sVersion: version }).findings.filter((x) => x.severity === 'error');
        judged++;
        if ((server.class === 'rejected') !== (errors.length > 0)) {
          const key = `${pair} = ${value === FIRST_TWICE ? '[first item twice]' : JSON.stringify(value)}`;
          const text = `${key} (${cand.object?.kind} ${cand.path.join('.')}): API ${server.class}${server.message ? ` (${server.message.slice(0, 200)})` : ''}; podsmith ${errors.length ? errors.map((x) => `${x.rule} at ${x.path}: ${x.message.slice(0, 100)}`).join(', ') : 'accepts'}`;
          disagreements.push({ key, server: server.class, text });
        }
      }
      break;
    }
  }
  return { pairs: pairs.length, judged, disagreements };
}
