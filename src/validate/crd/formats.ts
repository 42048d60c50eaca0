/**
 * The formats ajv checks on custom resources (crd/convert.ts names them): kube-openapi's string
 * formats by their normalized names (crd/strfmt.ts), the number formats from 1.36, and the
 * formats that stand for a bound outside its number format.
 */
import type { Format } from 'ajv';
import { isRequestUriStrict, STRING_FORMATS, URI_STRICT } from './strfmt';

/** A field whose schema's maximum or minimum is outside its number format: from 1.36 the server refuses every value (convert.ts). */
const BOUND_FORMATS: Record<string, Format> = Object.fromEntries(['maximum', 'minimum'].flatMap((b) => ['int32', 'int64', 'float', 'double']
  .map((f) => [`bound-${b}-${f}`, { type: 'number', validate: () => false } as Format])));

export const CRD_FORMATS: Record<string, Format> = {
  ...BOUND_FORMATS,
  // kube-openapi's float is float32's range; double is any finite number (JSON has no other)
  float: { type: 'number', validate: (n: number) => Math.abs(n) <= 3.4028234663852886e38 },
  ...Object.fromEntries(Object.entries(STRING_FORMATS).map(([name, validate]) => [name, { type: 'string', validate } as Format])),
  [URI_STRICT]: { type: 'string', validate: isRequestUriStrict },
};
