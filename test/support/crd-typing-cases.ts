/**
 * CRDs whose schemas hold a wrong type below `items` or `additionalProperties`, or a `type` no
 * OpenAPI schema has, each with the verdict a 1.34 API server gives (server-side dry-run).
 * apiextensions decodes a schema there as strictly as any other (its UnmarshalJSON), and refuses a
 * `type` outside openapiV3Types. Found by sending kube-prometheus' CRDs with one value replaced.
 */
const crd = (kind: string, spec: any) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${kind.toLowerCase()}s.podsmith-typing.example.com` },
  spec: {
    group: 'podsmith-typing.example.com', scope: 'Namespaced', names: { plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), kind },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: spec } } } } }],
  },
});
const list = (items: any) => ({ conditions: { type: 'array', items } });
const condition = (type: any) => ({ type: 'object', properties: { type } });

/** [description, object, accepted by the API server] */
export const CRD_TYPING_CASES: Array<[string, any, boolean]> = [
  ['CRD whose list items are a schema', crd('Items', list(condition({ type: 'string', minLength: 1 }))), true],
  ['CRD whose list items hold minLength "80" (a string)', crd('Items', list(condition({ type: 'string', minLength: '80' }))), false],
  ['CRD whose list items hold a description false', crd('Items', list({ type: 'object', description: false })), false],
  ['CRD whose list items hold a type that is a number', crd('Items', list(condition({ type: 2147483648 }))), false],
  ['CRD whose list items are a list of schemas', crd('Items', list([{ type: 'string' }])), false],
  ['CRD whose map values hold maxLength "x"', crd('Values', { labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 'x' } } }), false],
  ['CRD whose map values are a schema', crd('Values', { labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } } }), true],
  ['CRD with a field of type quantity', crd('Types', { size: { type: 'quantity' } }), false],
  ['CRD with a field of type a/b', crd('Types', { size: { type: 'a/b' } }), false],
  ['CRD whose list items are of type objct', crd('Types', list({ type: 'objct' })), false],
];
