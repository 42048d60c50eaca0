/**
 * Private registries (H10): a docker-registry Secret, referenced from the Pod
 * (`imagePullSecrets`) or from a ServiceAccount that the Pods use.
 */
import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { NameRef, nameOf } from './interop';
import { checkObjectName } from './object-name';

export interface RegistrySecretProps {
  /** @default a DNS label made from the construct path */
  readonly name?: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** The registry host (and port), as it appears in image references. */
  readonly server: string;
  /** The registry user. */
  readonly username: string;
  /** The password or token. It ends up base64-encoded in the manifest: keep the synthesized output private. */
  readonly password: string;
  /** @default none */
  readonly email?: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A `kubernetes.io/dockerconfigjson` Secret, as `kubectl create secret docker-registry` makes it. */
export class RegistrySecret extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RegistrySecretProps) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    checkObjectName(this.node.path, this.name);
    for (const k of ['server', 'username', 'password'] as const) {
      if (!props[k]) throw new PodsmithError(this.node.path, k, 'must not be empty', `give the registry ${k}`);
    }
    const auth = {
      username: props.username,
      password: props.password,
      ...(props.email ? { email: props.email } : {}),
      auth: b64(`${props.username}:${props.password}`),
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: this.name, ...(props.namespace ? { namespace: props.namespace } : {}) },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [props.server]: auth } })) },
    });
  }
}

export interface ServiceAccountProps {
  /** @default a DNS label made from the construct path */
  readonly name?: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** H10: Pods using this account pull with these Secrets (RegistrySecret, kplus Secret, or names). @default none */
  readonly imagePullSecrets?: NameRef[];
  /** @default false */
  readonly automountServiceAccountToken?: boolean;
}

/** A ServiceAccount, the usual carrier of imagePullSecrets for a whole namespace (H10). */
export class ServiceAccount extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceAccountProps = {}) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    checkObjectName(this.node.path, this.name);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: this.name, ...(props.namespace ? { namespace: props.namespace } : {}) },
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      ...(props.imagePullSecrets?.length ? { imagePullSecrets: props.imagePullSecrets.map((s, i) => ({ name: nameOf(this.node.path, `imagePullSecrets[${i}]`, s) })) } : {}),
    });
  }
}
