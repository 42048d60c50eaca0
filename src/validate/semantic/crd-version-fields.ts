/**
 * A CRD version's deprecationWarning and selectableFields, as apiextensions' validation checks them:
 * a warning only on a deprecated version, 1-256 printable characters; a selectable field's jsonPath
 * names a string, boolean or integer field of the schema outside metadata (`.spec.color`; no
 * `['..']` steps), each once, at most 8 (the field exists from 1.31, where it is on by default).
 */
import { arr, isObj } from '../context';
import { resolveFieldPath } from '../crd/field-path';
import { field } from '../field';

const MAX_SELECTABLE_FIELDS = 8;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** What Go's validateDeprecationWarning says of a version's warning. */
function deprecationWarningProblems(deprecated: boolean, warning: string): string[] {
  if (!deprecated) return ['can only be set for deprecated versions'];
  const out: string[] = [];
  if (Buffer.byteLength(warning, 'utf8') > 256) out.push('must be <= 256 characters long');
  if (warning.length === 0) out.push('must not be an empty string');
  let at = 0;
  for (const ch of warning) {
    if (!PRINTABLE.test(ch)) { out.push(`must only contain printable UTF-8 characters; non-printable character found at index ${at}`); break; }
    at += Buffer.byteLength(ch, 'utf8');
  }
  return out;
}

export function checkVersionFields(r: (path: string, message: string) => void, ver: Record<string, any>, at: string, minor: number): void {
  if (typeof ver.deprecationWarning === 'string') {
    for (const m of deprecationWarningProblems(ver.deprecated === true, ver.deprecationWarning)) r(`${at}.deprecationWarning`, field.invalid(ver.deprecationWarning, m));
  }
  const fields = arr(ver.selectableFields);
  const schema = ver.schema?.openAPIV3Schema;
  if (minor < 31 || fields.length === 0 || !isObj(schema)) return;
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    if (!isObj(f)) return;
    const p = `${at}.selectableFields[${i}].jsonPath`;
    if (typeof f.jsonPath !== 'string' || f.jsonPath === '') { r(p, field.required()); return; }
    const found = resolveFieldPath(f.jsonPath, schema, { arrays: false });
    if ('error' in found) { r(p, field.invalid(f.jsonPath, `is an invalid path: ${found.error}`)); return; }
    if (found.steps[0] === 'metadata') r(p, field.invalid(f.jsonPath, 'must not point to fields in metadata'));
    if (!isObj(found.schema) || !['string', 'boolean', 'integer'].includes(found.schema.type)) {
      r(p, field.invalid(f.jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    const key = found.steps.join('\u0000');
    if (unique.has(key)) r(p, field.duplicate(f.jsonPath));
    unique.add(key);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) r(`${at}.selectableFields`, field.tooMany(unique.size, MAX_SELECTABLE_FIELDS));
}
