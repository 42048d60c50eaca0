/**
 * podsmith's validator: schema (upstream OpenAPI), API-server semantics and the best-practice
 * catalog, over plain manifest objects. See docs/rules.md for the rules.
 */
import { assembleReport, Validation } from './engine';
import { reportJsonText } from './json-report';
import type { JsonRun } from './parallel';
import { loadPathsEach } from './load';
import { Report, ValidateOptions } from './types';

export type { Finding, Report, ValidateOptions, InputObject, RuleMeta, Severity, ObjectRef } from './types';
export { validateObjects, exitCodeOf, resolveVersion, IGNORE_ANNOTATION, Validation } from './engine';
export { formatReport, REPORT_FORMATS } from './formats';
export type { ReportFormat } from './formats';
export { catalog, ruleById, ruleData } from './catalog';
export { parseText } from './load';
export { availableVersions } from './schema';
export { SUPPORTED_K8S_VERSIONS, DEFAULT_K8S_VERSION, K8S_RELEASES } from './schema/versions';

/**
 * Validates files, directories (recursively: *.yaml, *.yml, *.json) and '-' (stdin). A file that
 * cannot be read or parsed is an error finding with its file and line (`input.unreadable`,
 * `yaml.invalid`) and the other files are still validated; exitCodeOf then gives 2.
 */
export async function validatePaths(paths: string[], options: ValidateOptions = {}): Promise<Report> {
  return (await validateAs(paths, options, false)) as Report;
}

/**
 * validatePaths with the report as JSON text (contract 2, what `--format json` prints), in parts
 * to write one after the other: for large inputs each worker thread writes the text of its own
 * findings, so that the report is neither copied between threads as objects nor stringified on
 * one. The report returned has the summary and what the exit code needs, not the findings.
 */
export async function validatePathsJson(paths: string[], options: ValidateOptions = {}): Promise<{ parts: Iterable<string | Uint8Array>; report: Report }> {
  const r = await validateAs(paths, options, true);
  // one thread: the same text, each piece stringified as it is written (never the whole report held as text)
  if ('findings' in r) return { parts: reportJsonText(r.findings, r.summary), report: r };
  // the exit code reads the summary and whether an input was unreadable: a report without its findings carries both
  return { parts: r.parts, report: assembleReport([], [], r.unreadable, r.summary) };
}

/** One run, on this thread or over worker threads: as a Report, or as the JSON report written by the workers. */
async function validateAs(paths: string[], options: ValidateOptions, json: boolean): Promise<Report | JsonRun> {
  // large inputs over worker threads and this one (same findings, same order); PODSMITH_WORKERS=1 keeps one thread
  const { plan, startWorkers, validateParallel, validateParallelJson, validateUnits } = await import('./parallel');
  // the worker threads start as soon as the input is known to be large, while the rest of it is listed
  let started: ReturnType<typeof startWorkers> | undefined;
  const p = paths.length > 0 ? plan(paths, undefined, (n) => { started = startWorkers(n, options, json); }) : { units: [], workers: 1 };
  if (started && started.length !== p.workers - 1) {
    await Promise.all(started.map((w) => w.terminate())); // stdin came later: one thread after all
    started = undefined;
  }
  if (p.workers > 1) return json ? validateParallelJson(p.units, p.workers, options, { started }) : validateParallel(p.units, p.workers, options, { started });
  const v = new Validation(options);
  // object by object, so that a large bundle's objects need not all be in memory at once
  if (p.units.length === 0) await loadPathsEach(paths, (o) => v.add([o]), (q) => v.addProblem(q));
  else await validateUnits(v, p.units);
  return v.finish();
}
