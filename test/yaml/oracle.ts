/**
 * The YAML oracle: cluster/go/yamlref (sigs.k8s.io/yaml and apimachinery's YAMLReader, as kubectl
 * and the API server read YAML), built once into the cache by its build.sh and run over a batch
 * of files.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');

/** One stream as the oracle read it. */
export interface OracleStream {
  docs: Array<{ json: unknown; error?: string; strict?: string; list?: OracleList }>;
  error?: string;
  /** What kubectl's StreamVisitor loop yields (YAMLOrJSONDecoder: JSON values first when the stream starts with `{`) and the error that stops it. */
  visit: { docs: unknown[]; lists: Array<OracleList | null>; error?: string };
}

/**
 * A document with an `items` key, as kubectl reads it (apimachinery's UnstructuredJSONScheme, then
 * cli-runtime's FlattenListVisitor): the items it sends one by one, an item with neither kind nor
 * apiVersion given the list's apiVersion and its kind without "List"; or why it refuses the document.
 */
export interface OracleList {
  items: unknown[];
  error?: string;
}

let binary: string | undefined;

/** Builds the oracle (cached: a second call only hashes its sources) and gives its path. */
export function oracleBinary(): string {
  if (!binary) {
    binary = execFileSync('bash', [path.join(REPO, 'cluster', 'go', 'yamlref', 'build.sh')], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }
  return binary;
}

/** Reads each file with the oracle. */
export function oracleRead(files: string[]): OracleStream[] {
  const out: OracleStream[] = [];
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200);
    const text = execFileSync(oracleBinary(), batch, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
    for (const line of text.split('\n')) if (line.trim() !== '') out.push(JSON.parse(line));
  }
  if (out.length !== files.length) throw new Error(`yamlref: ${out.length} answers for ${files.length} files`);
  return out;
}
