/**
 * podsmith: the Kubernetes Pod handbook as typed cdk8s constructs, a validator and a runner.
 *
 * The public API. Rendering internals (renderPod, renderContainer, …) stay in their modules.
 */
export * from './errors';
export * from './quantity';
export * from './sysctls';
export * from './pod-resources';
export * from './restart-policy';
export * from './constructs/capabilities';
export {
  ImagePullPolicy, ContainerPort, ResourceRange, ResourcesProps, HANDBOOK_RESOURCES, DEFAULT_RUN_AS_USER, ContainerSecurityProps, ContainerProps, imageTag,
} from './constructs/container';
export * from './constructs/dockerfile';
export * from './constructs/env';
export { HeadlessService, HeadlessServiceProps, HeadlessServicePort } from './constructs/headless-service';
export {
  IPriorityClass, ISecretRef, RestartPolicy, DnsPolicy, HostAlias, DnsProps, NodeSelectorRequirement, LabelSelectorRequirement, PodAffinityTerm,
  Toleration, SchedulingProps, TopologySpread, PodSecurityProps, PodProps, ANNOTATIONS,
} from './constructs/pod';
export * from './constructs/policy';
export { PortRef, ProbeTiming, ResolvedTiming, HttpGetOptions, TcpSocketOptions, GrpcOptions, HandlerJson, Probe, PROBE_DEFAULTS, Handler } from './constructs/probes';
export * from './constructs/registry';
export * from './constructs/timezone';
export * from './constructs/volumes';
export * from './constructs/workloads';
export {
  INamed, NameRef, ICpu, ISize, IDuration, ResourceQuantity, Seconds, LabelSelectorConfig, PodSelectorConfig, ScalingTarget,
} from './constructs/interop';
export { Service, ServiceProps, ServicePort, ServiceType, ExposeOptions } from './constructs/service';
// the validator: the same three layers as `podsmith validate`
export { validateObjects, validatePaths, formatReport, SUPPORTED_K8S_VERSIONS, DEFAULT_K8S_VERSION } from './validate';
export type { Finding, Report, ValidateOptions, ObjectRef, Severity, InputObject, ReportFormat } from './validate';
export type { FormatOptions } from './validate/formats';
export { validateOnSynth, PodsmithValidation, PluginContext, PluginViolation } from './validate/cdk8s';
// the jest matcher: `expect.extend({ toPassPodsmith })` (also `podsmith/jest`)
export { toPassPodsmith, expectValidManifests, PassOptions } from './validate/jest';
