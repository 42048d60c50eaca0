/**
 * crd/cel-check.ts: what the API server's CEL compiler refuses, as podsmith tells it. The
 * verdicts on whole objects are the API server's (test/support/cel-compile-cases.ts, in
 * KIND_CASES); these tests pin the parts: property names escaped as k8s.io/apiserver's Escape
 * does, `self` typed by the schema, the reserved words read as escaped from 1.32, and silence
 * wherever podsmith cannot be sure.
 */
import { celCompileProblem, celFieldName, CelType, dynVariables, schemaType } from '../../src/validate/crd/cel-check';

const SPEC = {
  type: 'object',
  properties: {
    replicas: { type: 'integer' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    'my-field': { type: 'string' },
    'a.b/c': { type: 'string' },
    'x__y': { type: 'string' },
    port: { 'x-kubernetes-int-or-string': true },
    kept: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
    untyped: { 'x-kubernetes-preserve-unknown-fields': true },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    when: { type: 'string', format: 'date-time' },
  },
};

const self = (schema: any = SPEC, root = false): ReadonlyMap<string, CelType> => {
  const t = schemaType(schema, root)!;
  return new Map([['self', t], ['oldSelf', t]]);
};
const problem = (expr: string, minor = 1034, result: 'bool' | 'string' | undefined = 'bool', declared = self()) =>
  celCompileProblem(expr, declared, { result, minor: minor - 1000 });

test('property names as CEL reads them (apiserver pkg/cel/escaping.go)', () => {
  expect(celFieldName('replicas')).toBe('replicas');
  expect(celFieldName('namespace')).toBe('__namespace__');
  expect(celFieldName('my-field')).toBe('my__dash__field');
  expect(celFieldName('a.b/c')).toBe('a__dot__b__slash__c');
  expect(celFieldName('x__y')).toBe('x__underscores__y');
  expect(celFieldName('a___b')).toBe('a__underscores___b');
  expect(celFieldName('9lives')).toBeUndefined();
  expect(celFieldName('a:b')).toBeUndefined();
  expect(celFieldName('a-b:c')).toBeUndefined();
  expect(celFieldName('é')).toBeUndefined();
});

test('names no variable, macro or namespace declares', () => {
  expect(problem('Sometimes')).toEqual({ error: "undeclared reference to 'Sometimes' (in container '')" });
  expect(problem("self.name == web")).toEqual({ error: "undeclared reference to 'web' (in container '')" });
  expect(problem('object.spec.replicas > 0')).toEqual({ error: "undeclared reference to 'object' (in container '')" });
  expect(problem('cel.bind(n, self.replicas, n > 0)')).toEqual({ error: "undeclared reference to 'cel' (in container '')" });
  expect(problem('math.greatest(self.replicas, 1) > 0')).toEqual({ error: "undeclared reference to 'math' (in container '')" });
  // bound by macros, one variable or two; namespaced functions; type names; oldSelf
  for (const ok of [
    "self.items.all(i, i.name != '')", "self.items.exists_one(i, i.name == 'a')", "self.items.map(i, i.name).size() > 0",
    "self.items.map(i, i.name != '', i.name).size() > 0", "self.items.filter(i, i.name != '').size() > 0",
    "self.labels.all(k, v, k != v)", "self.items.transformList(i, v, v.name).size() >= 0", "self.labels.exists(k, k == 'a')",
    "optional.of(self.name).hasValue()", "sets.contains(['a'], ['a'])", "strings.quote(self.name) != ''", "ip.isCanonical(self.name)",
    "format.dns1123Label().validate(self.name).hasValue()", "lists.range(3).size() == 3", 'type(self.replicas) == int',
    'self.replicas >= oldSelf.replicas', "has(self.labels) && self.labels.team == 'a'",
  ]) expect([ok, problem(ok)]).toEqual([ok, undefined]);
});

test('fields the schema declares, escaped names, and the root\'s metadata', () => {
  expect(problem('self.replica > 0')).toEqual({ error: "undefined field 'replica'" });
  expect(problem('has(self.replica)')).toEqual({ error: "undefined field 'replica'" });
  expect(problem("self.items.all(i, i.nam != '')")).toEqual({ error: "undefined field 'nam'" });
  expect(problem("self.my__dash__field != '' && self.a__dot__b__slash__c != '' && self.x__underscores__y != ''")).toBeUndefined();
  expect(problem("self.my-field != ''")).toEqual({ error: "undefined field 'my'" }); // self.my - field
  // an object keeping unknown fields declares only its properties; a property without a type is no field
  expect(problem("self.kept.known != ''")).toBeUndefined();
  expect(problem('has(self.kept.other)')).toEqual({ error: "undefined field 'other'" });
  expect(problem('has(self.untyped)')).toEqual({ error: "undefined field 'untyped'" });
  // maps, int-or-string and optional selection are not followed
  expect(problem("self.labels.anything == 'x' && self.port.anything == 1 && self.?replica.hasValue()")).toBeUndefined();
  // a resource root declares metadata.name and generateName only
  const root = self({ type: 'object', properties: { spec: SPEC } }, true);
  expect(problem("self.metadata.name != '' && self.metadata.generateName != '' && self.kind != '' && self.spec.replicas > 0", 1034, 'bool', root)).toBeUndefined();
  expect(problem('has(self.metadata.labels)', 1034, 'bool', root)).toEqual({ error: "undefined field 'labels'" });
});

test('a reserved word names its escaped field from 1.32 (the 1.31 environment)', () => {
  expect(problem("self.namespace != ''", 1032)).toBeUndefined();
  expect(problem("self.namespace != ''", 1031)).toEqual({ error: "undefined field 'namespace'" });
  expect(problem("self.__namespace__ != ''", 1031)).toBeUndefined();
});

test('what the expression gives, and comparisons that have no overload', () => {
  expect(problem('self.replicas')).toEqual({ wrongType: 'bool' });
  expect(problem("self.name + 'x'")).toEqual({ wrongType: 'bool' });
  expect(problem('self.items')).toEqual({ wrongType: 'bool' });
  expect(problem('self.replicas > 0 ? 1 : 2')).toEqual({ wrongType: 'bool' });
  expect(problem('self.replicas', 1034, 'string')).toEqual({ wrongType: 'string' });
  expect(problem("self.name + ' is wrong'", 1034, 'string')).toBeUndefined();
  expect(problem('self.port', 1034)).toBeUndefined(); // dyn: the server's call
  expect(problem("self.replicas > '3'")).toEqual({ error: "found no matching overload for '_>_' applied to '(int, string)'" });
  expect(problem('self.name == 3')).toEqual({ error: "found no matching overload for '_==_' applied to '(string, int)'" });
  expect(problem('self.replicas > 2.5 && self.port == 1 && self.when < self.when')).toBeUndefined();
});

test('selections and functions a type does not have', () => {
  expect(problem("self.items.name != ''")).toEqual({ error: "type 'list' does not support field selection" });
  expect(problem('has(self.name.first)')).toEqual({ error: "type 'string' does not support field selection" });
  expect(problem("self.replicas.startsWith('1')")).toEqual({ error: "found no matching overload for 'startsWith' applied to 'int.(string)'" });
  expect(problem('size(self.replicas) > 0')).toEqual({ error: "found no matching overload for 'size' applied to '(int)'" });
  expect(problem("size(self.name) + self.items.size() + size(self.labels) >= 0 && self.port.startsWith('a') && self.labels.a.startsWith('b')")).toBeUndefined();
});

test('matches(), find() and findAll() patterns Go\'s regexp refuses', () => {
  expect(problem("self.name.matches('^(?=a)')")).toMatchObject({ error: expect.stringContaining('invalid regular expression') });
  expect(problem("matches(self.name, '(a')")).toMatchObject({ error: expect.stringContaining('invalid regular expression') });
  expect(problem("self.name.find('(?=a)') == ''")).toMatchObject({ error: expect.stringContaining('invalid regular expression') });
  expect(problem("self.name.findAll('(?<=a)b').size() > 0")).toMatchObject({ error: expect.stringContaining('invalid regular expression') });
  expect(problem("self.name.matches('^[a-z]+$') && self.name.matches(self.name) && self.name.find('[0-9]+') != ''")).toBeUndefined();
});

test('syntax podsmith does not read says nothing', () => {
  expect(problem("Object{spec: Object.spec{replicas: 1}}", 1034, undefined, dynVariables('object'))).toBeUndefined();
  expect(problem("b'abc' == self.name")).toBeUndefined();
});
