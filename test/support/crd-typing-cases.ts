/**
 * CRDs whose schemas hold a wrong type below `items` or `additionalProperties`, or a `type` no
 * OpenAPI schema has, each with the verdict a 1.34 API server gives (server-side dry-run).
 * apiextensions decodes a schema there as strictly as any other (its UnmarshalJSON), and refuses a
 * `type` outside openapiV3Types. Found by sending kube-prometheus' CRDs with one value replaced.
 * LIST_MAP_TYPE_CASES: x-kubernetes-map-type and -list-type on a schema of another type, a set's
 * items, a map list's keys (found by copying `type: string` over a real CRD's atomic selector).
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

const keyed = (items: any, extra: any = {}) => ({ ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port'], items, ...extra } });
const port = (p: any, required = true) => ({ type: 'object', ...(required ? { required: ['port'] } : {}), properties: { port: p, name: { type: 'string' } } });

/** [description, object, accepted by the API server] */
export const LIST_MAP_TYPE_CASES: Array<[string, any, boolean]> = [
  ['CRD with an atomic map of type object', crd('Maps', { selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { app: { type: 'string' } } } }), true],
  ['CRD with an atomic map of type string', crd('Maps', { selector: { type: 'string', 'x-kubernetes-map-type': 'atomic' } }), false],
  ['CRD with a map type on a schema of type array', crd('Maps', { selector: { type: 'array', items: { type: 'string' }, 'x-kubernetes-map-type': 'granular' } }), false],
  ['CRD with an atomic list of type string', crd('Lists', { names: { type: 'string', 'x-kubernetes-list-type': 'atomic' } }), false],
  ['CRD with a set of strings', crd('Lists', { names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } }), true],
  ['CRD with a set of granular objects', crd('Lists', { names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', properties: { a: { type: 'string' } } } } }), false],
  ['CRD with a set of atomic objects', crd('Lists', { names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { a: { type: 'string' } } } } }), true],
  ['CRD with a set of sets', crd('Lists', { names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } }), false],
  ['CRD with a set of nullable strings', crd('Lists', { names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string', nullable: true } } }), false],
  ['CRD with a map list keyed by a required integer', crd('Keyed', keyed(port({ type: 'integer' }))), true],
  ['CRD with a map list keyed by a defaulted integer', crd('Keyed', keyed(port({ type: 'integer', default: 80 }, false))), true],
  ['CRD with a map list keyed by a property neither required nor defaulted', crd('Keyed', keyed(port({ type: 'integer' }, false))), false],
  ['CRD with a map list keyed by a nullable property', crd('Keyed', keyed(port({ type: 'integer', nullable: true }))), false],
  ['CRD with a map list keyed by an object property', crd('Keyed', keyed({ type: 'object', required: ['port'], properties: { port: { type: 'object' } } })), false],
  ['CRD with a map list keyed by a property its items lack', crd('Keyed', keyed({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } })), false],
  ['CRD with a map list of strings', crd('Keyed', keyed({ type: 'string' })), false],
];

/**
 * How the API server decodes a CRD's schema: below items, additionalProperties or dependencies a
 * key that is no schema keyword is dropped (their decoders are not strict), one level up it is
 * refused; a property written with nothing below it (null) is the empty schema, without a type.
 * Found by moving an entry of a real CRD a level out and by deleting a `type:` line.
 */
export const CRD_DECODING_CASES: Array<[string, any, boolean]> = [
  ['CRD with a property holding a key that is no keyword', crd('Keys', { a: { type: 'string', podCertificate: { type: 'object' } } }), false],
  ['CRD with list items holding a key that is no keyword (dropped)', crd('Keys', list({ type: 'object', properties: { a: { type: 'string' } }, podCertificate: { type: 'object' } })), true],
  ['CRD with a property of list items holding a key that is no keyword (dropped)', crd('Keys', list({ type: 'object', properties: { a: { type: 'string', scheme: 'HTTP' } } })), true],
  ['CRD with map values holding a key that is no keyword (dropped)', crd('Keys', { labels: { type: 'object', additionalProperties: { type: 'string', foo: 'bar' } } }), true],
  ['CRD with list items holding minLength "3" (still a decoding error)', crd('Keys', list({ type: 'object', properties: { a: { type: 'string', minLength: '3' } } })), false],
  ['CRD with a property written null (no type)', crd('Nulls', { namespace: null }), false],
  ['CRD with a property of list items written null', crd('Nulls', list({ type: 'object', properties: { namespace: null } })), false],
  ['CRD with additionalProperties null (left out)', crd('Nulls', { labels: { type: 'object', additionalProperties: null } }), true],
];
