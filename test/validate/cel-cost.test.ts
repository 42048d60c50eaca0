/**
 * crd/cel-cost.ts: a lower bound of the cost the API server estimates for a CRD rule. The figures
 * are worked by hand from cel-go's checker/cost.go and k8s.io/apiserver's SchemaDeclType; the
 * verdicts on whole CRDs are a 1.34 API server's (test/support/cel-compile-cases.ts), which gave
 * "exceeds budget by factor of 6.3x" for the list of 100 unbounded strings below.
 */
import { parseCel } from '../../src/validate/crd/cel-parse';
import { childFactor, costOverMessage, declOf, ruleCostLowerBound, unboundedCardinality } from '../../src/validate/crd/cel-cost';

const cost = (rule: string, schema: any, minor = 34) => ruleCostLowerBound(parseCel(rule), declOf(schema, false)!, { minor });

test('sizes and smallest JSON as SchemaDeclType gives them', () => {
  expect(declOf({ type: 'string' }, false)).toMatchObject({ max: 3 * 1024 * 1024 - 2, min: 2 });
  expect(declOf({ type: 'string', maxLength: 63 }, false)).toMatchObject({ max: 252 }); // ×4: UTF-8 bytes
  expect(declOf({ type: 'string', enum: ['a', 'long', 'é'] }, false)).toMatchObject({ max: 4 });
  expect(declOf({ type: 'string', format: 'date-time' }, false)).toMatchObject({ max: 32, min: 21 });
  expect(declOf({ type: 'array', items: { type: 'string' } }, false)).toMatchObject({ max: Math.floor((3 * 1024 * 1024 - 2) / 3) });
  expect(declOf({ type: 'object', additionalProperties: { type: 'integer' } }, false)).toMatchObject({ max: Math.floor((3 * 1024 * 1024 - 2) / 7) });
  // required fields without a default count into an object's smallest JSON: 2 + len(name) + field + 4
  expect(declOf({ type: 'object', required: ['name', 'on'], properties: { name: { type: 'string' }, on: { type: 'boolean', default: true } } }, false)).toMatchObject({ min: 2 + 4 + 2 + 4 });
  expect(declOf({ 'x-kubernetes-preserve-unknown-fields': true }, false)).toBeUndefined();
  expect(unboundedCardinality(declOf({ type: 'object' }, false)!)).toBe(Math.floor(3 * 1024 * 1024 / 3));
  expect([childFactor({ type: 'array', maxItems: 5 }), childFactor({ type: 'array' }), childFactor({ type: 'object', properties: {} }), childFactor({ type: 'object', additionalProperties: {} })]).toEqual([5, undefined, 1, undefined]);
});

test('what a rule costs at least', () => {
  const item = { type: 'object', properties: { name: { type: 'string' } } };
  // self (1) + .name (1) + matches: ceil((3145726 + 1) × 0.1) × ceil(8 × 0.25)
  expect(cost("self.name.matches('^[a-z]+$')", item)).toBe(2 + 314573 * 2);
  // × 100 items: 62,914,800, the server's "6.3x" of 10,000,000
  expect(costOverMessage('estimated rule cost', cost("self.name.matches('^[a-z]+$')", item) * 100, 10_000_000)).toContain('factor of at least 6.3x');
  // a loop: the list's size × the body's cost
  const list = { type: 'object', properties: { l: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 5 } } } };
  expect(cost("self.l.all(n, n.matches('^a'))", list)).toBe(2 + 10 * (1 + Math.ceil(21 * 0.1) * Math.ceil(2 * 0.25)));
  // comparing strings walks the shorter one; ints cost nothing more
  expect(cost("self.name == 'web'", item)).toBe(2 + 1);
  expect(cost('self.n > 1', { type: 'object', properties: { n: { type: 'integer' } } })).toBe(2);
  // && and || cost both sides; ?: the dearer branch
  expect(cost("self.name == 'a' || self.name.contains('bc')", item)).toBe(3 + 2 + Math.ceil(3145726 * 0.1) * 1);
  // what podsmith cannot size counts nothing beyond its identifiers
  expect(cost('self.x.y.z > 0', { type: 'object', properties: { x: { 'x-kubernetes-int-or-string': true } } })).toBe(2); // .y and .z of a dyn cost nothing
});
