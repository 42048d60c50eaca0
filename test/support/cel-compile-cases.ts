/**
 * CEL the API server compiles when the object is written (cel.compile-failed): CRD rules and
 * message expressions with `self` typed by the schema, admission policies, webhook match
 * conditions and device selectors — each refused class beside what it must not refuse (escaped
 * property names, comprehension variables, namespaced functions, map keys); and the cost it
 * estimates for a CRD's rules (crd.cel-cost-exceeded), over and under budget. Part of
 * KIND_CASES: the verdicts are a 1.34 API server's.
 */
const meta = (name = 'podsmith-cel-case') => ({ name });

/** A CRD whose spec has these properties and this rule on the spec (or on the root, with `root`). */
const celCrd = (rule: Record<string, unknown>, root = false) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta('gadgets.podsmith-cel.example.com'),
  spec: {
    group: 'podsmith-cel.example.com', scope: 'Namespaced', names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          ...(root ? { 'x-kubernetes-validations': [rule] } : {}),
          properties: {
            spec: {
              type: 'object',
              ...(root ? {} : { 'x-kubernetes-validations': [rule] }),
              properties: {
                replicas: { type: 'integer' },
                name: { type: 'string', maxLength: 63 },
                namespace: { type: 'string', maxLength: 63 },
                'my-field': { type: 'string', maxLength: 63 },
                port: { 'x-kubernetes-int-or-string': true },
                extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                untyped: { 'x-kubernetes-preserve-unknown-fields': true },
                labels: { type: 'object', maxProperties: 8, additionalProperties: { type: 'string', maxLength: 63 } },
                items: { type: 'array', maxItems: 8, items: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } } },
              },
            },
          },
        },
      },
    }],
  },
});

/** A CRD whose spec has `list` (a list property) and these rules on the spec. */
const listCrd = (list: Record<string, unknown>, rules: Array<Record<string, unknown>>) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta('lists.podsmith-cel.example.com'),
  spec: {
    group: 'podsmith-cel.example.com', scope: 'Namespaced', names: { plural: 'lists', singular: 'list', kind: 'List' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': rules, properties: { list } } } } } }],
  },
});
const strings = (extra: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({ type: 'array', ...extra, items: { type: 'string', ...item } });
const objects = (extra: Record<string, unknown>, name: Record<string, unknown>, rule: string) => ({
  type: 'array', ...extra, items: { type: 'object', properties: { name: { type: 'string', ...name } }, 'x-kubernetes-validations': [{ rule }] },
});

/** celCrd with its version's fields changed. */
const withVersion = (extra: Record<string, unknown>) => {
  const c = celCrd({ rule: 'true' });
  return { ...c, spec: { ...c.spec, versions: [{ ...c.spec.versions[0], ...extra }] } };
};

const vapRules = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] };
const vap = (spec: any) => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: meta(), spec: { matchConstraints: vapRules, ...spec } });
const webhook = (expression: string) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta(),
  webhooks: [{
    name: 'check.podsmith-cel.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None',
    clientConfig: { service: { namespace: 'default', name: 'hook', path: '/check' } },
    matchConditions: [{ name: 'only-some', expression }],
  }],
});
const deviceClass = (expression: string) => ({ apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: meta(), spec: { selectors: [{ cel: { expression } }] } });

export const CEL_COMPILE_CASES: Array<[string, any, boolean]> = [
  // syntax: an operand right after a complete expression is no CEL (the server's "extraneous input")
  ['CRD rule of two words (a text value with a space, unquoted)', celCrd({ rule: 'with space' }), false],
  ['CRD rule comparing with an unquoted two-word value', celCrd({ rule: "self.name == my name" }), false],
  ['CRD rule with two string literals side by side', celCrd({ rule: "self.name == 'a' 'b'" }), false],
  ['CRD rule calling a function with arguments missing a comma', celCrd({ rule: "self.name.startsWith('a' 'b')" }), false],
  ['CRD rule of a list with a missing comma', celCrd({ rule: "self.name in ['a' 'b']" }), false],
  ['CRD rule in parentheses with a stray name', celCrd({ rule: '(self.replicas > 0 x)' }), false],
  // syntax: brackets that do not pair up (the server's "mismatched input" / "missing")
  ['CRD rule missing a closing parenthesis', celCrd({ rule: "self.name.startsWith('a'" }), false],
  ['CRD rule with a closing parenthesis too many', celCrd({ rule: 'self.replicas > 0)' }), false],
  ['CRD rule closing a list with a parenthesis', celCrd({ rule: "self.name in ['a', 'b')" }), false],
  ['CRD rule with brackets inside its strings and comment', celCrd({ rule: "// (not closed\nself.name != ')' && self.name != '[' && self.name != \"{\"", message: 'name is no bracket' }), true],
  ['admission policy validation missing a closing bracket', vap({ validations: [{ expression: "object.metadata.name in ['a', 'b'" }] }), false],
  ['CRD rule with a ternary and a comment line', celCrd({ rule: "// replicas first\nself.replicas > 0 ? true : self.name != ''", message: 'needs replicas or a name' }), true],
  ['CRD message expression of two words', celCrd({ rule: 'self.replicas >= 0', messageExpression: 'replicas invalid' }), false],
  ['admission policy validation of two words', vap({ validations: [{ expression: 'with space' }] }), false],
  ['webhook match condition of two words', webhook('with space'), false],
  ['device class selector of two words', deviceClass('with space'), false],
  ['CRD rule comparing a declared field', celCrd({ rule: 'self.replicas >= 0' }), true],
  ['CRD rule naming no variable (a string left unquoted)', celCrd({ rule: 'self.name == web' }), false],
  ['CRD rule naming a field the schema does not declare', celCrd({ rule: 'self.replica >= 0' }), false],
  ['CRD rule testing with has() a field the schema does not declare', celCrd({ rule: 'has(self.replica)' }), false],
  ['CRD rule comparing an int field with a string', celCrd({ rule: "self.replicas > '3'" }), false],
  ['CRD rule comparing a string field with an int', celCrd({ rule: 'self.name == 3' }), false],
  ['CRD rule comparing an int field with a double', celCrd({ rule: 'self.replicas > 2.5 || self.replicas == 0' }), true],
  ['CRD rule selecting a field of a list (not of its items)', celCrd({ rule: "self.items.name != ''" }), false],
  ['CRD rule selecting a field of a string', celCrd({ rule: "has(self.name.first)" }), false],
  ['CRD rule calling a string function on an int', celCrd({ rule: "self.replicas.startsWith('1')" }), false],
  ['CRD rule taking the size of an int', celCrd({ rule: 'size(self.replicas) > 0' }), false],
  ['CRD rule taking sizes of a string, a list and a map', celCrd({ rule: 'size(self.name) + self.items.size() + size(self.labels) >= 0' }), true],
  ['CRD rule giving an int, not a bool', celCrd({ rule: 'self.replicas' }), false],
  ['CRD rule whose message expression gives an int', celCrd({ rule: 'self.replicas >= 0', messageExpression: 'self.replicas' }), false],
  ['CRD rule whose message expression gives a string', celCrd({ rule: 'self.replicas >= 0', messageExpression: "self.name + ' needs replicas'" }), true],
  ['CRD rule over list items, their declared field', celCrd({ rule: "self.items.all(i, i.name != '')" }), true],
  ['CRD rule over list items, a field they do not declare', celCrd({ rule: "self.items.all(i, i.nam != '')" }), false],
  ['CRD rule over map keys and a map value by name', celCrd({ rule: "self.labels.all(k, k.startsWith('a')) && (!('team' in self.labels) || self.labels.team != '')" }), true],
  ['CRD rule with namespaced functions', celCrd({ rule: "optional.of(self.name).hasValue() && sets.contains(['a', 'b'], ['a'])" }), true],
  ['CRD rule calling cel.bind (not in Kubernetes\' CEL environment)', celCrd({ rule: 'cel.bind(n, self.replicas, n >= 0)' }), false],
  ['CRD rule with escaped property names (a reserved word, a dash)', celCrd({ rule: "self.__namespace__ != '' || self.my__dash__field != ''" }), true],
  ['CRD rule naming a reserved-word property unescaped (read as escaped from 1.32)', celCrd({ rule: "self.namespace != ''" }), true],
  ['CRD rule reading an int-or-string field', celCrd({ rule: "self.port == 80 || self.port == 'http'" }), true],
  ['CRD rule reading a field an object keeping unknown fields does not declare', celCrd({ rule: '!has(self.extra.anything)' }), false],
  ['CRD rule reading a property without a type (no field to CEL)', celCrd({ rule: '!has(self.untyped)' }), false],
  ['CRD rule on a property without a type (CEL gives it no type)', { ...celCrd({ rule: 'true' }), spec: { ...celCrd({ rule: 'true' }).spec, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [{ rule: 'true' }] } } } } }] } }, false],
  ['CRD transition rule', celCrd({ rule: 'self.replicas >= oldSelf.replicas' }), true],
  ['CRD rule whose matches() pattern Go refuses', celCrd({ rule: "self.name.matches('^(?=a)')" }), false],
  ['CRD rule whose find() pattern Go refuses', celCrd({ rule: "self.name.find('(?=a)') == ''" }), false],
  ['CRD rule with find() and findAll() patterns Go reads', celCrd({ rule: "self.name.find('[a-z]+') != '' || self.name.findAll('[0-9]').size() > 0" }), true],
  ['CRD root rule on metadata.name', celCrd({ rule: "self.metadata.name.startsWith('g')" }, true), true],
  ['CRD root rule on metadata.labels (the root declares name and generateName only)', celCrd({ rule: 'has(self.metadata.labels)' }, true), false],
  // the cost the server estimates (crd.cel-cost-exceeded): sizes from maxItems and maxLength, or what fits in a 3 MiB request
  ['CRD rule on list items matching a string: bounded', listCrd(objects({ maxItems: 10 }, { maxLength: 63 }, "self.name.matches('^[a-z]+$')"), []), true],
  ['CRD rule on list items matching a string: neither list nor string bounded', listCrd(objects({}, {}, "self.name.matches('^[a-z]+$')"), []), false],
  ['CRD rule on list items matching a string: the list bounded, the string not', listCrd(objects({ maxItems: 100 }, {}, "self.name.matches('^[a-z]+$')"), []), false],
  ['CRD rule on list items comparing a string: neither bounded', listCrd(objects({}, {}, "self.name == 'web'"), []), true],
  ['CRD rule looping over unbounded strings with matches()', listCrd(strings(), [{ rule: "self.list.all(n, n.matches('^a'))" }]), false],
  ['CRD rule looping over bounded strings with matches()', listCrd(strings({ maxItems: 64 }, { maxLength: 64 }), [{ rule: "self.list.all(n, n.matches('^a'))" }]), true],
  ['CRD rules each under budget, together over it', listCrd(strings({ maxItems: 7000 }, { maxLength: 1000 }),
    Array.from({ length: 20 }, (_, i) => ({ rule: `self.list.all(n, n.matches('^abc${i}$'))` }))), false],
  ['CRD rules each under budget, together under it', listCrd(strings({ maxItems: 7000 }, { maxLength: 1000 }),
    Array.from({ length: 5 }, (_, i) => ({ rule: `self.list.all(n, n.matches('^abc${i}$'))` }))), true],
  // an entry's own fields: a known reason, a fieldPath into the node's fields, a one-line message
  ['CRD rule with a reason and a fieldPath into the node', celCrd({ rule: 'self.replicas >= 0', reason: 'FieldValueForbidden', fieldPath: ".replicas", message: 'no' }), true],
  ['CRD rule with a fieldPath in brackets and into a map', celCrd({ rule: 'self.replicas >= 0', fieldPath: "['my-field']" }), true],
  ['CRD rule with a fieldPath to a map key', celCrd({ rule: 'self.replicas >= 0', fieldPath: '.labels.team' }), true],
  ['CRD rule with an unknown reason', celCrd({ rule: 'self.replicas >= 0', reason: 'FieldValueWrong' }), false],
  ['CRD rule with a fieldPath to a field the node does not have', celCrd({ rule: 'self.replicas >= 0', fieldPath: '.replica' }), false],
  ['CRD rule with a fieldPath without its leading dot', celCrd({ rule: 'self.replicas >= 0', fieldPath: 'replicas' }), false],
  ['CRD rule with a fieldPath into list items', celCrd({ rule: 'self.replicas >= 0', fieldPath: '.items.name' }), false],
  ['CRD rule whose message spans two lines', celCrd({ rule: 'self.replicas >= 0', message: 'one\ntwo' }), false],
  ['CRD rule over two lines without a message', celCrd({ rule: 'self.replicas >= 0 &&\nself.replicas < 10' }), false],
  ['CRD rule over two lines with a message', celCrd({ rule: 'self.replicas >= 0 &&\nself.replicas < 10', message: 'between 0 and 9' }), true],
  ['CRD rule with a blank message expression', celCrd({ rule: 'self.replicas >= 0', messageExpression: '  ' }), false],
  // a version's deprecationWarning and selectableFields (crd.versions-invalid)
  ['CRD deprecated version with a warning', withVersion({ deprecated: true, deprecationWarning: 'v1 is going away; use v2' }), true],
  ['CRD version with an empty deprecation warning', withVersion({ deprecated: true, deprecationWarning: '' }), false],
  ['CRD version not deprecated with a deprecation warning', withVersion({ deprecationWarning: 'v1 is going away' }), false],
  ['CRD deprecation warning with a tab', withVersion({ deprecated: true, deprecationWarning: 'going\taway' }), false],
  ['CRD selectable fields on a string and an integer', withVersion({ selectableFields: [{ jsonPath: '.spec.name' }, { jsonPath: '.spec.replicas' }] }), true],
  ['CRD selectable field on an object', withVersion({ selectableFields: [{ jsonPath: '.spec.labels' }] }), false],
  ['CRD selectable field that is not in the schema', withVersion({ selectableFields: [{ jsonPath: '.spec.colour' }] }), false],
  ['CRD selectable field in brackets', withVersion({ selectableFields: [{ jsonPath: "['spec'].name" }] }), false],
  ['CRD selectable field named twice', withVersion({ selectableFields: [{ jsonPath: '.spec.name' }, { jsonPath: '.spec.name' }] }), false],
  ['CRD selectable field in metadata', { ...withVersion({ selectableFields: [{ jsonPath: '.metadata.name' }] }), spec: { ...withVersion({}).spec, versions: [{ ...withVersion({}).spec.versions[0], selectableFields: [{ jsonPath: '.metadata.name' }], schema: { openAPIV3Schema: { type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string' } } } } } } }] } }, false],
  // transition rules need an old value to pair with: not on the items of a list other than a map list
  ['CRD transition rule on the items of an atomic list', listCrd(objects({ maxItems: 4 }, { maxLength: 8 }, 'self.name == oldSelf.name'), []), false],
  ['CRD transition rule on the items of a map list', listCrd({ ...objects({ maxItems: 4 }, { maxLength: 8 }, 'self.name == oldSelf.name'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { ...objects({}, { maxLength: 8 }, 'self.name == oldSelf.name').items, required: ['name'] } }, []), true],
  ['ValidatingAdmissionPolicy validation naming no variable', vap({ validations: [{ expression: 'Sometimes' }] }), false],
  // an expression cut short, an operator where an operand goes, a string not closed, a character no token starts with
  ['ValidatingAdmissionPolicy validation 100% (ends after an operator)', vap({ validations: [{ expression: '100%' }] }), false],
  ['ValidatingAdmissionPolicy validation ending in ==', vap({ validations: [{ expression: 'object.spec.replicas ==' }] }), false],
  ['ValidatingAdmissionPolicy validation !!', vap({ validations: [{ expression: '!!' }] }), false],
  ['ValidatingAdmissionPolicy validation with two operators in a row', vap({ validations: [{ expression: 'object.spec.replicas < * 5' }] }), false],
  ['ValidatingAdmissionPolicy validation with a string not closed', vap({ validations: [{ expression: "object.metadata.name == 'web" }] }), false],
  ['ValidatingAdmissionPolicy validation with a line break in a string', vap({ validations: [{ expression: "object.metadata.name == 'we\nb'" }] }), false],
  ['ValidatingAdmissionPolicy validation starting with #', vap({ validations: [{ expression: '#true' }] }), false],
  ['ValidatingAdmissionPolicy validation with % between operands', vap({ validations: [{ expression: 'object.spec.replicas % 2 == 0' }] }), true],
  ['ValidatingAdmissionPolicy validation with a trailing comma in a list and a map', vap({ validations: [{ expression: "[1, 2,].size() == 2 && {'a': 1,}.size() == 1" }] }), true],
  ['ValidatingAdmissionPolicy validation with a triple-quoted string over lines', vap({ validations: [{ expression: "object.metadata.name != '''a\nb'''" }] }), true],
  // a `:` or `,` that no `?`, map, call or list holds (an IPv6 value written without quotes, a tuple, a slice)
  ['ValidatingAdmissionPolicy validation 2001:db8::/129 (a CIDR without quotes)', vap({ validations: [{ expression: '2001:db8::/129' }] }), false],
  ['ValidatingAdmissionPolicy validation with a comma after the expression', vap({ validations: [{ expression: 'object.spec.replicas > 1, true' }] }), false],
  ['ValidatingAdmissionPolicy validation with a colon and no ?', vap({ validations: [{ expression: 'object.spec.replicas : 1' }] }), false],
  ['ValidatingAdmissionPolicy validation with a ternary given two colons', vap({ validations: [{ expression: 'true ? 1 : 2 : 3' }] }), false],
  ['ValidatingAdmissionPolicy validation with a slice', vap({ validations: [{ expression: "object.metadata.name[0:2] == 'ab'" }] }), false],
  ['CRD rule with a comma in brackets', celCrd({ rule: '(self.replicas, 1) == 1' }), false],
  // optional list elements and map entries (CEL's optional types, in the environment from 1.28)
  ['ValidatingAdmissionPolicy validation with optional list elements', vap({ validations: [{ expression: '[?optional.none(), optional.of(1)].size() == 1' }] }), true],
  ['ValidatingAdmissionPolicy validation with an optional map entry', vap({ validations: [{ expression: "{?'a': optional.of(1)}.size() == 1" }] }), true],
  ['CRD rule with an optional list element from an optional field', celCrd({ rule: '[?self.?name].size() <= 1' }), true],
  // tokens CEL's lexer has not: a float without digits after its dot, an escape it lacks, a letter outside ASCII, a no-break space, a lone = or &
  ['ValidatingAdmissionPolicy validation with 1. (no digits after the dot)', vap({ validations: [{ expression: '1. == 1.0' }] }), false],
  ['ValidatingAdmissionPolicy validation with the escape \\q', vap({ validations: [{ expression: "'\\q' == 'q'" }] }), false],
  ['ValidatingAdmissionPolicy validation with an octal escape', vap({ validations: [{ expression: "'\\101' == 'A'" }] }), true],
  ['ValidatingAdmissionPolicy validation with a letter outside ASCII', vap({ validations: [{ expression: 'ñ == 1' }] }), false],
  ['ValidatingAdmissionPolicy validation with a no-break space', vap({ validations: [{ expression: "object.metadata.name == 'a'\u00a0" }] }), false],
  ['ValidatingAdmissionPolicy validation with = for ==', vap({ validations: [{ expression: 'object.spec.replicas = 1' }] }), false],
  ['ValidatingAdmissionPolicy validation with => for >=', vap({ validations: [{ expression: 'object.spec.replicas => 1' }] }), false],
  ['ValidatingAdmissionPolicy validation with & for &&', vap({ validations: [{ expression: 'object.spec.replicas > 1 & true' }] }), false],
  ['ValidatingAdmissionPolicy validation with an unsigned literal written 1U', vap({ validations: [{ expression: '1U == 1U' }] }), true],
  // a dot and no name after it, a ? and no :, macros given what they cannot expand
  ['ValidatingAdmissionPolicy validation with two dots in a row', vap({ validations: [{ expression: 'object.spec..replicas == 1' }] }), false],
  ['ValidatingAdmissionPolicy validation ending in a dot', vap({ validations: [{ expression: 'object.spec.replicas.' }] }), false],
  ['ValidatingAdmissionPolicy validation with a reserved word as a field name', vap({ validations: [{ expression: 'object.spec.if == 1' }] }), true],
  ['ValidatingAdmissionPolicy validation with a ? and no :', vap({ validations: [{ expression: 'object.spec.replicas > 1 ? true' }] }), false],
  ['ValidatingAdmissionPolicy validation has() of a variable', vap({ validations: [{ expression: 'has(object)' }] }), false],
  ['ValidatingAdmissionPolicy validation has() of an index', vap({ validations: [{ expression: "has(object.metadata.labels['a'])" }] }), false],
  ['ValidatingAdmissionPolicy validation exists() whose variable is no name', vap({ validations: [{ expression: 'object.spec.template.spec.containers.exists(1, true)' }] }), false],
  ['ValidatingAdmissionPolicy validation exists() whose variable is a selection', vap({ validations: [{ expression: 'object.spec.template.spec.containers.exists(c.name, true)' }] }), false],
  // params only with a paramKind, variables only with variables; a webhook's conditions have neither, and have namespaceObject
  ['ValidatingAdmissionPolicy validation reading params without a paramKind', vap({ validations: [{ expression: 'params.x == 1' }] }), false],
  ['ValidatingAdmissionPolicy validation reading params with a paramKind', vap({ paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'params.data.x == "1"' }] }), true],
  ['ValidatingAdmissionPolicy validation reading variables without variables', vap({ validations: [{ expression: 'variables.x == 1' }] }), false],
  ['ValidatingAdmissionPolicy validation reading variables with variables', vap({ variables: [{ name: 'x', expression: '1' }], validations: [{ expression: 'variables.x == 1' }] }), true],
  ['ValidatingWebhookConfiguration match condition reading params', webhook('params == null'), false],
  ['ValidatingWebhookConfiguration match condition reading namespaceObject', webhook('namespaceObject == null'), true],
  // types CEL's checker refuses across (no overload for int and double, a string and null, ! of a string, a list indexed by a string…)
  ['CRD rule with an int equal to a double', celCrd({ rule: "self.replicas == 1.0" }), false],
  ['CRD rule with an int equal to an unsigned literal', celCrd({ rule: "self.replicas == 1u" }), false],
  ['CRD rule with a string equal to null', celCrd({ rule: "self.name == null" }), false],
  ['CRD rule with a string plus an int', celCrd({ rule: "self.name + 1 == 'a'" }), false],
  ['CRD rule with a size equal to an unsigned literal', celCrd({ rule: "size(self.name) == 1u" }), false],
  ['CRD rule with a string in a list of a string and an int', celCrd({ rule: "self.name in ['a', 1]" }), false],
  ['CRD rule with an int plus a double', celCrd({ rule: "self.replicas + 1.0 > 0.0" }), false],
  ['CRD rule with matches() given an int', celCrd({ rule: "self.name.matches(1)" }), false],
  ['CRD rule with ! of a string', celCrd({ rule: "!self.name" }), false],
  ['CRD rule with - of a string', celCrd({ rule: "-self.name == 'a'" }), false],
  ['CRD rule with an int as a condition', celCrd({ rule: "self.replicas ? true : false" }), false],
  ['CRD rule with an object item equal to a string', celCrd({ rule: "self.items.exists(i, i == 'a')" }), false],
  ['CRD rule with && of an int', celCrd({ rule: "self.name == 'a' && self.replicas" }), false],
  ['CRD rule with a list indexed by a string', celCrd({ rule: "self.items['a'].name == 'b'" }), false],
  ['CRD rule with a map of strings indexed by an int', celCrd({ rule: "self.labels[0] == 'a'" }), false],
  ['CRD rule with an int below an unsigned literal', celCrd({ rule: "self.replicas < 3u" }), true],
  ['CRD rule with a literal map of int keys compared in all()', celCrd({ rule: "{1: 'a'}.all(k, k > 0)" }), true],
  ['CRD rule with a list of the same type', celCrd({ rule: "[self.replicas, 1].size() == 2" }), true],
  ['CRD rule with a literal map indexed', celCrd({ rule: "{'a': self.replicas}['a'] == 1" }), true],
  ['CRD rule with a map equal to a literal map', celCrd({ rule: "self.labels == {'a': 'b'}" }), true],
  ['ValidatingAdmissionPolicy validation giving a string', vap({ validations: [{ expression: "'yes'" }] }), false],
  ['ValidatingAdmissionPolicy match condition and validation on request and object', vap({ matchConditions: [{ name: 'not-system', expression: "!request.userInfo.username.startsWith('system:')" }], validations: [{ expression: 'object.spec.replicas <= 5', messageExpression: "'at most 5, not ' + string(object.spec.replicas)" }] }), true],
  ['ValidatingAdmissionPolicy match condition naming no variable', vap({ matchConditions: [{ name: 'some', expression: 'Sometimes' }], validations: [{ expression: 'true' }] }), false],
  ['ValidatingWebhookConfiguration match condition on the request', webhook("request.resource.group != 'rbac.authorization.k8s.io'"), true],
  ['ValidatingWebhookConfiguration match condition naming no variable', webhook('Sometimes'), false],
  ['DeviceClass selector on the device\'s driver', deviceClass("device.driver == 'gpu.example.com'"), true],
  ['DeviceClass selector naming no variable', deviceClass('Sometimes'), false],
];
