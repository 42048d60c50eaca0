/** Output formats of a report: text (people), json (contract 2), SARIF 2.1.0 (code scanning), JUnit. */
import { catalog } from './catalog';
import { Finding, Report } from './types';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'junit'];

function objectName(f: Finding): string {
  const o = f.object;
  const kind = o.kind || '<no kind>';
  return `${kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name || '<no name>'}`;
}

function location(f: Finding): string {
  if (f.file === undefined) return objectName(f);
  return f.line !== undefined ? `${f.file}:${f.line}` : f.file;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(report: Report): string {
  const lines: string[] = [];
  const shown = report.findings.filter((f) => !f.suppressed);
  for (const f of shown) {
    const where = f.file !== undefined ? `${location(f)}: ${objectName(f)}` : objectName(f);
    lines.push(`${where}: ${f.severity} ${f.rule}: ${f.path ? `${f.path}: ` : ''}${f.message}`);
    lines.push(`    fix: ${f.fix}`);
  }
  const s = report.summary;
  const suppressed = report.findings.length - shown.length;
  lines.push(`${plural(s.objects, 'object')}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${suppressed ? `, ${suppressed} suppressed` : ''}`);
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(report: Report, version = '0.0.0'): string {
  const used = [...new Set(report.findings.map((f) => f.rule))];
  const rules = catalog.filter((r) => used.includes(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: `${objectName(f)}${f.path ? ` ${f.path}` : ''}: ${f.message}. Fix: ${f.fix}` },
      locations: [{
        ...(f.file !== undefined && f.file !== '<stdin>' ? {
          physicalLocation: {
            artifactLocation: { uri: f.file.split('\\').join('/') },
            ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
          },
        } : {}),
        logicalLocations: [{ fullyQualifiedName: `${objectName(f)}${f.path ? `#${f.path}` : ''}`, kind: 'object' }],
      }],
      properties: { handbook: f.handbook, object: f.object, path: f.path },
    };
    if (f.suppressed) result.suppressions = [{ kind: 'inSource', justification: 'podsmith.dev/ignore annotation' }];
    return result;
  });
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'podsmith',
          version,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.summary },
            fullDescription: { text: r.rationale },
            help: { text: `Fix: ${r.fix}` },
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            properties: { tags: [r.layer, ...r.handbook] },
          })),
        },
      },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c]!))
    // characters XML 1.0 cannot carry
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** How a report is judged: with `strict`, warnings fail (as the exit code does). */
export interface FormatOptions {
  /** Warnings count as failures. @default false */
  readonly strict?: boolean;
}

/**
 * One test case per object. An object fails when it has an unsuppressed error (or, with
 * `strict`, a warning): the same verdict as the exit code. Warnings of a passing object are
 * listed in its `<system-out>`.
 */
export function formatJunit(report: Report, options: FormatOptions = {}): string {
  const groups = new Map<string, { file: string; objects: Map<string, Finding[]> }>();
  const objects = (report as { objects?: Array<{ ref: Finding['object']; file?: string }> }).objects ?? [];
  for (const o of objects) {
    const file = o.file ?? 'objects';
    if (!groups.has(file)) groups.set(file, { file, objects: new Map() });
    const key = objectName({ object: o.ref } as Finding);
    if (!groups.get(file)!.objects.has(key)) groups.get(file)!.objects.set(key, []);
  }
  for (const f of report.findings) {
    const file = f.file ?? 'objects';
    if (!groups.has(file)) groups.set(file, { file, objects: new Map() });
    const g = groups.get(file)!;
    const key = objectName(f);
    if (!g.objects.has(key)) g.objects.set(key, []);
    g.objects.get(key)!.push(f);
  }
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const g of groups.values()) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const [name, fs] of g.objects) {
      const shown = fs.filter((f) => !f.suppressed && f.severity !== 'info');
      const bad = shown.filter((f) => f.severity === 'error' || options.strict === true);
      tests++;
      if (bad.length === 0) {
        const out = shown.map((f) => `${location(f)}: ${f.severity} ${f.rule}: ${f.path}: ${f.message} (fix: ${f.fix})`).join('\n');
        cases.push(out ? `    <testcase classname="${xml(g.file)}" name="${xml(name)}">\n      <system-out>${xml(out)}</system-out>\n    </testcase>`
          : `    <testcase classname="${xml(g.file)}" name="${xml(name)}"/>`);
        continue;
      }
      failures++;
      suiteFailures++;
      const body = bad.map((f) => `${location(f)}: ${f.severity} ${f.rule}: ${f.path}: ${f.message} (fix: ${f.fix})`).join('\n');
      const type = bad.some((f) => f.severity === 'error') ? 'error' : 'warning';
      cases.push(`    <testcase classname="${xml(g.file)}" name="${xml(name)}">\n      <failure message="${xml(`${bad.length} finding(s): ${bad[0].rule}: ${bad[0].message}`)}" type="${type}">${xml(body)}</failure>\n    </testcase>`);
    }
    suites.push(`  <testsuite name="${xml(g.file)}" tests="${g.objects.size}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="podsmith validate" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif': return formatSarif(report, packageVersion());
    case 'junit': return formatJunit(report, options);
    default: return formatText(report);
  }
}

function packageVersion(): string {
  try {
    return require('../../package.json').version;
  } catch {
    return '0.0.0';
  }
}

