/**
 * Messages in the API server's wording (`k8s.io/apimachinery/pkg/util/validation/field`), so a
 * user who knows kubectl's errors recognises ours: `Invalid value: "x": detail`.
 */

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export const field = {
  invalid: (value: unknown, detail: string) => `Invalid value: ${show(value)}: ${detail}`,
  required: (detail = '') => (detail ? `Required value: ${detail}` : 'Required value'),
  notSupported: (value: unknown, valid: readonly string[]) =>
    `Unsupported value: ${show(value)}: supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}`,
  duplicate: (value: unknown) => `Duplicate value: ${show(value)}`,
  forbidden: (detail: string) => `Forbidden: ${detail}`,
  notFound: (value: unknown) => `Not found: ${show(value)}`,
  tooLong: (max: number) => `Too long: may not be more than ${max} bytes`,
  tooMany: (actual: number, max: number) => `Too many: ${actual}: must have at most ${max} items`,
};

/**
 * A template tag for messages and paths that quote manifest values: strings, numbers and
 * booleans as a plain template would render them, anything else as (shortened) JSON. A value of
 * any shape — even an object with a `toString` key, which makes a plain template throw — renders.
 */
export function msg(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += text(values[i]) + strings[i + 1];
  return out;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return '[value]';
  }
}
