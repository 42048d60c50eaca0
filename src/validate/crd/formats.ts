/**
 * Formats the API server checks on custom resources (kube-openapi's strfmt registry) that the
 * built-in schemas do not name: IP addresses and CIDRs, read as k8s.io/utils/net's sloppy parsers
 * read them (IPv4 parts may have leading zeros; no IPv6 zone), and float (from 1.37).
 */
import type { Format } from 'ajv';
import { isIPv6 } from 'node:net';

/** ParseIPSloppy's IPv4: four decimal parts of at most 255, leading zeros allowed. */
function ipv4Sloppy(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,10}$/.test(p) && Number(p) <= 255);
}

function ipSloppy(s: string): 4 | 6 | undefined {
  if (ipv4Sloppy(s)) return 4;
  if (!s.includes('%') && isIPv6(s)) return 6;
  return undefined;
}

/** ParseCIDRSloppy: an address, a slash, a decimal prefix of at most its bits. */
function cidrSloppy(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const fam = ipSloppy(s.slice(0, slash));
  const mask = s.slice(slash + 1);
  return fam !== undefined && /^\d{1,10}$/.test(mask) && Number(mask) <= (fam === 4 ? 32 : 128);
}

/** A field whose schema's maximum or minimum is outside its number format: from 1.36 the server refuses every value (convert.ts). */
const BOUND_FORMATS: Record<string, Format> = Object.fromEntries(['maximum', 'minimum'].flatMap((b) => ['int32', 'int64', 'float', 'double']
  .map((f) => [`bound-${b}-${f}`, { type: 'number', validate: () => false } as Format])));

export const CRD_FORMATS: Record<string, Format> = {
  ...BOUND_FORMATS,
  // kube-openapi's float is float32's range; double is any finite number (JSON has no other)
  float: { type: 'number', validate: (n: number) => Math.abs(n) <= 3.4028234663852886e38 },
  ipv4: { type: 'string', validate: (s: string) => ipSloppy(s) !== undefined && s.includes('.') },
  ipv6: { type: 'string', validate: (s: string) => ipSloppy(s) !== undefined && s.includes(':') },
  cidr: { type: 'string', validate: cidrSloppy },
};
