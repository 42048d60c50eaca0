/** `podsmith explain RULE`: one rule of the catalog in full. */
import { UsageError } from '../errors';
import { catalog, ruleById, ruleData } from '../validate';
import { parseCommandArgs, pickFormat } from './args';

export function explainText(id: string): string | undefined {
  const r = ruleById(id);
  if (!r) return undefined;
  const suppress = r.severity === 'error' && (r.layer === 'schema' || r.layer === 'semantic' || r.layer === 'input')
    ? 'cannot be suppressed (the API server would reject the object)'
    : `annotation podsmith.dev/ignore: "${r.id}" on the object or its Pod template`;
  return [
    `${r.id} (${r.severity}, ${r.layer}${r.profile ? ` profile ${r.profile}` : ''})`,
    `  ${r.summary}`,
    '',
    `Handbook: ${r.handbook.join(', ') || '-'}`,
    `Why: ${r.rationale}`,
    `Fix: ${r.fix}`,
    `Suppress: ${suppress}`,
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write("Usage: podsmith explain RULE [--format text|json]\n\nPrints one rule: severity, handbook items, rationale and fix. 'podsmith rules' lists the ids.\n");
    return 0;
  }
  const format = pickFormat(values.format as string | undefined, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError("give exactly one rule id (see 'podsmith rules')");
  const id = positionals[0];
  const r = ruleById(id);
  if (!r) {
    const near = catalog.filter((c) => c.id.includes(id) || id.includes(c.id.split('.')[0])).slice(0, 5).map((c) => c.id);
    throw new UsageError(`unknown rule '${id}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (see 'podsmith rules')`);
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(ruleData(r), null, 2)}\n` : explainText(id)!);
  return 0;
}
