/**
 * The CEL evaluator's semantics where they differ from JavaScript's (the verdicts on custom
 * resources are held to the API server by test/e2e/exact.test.ts): errors absorbed by && and ||,
 * int64 overflow and truncated division, and what it declines to evaluate.
 */
import { CelError, CelUnsupported, evaluateCel, readsOldSelf } from '../../src/validate/crd/cel';
import { toCel } from '../../src/validate/crd/cel-rules';

const run = (rule: string, self: unknown = {}, schema: unknown = {}) => evaluateCel(rule, toCel(self, schema, true));

test.each([
  ['false && self.missing == 1', false],
  ['self.missing == 1 || true', true],
  ['7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1', true],
  ['7.0 / 2.0 == 3.5', true],
  ["'a' + 'b' == 'ab' && size('héllo') == 5", true],
  ['[1, 2] + [3] == [1, 2, 3] && 2 in [1, 2]', true],
  ["{'a': 1}.a == 1 && 'a' in {'a': 1}", true],
  ['[1, 2, 3].map(x, x * 2) == [2, 4, 6] && [1, 2, 3].map(x, x > 1, x) == [2, 3]', true],
  ["self.m.all(k, self.m[k] == 'v')", true],
  ["'abc'.matches('^(?i)ABC$')", true],
  ['true ? 1 : self.missing', 1n],
  ["int('42') + 1 == 43 && string(7) == '7' && double(2) == 2.0", true],
  ["'a/b/c'.split('/') == ['a', 'b', 'c'] && 'a/b/c'.split('/', 2) == ['a', 'b/c'] && 'a/b'.split('/', 0) == [] && ''.split('/') == ['']", true],
  ["'héllo'.split('') == ['h', 'é', 'l', 'l', 'o'] && 'abc'.split('', 2) == ['a', 'bc']", true],
])('%s', (rule, want) => {
  expect(run(rule, { m: { x: 'v' } }, { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'string' } } } })).toEqual(want);
});

test.each([
  ['self.missing == 1 && true', 'no such key: missing'],
  ['9223372036854775807 + 1 > 0', 'integer overflow'],
  ['1 / 0 == 0', 'division by zero'],
  ['[1][3] == 1', 'index out of bounds: 3'],
])('%s fails as the server\'s CEL fails', (rule, message) => {
  expect(() => run(rule)).toThrow(new CelError(message));
});

test.each([
  ['1 == 1.0'],
  ["semver('1.2.3').major() == 1"],
  ["url('http://a/?x=1').getQuery().size() == 1"],
  ['[?self.x] == []'],
  ['optional.of(self).f == 1'],
  ["quantity('1Gi').asApproximateFloat() > 1.0"],
  ["b'abc' == b'abc'"],
])('%s is not evaluated', (rule) => {
  expect(() => run(rule, { u: 'x' })).toThrow(CelUnsupported);
});

test('integers are int and numbers double, as the schema types them; metadata holds only name and generateName at the root', () => {
  const schema = { type: 'object', properties: { i: { type: 'integer' }, d: { type: 'number' } } };
  expect(run('self.i / 2 == 1 && self.d / 2.0 == 1.5', { i: 3, d: 3 }, schema)).toBe(true);
  expect(run("self.metadata.name == 'n' && !has(self.metadata.labels)", { metadata: { name: 'n', labels: { a: 'b' } } })).toBe(true);
});

test('an object\'s fields are named escaped, looked up unescaped; a null field is absent; only declared fields are there (valuesunstructured.go)', () => {
  const schema = {
    type: 'object',
    properties: {
      ref: { type: 'object', properties: { namespace: { type: 'string' }, 'a-b': { type: 'string' }, 'x.y': { type: 'string' }, n: { type: 'string', nullable: true } } },
    },
  };
  const self = { ref: { namespace: 'ns', 'a-b': 'd', 'x.y': 'o', n: null, other: 1 } };
  expect(run("self.ref.__namespace__ == 'ns' && has(self.ref.__namespace__) && self.ref['namespace'] == 'ns'", self, schema)).toBe(true);
  expect(run("self.ref.a__dash__b == 'd' && self.ref.x__dot__y == 'o' && self.ref['a-b'] == 'd'", self, schema)).toBe(true);
  expect(run('!has(self.ref.n) && !has(self.ref.other) && size(self.ref) == 5', self, schema)).toBe(true);
  expect(run("self.ref.all(k, k in ['__namespace__', 'a__dash__b', 'x__dot__y'])", self, schema)).toBe(true);
  expect(run("!has(self.ref.__namespace__)", { ref: { name: 'x' } }, schema)).toBe(true);
});

test('transition rules are found by their oldSelf', () => {
  expect(readsOldSelf('self == oldSelf')).toBe(true);
  expect(readsOldSelf("self.name == 'oldSelf'")).toBe(false);
});
