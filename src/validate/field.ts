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
