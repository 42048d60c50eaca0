/**
 * Workloads (H2, H29): Deployment, StatefulSet, DaemonSet, Job and CronJob carry the Pod
 * through a controller, so it is recreated elsewhere when its node dies. A bare Pod needs an
 * explicit `bareProd: true`.
 */
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { dns1123Label } from '../validate/names';
import { cronProblem } from '../validate/semantic/cron';
import { timeZoneProblem } from '../validate/semantic/objects';
import { HeadlessService } from './headless-service';
import { ResourceQuantity, resourceQuantity, ScalingTarget, Seconds, seconds } from './interop';
import { PodDisruptionBudget } from './policy';
import { checkProps } from './props-check';
import { exposeViaService, ExposeOptions, Service } from './service';
import { portsOf, Workload, WorkloadProps } from './workload';

export { NAME_LABEL, Workload, WorkloadProps, WorkloadKind, MountOptions, maxNameLength } from './workload';

/** A PodDisruptionBudget setting (H26): one of the two. */
export interface DisruptionBudget {
  /** Pods that must stay up: a count or a percentage ('50%'). @default unset */
  readonly minAvailable?: number | string;
  /** Pods that may be down at once. @default 1 when minAvailable is unset */
  readonly maxUnavailable?: number | string;
}

export interface ReplicatedProps {
  /**
   * @default 2 (so a voluntary disruption never takes the service down); left out of the
   * manifest when a HorizontalPodAutoscaler (cdk8s-plus) targets the workload, so the HPA owns it
   */
  readonly replicas?: number;
  /**
   * H26: the PodDisruptionBudget created for a workload of more than one replica.
   * `false` is the explicit opt-out.
   * @default { maxUnavailable: 1 } when replicas > 1 (or unset)
   */
  readonly disruptionBudget?: DisruptionBudget | false;
  /** Seconds a new Pod must be Ready before it counts as available. @default 0 (the API server's) */
  readonly minReadySeconds?: Seconds;
  /** Old revisions kept for rollback. @default 10 (the API server's) */
  readonly revisionHistoryLimit?: number;
}

function checkCount(where: string, prop: string, v: number | undefined, min = 0): number | undefined {
  if (v !== undefined && (!Number.isInteger(v) || v < min)) throw new PodsmithError(where, prop, `must be a whole number ≥ ${min}, got ${v}`, `use ${min} or more`);
  return v;
}

/** A Deployment's or StatefulSet's replicas, PDB and rollout settings; replicas may be handed to an HPA. */
abstract class ReplicatedWorkload extends Workload {
  /** The replicas written to the manifest, unless an autoscaler owns them. */
  readonly replicas: number;
  /** H26: the budget created for it, if any (set once the subclass made its own children, to keep the output's order). */
  disruptionBudget?: PodDisruptionBudget;
  /** cdk8s-plus `IScalable`: true once a HorizontalPodAutoscaler targets this workload. */
  hasAutoscaler = false;
  private readonly explicitReplicas?: number;
  private readonly minReady?: number;
  private readonly historyLimit?: number;

  protected constructor(scope: Construct, id: string, kind: 'Deployment' | 'StatefulSet', props: WorkloadProps & ReplicatedProps, claimNames?: string[]) {
    super(scope, id, kind, props, { replicated: true, claimNames });
    this.explicitReplicas = checkCount(this.node.path, 'replicas', props.replicas);
    this.replicas = props.replicas ?? 2;
    this.minReady = seconds(this.node.path, 'minReadySeconds', props.minReadySeconds);
    this.historyLimit = checkCount(this.node.path, 'revisionHistoryLimit', props.revisionHistoryLimit);
    if (props.replicas === undefined) this.objectDefaults.add('replicas');
    if (this.replicas > 1 && props.disruptionBudget === undefined) this.objectDefaults.add('disruptionBudget');
    if (this.replicas > 1 && props.disruptionBudget === false) this.objectIgnores.add('pdb.missing');
  }

  /** H26: the PodDisruptionBudget for more than one replica, unless opted out. */
  protected addBudget(props: ReplicatedProps & { namespace?: string }): void {
    if (this.replicas > 1 && props.disruptionBudget !== false) {
      this.disruptionBudget = new PodDisruptionBudget(this, 'Budget', {
        name: this.name, namespace: props.namespace, selector: this.selectorLabels, ...(props.disruptionBudget ?? { maxUnavailable: 1 }),
      });
    }
  }

  /** cdk8s-plus `IScalable`: called by a HorizontalPodAutoscaler; `replicas` is then left out of the manifest. */
  markHasAutoscaler(): void {
    this.hasAutoscaler = true;
    this.objectDefaults.delete('replicas');
  }

  /** cdk8s-plus `IScalable`: what a HorizontalPodAutoscaler scales. */
  toScalingTarget(): ScalingTarget {
    const containers = (this.podSpec.containers as any[]).map((c) => ({
      name: c.name,
      resources: {
        cpu: { request: c.resources?.requests?.cpu, limit: c.resources?.limits?.cpu },
        memory: { request: c.resources?.requests?.memory, limit: c.resources?.limits?.memory },
      },
    }));
    return { kind: this.kind, apiVersion: 'apps/v1', name: this.name, containers, replicas: this.explicitReplicas };
  }

  /** A ClusterIP Service in front of this workload's named container ports (podsmith's checks: ports named, selector = the workload's labels). */
  exposeViaService(options: ExposeOptions = {}): Service {
    return exposeViaService(this, options);
  }

  protected replicatedSpec(): Record<string, unknown> {
    return {
      ...(this.hasAutoscaler ? {} : { replicas: this.replicas }),
      ...(this.minReady !== undefined ? { minReadySeconds: this.minReady } : {}),
      ...(this.historyLimit !== undefined ? { revisionHistoryLimit: this.historyLimit } : {}),
    };
  }
}

/** How a Deployment replaces its Pods. */
export class DeploymentStrategy {
  /**
   * Replace Pods gradually.
   * @param options.maxSurge extra Pods during the rollout, a count or a percentage @default '25%'
   * @param options.maxUnavailable Pods that may be unavailable during the rollout @default '25%'
   */
  static rollingUpdate(options: { maxSurge?: number | string; maxUnavailable?: number | string } = {}): DeploymentStrategy {
    for (const k of ['maxSurge', 'maxUnavailable'] as const) {
      const v = options[k];
      if (v !== undefined && !(typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^(100|[1-9]?\d)%$/.test(v))) {
        throw new PodsmithError('DeploymentStrategy.rollingUpdate', k, `must be a whole number ≥ 0 or a percentage, got ${JSON.stringify(v)}`, "use e.g. 1 or '25%'");
      }
    }
    if (options.maxSurge !== undefined && options.maxUnavailable !== undefined && [options.maxSurge, options.maxUnavailable].every((v) => v === 0 || v === '0%')) {
      throw new PodsmithError('DeploymentStrategy.rollingUpdate', 'maxUnavailable', 'may not be 0 when maxSurge is 0', 'allow one of them to be above 0');
    }
    return new DeploymentStrategy({
      type: 'RollingUpdate',
      rollingUpdate: { ...(options.maxSurge !== undefined ? { maxSurge: options.maxSurge } : {}), ...(options.maxUnavailable !== undefined ? { maxUnavailable: options.maxUnavailable } : {}) },
    });
  }

  /** Stop every old Pod before starting new ones (for apps that cannot run two versions at once). */
  static recreate(): DeploymentStrategy {
    return new DeploymentStrategy({ type: 'Recreate' });
  }

  private constructor(readonly json: Record<string, unknown>) {}
}

export interface DeploymentProps extends WorkloadProps, ReplicatedProps {
  /** How Pods are replaced on a change. @default RollingUpdate with maxSurge and maxUnavailable 25% (the API server's) */
  readonly strategy?: DeploymentStrategy;
}

/** A Deployment: stateless replicas, rolled out gradually, recreated elsewhere when a node dies. */
export class Deployment extends ReplicatedWorkload {
  private readonly strategy?: DeploymentStrategy;

  constructor(scope: Construct, id: string, props: DeploymentProps) {
    checkProps(`${scope.node.path}/${id}`, 'Deployment', props);
    super(scope, id, 'Deployment', props);
    this.strategy = props.strategy;
    this.addBudget(props);
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      ...this.replicatedSpec(),
      ...(this.strategy ? { strategy: this.strategy.json } : {}),
      selector: { matchLabels: this.selectorLabels },
      template: this.template(),
    };
  }
}

/** Per-replica storage of a StatefulSet: each Pod gets its own PersistentVolumeClaim, kept across restarts and rescheduling. */
export interface VolumeClaimTemplate {
  /** The claim's name, which containers mount (`mounts: [{ volume: 'data', path: '/data' }]`): a DNS-1123 label. */
  readonly name: string;
  /** The size requested: '10Gi', or a cdk8s Size. */
  readonly storage: ResourceQuantity;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: ('ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod')[];
  /** @default the cluster's default StorageClass */
  readonly storageClassName?: string;
}

export interface StatefulSetProps extends WorkloadProps, ReplicatedProps {
  /**
   * The headless Service that gives each Pod its DNS name `<pod>.<serviceName>.<ns>.svc` (H15).
   * podsmith creates it with the containers' ports. @default the StatefulSet's name
   */
  readonly serviceName?: string;
  /** @default 'OrderedReady' */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** Per-replica PersistentVolumeClaims, mounted by name. @default none */
  readonly volumeClaimTemplates?: VolumeClaimTemplate[];
  /** 'OnDelete' replaces a Pod only when it is deleted. @default 'RollingUpdate' (the API server's) */
  readonly updateStrategy?: 'RollingUpdate' | 'OnDelete';
}

function claimTemplate(where: string, i: number, t: VolumeClaimTemplate): Record<string, unknown> {
  const prop = `volumeClaimTemplates[${i}]`;
  if (typeof t.name !== 'string' || dns1123Label(t.name).length) throw new PodsmithError(where, `${prop}.name`, `'${t.name}' must be a DNS-1123 label`, "name it like 'data'");
  let storage;
  try {
    storage = resourceQuantity(t.storage, `${prop}.storage`);
  } catch (e) {
    throw new PodsmithError(where, `${prop}.storage`, (e as Error).message, "request a size such as '1Gi'");
  }
  if (storage.isNegative() || storage.isZero()) throw new PodsmithError(where, `${prop}.storage`, `must be greater than 0, got ${storage}`, "request a size such as '1Gi'");
  return {
    metadata: { name: t.name },
    spec: {
      accessModes: [...(t.accessModes ?? ['ReadWriteOnce'])],
      resources: { requests: { storage: storage.toString() } },
      ...(t.storageClassName ? { storageClassName: t.storageClassName } : {}),
    },
  };
}

/** A StatefulSet: stable names and DNS (H15) through its own headless Service, per-replica storage. */
export class StatefulSet extends ReplicatedWorkload {
  readonly service: HeadlessService;
  private readonly claims: Record<string, unknown>[];

  constructor(scope: Construct, id: string, private readonly props: StatefulSetProps) {
    const where = `${scope.node.path}/${id}`;
    checkProps(where, 'StatefulSet', props);
    const claims = (props.volumeClaimTemplates ?? []).map((t, i) => claimTemplate(where, i, t));
    const names = claims.map((c) => (c.metadata as { name: string }).name);
    names.forEach((n, i) => { if (names.indexOf(n) !== i) throw new PodsmithError(where, `volumeClaimTemplates[${i}].name`, `duplicate claim name '${n}'`, 'give each claim its own name'); });
    super(scope, id, 'StatefulSet', props, names);
    this.claims = claims;
    this.service = new HeadlessService(this, 'Service', {
      name: props.serviceName ?? this.name, namespace: props.namespace, selector: this.selectorLabels, ports: portsOf(this.podSpec, this.node.path, 'serviceName'),
    });
    this.addBudget(props);
  }

  protected onPodChanged(): void {
    this.service._setPorts(portsOf(this.podSpec, this.node.path, 'serviceName'));
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      ...this.replicatedSpec(),
      serviceName: this.props.serviceName ?? this.name,
      podManagementPolicy: this.props.podManagementPolicy ?? 'OrderedReady',
      ...(this.props.updateStrategy ? { updateStrategy: { type: this.props.updateStrategy } } : {}),
      selector: { matchLabels: this.selectorLabels },
      template: this.template(),
      ...(this.claims.length ? { volumeClaimTemplates: this.claims } : {}),
    };
  }
}

export interface DaemonSetProps extends WorkloadProps {
  /** Seconds a new Pod must be Ready before it counts as available. @default 0 (the API server's) */
  readonly minReadySeconds?: Seconds;
  /** Old revisions kept for rollback. @default 10 (the API server's) */
  readonly revisionHistoryLimit?: number;
  /** 'OnDelete' replaces a Pod only when it is deleted. @default 'RollingUpdate' (the API server's) */
  readonly updateStrategy?: 'RollingUpdate' | 'OnDelete';
}

/** A DaemonSet: one Pod per node (log shippers, network plugins: H4). */
export class DaemonSet extends Workload {
  private readonly minReady?: number;

  constructor(scope: Construct, id: string, private readonly props: DaemonSetProps) {
    checkProps(`${scope.node.path}/${id}`, 'DaemonSet', props);
    super(scope, id, 'DaemonSet', props);
    this.minReady = seconds(this.node.path, 'minReadySeconds', props.minReadySeconds);
    checkCount(this.node.path, 'revisionHistoryLimit', props.revisionHistoryLimit);
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      ...(this.minReady !== undefined ? { minReadySeconds: this.minReady } : {}),
      ...(this.props.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: this.props.revisionHistoryLimit } : {}),
      ...(this.props.updateStrategy ? { updateStrategy: { type: this.props.updateStrategy } } : {}),
      selector: { matchLabels: this.selectorLabels },
      template: this.template(),
    };
  }

  /** A ClusterIP Service in front of this workload's named container ports. */
  exposeViaService(options: ExposeOptions = {}): Service {
    return exposeViaService(this, options);
  }
}

export interface JobOptions {
  /** Retries before the Job fails. @default 6 */
  readonly backoffLimit?: number;
  /** @default 1 */
  readonly completions?: number;
  /** @default 1 */
  readonly parallelism?: number;
  /** Seconds before the whole Job is stopped. @default none */
  readonly activeDeadlineSeconds?: number;
  /** Seconds after finishing before the Job is garbage-collected. @default none (kept) */
  readonly ttlSecondsAfterFinished?: number;
}

export interface JobProps extends WorkloadProps, JobOptions {}

/** The Job spec fields, checked (durations as whole seconds); the template is added by the caller. */
function jobFields(where: string, o: JobOptions): Record<string, unknown> {
  for (const k of ['backoffLimit', 'completions', 'parallelism'] as const) checkCount(where, k, o[k]);
  const deadline = seconds(where, 'activeDeadlineSeconds', o.activeDeadlineSeconds, 1);
  const ttl = seconds(where, 'ttlSecondsAfterFinished', o.ttlSecondsAfterFinished);
  return {
    backoffLimit: o.backoffLimit ?? 6,
    ...(o.completions !== undefined ? { completions: o.completions } : {}),
    ...(o.parallelism !== undefined ? { parallelism: o.parallelism } : {}),
    ...(deadline !== undefined ? { activeDeadlineSeconds: deadline } : {}),
    ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}),
  };
}

/** A Job: Pods that run to completion (restartPolicy OnFailure by default: H8). */
export class Job extends Workload {
  private readonly fields: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: JobProps) {
    const where = `${scope.node.path}/${id}`;
    checkProps(where, 'Job', props);
    const fields = jobFields(where, props);
    super(scope, id, 'Job', props);
    this.fields = fields;
    if (props.backoffLimit === undefined) this.objectDefaults.add('backoffLimit');
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.fields, template: this.template() };
  }
}

export interface CronJobProps extends WorkloadProps, JobOptions {
  /** Cron schedule, five fields: minute hour day-of-month month day-of-week, e.g. '*\/5 * * * *'. */
  readonly schedule: string;
  /** H28: the zone the schedule is read in (Kubernetes ≥ 1.27). @default the controller manager's (usually UTC) */
  readonly scheduleTimeZone?: string;
  /** @default 'Forbid' (a slow run never overlaps the next) */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** @default 1 */
  readonly failedJobsHistoryLimit?: number;
  /** Seconds (or a cdk8s Duration) after a missed time within which the Job may still start. @default none */
  readonly startingDeadlineSeconds?: Seconds;
  /** @default false */
  readonly suspend?: boolean;
}


/** A CronJob: a Job on a schedule. */
export class CronJob extends Workload {
  private readonly cronSpec: Record<string, unknown>;
  private readonly fields: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    const where = `${scope.node.path}/${id}`;
    checkProps(where, 'CronJob', props);
    // the validator's rules, which the differential test holds to the API server's
    const problem = cronProblem(props.schedule) ?? (props.schedule.includes('TZ') ? 'TZ or CRON_TZ in the schedule is refused by the API server' : undefined);
    if (problem) {
      throw new PodsmithError(where, 'schedule', `'${props.schedule}' is not a valid cron schedule: ${problem}`,
        props.schedule.includes('TZ') ? "drop the TZ= prefix and set scheduleTimeZone, e.g. 'Europe/Berlin'" : "use five fields such as '*/5 * * * *', or '@hourly'");
    }
    for (const k of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) checkCount(where, k, props[k]);
    const startingDeadline = seconds(where, 'startingDeadlineSeconds', props.startingDeadlineSeconds);
    const tzProblem = props.scheduleTimeZone !== undefined ? timeZoneProblem(props.scheduleTimeZone) : undefined;
    if (tzProblem) throw new PodsmithError(where, 'scheduleTimeZone', `'${props.scheduleTimeZone}': ${tzProblem}`, "use an IANA zone such as 'Europe/Berlin'");
    const fields = jobFields(where, props);
    super(scope, id, 'CronJob', props);
    this.fields = fields;
    this.cronSpec = {
      schedule: props.schedule,
      ...(props.scheduleTimeZone ? { timeZone: props.scheduleTimeZone } : {}),
      concurrencyPolicy: props.concurrencyPolicy ?? 'Forbid',
      successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? 1,
      ...(startingDeadline !== undefined ? { startingDeadlineSeconds: startingDeadline } : {}),
      ...(props.suspend !== undefined ? { suspend: props.suspend } : {}),
    };
    if (props.backoffLimit === undefined) this.objectDefaults.add('backoffLimit');
    if (props.concurrencyPolicy === undefined) this.objectDefaults.add('concurrencyPolicy');
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.cronSpec, jobTemplate: { spec: { ...this.fields, template: this.template() } } };
  }
}

export interface PodWorkloadProps extends WorkloadProps {
  /**
   * Opt-in: a Pod created directly is bound to its node and is not recreated when the node
   * dies (H2). Required; prefer a Deployment, StatefulSet, DaemonSet, Job or CronJob.
   */
  readonly bareProd: boolean;
}

/** A bare Pod: only with `bareProd: true` (H2, H29), annotated as such. */
export class Pod extends Workload {
  constructor(scope: Construct, id: string, props: PodWorkloadProps) {
    checkProps(`${scope.node.path}/${id}`, 'Pod', props);
    if (props.bareProd !== true) {
      throw new PodsmithError(`${scope.node.path}/${id}`, 'bareProd', 'a bare Pod is not recreated when its node dies (H2)',
        'use a Deployment, StatefulSet, DaemonSet, Job or CronJob, or set bareProd: true');
    }
    super(scope, id, 'Pod', props);
    this.objectIgnores.add('pod.bare');
    this.objectOptIns.add('bareProd');
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.podSpec };
  }
}
