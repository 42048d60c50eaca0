/**
 * API-server semantics of a CertificateSigningRequest (pkg/apis/certificates/validation,
 * ValidateCertificateSigningRequestCreate; its status is dropped on create): a request that is a
 * PEM-encoded PKCS #10 request with a valid signature (csr-request.ts), at least one usage, each
 * one of the key usages Kubernetes knows and none twice, a signer name of the form
 * `example.com/signer-name` (ValidateSignerName; not the legacy `kubernetes.io/legacy-unknown`),
 * and expirationSeconds of at least 600. Its name is not checked beyond what every object's is.
 */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { csrRequestProblem } from './csr-request';
import { goBytes } from './go-bytes';

export const certificateRules: RuleMeta[] = [{
  id: 'csr.invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'a CertificateSigningRequest needs a signed PEM request, known usages and a well-formed signer name',
  rationale: 'The API server refuses a CertificateSigningRequest whose spec.request is not a PEM block of type CERTIFICATE REQUEST with a valid signature, that lists no usage, an unknown or repeated usage, a signerName not of the form example.com/signer-name (or the legacy kubernetes.io/legacy-unknown), or expirationSeconds below 600.',
  fix: 'put the base64 of the PEM request (`openssl req … | base64 -w0`) in spec.request, list usages such as "client auth", and name a signer such as kubernetes.io/kube-apiserver-client',
}];

/** Every key usage the API server accepts (certificates.KeyUsage), in Go's sorted order. */
export const KEY_USAGES: readonly string[] = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/** Why the API server refuses a signer name (core validation's ValidateSignerName), each message once. */
export function signerNameProblems(name: string): string[] {
  const segments = name.split('/');
  if (segments.length !== 2) return [field.invalid(name, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, path] = segments;
  const out: string[] = [];
  if (domain.length > 253) out.push(field.tooLong(253));
  const labels = domain.split('.');
  for (const l of labels) {
    const errs = dns1123Label(l);
    if (errs.length) { for (const e of errs) out.push(field.invalid(domain, `validating label "${l}": ${e}`)); break; }
  }
  if (labels.length < 2) out.push(field.invalid(domain, 'should be a domain with at least two segments separated by dots'));
  for (const l of path.split('.')) {
    const errs = dns1123Subdomain(l);
    if (errs.length) { for (const e of errs) out.push(field.invalid(path, `validating label "${l}": ${e}`)); break; }
  }
  if (name.length > 253 + 63 + 1 + 253 + 1) out.push(field.tooLong(253 + 63 + 1 + 253 + 1));
  return out;
}

export function checkCertificateSigningRequest(ctx: Ctx): void {
  if (ctx.obj.apiVersion !== 'certificates.k8s.io/v1') return;
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (p: string, m: string) => ctx.report('csr.invalid', p, m);
  // spec.request: base64 of the PEM text (a []byte); bytes that are no base64 are the schema layer's,
  // and so is a request left out; an empty one decodes to no bytes and so to no PEM block
  // (or a list of byte values: go-bytes.ts)
  const req = spec.request;
  const bytes = req === null || req === undefined ? undefined : goBytes(req);
  if (bytes?.length === 0) r('spec.request', field.invalid('', 'PEM block type must be CERTIFICATE REQUEST'));
  else if (bytes) {
    const problem = csrRequestProblem(bytes);
    const shown = typeof req === 'string' ? req : bytes.toString('base64');
    if (problem) r('spec.request', field.invalid(`${shown.slice(0, 24)}${shown.length > 24 ? '…' : ''}`, problem));
  }
  const usages = arr(spec.usages);
  if (usages.length === 0) r('spec.usages', field.required());
  const seen = new Set<unknown>();
  usages.forEach((u, i) => {
    if (typeof u === 'string' && !KEY_USAGES.includes(u)) r(`spec.usages[${i}]`, field.notSupported(u, KEY_USAGES));
    if (seen.has(u)) r(`spec.usages[${i}]`, field.duplicate(u));
    seen.add(u);
  });
  const signer = typeof spec.signerName === 'string' ? spec.signerName : '';
  // ("" or left out: the schema layer's Required)
  if (signer === 'kubernetes.io/legacy-unknown') r('spec.signerName', field.invalid(signer, 'the legacy signerName is not allowed via this API version'));
  else if (signer !== '') for (const m of signerNameProblems(signer)) r('spec.signerName', m);
  if (isInt(spec.expirationSeconds) && spec.expirationSeconds < 600) {
    r('spec.expirationSeconds', field.invalid(spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
}
