/**
 * The CronJob schedule syntax the API server accepts: robfig/cron v3's `ParseStandard` (five
 * fields, or a descriptor: `@hourly`, `@every 5m`), read as its parser reads it — comma lists
 * with empty items skipped, `N/step` running to the field's maximum, `*-x` taken as `*`, Go's
 * `strconv.Atoi` for numbers (`+5` is 5), names case-insensitive, day of week 0–6 (7 is
 * refused), a step of 0 refused, the descriptors spelled exactly. Returns the parser's error or
 * undefined. (The API server refuses `TZ=`/`CRON_TZ=` in the schedule on its own: objects.ts.)
 */
import { GO_SPACES } from '../../go-space';
import { parseGoDuration } from '../crd/strfmt';

interface Bounds { min: number; max: number; names?: Record<string, number> }

const names = (list: string[], first: number) => Object.fromEntries(list.map((n, i) => [n, i + first]));
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: names(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], 1) },
  { min: 0, max: 6, names: names(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], 0) },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const INT64_MAX = 9223372036854775807n;

class CronError extends Error {}
const fail = (message: string): never => { throw new CronError(message); };

/** mustParseInt: Go's strconv.Atoi (an optional sign, decimal digits, int64), not negative. */
function mustParseInt(expr: string): number {
  const m = /^[+-]?[0-9]+$/.exec(expr);
  const n = m ? BigInt(expr) : undefined;
  if (n === undefined || n > INT64_MAX || n < -INT64_MAX - 1n) {
    return fail(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: ${n === undefined ? 'invalid syntax' : 'value out of range'}`);
  }
  if (n < 0n) return fail(`negative number (${n}) not allowed: ${expr}`);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** getRange: `number | number "-" number [ "/" number ]`, or `*`/`?` with an optional step. */
function getRange(expr: string, b: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else return fail(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (single) end = b.max; // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) {
    fail(`too many slashes: ${expr}`);
  }
  if (start < b.min) fail(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) fail(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) fail(`step of range should be a positive number: ${expr}`);
}

function parse(spec: string): void {
  if (spec.length === 0) fail('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    // the location is loaded from the time zone database (refused anyway: no TZ in a CronJob's schedule)
    const i = spec.indexOf(' ');
    if (i < 0) fail(`provided bad location ${spec.slice(spec.indexOf('=') + 1)}`);
    spec = spec.slice(i).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return;
    if (spec.startsWith('@every ')) {
      if (parseGoDuration(spec.slice('@every '.length)) === undefined) fail(`failed to parse duration ${spec}`);
      return;
    }
    fail(`unrecognized descriptor: ${spec}`);
  }
  const fields = spec.split(GO_SPACES).filter((f) => f !== '');
  if (fields.length !== 5) fail(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  fields.forEach((field, i) => {
    for (const expr of field.split(',')) if (expr !== '') getRange(expr, FIELDS[i]);
  });
}

export function cronProblem(schedule: string): string | undefined {
  try {
    parse(schedule);
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
