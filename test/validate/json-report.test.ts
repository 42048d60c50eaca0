/**
 * The JSON report from pieces (src/validate/json-report.ts) is the text of
 * JSON.stringify(report, null, 2): on the reports of the fixtures and of the real-world corpus,
 * cut into pieces at every kind of place, with suppressed findings, findings without a file or a
 * line, and none at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatReport, validatePaths } from '../../src/validate';
import { findingsJsonBytes, reportJsonParts, reportJsonText } from '../../src/validate/json-report';
import { Finding, Report } from '../../src/validate/types';
import { FIXTURES } from './helpers';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

const findingsJson = (findings: Finding[]): string => findingsJsonBytes(findings, (s) => s).join('');
const reportJson = (pieces: string[], summary: Report['summary']): string => reportJsonParts(pieces.map((p) => [p]), summary).join('');

function pieces(findings: Finding[], cuts: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const c of [...cuts, findings.length]) {
    out.push(findingsJson(findings.slice(at, c)));
    at = c;
  }
  return out;
}

function same(report: Report): void {
  const want = formatReport(report, 'json');
  const n = report.findings.length;
  for (const cuts of [[], [0], [n], [1, 1, 2], [Math.floor(n / 3), Math.floor((2 * n) / 3)]]) {
    expect(reportJson(pieces(report.findings, cuts), report.summary)).toBe(want);
  }
  // one thread, written piece by piece as each is stringified
  for (const per of [1, 7, 2000]) expect([...reportJsonText(report.findings, report.summary, per)].join('')).toBe(want);
  // as workers send it: UTF-8 chunks of 7 findings per thread
  const encoder = new TextEncoder();
  const third = Math.ceil(n / 3);
  const bytes = [0, 1, 2].map((k) => findingsJsonBytes(report.findings.slice(k * third, (k + 1) * third), (s) => encoder.encode(s), 7));
  expect(Buffer.concat(reportJsonParts(bytes, report.summary).map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8')).toBe(want);
}

test('the fixtures\' report, and the real-world corpus\'s, cut into pieces anywhere', async () => {
  const reports = [await validatePaths([FIXTURES]), ...(fs.existsSync(CORPUS) ? [await validatePaths([CORPUS])] : [])];
  for (const r of reports) same(r);
  expect(reports[reports.length - 1].findings.length).toBeGreaterThan(100);
}, 120_000);

test('findings without file or line, with odd characters, and no findings at all', () => {
  const f: Finding = { rule: 'x', severity: 'error', message: 'line\nbreak "quoted" \u2028 é \\', object: { apiVersion: '', kind: '', name: '' }, path: '', handbook: [], fix: 'f' };
  same({ findings: [f, { ...f, file: 'a.yaml' }, { ...f, line: 3, suppressed: true }], summary: { objects: 3, errors: 2, warnings: 0, infos: 0 } });
  same({ findings: [], summary: { objects: 0, errors: 0, warnings: 0, infos: 0 } });
});
