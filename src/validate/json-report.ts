/**
 * The JSON report (contract 2) assembled from pieces: each worker thread writes the text of its
 * own findings, and the main thread joins the pieces and the summary, so that a large report is
 * neither copied between threads as objects nor stringified on one thread. The text is the one
 * `JSON.stringify(report, null, 2)` gives (test/validate/json-report.test.ts).
 */
import { Finding, Report } from './types';

const HEAD = '{\n  "findings": [\n';
const TAIL = '\n  ]\n}';

/**
 * The findings as they stand in the report's "findings" array, in pieces of `per` findings, each
 * turned into what `encode` makes of it (UTF-8 bytes in a worker): a large report is never one
 * string. A piece is stringified whole, in half the time of one finding at a time.
 */
export function findingsJsonBytes<T>(findings: Finding[], encode: (text: string) => T, per = 2000): T[] {
  const out: T[] = [];
  for (let at = 0; at < findings.length; at += per) out.push(encode(piece(findings, at, per)));
  return out;
}

/** Findings at..at+per as they stand in the report's array, with the comma before them when they are not the first. */
function piece(findings: Finding[], at: number, per: number): string {
  // stringified in the report's own shape, the findings come out indented for their place:
  // '{\n  "findings": [\n' + "    {…},\n    {…}" + '\n  ]\n}'
  const text = JSON.stringify({ findings: findings.slice(at, at + per) }, null, 2);
  return `${at > 0 ? ',\n' : ''}${text.slice(HEAD.length, -TAIL.length)}`;
}

/** What follows the findings: the summary and the end of the report. */
function tailOf(summary: Report['summary']): string {
  return `"summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

/** The report without findings. */
function emptyReport(summary: Report['summary']): string {
  return `{\n  "findings": [],\n  ${tailOf(summary)}`;
}

/** What closes the findings' array: the summary and the end of the report. */
function closing(summary: Report['summary']): string {
  return `\n  ],\n  ${tailOf(summary)}`;
}

/**
 * The whole report of one thread as text to write piece by piece: each piece is stringified when
 * it is asked for, so the report's text is never held whole (the text reportJsonParts gives).
 */
export function* reportJsonText(findings: Finding[], summary: Report['summary'], per = 2000): Generator<string> {
  if (findings.length === 0) {
    yield emptyReport(summary);
    return;
  }
  yield HEAD;
  for (let at = 0; at < findings.length; at += per) yield piece(findings, at, per);
  yield closing(summary);
}

/**
 * The whole report from the findings' pieces (in input order; each piece one thread's findings,
 * as text or UTF-8 bytes, in chunks) and the summary, as parts to write one after the other.
 */
export function reportJsonParts<T extends string | Uint8Array>(pieces: T[][], summary: Report['summary']): Array<string | T> {
  const parts = pieces.filter((p) => p.some((chunk) => chunk.length > 0));
  if (parts.length === 0) return [emptyReport(summary)];
  const out: Array<string | T> = [HEAD];
  parts.forEach((p, i) => {
    if (i > 0) out.push(',\n');
    out.push(...p);
  });
  out.push(closing(summary));
  return out;
}
