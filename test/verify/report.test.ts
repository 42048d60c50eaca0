/** Contract 3: the verification report's exact shape, and its text and JUnit renderings. */
import { buildReport, formatJson, formatJunit, formatReport, formatScenarioGrid, formatText, handbookSummary, reportExitCode } from '../../src/verify/report';
import { CheckResult } from '../../src/verify/types';

const checks: CheckResult[] = [
  { object: 'Deployment/web', check: 'init-containers-completed-in-order', status: 'passed', detail: 'web-1: content exit 0 → app containers started', handbook: ['H18'], durationMs: 812.4 },
  { object: 'Deployment/web', check: 'probes-ready', status: 'failed', detail: 'web-1 not Ready (httpd <waiting>) & "quoted"', handbook: ['H17'], durationMs: 20_000 },
  { object: 'Job/migrate', check: 'cgroup-limits', status: 'skipped', detail: 'the Job\'s Pods have finished', handbook: ['H16'], durationMs: 0 },
  { object: 'StatefulSet/db', check: 'fqdn-resolves', status: 'passed', detail: 'db-0.db.ns.svc.cluster.local → 10.0.0.1', handbook: ['H13', 'H15'], durationMs: 5 },
];

describe('contract 3 JSON', () => {
  const report = buildReport({ kind: 'local', version: 'v1.34.4' }, 'podsmith-verify-3f9c', checks, true);

  test('has exactly the contract keys, in order', () => {
    expect(Object.keys(report)).toEqual(['cluster', 'namespace', 'checks', 'summary', 'cleanedUp']);
    expect(Object.keys(report.cluster)).toEqual(['kind', 'version']);
    expect(Object.keys(report.summary)).toEqual(['passed', 'failed', 'skipped']);
    for (const c of report.checks) expect(Object.keys(c)).toEqual(['object', 'check', 'status', 'detail', 'handbook', 'durationMs']);
  });

  test('counts and rounds', () => {
    expect(report.summary).toEqual({ passed: 2, failed: 1, skipped: 1 });
    expect(report.checks[0].durationMs).toBe(812);
    expect(report.cleanedUp).toBe(true);
  });

  test('json round-trips to the same object', () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
    expect(JSON.parse(formatReport(report, 'json'))).toEqual(report);
  });

  test('exit code: 1 with a failure, 0 with only passed and skipped', () => {
    expect(reportExitCode(report)).toBe(1);
    expect(reportExitCode(buildReport({ kind: 'current', version: 'v1.30.0' }, 'ns', checks.filter((c) => c.status !== 'failed'), false))).toBe(0);
  });
});

describe('text', () => {
  const text = formatText(buildReport({ kind: 'kind', version: 'v1.33.1' }, 'podsmith-verify-1', checks, false));
  test('a row per check with its handbook item, a handbook table and a closing count', () => {
    expect(text).toMatch(/^cluster: kind v1\.33\.1 {3}namespace: podsmith-verify-1/);
    expect(text).toMatch(/PASSED +Deployment\/web +init-containers-completed-in-order +H18 +812ms/);
    expect(text).toMatch(/FAILED +Deployment\/web +probes-ready +H17 +20\.0s/);
    expect(text).toMatch(/\nH17 +failed +0 passed, 1 failed, 0 skipped/);
    expect(text).toMatch(/\nH13 +passed/);
    expect(text.trimEnd().split('\n').pop()).toBe('2 passed, 1 failed, 1 skipped; NOT cleaned up');
  });
});

describe('junit', () => {
  const xml = formatJunit(buildReport({ kind: 'local', version: 'v1.34.4' }, 'ns', checks, true));
  test('testcases with failure and skipped elements, escaped', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="podsmith verify" tests="4" failures="1" skipped="1"/);
    expect(xml).toContain('<testcase classname="Deployment/web" name="init-containers-completed-in-order [H18]" time="0.812"/>');
    expect(xml).toContain('<failure message="web-1 not Ready (httpd &lt;waiting&gt;) &amp; &quot;quoted&quot;" type="probes-ready">');
    expect(xml).toContain('<skipped message="the Job\'s Pods have finished"/>');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(4);
  });
});

test('handbook summary: failed wins, skipped-only stays skipped, sorted by number', () => {
  expect(handbookSummary(checks).map((h) => `${h.item}:${h.status}`)).toEqual(['H13:passed', 'H15:passed', 'H16:skipped', 'H17:failed', 'H18:passed']);
});

test('scenario grid', () => {
  const g = formatScenarioGrid([{ situation: 'one container, exits 0', cells: { Always: 'passed', OnFailure: 'passed', Never: 'failed' } }]);
  expect(g).toMatch(/SITUATION \(H8\) +Always +OnFailure +Never/);
  expect(g).toMatch(/one container, exits 0 +passed +passed +failed/);
});
