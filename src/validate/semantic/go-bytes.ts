/**
 * A Go []byte field (Secret data, ConfigMap binaryData, caBundle, a CSR's request) as the API
 * server decodes it: JSON decoding reads a base64 string, or a list of numbers 0–255 (null is 0)
 * into the slice element by element (`password: [104, 105]` is "hi"). The schema layer refuses any
 * other shape (store.ts' byte fields).
 */

/** Go's base64.StdEncoding.Decode, which skips \r and \n; undefined where it fails. */
export function base64Std(text: string): Buffer | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  return Buffer.from(s, 'base64');
}

/** The bytes of a []byte field's value; undefined for a value JSON decoding refuses (the schema layer's). */
export function goBytes(v: unknown): Buffer | undefined {
  if (typeof v === 'string') return base64Std(v);
  if (Array.isArray(v) && v.every((b) => b === null || (Number.isInteger(b) && b >= 0 && b <= 255))) return Buffer.from(v.map((b) => b ?? 0));
  return undefined;
}
