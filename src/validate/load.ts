/**
 * Reading manifests: files, directories (recursive *.yaml *.yml *.json) and stdin, multi-document
 * YAML included, read as kubectl reads them (src/validate/yaml). A file that cannot be read or
 * parsed is one problem (a finding) and the other files are still read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { InputObject } from './types';
import { readStream } from './yaml/read';

/** The largest file or stdin podsmith reads. */
export const MAX_BYTES = 64 * 1024 * 1024;
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Written by `cdk8s synth` beside the manifests when validation plugins run: not a manifest. */
const CONSTRUCT_METADATA = 'construct-metadata.json';

/** An input that could not be read (in whole or from one document on), or a file skipped on purpose. */
export interface InputProblem {
  rule: 'input.unreadable' | 'yaml.invalid' | 'input.skipped';
  file: string;
  line?: number;
  message: string;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new Error(`input is larger than ${MAX_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The files under a directory, depth first, each directory's entries in name order: yielded as they are found. */
function* walk(dir: string, problem: (p: InputProblem) => void): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problem({ rule: 'input.unreadable', file: dir, message: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p, problem);
    else if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) yield p;
  }
}

/**
 * The files a list of paths names, in a stable order, as they are found (a large directory's first
 * files come before the rest of it is listed). '-' stands for stdin. Paths that do not exist and
 * directories that cannot be read are problems, reported when they are met.
 */
export function* eachPath(paths: string[], problem: (p: InputProblem) => void = throwProblem): Generator<string> {
  for (const p of paths) {
    if (p === '-') { yield p; continue; }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problem({ rule: 'input.unreadable', file: p, message: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? (e as Error).message})` });
      continue;
    }
    if (st.isDirectory()) yield* walk(p, problem);
    else yield p;
  }
}

/** The files a list of paths names, in a stable order (eachPath's, listed in full: every problem is reported before the files). */
export function expandPaths(paths: string[], problem: (p: InputProblem) => void = throwProblem): string[] {
  return [...eachPath(paths, problem)];
}

function throwProblem(p: InputProblem): never {
  throw new InputError(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
}

function readFileText(file: string): string {
  // one open, one fstat, the reads: a path lookup less per file than stat and then read
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_BYTES) throw new Error(`file is larger than ${MAX_BYTES / 1024 / 1024} MiB (podsmith's limit)`);
    if (size === 0) return decode(fs.readFileSync(fd)); // a pipe or a file whose size the system does not know: read to its end
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    for (let n = 1; got < size && n > 0; got += n) n = fs.readSync(fd, buf, got, size - got, got);
    return decode(got === size ? buf : buf.subarray(0, got));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The text of a file or stdin as kubectl's FileVisitor decodes it (k8s.io/cli-runtime): a UTF-16
 * byte order mark, little- or big-endian, decodes the rest as UTF-16 (what Windows PowerShell 5
 * writes with `>`); anything else is UTF-8, invalid bytes read as U+FFFD (the reader drops a UTF-8
 * mark). Unpaired surrogates and an odd last byte read as U+FFFD, as in Go's decoder.
 */
export function decode(buf: Buffer): string {
  const le = buf[0] === 0xff && buf[1] === 0xfe;
  if (le || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const odd = buf.length % 2 === 1;
    const body = buf.subarray(2, odd ? buf.length - 1 : buf.length);
    const text = (le ? body : Buffer.from(body).swap16()).toString('utf16le');
    return wellFormed(text) + (odd ? '\ufffd' : '');
  }
  if (buf.subarray(0, 8192).includes(0)) throw new Error('binary file, not YAML or JSON');
  return buf.toString('utf8');
}

/** The text with each unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
function wellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

/** Whether a file is cdk8s' construct metadata rather than a manifest. */
function isConstructMetadata(file: string, text: string): boolean {
  if (path.basename(file) !== CONSTRUCT_METADATA) return false;
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === undefined && v.apiVersion === undefined;
  } catch {
    return false;
  }
}

/** Reads one file's text into objects: each object in turn, and at most one problem. */
export function parseTextEach(text: string, file: string, each: (object: InputObject) => void, problem: (p: InputProblem) => void = throwProblem): void {
  if (text.includes('\u0000')) { problem({ rule: 'input.unreadable', file, message: 'binary file, not YAML or JSON' }); return; }
  const bad = readStream(text, (d) => {
    const input: InputObject = { object: d.value, file, lineOf: d.lineOf, lines: d.lines };
    if (d.duplicates.length > 0) input.duplicates = d.duplicates;
    each(input);
  });
  if (bad) problem({ rule: 'yaml.invalid', file, line: bad.line, message: `not valid YAML: ${bad.message}` });
}

/** Parses one file's text into objects; throws InputError with the file and line on bad YAML. */
export function parseText(text: string, file: string): InputObject[] {
  const out: InputObject[] = [];
  parseTextEach(text, file, (o) => out.push(o));
  return out;
}

/** Reads each file in turn and hands over its objects one by one, and each input problem. */
export async function loadPathsEach(paths: string[], each: (object: InputObject) => void, problem: (p: InputProblem) => void = throwProblem): Promise<void> {
  if (paths.length === 0) throw new InputError('no input: give files, directories or - for stdin');
  // argument by argument, so that findings and problems come in the order of the arguments
  for (const arg of paths) {
    for (const file of expandPaths([arg], problem)) await loadFile(file, each, problem);
  }
}

/** Reads one file (or '-') and hands over its objects and its problem. */
export async function loadFile(file: string, each: (object: InputObject) => void, problem: (p: InputProblem) => void): Promise<void> {
  const name = file === '-' ? '<stdin>' : file;
  let text: string;
  try {
    text = file === '-' ? decode(await readStdin()) : readFileText(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problem({ rule: 'input.unreadable', file: name, message: code ? `cannot read (${code})` : (e as Error).message });
    return;
  }
  if (isConstructMetadata(file, text)) {
    problem({ rule: 'input.skipped', file: name, message: `${CONSTRUCT_METADATA} is cdk8s' construct metadata, not a manifest: skipped` });
    return;
  }
  parseTextEach(text, name, each, problem);
}

export async function loadPaths(paths: string[]): Promise<InputObject[]> {
  const out: InputObject[] = [];
  await loadPathsEach(paths, (o) => out.push(o));
  return out;
}
