/**
 * The formats the Kubernetes schemas name, checked as the API server parses them. A module of
 * its own so that precompiled (ajv standalone) validators can require it.
 */
import type { Format } from 'ajv';
import { goTrimSpace } from '../../go-space';
import { isQuantityText } from '../../quantity';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Base64 as Go's decoder reads it (encoding/json's []byte): line breaks anywhere are skipped (a wrapped `base64` output). */
function isBase64(s: string): boolean {
  return BASE64.test(s.includes('\n') || s.includes('\r') ? s.replace(/[\r\n]/g, '') : s);
}

export const formats: Record<string, Format> = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  // (past int64 is a decoding error of the API server: 1e20 is refused; 2^63 itself is what 9223372036854775807 reads as here)
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -9223372036854775808 && n <= 9223372036854775808 },
  'double': true,
  'byte': { type: 'string', validate: isBase64 },
  'date-time': RFC3339,
  // the API server's quantity syntax (resource.ParseQuantity of the JSON text, trimmed)
  'quantity': { type: 'string', validate: (s: string) => isQuantityText(goTrimSpace(s)) },
};

export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  validateSchema: false,
  // one function per definition, shared by every kind that reaches it: a third of the compile
  // time of inlined code, and smaller standalone files
  inlineRefs: false,
} as const;

/** What the generated validator code depends on here: part of the disk cache's key (a changed format is new code). */
export const FORMATS_FINGERPRINT = JSON.stringify([
  Object.entries(formats).map(([k, v]) => [k, v instanceof RegExp ? String(v) : typeof v === 'object' ? `${String((v as { type?: string }).type)} ${String((v as { validate: unknown }).validate)}` : String(v)]),
  // the helpers the formats call (their code is the formats' too)
  [isBase64, isQuantityText, goTrimSpace].map(String),
  AJV_OPTIONS,
]);
