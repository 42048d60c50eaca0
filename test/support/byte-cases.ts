/**
 * Go []byte fields (`format: byte`) written as lists, each with the verdict a 1.34 API server
 * gives (server-side dry-run). JSON decoding reads a []byte from a base64 string or from a list of
 * numbers 0–255 element by element (null is 0), so `password: [104, 105]` is the Secret value "hi"
 * and `binaryData: {k: []}` an empty value; a number past a byte, a fraction or a string in the
 * list is a decoding error. Found by sending a real Secret with its value replaced by `[]`.
 */
const secret = (data: any, type?: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'podsmith-byte-case' }, ...(type ? { type } : {}), data });
const configMap = (binaryData: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'podsmith-byte-case' }, binaryData });
const csr = (request: any) => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'podsmith-byte-case' },
  spec: { request, signerName: 'example.com/signer', usages: ['client auth'] },
});
const webhook = (caBundle: any) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'podsmith-byte-case' },
  webhooks: [{ name: 'a.example.com', clientConfig: { url: 'https://example.com/validate', caBundle }, sideEffects: 'None', admissionReviewVersions: ['v1'] }],
});
const json = (text: string) => [...Buffer.from(text)];

/** [description, object, accepted by the API server] */
export const BYTE_CASES: Array<[string, any, boolean]> = [
  ['Secret value as an empty list', secret({ password: [] }), true],
  ['Secret value as a list of bytes', secret({ password: [104, 105] }), true],
  ['Secret value as a list with null (0)', secret({ password: [1, null] }), true],
  ['Secret value as a list with 256 (past a byte)', secret({ password: [256] }), false],
  ['Secret value as a list with -1', secret({ password: [-1] }), false],
  ['Secret value as a list with 1.5', secret({ password: [1.5] }), false],
  ['Secret value as a list with a string', secret({ password: ['1'] }), false],
  ['Secret value as an object', secret({ password: {} }), false],
  ['Secret value as a number', secret({ password: 5 }), false],
  ['dockerconfigjson Secret with JSON bytes as a list', secret({ '.dockerconfigjson': json('{"auths":{}}') }, 'kubernetes.io/dockerconfigjson'), true],
  ['dockerconfigjson Secret with bytes that are no JSON as a list', secret({ '.dockerconfigjson': json('{{') }, 'kubernetes.io/dockerconfigjson'), false],
  ['ConfigMap binaryData value as an empty list', configMap({ k: [] }), true],
  ['ConfigMap binaryData value as a list with 300', configMap({ k: [300] }), false],
  ['webhook caBundle as a list of bytes', webhook([1, 2]), true],
  ['webhook caBundle as a list with 999', webhook([1, 2, 999]), false],
  ['CertificateSigningRequest request as an empty list (no PEM block)', csr([]), false],
  ['CertificateSigningRequest request as bytes that are no PEM', csr([1, 2]), false],
];
