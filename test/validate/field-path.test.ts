/** crd/field-path.ts: a validation rule's fieldPath read as apiextensions' ValidFieldPath reads it (verdicts on whole CRDs: test/support/cel-compile-cases.ts). */
import { fieldPathProblem, resolveFieldPath } from '../../src/validate/crd/field-path';

const node = {
  type: 'object',
  properties: {
    replicas: { type: 'integer' },
    'a.b': { type: 'string' },
    "it's": { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    nested: { type: 'object', properties: { inner: { type: 'string' } } },
  },
};

test.each([
  ['.replicas', undefined],
  [".nested.inner", undefined],
  ["['a.b']", undefined],
  [".labels['any.key']", undefined],
  ['.labels.team', undefined],
  ["['it\\'s']", undefined],
  ['.replica', 'does not refer to a valid field'],
  ['replicas', 'expected [ or . but got: replicas'],
  ['.items.name', 'does not refer to a valid field'],
  ['.items[0]', 'expected single quoted string but got 0'],
  ["['replicas'", 'unexpected end of JSON path'],
  ['.', 'unexpected end of JSON path'],
  ["['a\\qb']", 'invalid string literal'],
])('%s', (path, problem) => {
  expect(fieldPathProblem(path, node)).toBe(problem);
});

test('a selectable field\'s jsonPath: no bracket steps, and the schema it names', () => {
  expect(resolveFieldPath("['a.b']", node, { arrays: false })).toEqual({ error: 'array notation is not allowed' });
  expect(resolveFieldPath('.nested.inner', node, { arrays: false })).toEqual({ schema: { type: 'string' }, steps: ['nested', 'inner'] });
});
