/**
 * A CRD whose x-kubernetes-validations rules use what real CRDs write (has(), boolean logic,
 * comparisons, int and double arithmetic, list literals and macros, map keys, string matching, split,
 * fieldPath, messageExpression, a transition rule, a Kubernetes library) and custom resources
 * that keep or break them. The verdicts were recorded from kube-apiserver v1.34.4 with the CRD
 * installed (test/e2e/exact.test.ts holds them to the server; test/validate/crd-cases.test.ts
 * holds podsmith to them).
 */
const rule = (r: string, extra: Record<string, string> = {}) => ({ rule: r, ...extra });

export const CEL_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'rulers.cases.podsmith.dev' },
  spec: {
    group: 'cases.podsmith.dev', scope: 'Namespaced', names: { plural: 'rulers', singular: 'ruler', kind: 'Ruler', listKind: 'RulerList' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              'x-kubernetes-validations': [
                rule('!has(self.externalId) || has(self.roleArn)', { message: 'roleArn is required with externalId' }),
                rule("(self.type == 'Factor') == has(self.factor)"),
                rule('[has(self.a), has(self.b), has(self.c)].filter(x, x).size() <= 1', { message: 'at most one of a, b and c' }),
                rule('self.replicas <= self.maxReplicas'),
                rule("self.tags.all(t, t.startsWith('x-'))"),
                rule("!has(self.name) || self.name.matches('^[a-z]+$')"),
                rule('!has(self.ratio) || self.ratio * 2.0 <= 1.0'),
                rule('!has(self.items) || self.items.exists_one(i, i.primary)'),
                rule('!has(self.labels) || self.labels.all(k, size(k) < 10)'),
                rule('!has(self.count) || self.count / 2 * 2 == self.count', { message: 'count must be even' }),
                rule('!has(self.big) || self.big * self.big > 0'),
                rule('!has(self.port) || self.port < 65536', { fieldPath: '.port' }),
                rule("!has(self.mode) || self.mode in ['a', 'b']", { messageExpression: "'mode ' + self.mode + ' is neither a nor b'" }),
                rule('!has(self.url) || isURL(self.url)'),
                rule("!has(self.image) || self.image.split('/').size() <= 3 && self.image.split(':', 2)[0] != ''", { message: 'an image reference has at most three path parts and a name' }),
                rule("!has(self.path) || self.path.split('/').all(p, p != '..')"),
                rule('!has(self.name) || !has(oldSelf.name) || self.name == oldSelf.name'),
              ],
              properties: {
                type: { type: 'string', default: 'Plain' },
                factor: { type: 'integer' },
                externalId: { type: 'string' },
                roleArn: { type: 'string' },
                a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' },
                replicas: { type: 'integer', default: 1 },
                maxReplicas: { type: 'integer', default: 3 },
                tags: { type: 'array', default: [], items: { type: 'string' } },
                name: { type: 'string' },
                ratio: { type: 'number' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    'x-kubernetes-validations': [rule('self.primary || !has(self.weight) || self.weight > 0', { message: 'a secondary item needs a positive weight' })],
                    properties: { primary: { type: 'boolean', default: false }, weight: { type: 'integer' } },
                  },
                },
                labels: { type: 'object', additionalProperties: { type: 'string' } },
                count: { type: 'integer' },
                big: { type: 'integer' },
                port: { type: 'integer' },
                mode: { type: 'string' },
                url: { type: 'string' },
                image: { type: 'string', maxLength: 253 },
                path: { type: 'string', maxLength: 64 },
              },
            },
          },
        },
      },
    }],
  },
};

const ruler = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Ruler', metadata: { name, namespace: 'default' }, spec });

/** [name, custom resource, accepted by the API server]. */
export const CEL_CASES: Array<[string, any, boolean]> = [
  ['CEL: every rule kept, with the defaults', ruler('cel-ok', {}), true],
  ['CEL: externalId without roleArn', ruler('cel-external', { externalId: 'x' }), false],
  ['CEL: externalId with roleArn', ruler('cel-external-ok', { externalId: 'x', roleArn: 'r' }), true],
  ['CEL: type Factor without factor', ruler('cel-factor', { type: 'Factor' }), false],
  ['CEL: type Factor with factor', ruler('cel-factor-ok', { type: 'Factor', factor: 2 }), true],
  ['CEL: two of a, b and c (list literal, filter, size)', ruler('cel-one-of', { a: 'x', b: 'y' }), false],
  ['CEL: replicas above the defaulted maxReplicas', ruler('cel-replicas', { replicas: 5 }), false],
  ['CEL: replicas within maxReplicas', ruler('cel-replicas-ok', { replicas: 2, maxReplicas: 2 }), true],
  ['CEL: a tag without the prefix (all)', ruler('cel-tags', { tags: ['x-a', 'y'] }), false],
  ['CEL: a name the pattern refuses (matches)', ruler('cel-name', { name: 'Abc' }), false],
  ['CEL: a double within bounds', ruler('cel-ratio-ok', { ratio: 0.5 }), true],
  ['CEL: a double out of bounds', ruler('cel-ratio', { ratio: 0.75 }), false],
  ['CEL: exactly one primary item (exists_one)', ruler('cel-items-ok', { items: [{ primary: true }, { weight: 2 }] }), true],
  ['CEL: two primary items', ruler('cel-items-two', { items: [{ primary: true }, { primary: true }] }), false],
  ['CEL: a rule on list items (a secondary item with weight 0)', ruler('cel-item-rule', { items: [{ primary: true }, { weight: 0 }] }), false],
  ['CEL: a map key too long (all over map keys)', ruler('cel-labels', { labels: { averyverylongkey: 'v' } }), false],
  ['CEL: an odd count (int division)', ruler('cel-count', { count: 3 }), false],
  ['CEL: an even count', ruler('cel-count-ok', { count: 4 }), true],
  ['CEL: int overflow is an error', ruler('cel-overflow', { big: 4294967296 }), false],
  ['CEL: a port out of range (fieldPath)', ruler('cel-port', { port: 70000 }), false],
  ['CEL: a mode out of the list (messageExpression)', ruler('cel-mode', { mode: 'c' }), false],
  ['CEL: a mode in the list', ruler('cel-mode-ok', { mode: 'b' }), true],
  ['CEL: a URL (isURL)', ruler('cel-url', { url: 'https://example.com/x' }), true],
  ['CEL: not a URL (isURL)', ruler('cel-url-bad', { url: 'example.com/x' }), false],
  ['CEL: split with and without a limit', ruler('cel-split', { image: 'registry.example.com/team/app:1.2:3' }), true],
  ['CEL: split into too many parts', ruler('cel-split-many', { image: 'a/b/c/d' }), false],
  ['CEL: split with a limit, the first part empty', ruler('cel-split-empty', { image: ':tag' }), false],
  ['CEL: split then all', ruler('cel-split-all', { path: 'a/../b' }), false],
  ['CEL: split of a path without ..', ruler('cel-split-all-ok', { path: '/a/b/' }), true],
];
