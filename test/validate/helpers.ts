import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { Report, validateObjects, ValidateOptions } from '../../src/validate';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'validate');

/** The objects of good/web.yaml: what the constructs emit by default (Deployment, PDB, Service). */
export function goodBundle(): any[] {
  const text = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS());
}

export function run(objects: any[], options?: ValidateOptions): Report {
  return validateObjects(objects.map((object) => ({ object })), options);
}

/** Rule ids of the unsuppressed findings. */
export function rulesOf(report: Report): string[] {
  return [...new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.rule))].sort();
}

export function podOf(deployment: any): any {
  return deployment.spec.template.spec;
}

export function yaml(s: string): any {
  return parse(s);
}

/** Copies of `base` with one field (at any depth) replaced by an arbitrary JSON value. */
export function mutationsOf(base: any): fc.Arbitrary<any> {
  const paths: string[][] = [];
  const walk = (o: any, p: string[]) => {
    if (o && typeof o === 'object') for (const k of Object.keys(o)) { paths.push([...p, k]); walk(o[k], [...p, k]); }
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })).map(([p, v]) => {
    const o = JSON.parse(JSON.stringify(base));
    let cur = o;
    for (const k of p.slice(0, -1)) cur = cur[k];
    cur[p[p.length - 1]] = v;
    return o;
  });
}
