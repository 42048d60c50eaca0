/**
 * podsmith: the Kubernetes Pod handbook as typed cdk8s constructs, a validator and a runner.
 */
export * from './errors';
export * from './quantity';
export * from './sysctls';
export * from './pod-resources';
export * from './restart-policy';
export * from './constructs/capabilities';
export * from './constructs/container';
export * from './constructs/dockerfile';
export * from './constructs/env';
export * from './constructs/headless-service';
export * from './constructs/pod';
export * from './constructs/policy';
export * from './constructs/probes';
export * from './constructs/registry';
export * from './constructs/timezone';
export * from './constructs/volumes';
export * from './constructs/workloads';
// the validator: the same three layers as `podsmith validate`
export { validateObjects, validatePaths, formatReport, SUPPORTED_K8S_VERSIONS, DEFAULT_K8S_VERSION } from './validate';
export type { Finding, Report, ValidateOptions } from './validate';
export { validateOnSynth, PodsmithValidation } from './validate/cdk8s';
