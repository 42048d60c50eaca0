/**
 * Formats a verification report: a text table, contract 3 JSON, or JUnit XML. Pure.
 */
import { CheckResult, CheckStatus, ClusterInfo, VerifyReport } from './types';

export const VERIFY_FORMATS = ['text', 'json', 'junit'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

/** Builds the report in contract 3's exact shape (and key order). */
export function buildReport(cluster: ClusterInfo, namespace: string, checks: CheckResult[], cleanedUp: boolean): VerifyReport {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    cluster: { kind: cluster.kind, version: cluster.version },
    namespace,
    checks: checks.map((c) => ({ object: c.object, check: c.check, status: c.status, detail: c.detail, handbook: [...c.handbook], durationMs: Math.round(c.durationMs) })),
    summary: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
    cleanedUp,
  };
}

/** 0 when every check passed (skipped checks allowed), 1 when one failed. */
export function reportExitCode(report: VerifyReport): 0 | 1 {
  return report.summary.failed > 0 ? 1 : 0;
}

/** Per handbook item: passed when each of its checks passed or was skipped, failed otherwise. */
export function handbookSummary(checks: CheckResult[]): Array<{ item: string; status: CheckStatus; passed: number; failed: number; skipped: number }> {
  const byItem = new Map<string, { passed: number; failed: number; skipped: number }>();
  for (const c of checks) {
    for (const h of c.handbook) {
      const e = byItem.get(h) ?? { passed: 0, failed: 0, skipped: 0 };
      e[c.status]++;
      byItem.set(h, e);
    }
  }
  const num = (h: string) => Number(h.replace(/^H/, '')) || 0;
  return [...byItem.entries()]
    .sort((a, b) => num(a[0]) - num(b[0]))
    .map(([item, e]) => ({ item, status: e.failed > 0 ? 'failed' : e.passed > 0 ? 'passed' : 'skipped', ...e }));
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (i === r.length - 1 ? 0 : r[i].length))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function formatText(report: VerifyReport): string {
  const rows = [['STATUS', 'OBJECT', 'CHECK', 'HANDBOOK', 'TIME', 'DETAIL']];
  for (const c of report.checks) {
    rows.push([c.status.toUpperCase(), c.object, c.check, c.handbook.join(','), seconds(c.durationMs), c.detail]);
  }
  const items = handbookSummary(report.checks);
  const lines = [
    `cluster: ${report.cluster.kind} ${report.cluster.version}   namespace: ${report.namespace}`,
    '',
    table(rows),
    '',
    table([['HANDBOOK', 'RESULT', 'CHECKS'], ...items.map((i) => [i.item, i.status, `${i.passed} passed, ${i.failed} failed, ${i.skipped} skipped`])]),
    '',
    `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped; ${report.cleanedUp ? 'cleaned up' : 'NOT cleaned up'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function formatJunit(report: VerifyReport): string {
  const s = report.summary;
  const total = report.checks.reduce((a, c) => a + c.durationMs, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="podsmith verify" tests="${report.checks.length}" failures="${s.failed}" skipped="${s.skipped}" time="${(total / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`${report.cluster.kind} ${report.cluster.version} ${report.namespace}`)}" tests="${report.checks.length}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${(total / 1000).toFixed(3)}">`,
    `    <properties><property name="cleanedUp" value="${report.cleanedUp}"/></properties>`,
  ];
  for (const c of report.checks) {
    const open = `    <testcase classname="${xml(c.object)}" name="${xml(`${c.check} [${c.handbook.join(',')}]`)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
    if (c.status === 'passed') out.push(`${open}/>`);
    else if (c.status === 'skipped') out.push(`${open}><skipped message="${xml(c.detail)}"/></testcase>`);
    else out.push(`${open}><failure message="${xml(c.detail)}" type="${xml(c.check)}">${xml(c.detail)}</failure></testcase>`);
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}

export function formatReport(report: VerifyReport, format: VerifyFormat): string {
  switch (format) {
    case 'json': return formatJson(report);
    case 'junit': return formatJunit(report);
    default: return formatText(report);
  }
}

/** The scenario suite's table: situation × restartPolicy → passed/failed. */
export function formatScenarioGrid(grid: Array<{ situation: string; cells: Record<string, string> }>): string {
  const cols = ['Always', 'OnFailure', 'Never'];
  const rows = [['SITUATION (H8)', ...cols], ...grid.map((g) => [g.situation, ...cols.map((c) => g.cells[c] ?? '-')])];
  return `${table(rows)}\n`;
}
