/**
 * Admission rules (a webhook's rules, an admission policy's resource rules and excluded ones, a
 * binding's) with a list left out, each with the verdict a 1.34 API server gives: operations,
 * apiGroups, apiVersions and resources are required whether left out or empty
 * (validateRuleWithOperations). Found by deleting a line of a real webhook configuration and a
 * real admission policy.
 */
const full = { operations: ['CREATE'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] };
const without = (k: keyof typeof full) => Object.fromEntries(Object.entries(full).filter(([x]) => x !== k));
const meta = { name: 'podsmith-rule-case' };
const webhook = (rule: object) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: meta,
  webhooks: [{ name: 'a.example.com', clientConfig: { url: 'https://example.com/mutate' }, sideEffects: 'None', admissionReviewVersions: ['v1'], rules: [rule] }],
});
const policy = (matchConstraints: object) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: meta, spec: { matchConstraints, validations: [{ expression: 'true' }] },
});
const binding = (matchResources: object) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: meta, spec: { policyName: 'podsmith-rule-case', validationActions: ['Deny'], matchResources },
});

/** [description, object, accepted by the API server] */
export const ADMISSION_RULE_CASES: Array<[string, any, boolean]> = [
  ...(Object.keys(full) as Array<keyof typeof full>).map((k): [string, any, boolean] => [`webhook rule without ${k}`, webhook(without(k)), false]),
  ...(Object.keys(full) as Array<keyof typeof full>).map((k): [string, any, boolean] => [`admission policy resource rule without ${k}`, policy({ resourceRules: [without(k)] }), false]),
  ['webhook rule with all four lists', webhook(full), true],
  ['admission policy excluded rule without resources', policy({ resourceRules: [full], excludeResourceRules: [without('resources')] }), false],
  ['admission policy binding resource rule without resources', binding({ resourceRules: [without('resources')] }), false],
  ['admission policy binding excluded rule without operations', binding({ excludeResourceRules: [without('operations')] }), false],
  ['admission policy binding with a full resource rule', binding({ resourceRules: [full] }), true],
];
