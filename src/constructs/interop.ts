/**
 * What podsmith accepts from cdk8s and cdk8s-plus, by shape only, so that podsmith has no
 * run-time dependency on cdk8s-plus: kplus ConfigMap/Secret/ServiceAccount/PVC objects (anything
 * with a `name`), kplus `Cpu` (an `amount`), cdk8s `Size` and `Duration` (their conversion
 * methods), and the label selector kplus Services and NetworkPolicies read from a workload.
 */
import { PodsmithError } from '../errors';
import { Quantity, QuantityInput, toQuantity } from '../quantity';

/** An object with a Kubernetes name: a kplus ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim, or a podsmith construct. */
export interface INamed { readonly name: string }

/** A reference: the object, or its name. */
export type NameRef = INamed | string;

/** The name of a reference (checked to be a string; the caller checks the name itself). */
export function nameOf(where: string, prop: string, ref: NameRef | undefined): string {
  const name = typeof ref === 'string' ? ref : ref?.name;
  if (typeof name !== 'string') {
    throw new PodsmithError(where, prop, `must be a name or an object with a name (a kplus ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim), got ${describe(ref)}`,
      "pass the object or its name, e.g. 'app-config'");
  }
  return name;
}

/** kplus `Cpu` (`Cpu.millis(250)`): its `amount` is a quantity string. */
export interface ICpu { readonly amount: string }

/** cdk8s `Size` (`Size.mebibytes(64)`, kplus uses it for memory and storage). */
export interface ISize { toKibibytes(opts?: unknown): number }

/** cdk8s `Duration` (`Duration.seconds(30)`, `Duration.minutes(1)`; kplus re-exports it). */
export interface IDuration { toSeconds(opts?: unknown): number }

/** A quantity: a string ('500m', '64Mi'), a number, a podsmith Quantity, a kplus Cpu or a cdk8s Size. */
export type ResourceQuantity = QuantityInput | ICpu | ISize;

/** Seconds: a whole number, or a cdk8s Duration (whole seconds). */
export type Seconds = number | IDuration;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object${(v as object).constructor?.name && (v as object).constructor.name !== 'Object' ? ` (${(v as object).constructor.name})` : ''}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function isSize(v: unknown): v is ISize {
  return typeof v === 'object' && v !== null && typeof (v as ISize).toKibibytes === 'function';
}

function isCpu(v: unknown): v is ICpu {
  return typeof v === 'object' && v !== null && !(v instanceof Quantity) && typeof (v as ICpu).amount === 'string';
}

/** A Size in the largest binary unit that holds it exactly (64Mi, not 65536Ki). */
function sizeToString(s: ISize): string {
  const kib = s.toKibibytes({ rounding: 2 /* SizeRoundingBehavior.NONE */ } as unknown);
  if (!Number.isInteger(kib)) throw new Error('not a whole number of KiB');
  const units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let n = kib;
  let u = 0;
  while (u < units.length - 1 && n % 1024 === 0 && n !== 0) {
    n /= 1024;
    u++;
  }
  return `${n}${units[u]}`;
}

/** A plain QuantityInput from any accepted quantity; throws a QuantityError-like Error otherwise. */
export function toQuantityInput(value: ResourceQuantity): QuantityInput {
  if (isCpu(value)) return value.amount;
  if (isSize(value)) return sizeToString(value);
  return value as QuantityInput;
}

/** A Quantity from any accepted quantity (kplus Cpu, cdk8s Size, string, number). */
export function resourceQuantity(value: ResourceQuantity, prop: string): Quantity {
  return toQuantity(toQuantityInput(value), prop);
}

/** Whole seconds from a number or a cdk8s Duration; a one-line error naming the prop otherwise. */
export function seconds(where: string, prop: string, value: Seconds | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  let s: unknown = value;
  if (typeof value === 'object' && value !== null && typeof (value as IDuration).toSeconds === 'function') {
    try {
      s = (value as IDuration).toSeconds({ integral: false });
    } catch (e) {
      throw new PodsmithError(where, prop, (e as Error).message.split('\n')[0], 'use whole seconds, e.g. Duration.seconds(30)');
    }
  }
  if (typeof s !== 'number' || !Number.isInteger(s) || s < min) {
    throw new PodsmithError(where, prop, `must be a whole number ≥ ${min}, got ${typeof s === 'number' ? s : describe(value)}`,
      `give whole seconds, e.g. ${Math.max(min, 30)} or Duration.seconds(${Math.max(min, 30)})`);
  }
  return s;
}

/**
 * A label selector in the shape cdk8s-plus reads from `IPodSelector.toPodSelectorConfig()`:
 * `isEmpty()` and `_toKube()`. Only label equality: what podsmith's workloads select by.
 */
export class LabelSelectorConfig {
  constructor(readonly labels: Readonly<Record<string, string>>) {}

  isEmpty(): boolean {
    return Object.keys(this.labels).length === 0;
  }

  /** @internal the Kubernetes LabelSelector, as cdk8s-plus calls it */
  _toKube(): { matchLabels?: Record<string, string> } {
    return this.isEmpty() ? {} : { matchLabels: { ...this.labels } };
  }
}

/**
 * cdk8s-plus's `PodSelectorConfig`. `labelSelector` is typed `any` because kplus's
 * LabelSelector class has private members, which TypeScript compares by declaration: `any`
 * is what lets a podsmith workload stand wherever kplus takes an `IPodSelector`.
 */
export interface PodSelectorConfig {
  /** A `LabelSelectorConfig` (isEmpty, _toKube). */
  readonly labelSelector: any;
  /** The workload's namespace, when it has one. */
  readonly namespaces?: { readonly names?: string[] };
}

/** cdk8s-plus's `ScalingTarget` (for its HorizontalPodAutoscaler). */
export interface ScalingTarget {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** The app containers, in the shape kplus checks for requests or limits. */
  readonly containers: any[];
  /** The replicas the user fixed, if any (kplus refuses to autoscale a fixed count). */
  readonly replicas?: number;
}
