/**
 * What every podsmith workload shares (H2, H29): a name that fits its kind, the selector label,
 * the rendered Pod (re-rendered by the mutators), the workload object's annotations, and the
 * cdk8s-plus interfaces (`IPodSelector`, `INetworkPolicyPeer`) by shape.
 */
import { ApiObject, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { effectivePodRequests, podQosClass, QosClass } from '../pod-resources';
import { Quantity } from '../quantity';
import { dns1123Subdomain } from '../validate/names';
import { ContainerProps } from './container';
import { HeadlessService } from './headless-service';
import { LabelSelectorConfig, PodSelectorConfig } from './interop';
import { annotationsOf, checkMetadataMap, PodProps, renderPod, RenderedPod } from './pod';
import { Volume } from './volumes';

/** Labels every podsmith workload puts on its Pods; the selector uses the first. */
export const NAME_LABEL = 'app.kubernetes.io/name';

export interface WorkloadProps extends PodProps {
  /**
   * metadata.name of the workload (and the selector label's value).
   * @default a DNS label made from the construct path with a hash suffix, at most 52 characters for StatefulSets and CronJobs, 63 otherwise
   */
  readonly name?: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** Labels on the workload object. @default the selector label */
  readonly labels?: Record<string, string>;
  /** Annotations on the workload object. @default none */
  readonly annotations?: Record<string, string>;
}

export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

const API_VERSION: Record<WorkloadKind, string> = {
  Pod: 'v1', Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

/** The longest name of a kind: a CronJob's Jobs and a StatefulSet's controller-revision-hash label append 11 characters to 52. */
export function maxNameLength(kind: WorkloadKind): number {
  return kind === 'CronJob' || kind === 'StatefulSet' ? 52 : 63;
}

/** Where to mount a volume with `Workload.mount`. */
export interface MountOptions {
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount one file or directory of the volume. @default the volume's root */
  readonly subPath?: string;
  /** The app container (by name) that gets the mount. @default every app container */
  readonly container?: string;
}

/** The workload object: its annotations are computed last, from what the Pod and the workload collected. */
class WorkloadObject extends ApiObject {
  constructor(scope: Construct, id: string, props: ConstructorParameters<typeof ApiObject>[2], private readonly extra: () => Record<string, string>) {
    super(scope, id, props);
  }

  toJson(): any {
    const json = super.toJson();
    const annotations = { ...(json.metadata.annotations ?? {}), ...this.extra() };
    const keys = Object.keys(annotations).sort();
    if (keys.length) json.metadata.annotations = Object.fromEntries(keys.map((k) => [k, annotations[k]]));
    return json;
  }
}

/** What all podsmith workloads share: the rendered Pod, its QoS class and effective requests. */
export abstract class Workload extends Construct {
  /** metadata.name */
  readonly name: string;
  /** metadata.namespace, if given. */
  readonly namespace?: string;
  /** The labels that select this workload's Pods. */
  readonly selectorLabels: Record<string, string>;
  /** The underlying API object (escape hatch: `apiObject.addJsonPatch(...)`). */
  readonly apiObject: ApiObject;
  /** Rules the workload object opts out of, opt-in props and defaulted props beyond the Pod's. */
  protected readonly objectIgnores = new Set<string>();
  protected readonly objectOptIns = new Set<string>();
  protected readonly objectDefaults = new Set<string>();
  private podProps: PodProps;
  private rendered: RenderedPod;

  protected constructor(scope: Construct, id: string, readonly kind: WorkloadKind, props: WorkloadProps,
    private readonly renderOptions: { replicated?: boolean; claimNames?: string[] } = {}) {
    super(scope, id);
    const max = maxNameLength(kind);
    this.name = props.name ?? Names.toDnsLabel(this, { maxLen: max });
    if (dns1123Subdomain(this.name).length) {
      throw new PodsmithError(this.node.path, 'name', `'${this.name}' must be a DNS-1123 subdomain`, 'use lower case letters, digits, - and .');
    }
    // The name is also the value of the app.kubernetes.io/name label (at most 63 characters).
    if (this.name.length > max) {
      throw new PodsmithError(this.node.path, 'name', `'${this.name}' is ${this.name.length} characters; a ${kind} name may have at most ${max}`,
        `shorten it (it is also the ${NAME_LABEL} label value${max === 52 ? `, and the ${kind === 'CronJob' ? 'Job names' : 'controller-revision-hash label'} add 11 characters` : ''})`);
    }
    this.namespace = props.namespace;
    checkMetadataMap(this.node.path, 'labels', props.labels, 'label');
    checkMetadataMap(this.node.path, 'annotations', props.annotations, 'annotation');
    this.selectorLabels = { [NAME_LABEL]: this.name };
    this.podProps = { ...props, containers: [...(props.containers ?? [])] };
    this.rendered = this.render(this.podProps);
    const pod = kind === 'Pod';
    this.apiObject = new WorkloadObject(this, 'Resource', {
      apiVersion: API_VERSION[kind],
      kind,
      metadata: {
        name: this.name,
        ...(props.namespace ? { namespace: props.namespace } : {}),
        labels: { ...this.selectorLabels, ...(props.labels ?? {}), ...(pod ? this.rendered.metadata.labels : {}) },
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    }, () => ({
      // a bare Pod is its own template: the Pod annotations go on the object
      ...(pod ? this.rendered.metadata.annotations ?? {} : {}),
      ...annotationsOf([...this.rendered.ignores, ...this.objectIgnores], [...this.rendered.optIns, ...this.objectOptIns], [...this.rendered.defaults, ...this.objectDefaults]),
    }));
    if (props.subdomain) {
      this.subdomainService = new HeadlessService(this, 'Subdomain', {
        name: props.subdomain, namespace: props.namespace, selector: this.selectorLabels, ports: portsOf(this.rendered.spec, this.node.path, 'subdomain'),
      });
    }
  }

  /** H15: the headless Service behind `subdomain`, if any. */
  readonly subdomainService?: HeadlessService;

  /** The object's `spec`, rendered at synthesis (after every mutator). */
  protected abstract renderSpec(): Record<string, unknown>;

  private render(props: PodProps): RenderedPod {
    return renderPod(props, {
      where: this.node.path, kind: this.kind, selectorLabels: this.selectorLabels, ...this.renderOptions,
    });
  }

  /** Applies a change to the Pod props, or throws (and keeps the old props) when it cannot render. */
  private change(next: PodProps): void {
    const rendered = this.render(next);
    const ports = this.subdomainService ? portsOf(rendered.spec, this.node.path, 'subdomain') : undefined;
    this.rendered = rendered;
    this.podProps = next;
    if (ports) this.subdomainService!._setPorts(ports);
    this.onPodChanged();
  }

  /** Called after a mutator changed the Pod (a StatefulSet refreshes its headless Service's ports). */
  protected onPodChanged(): void {}

  /** The template (metadata + spec) as the API server will see it. */
  protected template(): Record<string, unknown> {
    return { metadata: this.rendered.metadata, spec: this.rendered.spec };
  }

  /** Adds an app container (checked like the `containers` prop). */
  addContainer(container: ContainerProps): void {
    this.change({ ...this.podProps, containers: [...this.podProps.containers, container] });
  }

  /** Adds an init container, run after the ones before it (H18). */
  addInitContainer(container: ContainerProps): void {
    this.change({ ...this.podProps, initContainers: [...(this.podProps.initContainers ?? []), container] });
  }

  /** Adds a volume to the Pod (H9); mount it with `mount` or a container's `mounts`. */
  addVolume(volume: Volume): void {
    this.change({ ...this.podProps, volumes: [...(this.podProps.volumes ?? []), volume] });
  }

  /**
   * Mounts a volume at `path` in the app containers (or the one named in `options.container`),
   * adding the volume to the Pod when it is not there yet.
   */
  mount(path: string, volume: Volume, options: MountOptions = {}): void {
    const volumes = this.podProps.volumes ?? [];
    const declared = volumes.find((v) => v.name === volume.name);
    if (declared && declared !== volume && JSON.stringify(declared.toJson()) !== JSON.stringify(volume.toJson())) {
      throw new PodsmithError(this.node.path, 'mount', `another volume named '${volume.name}' is already declared`, 'give the volume its own name');
    }
    if (options.container !== undefined && !this.podProps.containers.some((c) => c.name === options.container)) {
      throw new PodsmithError(this.node.path, 'mount', `there is no app container named '${options.container}'`,
        `use one of ${this.podProps.containers.map((c) => `'${c.name}'`).join(', ')}`);
    }
    const m = { volume: volume.name, path, ...(options.readOnly !== undefined ? { readOnly: options.readOnly } : {}), ...(options.subPath ? { subPath: options.subPath } : {}) };
    this.change({
      ...this.podProps,
      volumes: declared ? volumes : [...volumes, volume],
      containers: this.podProps.containers.map((c) => (options.container === undefined || c.name === options.container ? { ...c, mounts: [...(c.mounts ?? []), m] } : c)),
    });
  }

  /** H16: the QoS class the kubelet will give these Pods. */
  get qosClass(): QosClass {
    return podQosClass(this.rendered.spec);
  }

  /** H18: the Pod's effective requests: max(largest init container, sum of app containers), sidecars included. */
  get effectiveRequests(): Record<string, Quantity> {
    return effectivePodRequests(this.rendered.spec);
  }

  /** The Pod spec as rendered (read-only use: tests, tools). */
  get podSpec(): Readonly<Record<string, any>> {
    return this.rendered.spec;
  }

  /** The Pod template's metadata as rendered. */
  get podMetadata(): Readonly<{ labels: Record<string, string>; annotations?: Record<string, string> }> {
    return this.rendered.metadata;
  }

  /** cdk8s-plus `IPodSelector`: kplus Services, NetworkPolicies and Pod affinities select this workload's Pods. */
  toPodSelectorConfig(): PodSelectorConfig {
    return {
      labelSelector: new LabelSelectorConfig(this.selectorLabels),
      ...(this.namespace ? { namespaces: { names: [this.namespace] } } : {}),
    };
  }

  /** cdk8s-plus `INetworkPolicyPeer`: a NetworkPolicy rule may allow traffic from or to these Pods. */
  toNetworkPolicyPeerConfig(): { podSelector: PodSelectorConfig } {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** cdk8s-plus `INetworkPolicyPeer`. */
  toPodSelector(): this {
    return this;
  }
}

/** Container ports of a rendered Pod, for a headless Service (which must declare at least one: H15). */
export function portsOf(spec: Readonly<Record<string, any>>, where: string, prop: string): { name?: string; port: number; protocol?: string }[] {
  const ports = (spec.containers as any[]).flatMap((c) => (c.ports ?? []) as any[]);
  if (!ports.length) {
    throw new PodsmithError(where, prop, 'the headless Service behind a subdomain must declare at least one port, and no container declares one (H15)',
      'declare the container port the Pods serve on');
  }
  // a Service port's name and its port+protocol must each be unique, and with more than one port
  // every port needs a name: the first container to declare a port wins
  const names = new Set<string>();
  const numbers = new Set<string>();
  const out: { name?: string; port: number; protocol?: string }[] = [];
  for (const p of ports) {
    const protocol = p.protocol ?? 'TCP';
    if (numbers.has(`${p.containerPort}/${protocol}`) || (p.name && names.has(p.name))) continue;
    numbers.add(`${p.containerPort}/${protocol}`);
    if (p.name) names.add(p.name);
    out.push({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: p.protocol });
  }
  if (out.length > 1) {
    for (const p of out) {
      if (p.name) continue;
      const base = `${(p.protocol ?? 'TCP').toLowerCase()}-${p.port}`;
      let n = base;
      for (let k = 2; names.has(n); k++) n = `${base}-${k}`;
      names.add(n);
      p.name = n;
    }
  }
  return out;
}
