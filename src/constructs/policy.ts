/**
 * PodDisruptionBudget (H26) and PriorityClass (H25).
 */
import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { checkObjectName } from './object-name';

export interface PodDisruptionBudgetProps {
  /** @default a DNS label made from the construct path */
  readonly name?: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** Labels of the Pods it protects (a workload's `selectorLabels`). */
  readonly selector: Record<string, string>;
  /** Pods that must stay up during a voluntary disruption: a count or a percentage ('50%'). At most one of the two. @default unset (maxUnavailable applies) */
  readonly minAvailable?: number | string;
  /** Pods that may be down at once. @default 1 when minAvailable is unset */
  readonly maxUnavailable?: number | string;
}

function checkIntOrPercent(where: string, prop: string, v: number | string): void {
  const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^(100|[1-9]?\d)%$/.test(v);
  if (!ok) throw new PodsmithError(where, prop, `must be a whole number ≥ 0 or a percentage from 0% to 100%, got ${JSON.stringify(v)}`, "use e.g. 1 or '50%'");
}

/** H26: keeps a minimum of a controller's Pods running during voluntary disruptions (drains, evictions). */
export class PodDisruptionBudget extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    checkObjectName(this.node.path, this.name);
    if (props.minAvailable !== undefined && props.maxUnavailable !== undefined) {
      throw new PodsmithError(this.node.path, 'minAvailable', 'minAvailable and maxUnavailable cannot be both set', 'keep one of them');
    }
    if (props.minAvailable !== undefined) checkIntOrPercent(this.node.path, 'minAvailable', props.minAvailable);
    if (props.maxUnavailable !== undefined) checkIntOrPercent(this.node.path, 'maxUnavailable', props.maxUnavailable);
    const budget = props.minAvailable !== undefined ? { minAvailable: props.minAvailable } : { maxUnavailable: props.maxUnavailable ?? 1 };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: this.name, ...(props.namespace ? { namespace: props.namespace } : {}), labels: { ...props.selector } },
      spec: { ...budget, selector: { matchLabels: { ...props.selector } } },
    });
  }
}

export interface PriorityClassProps {
  /** @default a DNS label made from the construct path */
  readonly name?: string;
  /** Higher value, higher priority; user classes range up to 1,000,000,000. */
  readonly value: number;
  /** Pods without a priorityClassName get this class. @default false */
  readonly globalDefault?: boolean;
  /** 'Never' queues ahead without evicting anyone. @default 'PreemptLowerPriority' */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  /** @default none */
  readonly description?: string;
}

/** The largest value a user-defined PriorityClass may have (larger ones are reserved for system classes). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** H25: a PriorityClass; give it to workloads with the `priorityClass` prop. */
export class PriorityClass extends Construct {
  readonly name: string;
  readonly value: number;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PriorityClassProps) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    checkObjectName(this.node.path, this.name);
    this.value = props.value;
    if (this.name.startsWith('system-')) {
      throw new PodsmithError(this.node.path, 'name', "priority class names with 'system-' prefix are reserved (system-cluster-critical, system-node-critical are for core components)", 'choose another name');
    }
    if (!Number.isInteger(props.value) || props.value > HIGHEST_USER_DEFINABLE_PRIORITY || props.value < -2147483648) {
      throw new PodsmithError(this.node.path, 'value', `must be a whole number no greater than ${HIGHEST_USER_DEFINABLE_PRIORITY}, got ${props.value}`, 'use a smaller value');
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: this.name },
      value: props.value,
      globalDefault: props.globalDefault ?? false,
      preemptionPolicy: props.preemptionPolicy ?? 'PreemptLowerPriority',
      ...(props.description ? { description: props.description } : {}),
    });
  }
}
