/**
 * Environment values (H11), including the Downward API: Pod name, namespace, IP, node and the
 * container's own resource limits. Service environment variables exist only for Services that
 * predate the Pod, so prefer DNS for discovery.
 */
import { PodsmithError } from '../errors';
import { Quantity } from '../quantity';
import { configKey, divisorProblem, dns1123Subdomain, qualifiedName } from '../validate/names';
import { NameRef, nameOf } from './interop';

/** Pod fields the Downward API exposes as environment values (`fieldRef.fieldPath`). */
export enum PodField {
  NAME = 'metadata.name',
  NAMESPACE = 'metadata.namespace',
  UID = 'metadata.uid',
  POD_IP = 'status.podIP',
  POD_IPS = 'status.podIPs',
  HOST_IP = 'status.hostIP',
  NODE_NAME = 'spec.nodeName',
  SERVICE_ACCOUNT = 'spec.serviceAccountName',
}

/** Container resources the Downward API exposes (`resourceFieldRef.resource`). */
export type ResourceField =
  | 'limits.cpu' | 'limits.memory' | 'limits.ephemeral-storage'
  | 'requests.cpu' | 'requests.memory' | 'requests.ephemeral-storage';

/** One environment value. */
export class EnvValue {
  /** A literal value. */
  static value(value: string): EnvValue {
    return new EnvValue({ value });
  }

  /** A Pod field through the Downward API: `EnvValue.fromField(PodField.POD_IP)`. */
  static fromField(field: PodField): EnvValue {
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath: field } } });
  }

  /** A label or annotation of the Pod: `EnvValue.fromLabel('app.kubernetes.io/name')`. */
  static fromLabel(key: string): EnvValue {
    const problem = qualifiedName(key)[0];
    if (problem) throw new PodsmithError('EnvValue.fromLabel', 'key', `'${key}': ${problem}`, "use a label key such as 'app.kubernetes.io/name'");
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath: `metadata.labels['${key}']` } } });
  }

  /**
   * A resource request or limit of a container, in units of `divisor`.
   * @param options.container the container to read. @default the container that receives the variable
   * @param options.divisor e.g. '1m' to get millicores, '1Mi' for mebibytes. @default '1'
   */
  static fromResource(resource: ResourceField, options: { container?: string; divisor?: string } = {}): EnvValue {
    if (options.divisor !== undefined) checkDivisor(resource, options.divisor);
    return new EnvValue({
      valueFrom: {
        resourceFieldRef: {
          resource,
          ...(options.container ? { containerName: options.container } : {}),
          ...(options.divisor ? { divisor: options.divisor } : {}),
        },
      },
    });
  }

  /** A key of a Secret: a kplus Secret, or its name. @param options.optional start even if the key is missing @default false */
  static fromSecret(secret: NameRef, key: string, options: { optional?: boolean } = {}): EnvValue {
    const secretName = nameOf('EnvValue.fromSecret', 'secret', secret);
    checkRef('EnvValue.fromSecret', 'secretName', secretName, key);
    return new EnvValue({ valueFrom: { secretKeyRef: { name: secretName, key, ...(options.optional !== undefined ? { optional: options.optional } : {}) } } });
  }

  /** A key of a ConfigMap: a kplus ConfigMap, or its name. @param options.optional start even if the key is missing @default false */
  static fromConfigMap(configMap: NameRef, key: string, options: { optional?: boolean } = {}): EnvValue {
    const configMapName = nameOf('EnvValue.fromConfigMap', 'configMap', configMap);
    checkRef('EnvValue.fromConfigMap', 'configMapName', configMapName, key);
    return new EnvValue({ valueFrom: { configMapKeyRef: { name: configMapName, key, ...(options.optional !== undefined ? { optional: options.optional } : {}) } } });
  }

  private constructor(readonly json: { value?: string; valueFrom?: Record<string, unknown> }) {}
}

/** Every key of a ConfigMap or Secret as environment variables (`envFrom`). */
export class EnvFrom {
  /**
   * The keys of a ConfigMap (a kplus ConfigMap, or its name).
   * @param options.prefix put before every variable name @default none
   * @param options.optional start even if the ConfigMap is missing @default false
   */
  static configMap(configMap: NameRef, options: { prefix?: string; optional?: boolean } = {}): EnvFrom {
    return EnvFrom.of('EnvFrom.configMap', 'configMapRef', nameOf('EnvFrom.configMap', 'configMap', configMap), options);
  }

  /**
   * The keys of a Secret (a kplus Secret, or its name).
   * @param options.prefix put before every variable name @default none
   * @param options.optional start even if the Secret is missing @default false
   */
  static secret(secret: NameRef, options: { prefix?: string; optional?: boolean } = {}): EnvFrom {
    return EnvFrom.of('EnvFrom.secret', 'secretRef', nameOf('EnvFrom.secret', 'secret', secret), options);
  }

  private static of(where: string, field: 'configMapRef' | 'secretRef', name: string, options: { prefix?: string; optional?: boolean }): EnvFrom {
    const problem = dns1123Subdomain(name)[0];
    if (problem) throw new PodsmithError(where, 'name', `'${name}': ${problem}`, "use the object's name: lower case letters, digits, - and .");
    if (options.prefix !== undefined && (options.prefix.includes('=') || options.prefix === '')) {
      throw new PodsmithError(where, 'prefix', `'${options.prefix}' must be non-empty and contain no '='`, "use e.g. 'APP_'");
    }
    return new EnvFrom({
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      [field]: { name, ...(options.optional !== undefined ? { optional: options.optional } : {}) },
    });
  }

  private constructor(readonly json: Record<string, unknown>) {}
}

/** What an `env` prop accepts: a literal string or an EnvValue. */
export type EnvInput = string | EnvValue;

/** A ConfigMap or Secret reference: a DNS-1123 name and a config key (the validator's rules). */
function checkRef(where: string, prop: string, name: string, key: string): void {
  const nameProblem = dns1123Subdomain(name)[0];
  if (nameProblem) throw new PodsmithError(where, prop, `'${name}': ${nameProblem}`, 'use the object\'s name: lower case letters, digits, - and .');
  const keyProblem = key === '' ? 'must not be empty' : configKey(key)[0];
  if (keyProblem) throw new PodsmithError(where, 'key', `'${key}': ${keyProblem}`, "use a key such as 'LOG_LEVEL' or 'app.mode'");
}

/** The divisors the API server takes (the validator's divisorProblem). */
function checkDivisor(resource: ResourceField, divisor: string): void {
  const where = `EnvValue.fromResource('${resource}')`;
  const fix = resource.endsWith('.cpu') ? "use '1m' (millicores) or '1' (cores)" : "use '1', '1Ki', '1Mi' or '1Gi'";
  let q: Quantity;
  try {
    q = Quantity.parse(divisor);
  } catch (e) {
    throw new PodsmithError(where, 'divisor', (e as Error).message, fix);
  }
  const problem = q.isZero() ? undefined : divisorProblem(resource, q.toString());
  if (problem) throw new PodsmithError(where, 'divisor', `'${divisor}': ${problem}`, fix);
}
