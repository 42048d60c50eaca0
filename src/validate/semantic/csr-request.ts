/**
 * A CertificateSigningRequest's spec.request as the API server reads it (certificates.ParseCSR and
 * CheckSignature): the first PEM block (Go's encoding/pem.Decode), of type CERTIFICATE REQUEST,
 * holding a PKCS #10 request whose signature its own public key verifies. podsmith refuses only
 * what it is sure of: no block, a block of another type, bytes that are no DER request, a
 * signature that does not verify under RSA PKCS #1 v1.5, ECDSA or Ed25519 with SHA-256/384/512.
 * Anything else (RSA-PSS, SHA-1, an unusual key) is left to the API server.
 */
import * as crypto from 'node:crypto';
import { base64Std } from './go-bytes';

/** Go's pem getLine: the line without its trailing spaces, tabs and \r, and what follows its \n. */
function getLine(s: string): [string, string] {
  const i = s.indexOf('\n');
  const line = i < 0 ? s : s.slice(0, i);
  return [line.replace(/[ \t\r]+$/, ''), i < 0 ? '' : s.slice(i + 1)];
}

/** The first block Go's pem.Decode finds (its type, headers and bytes), or undefined when it finds none. */
export function pemDecode(data: string): { type: string; headers: number; bytes: Buffer } | undefined {
  let rest = data;
  for (;;) {
    if (rest.startsWith('-----BEGIN ')) rest = rest.slice('-----BEGIN '.length);
    else {
      const at = rest.indexOf('\n-----BEGIN ');
      if (at < 0) return undefined;
      rest = rest.slice(at + '\n-----BEGIN '.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith('-----')) continue;
    const type = typeLine.slice(0, -5);
    let headers = 0;
    let ended = false;
    for (;;) {
      if (rest.length === 0) { ended = true; break; }
      const [line, next] = getLine(rest);
      if (!line.includes(':')) break;
      headers++;
      rest = next;
    }
    if (ended) return undefined;
    let endIndex: number;
    let trailerAt: number;
    if (headers === 0 && rest.startsWith('-----END ')) {
      endIndex = 0;
      trailerAt = '-----END '.length;
    } else {
      endIndex = rest.indexOf('\n-----END ');
      trailerAt = endIndex + '\n-----END '.length;
    }
    if (endIndex < 0) continue;
    const trailerLen = type.length + 5;
    const trailer = rest.slice(trailerAt, trailerAt + trailerLen);
    if (trailer.length < trailerLen || !trailer.startsWith(type) || !trailer.endsWith('-----')) continue;
    if (getLine(rest.slice(trailerAt + trailerLen))[0].length !== 0) continue;
    const bytes = base64Std(rest.slice(0, endIndex).replace(/[ \t]/g, ''));
    if (!bytes) continue;
    return { type, headers, bytes };
  }
}

interface Der { tag: number; start: number; body: number; end: number }

/** One DER element at `at` (tag, where its contents start and end), or undefined if it does not fit. */
function derAt(b: Buffer, at: number, limit: number): Der | undefined {
  if (at + 2 > limit) return undefined;
  const tag = b[at];
  if ((tag & 0x1f) === 0x1f) return undefined; // multi-byte tags: none in a request's frame
  let len = b[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[body + i];
    body += n;
  }
  const end = body + len;
  return end > limit ? undefined : { tag, start: at, body, end };
}

type KeyAlgo = 'rsa' | 'ec' | 'ed25519' | 'dsa';
/** Go's signatureAlgorithmDetails by OID (hex of its DER body): the hash and the key it signs with, and Go's name. */
const SIG_ALGS: Record<string, { hash: string | null; key: KeyAlgo; name: string }> = {
  '2a864886f70d010104': { hash: 'md5', key: 'rsa', name: 'MD5-RSA' },
  '2a864886f70d010105': { hash: 'sha1', key: 'rsa', name: 'SHA1-RSA' },
  '2b0e03021d': { hash: 'sha1', key: 'rsa', name: 'SHA1-RSA' },
  '2a864886f70d01010b': { hash: 'sha256', key: 'rsa', name: 'SHA256-RSA' },
  '2a864886f70d01010c': { hash: 'sha384', key: 'rsa', name: 'SHA384-RSA' },
  '2a864886f70d01010d': { hash: 'sha512', key: 'rsa', name: 'SHA512-RSA' },
  '2a8648ce380403': { hash: 'sha1', key: 'dsa', name: 'DSA-SHA1' },
  '608648016503040302': { hash: 'sha256', key: 'dsa', name: 'DSA-SHA256' },
  '2a8648ce3d0401': { hash: 'sha1', key: 'ec', name: 'ECDSA-SHA1' },
  '2a8648ce3d040302': { hash: 'sha256', key: 'ec', name: 'ECDSA-SHA256' },
  '2a8648ce3d040303': { hash: 'sha384', key: 'ec', name: 'ECDSA-SHA384' },
  '2a8648ce3d040304': { hash: 'sha512', key: 'ec', name: 'ECDSA-SHA512' },
  '2b6570': { hash: null, key: 'ed25519', name: 'Ed25519' },
};
const RSA_PSS = '2a864886f70d01010a';
/** The public key algorithms Go reads (by the OID of the key's AlgorithmIdentifier). */
const KEY_ALGS: Record<string, KeyAlgo> = { '2a864886f70d010101': 'rsa', '2a8648ce3d0201': 'ec', '2b6570': 'ed25519', '2a8648ce380401': 'dsa' };
const GO_KEY_TYPE: Record<KeyAlgo, string> = { rsa: '*rsa.PublicKey', ec: '*ecdsa.PublicKey', ed25519: 'ed25519.PublicKey', dsa: '*dsa.PublicKey' };
const GO_KEY_NAME: Record<KeyAlgo, string> = { rsa: 'RSA', ec: 'ECDSA', ed25519: 'Ed25519', dsa: 'DSA' };
const FAILURE: Record<'rsa' | 'ec' | 'ed25519', string> = { rsa: 'crypto/rsa: verification error', ec: 'x509: ECDSA verification failure', ed25519: 'x509: Ed25519 verification failure' };
const UNIMPLEMENTED = 'x509: cannot verify signature: algorithm unimplemented';
const SHA_OIDS: Record<string, { hash: string; salt: number }> = {
  '608648016503040201': { hash: 'sha256', salt: 32 }, '608648016503040202': { hash: 'sha384', salt: 48 }, '608648016503040203': { hash: 'sha512', salt: 64 },
};

const hex = (b: Buffer, d: Der) => b.subarray(d.body, d.end).toString('hex');

/** An AlgorithmIdentifier's OID and whether its parameters are absent or NULL. */
function algId(b: Buffer, d: Der | undefined): { oid: string; nullish: boolean; params?: Der } | undefined {
  if (!d || d.tag !== 0x30) return undefined;
  const oid = derAt(b, d.body, d.end);
  if (!oid || oid.tag !== 0x06) return undefined;
  const params = oid.end < d.end ? derAt(b, oid.end, d.end) : undefined;
  return { oid: hex(b, oid), nullish: params === undefined || (params.tag === 0x05 && params.body === params.end), params };
}

/** The hash of RSA-PSS parameters Go accepts (MGF1 with the same hash, salt = hash length, trailer 1), or undefined (Go's UnknownSignatureAlgorithm). */
function pssHash(b: Buffer, params: Der | undefined): string | undefined {
  if (!params || params.tag !== 0x30) return undefined;
  const fields = new Map<number, Der>();
  for (let at = params.body; at < params.end;) {
    const f = derAt(b, at, params.end);
    if (!f) return undefined;
    fields.set(f.tag, f);
    at = f.end;
  }
  const inner = (tag: number) => { const f = fields.get(tag); return f ? derAt(b, f.body, f.end) : undefined; };
  const hashAlg = algId(b, inner(0xa0));
  const mgf = algId(b, inner(0xa1));
  const salt = inner(0xa2);
  const trailer = fields.has(0xa3) ? inner(0xa3) : undefined;
  if (!hashAlg || !hashAlg.nullish || !mgf || mgf.oid !== '2a864886f70d010108' || !salt || salt.tag !== 0x02) return undefined;
  const mgfHash = algId(b, mgf.params);
  if (!mgfHash || mgfHash.oid !== hashAlg.oid || !mgfHash.nullish) return undefined;
  if (fields.has(0xa3) && (!trailer || trailer.tag !== 0x02 || hex(b, trailer) !== '01')) return undefined;
  const sha = SHA_OIDS[hashAlg.oid];
  return sha && parseInt(hex(b, salt), 16) === sha.salt ? sha.hash : undefined;
}

/** Why the API server refuses these request bytes (the decoded spec.request), or undefined when podsmith finds nothing. */
export function csrRequestProblem(request: Buffer): string | undefined {
  const block = pemDecode(request.toString('latin1'));
  if (!block || block.type !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  const b = block.bytes;
  // CertificationRequest ::= SEQUENCE { certificationRequestInfo SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }
  const outer = derAt(b, 0, b.length);
  if (!outer || outer.tag !== 0x30) return 'asn1: structure error: the request is not a DER SEQUENCE';
  if (outer.end !== b.length) return 'asn1: syntax error: trailing data';
  const info = derAt(b, outer.body, outer.end);
  const alg = info && derAt(b, info.end, outer.end);
  const sig = alg && derAt(b, alg.end, outer.end);
  if (!info || info.tag !== 0x30 || !alg || alg.tag !== 0x30 || !sig || sig.tag !== 0x03 || sig.end !== outer.end) {
    return 'asn1: structure error: not a PKCS #10 certification request';
  }
  // certificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo SEQUENCE, attributes [0] }
  const version = derAt(b, info.body, info.end);
  const subject = version && derAt(b, version.end, info.end);
  const spki = subject && derAt(b, subject.end, info.end);
  if (!version || version.tag !== 0x02 || !subject || subject.tag !== 0x30 || !spki || spki.tag !== 0x30) {
    return 'asn1: structure error: not a PKCS #10 certification request';
  }
  // the key's algorithm (SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING })
  const keyAlgId = algId(b, derAt(b, spki.body, spki.end));
  const keyAlgo = keyAlgId && KEY_ALGS[keyAlgId.oid];
  if (!keyAlgo) return undefined; // a key podsmith does not know: the API server's call
  // the signature algorithm, as Go's getSignatureAlgorithmFromAI names it
  const sigAlg = algId(b, alg);
  if (!sigAlg) return undefined;
  let known: { hash: string | null; key: KeyAlgo; name: string; pss?: boolean } | undefined;
  if (sigAlg.oid === RSA_PSS) {
    const hash = pssHash(b, sigAlg.params);
    if (hash) known = { hash, key: 'rsa', name: `${hash.toUpperCase()}-RSAPSS`, pss: true };
  } else if (!(sigAlg.oid === '2b6570' && sigAlg.params)) known = SIG_ALGS[sigAlg.oid];
  if (!known) return UNIMPLEMENTED;
  if (known.hash === 'md5') return `x509: cannot verify signature: insecure algorithm ${known.name}`;
  // Go verifies with RSA, ECDSA and Ed25519 keys only, each under its own algorithms
  if (keyAlgo === 'dsa') return UNIMPLEMENTED;
  if (keyAlgo !== known.key) return `x509: signature algorithm specifies an ${GO_KEY_NAME[known.key]} public key, but have public key of type ${GO_KEY_TYPE[keyAlgo]}`;
  if (b[sig.body] !== 0) return undefined; // a signature of unused bits: left to the API server
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: b.subarray(spki.start, spki.end), format: 'der', type: 'spki' });
  } catch {
    return undefined; // a key Node cannot read (a curve it lacks): the API server's call
  }
  let ok: boolean;
  try {
    const signed = b.subarray(info.start, info.end);
    const signature = b.subarray(sig.body + 1, sig.end);
    ok = known.pss
      ? crypto.verify(known.hash, signed, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }, signature)
      : crypto.verify(known.hash, signed, key, signature);
  } catch {
    return undefined;
  }
  return ok ? undefined : FAILURE[known.key as 'rsa' | 'ec' | 'ed25519'];
}
