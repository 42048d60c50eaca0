/**
 * What a YAML stream reads as, to kubectl (from the oracle's answer) and to podsmith (its reader
 * on the same text or bytes), in one shape that the oracle tests compare.
 */
import { decode } from '../../src/validate/load';
import { readStream } from '../../src/validate/yaml/read';
import { OracleStream } from './oracle';

export interface Outcome {
  docs: unknown[];
  error: boolean;
  errorText?: string;
}

/** What kubectl gets from a stream: the non-null documents up to the first one it cannot read. */
export function expected(o: OracleStream): Outcome {
  const docs: unknown[] = [];
  for (const d of o.docs) {
    if (d.error) return { docs, error: true, errorText: d.error };
    if (d.json !== null) docs.push(d.json);
  }
  return o.error ? { docs, error: true, errorText: o.error } : { docs, error: false };
}

/** What kubectl's StreamVisitor loop yields from the file's bytes (JSON values first when the stream starts with `{`). */
export function visited(o: OracleStream): Outcome {
  return { docs: o.visit.docs, error: o.visit.error !== undefined, errorText: o.visit.error };
}

/** podsmith's reading of a text: the documents' values (as JSON gives them), the problem that stops it, the lines of repeated keys. */
export function podsmithRead(text: string): Outcome & { dupLines: number[] } {
  const docs: unknown[] = [];
  const dupLines: number[] = [];
  const bad = readStream(text, (d) => {
    docs.push(JSON.parse(JSON.stringify(d.value)));
    dupLines.push(...d.duplicates.map((x) => x.line));
  });
  return { docs, error: bad !== undefined, errorText: bad?.message, dupLines };
}

/** podsmith's reading of a file's bytes: decoded as load.ts decodes files and stdin, then read. */
export function podsmithBytes(bytes: Buffer): Outcome & { dupLines: number[] } {
  let text: string;
  try {
    text = decode(bytes);
  } catch (e) {
    return { docs: [], error: true, errorText: (e as Error).message, dupLines: [] };
  }
  if (text.includes('\u0000')) return { docs: [], error: true, errorText: 'binary file', dupLines: [] };
  return podsmithRead(text);
}

/** JSON with keys sorted (Go writes map keys sorted; the order of keys carries no meaning). */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

/** Whether two outcomes are the same reading: the same documents and the same answer to "could it be read to its end". */
export function sameReading(a: Outcome, b: Outcome): boolean {
  return a.error === b.error && canonical(a.docs) === canonical(b.docs);
}

/** Lines of `key … already set in map` in a strict error of a single-document stream. */
export function strictLines(o: OracleStream): number[] {
  const s = o.docs[0]?.strict ?? '';
  return [...s.matchAll(/line (\d+): key .* already set in map/g)].map((m) => Number(m[1]));
}
