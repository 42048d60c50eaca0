/**
 * The headless Service behind a Pod subdomain or a StatefulSet (H15). A Pod's FQDN
 * `<hostname>.<subdomain>.<ns>.svc.<domain>` resolves only while a headless Service named like
 * the subdomain exists, and it must declare at least one port.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { dns1035Label } from '../validate/names';

export interface HeadlessServicePort {
  readonly port: number;
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: string;
}

export interface HeadlessServiceProps {
  /** The subdomain (or StatefulSet serviceName): a DNS-1035 label. */
  readonly name: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** Labels of the Pods. */
  readonly selector: Record<string, string>;
  /** At least one. */
  readonly ports: HeadlessServicePort[];
  /**
   * Publish DNS records for Pods that are not Ready yet (peers of a StatefulSet find each
   * other while starting). @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

export class HeadlessService extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id);
    this.name = props.name;
    if (dns1035Label(props.name).length) {
      throw new PodsmithError(this.node.path, 'name', `'${props.name}' must be a DNS-1035 label (starts with a letter)`, 'rename the subdomain / service');
    }
    this.ports = this.checkPorts(props.ports);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: props.name, ...(props.namespace ? { namespace: props.namespace } : {}), labels: { ...props.selector } },
      spec: {
        clusterIP: 'None',
        selector: { ...props.selector },
        ports: Lazy.any({ produce: () => this.ports }),
        ...(props.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      },
    });
  }

  private ports: Record<string, unknown>[];

  /** @internal the owning workload's ports changed (a mutator added a container) */
  _setPorts(ports: HeadlessServicePort[]): void {
    this.ports = this.checkPorts(ports);
  }

  private checkPorts(list: HeadlessServicePort[]): Record<string, unknown>[] {
    if (!list.length) {
      throw new PodsmithError(this.node.path, 'ports', 'a headless Service must declare at least one port (H15)', 'declare the port the Pods serve on');
    }
    const seen = new Set<string>();
    return list.map((p, i) => {
      const name = p.name ?? (list.length > 1 ? `port-${p.port}` : undefined);
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (seen.has(key)) throw new PodsmithError(this.node.path, `ports[${i}]`, `duplicate port ${key}`, 'declare each port once');
      seen.add(key);
      return { ...(name ? { name } : {}), port: p.port, targetPort: p.port, protocol: p.protocol ?? 'TCP' };
    });
  }
}
