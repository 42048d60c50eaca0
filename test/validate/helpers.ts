import * as fs from 'node:fs';
import * as path from 'node:path';
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
