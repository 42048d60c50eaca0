/**
 * A Service in front of a podsmith workload, with podsmith's checks: the selector is the
 * workload's own selector labels (never a hand-typed copy that drifts), and every port targets
 * a named container port, so renumbering a container port cannot silently break the Service.
 */
import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { dns1035Label, portName } from '../validate/names';
import { checkMetadataMap } from './pod';
import type { Workload } from './workload';

export interface ServicePort {
  /** The port the Service listens on, 1–65535. */
  readonly port: number;
  /** The name of the container port it forwards to. @default the container port whose number is `port` (it must have a name) */
  readonly targetPort?: string;
  /** The Service port's name. @default the target container port's name */
  readonly name?: string;
  /** Only with type NodePort or LoadBalancer. @default allocated by the cluster */
  readonly nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** What `exposeViaService` takes; `Service` takes these and `selector`. */
export interface ExposeOptions {
  /** @default the workload's name (for a StatefulSet, whose headless Service has that name: `<name>-client`) */
  readonly name?: string;
  /** @default every named port of the workload's app containers and sidecars, on the same number */
  readonly ports?: ServicePort[];
  /** @default 'ClusterIP' */
  readonly type?: ServiceType;
  /** Labels on the Service object. @default the workload's selector labels */
  readonly labels?: Record<string, string>;
  /** @default none */
  readonly annotations?: Record<string, string>;
}

export interface ServiceProps extends ExposeOptions {
  /** The podsmith workload whose Pods receive the traffic. */
  readonly selector: Workload;
}

interface NamedContainerPort { name?: string; containerPort: number; protocol?: string }

function workloadPorts(w: Workload): NamedContainerPort[] {
  const spec = w.podSpec;
  const sidecars = ((spec.initContainers ?? []) as any[]).filter((c) => c.restartPolicy === 'Always');
  return [...(spec.containers as any[]), ...sidecars].flatMap((c) => (c.ports ?? []) as NamedContainerPort[]);
}

/** A Service selecting exactly a podsmith workload's Pods. */
export class Service extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const where = this.node.path;
    const w = props?.selector;
    if (!w || typeof w !== 'object' || !('selectorLabels' in w)) {
      throw new PodsmithError(where, 'selector', 'must be a podsmith workload (Deployment, StatefulSet, DaemonSet, …)', 'pass the workload whose Pods serve the traffic, or use workload.exposeViaService()');
    }
    this.name = props.name ?? Names.toDnsLabel(this);
    if (dns1035Label(this.name).length) {
      throw new PodsmithError(where, 'name', `'${this.name}' must be a DNS-1035 label (lower case, starts with a letter, at most 63 characters)`, "name the Service like 'web'");
    }
    checkMetadataMap(where, 'labels', props.labels, 'label');
    checkMetadataMap(where, 'annotations', props.annotations, 'annotation');
    const type = props.type ?? 'ClusterIP';
    if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(type)) {
      throw new PodsmithError(where, 'type', `must be 'ClusterIP', 'NodePort' or 'LoadBalancer', got '${type}'`, "use 'ClusterIP' inside the cluster");
    }
    const available = workloadPorts(w);
    const wanted: ServicePort[] = props.ports ?? available.map((p) => {
      if (!p.name) {
        throw new PodsmithError(where, 'ports', `container port ${p.containerPort} of ${w.node.path} has no name, and a Service targets ports by name`,
          `name it (ports: [{ number: ${p.containerPort}, name: 'http' }]) or pass the Service's ports`);
      }
      return { port: p.containerPort, targetPort: p.name };
    });
    if (!wanted.length) {
      throw new PodsmithError(where, 'ports', `${w.node.path} declares no container port to expose`, "declare the container's port, e.g. ports: [{ number: 8080, name: 'http' }]");
    }
    const names = new Set<string>();
    const numbers = new Set<string>();
    const ports = wanted.map((p, i) => {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw new PodsmithError(where, `ports[${i}].port`, `must be between 1 and 65535, got ${p.port}`, 'use a valid port number');
      const target = p.targetPort !== undefined
        ? available.find((c) => c.name === p.targetPort)
        : available.find((c) => c.containerPort === p.port);
      if (!target) {
        throw new PodsmithError(where, `ports[${i}].targetPort`, p.targetPort !== undefined
          ? `'${p.targetPort}' is not a named container port of ${w.node.path}`
          : `no container port ${p.port} in ${w.node.path}`, `use one of: ${available.filter((c) => c.name).map((c) => `'${c.name}'`).join(', ') || 'none (name the container ports)'}`);
      }
      if (!target.name) {
        throw new PodsmithError(where, `ports[${i}].targetPort`, `container port ${target.containerPort} has no name, and a Service targets ports by name`,
          `name it (ports: [{ number: ${target.containerPort}, name: 'http' }])`);
      }
      const name = p.name ?? target.name;
      if (portName(name).length) throw new PodsmithError(where, `ports[${i}].name`, `'${name}' must be an IANA service name (at most 15 lower-case letters, digits and '-')`, "name it like 'http'");
      if (names.has(name)) throw new PodsmithError(where, `ports[${i}].name`, `duplicate port name '${name}'`, 'give each port its own name');
      names.add(name);
      const protocol = target.protocol ?? 'TCP';
      if (numbers.has(`${p.port}/${protocol}`)) throw new PodsmithError(where, `ports[${i}].port`, `duplicate port ${p.port}/${protocol}`, 'expose each port once');
      numbers.add(`${p.port}/${protocol}`);
      if (p.nodePort !== undefined && type === 'ClusterIP') throw new PodsmithError(where, `ports[${i}].nodePort`, 'a ClusterIP Service has no node ports', "use type 'NodePort' or drop nodePort");
      return { name, port: p.port, targetPort: target.name, protocol, ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}) };
    });
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: this.name,
        ...(w.namespace ? { namespace: w.namespace } : {}),
        labels: { ...w.selectorLabels, ...(props.labels ?? {}) },
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: { type, selector: { ...w.selectorLabels }, ports },
    });
  }
}

/** `workload.exposeViaService()`: a Service named after the workload, in front of its named ports. */
export function exposeViaService(w: Workload, options: ExposeOptions = {}): Service {
  const clash = w.kind === 'StatefulSet' && options.name === undefined;
  return new Service(w, 'ExposedService', { ...options, name: options.name ?? (clash ? `${w.name}-client` : w.name), selector: w });
}
