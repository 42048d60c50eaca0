/** `podsmith rules [--format text|json]`: the rule catalog. */
import { catalog, ruleData } from '../validate';
import { parseCommandArgs, pickFormat } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('rules', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write("Usage: podsmith rules [--format text|json]\n\nLists every rule: id, severity, layer, handbook items and summary. 'podsmith explain RULE' shows one.\n");
    return 0;
  }
  const format = pickFormat(values.format as string | undefined, ['text', 'json'] as const, 'text');
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(catalog.map(ruleData), null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...catalog.map((r) => r.id.length));
  const lines = catalog.map((r) => {
    const layer = r.profile ? `${r.layer}:${r.profile}` : r.layer;
    return `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${layer.padEnd(23)}  ${(r.handbook.join(',') || '-').padEnd(9)}  ${r.summary}`;
  });
  process.stdout.write(`${'RULE'.padEnd(width)}  SEVERITY LAYER                    HANDBOOK   SUMMARY\n${lines.join('\n')}\n`);
  return 0;
}
