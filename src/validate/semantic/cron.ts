/**
 * The CronJob schedule syntax the API server accepts (robfig/cron's standard parser): five
 * fields or a descriptor (`@hourly`, `@every 5m`). Returns a problem or undefined.
 */

const FIELDS: Array<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function value(s: string, f: typeof FIELDS[number]): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const i = f.names?.indexOf(s.toUpperCase()) ?? -1;
  return i >= 0 ? i + f.min : undefined;
}

export function cronProblem(schedule: string): string | undefined {
  let s = schedule.trim();
  if (s === '') return 'empty spec string';
  if (/^(CRON_)?TZ=/.test(s)) s = s.replace(/^\S+\s*/, '');
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return undefined;
    if (s.startsWith('@every ')) {
      return /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s.slice(7).trim()) ? undefined : `failed to parse duration ${s}`;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: ${s}`;
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i];
    for (const item of parts[i].split(',')) {
      const [range, step, extra] = item.split('/');
      if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) return `failed to parse int from ${step ?? item}`;
      if (range === '*' || range === '?') continue;
      const [lo, hi, more] = range.split('-');
      if (more !== undefined) return `too many hyphens: ${range}`;
      const a = value(lo, f);
      const b = hi === undefined ? a : value(hi, f);
      if (a === undefined || b === undefined) return `failed to parse int from ${a === undefined ? lo : hi}`;
      if (a < f.min) return `beginning of range (${a}) below minimum (${f.min}): ${range}`;
      if (b > (f.name === 'day of week' ? 7 : f.max)) return `end of range (${b}) above maximum (${f.max}): ${range}`;
      if (a > b) return `beginning of range (${a}) beyond end of range (${b}): ${range}`;
    }
  }
  return undefined;
}
