/**
 * Workloads (H2, H29): Deployment, StatefulSet, DaemonSet, Job and CronJob carry the Pod
 * through a controller, so it is recreated elsewhere when its node dies. A bare Pod needs an
 * explicit `bareProd: true`.
 */
import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { PodsmithError } from '../errors';
import { effectivePodRequests, podQosClass, QosClass } from '../pod-resources';
import { Quantity } from '../quantity';
import { dns1123Subdomain } from '../validate/names';
import { cronProblem } from '../validate/semantic/cron';
import { timeZoneProblem } from '../validate/semantic/objects';
import { HeadlessService } from './headless-service';
import { checkMetadataMap, PodProps, renderPod, RenderedPod } from './pod';
import { PodDisruptionBudget } from './policy';

/** Labels every podsmith workload puts on its Pods; the selector uses the first. */
export const NAME_LABEL = 'app.kubernetes.io/name';

export interface WorkloadProps extends PodProps {
  /** metadata.name of the workload (and the selector label's value). @default a DNS label made from the construct path */
  readonly name?: string;
  /** @default the namespace of the kubectl context / podsmith verify run */
  readonly namespace?: string;
  /** Labels on the workload object. @default the selector label */
  readonly labels?: Record<string, string>;
  /** Annotations on the workload object. @default none */
  readonly annotations?: Record<string, string>;
}

/** A PodDisruptionBudget setting (H26): one of the two. */
export interface DisruptionBudget {
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

export interface ReplicatedProps {
  /** @default 2 (so a voluntary disruption never takes the service down) */
  readonly replicas?: number;
  /**
   * H26: the PodDisruptionBudget created for a workload of more than one replica.
   * `false` is the explicit opt-out.
   * @default { maxUnavailable: 1 } when replicas > 1
   */
  readonly disruptionBudget?: DisruptionBudget | false;
}

type Kind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

const API_VERSION: Record<Kind, string> = {
  Pod: 'v1', Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

/** What all podsmith workloads share: the rendered Pod, its QoS class and effective requests. */
export abstract class Workload extends Construct {
  /** metadata.name */
  readonly name: string;
  /** The labels that select this workload's Pods. */
  readonly selectorLabels: Record<string, string>;
  /** The underlying API object (escape hatch: `apiObject.addJsonPatch(...)`). */
  readonly apiObject: ApiObject;
  /** The rendered Pod template. */
  protected readonly pod: RenderedPod;

  protected constructor(scope: Construct, id: string, readonly kind: Kind, props: WorkloadProps,
    extra: { replicas?: number; defaults?: string[]; ignores?: string[]; optIns?: string[] },
    body: (pod: RenderedPod, self: { name: string; path: string; selectorLabels: Record<string, string>; template: Record<string, unknown> }) => Record<string, unknown>) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    if (dns1123Subdomain(this.name).length) {
      throw new PodsmithError(this.node.path, 'name', `'${this.name}' must be a DNS-1123 subdomain`, 'use lower case letters, digits, - and .');
    }
    // The name is also the value of the app.kubernetes.io/name label (at most 63 characters). A
    // CronJob's Jobs and a StatefulSet's controller-revision-hash label append 11 more.
    const max = kind === 'CronJob' || kind === 'StatefulSet' ? 52 : 63;
    if (this.name.length > max) {
      throw new PodsmithError(this.node.path, 'name', `'${this.name}' is ${this.name.length} characters; a ${kind} name may have at most ${max}`,
        `shorten it (it is also the ${NAME_LABEL} label value${max === 52 ? `, and the ${kind === 'CronJob' ? 'Job names' : 'controller-revision-hash label'} add 11 characters` : ''})`);
    }
    checkMetadataMap(this.node.path, 'labels', props.labels, 'label');
    checkMetadataMap(this.node.path, 'annotations', props.annotations, 'annotation');
    this.selectorLabels = { [NAME_LABEL]: this.name };
    this.pod = renderPod(props, {
      where: this.node.path, kind, selectorLabels: this.selectorLabels, replicas: extra.replicas,
      defaults: extra.defaults, ignores: extra.ignores, optIns: extra.optIns,
    });
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: API_VERSION[kind],
      kind,
      metadata: {
        name: this.name,
        ...(props.namespace ? { namespace: props.namespace } : {}),
        labels: { ...this.selectorLabels, ...(props.labels ?? {}) },
        annotations: { ...(props.annotations ?? {}), ...this.pod.annotations },
      },
      ...body(this.pod, { name: this.name, path: this.node.path, selectorLabels: this.selectorLabels, template: this.template() }),
    });
    if (props.subdomain) {
      new HeadlessService(this, 'Subdomain', {
        name: props.subdomain, namespace: props.namespace, selector: this.selectorLabels, ports: portsOf(this.pod, this.node.path, 'subdomain'),
      });
    }
  }

  /** The template (metadata + spec) as the API server will see it. */
  protected template(): Record<string, unknown> {
    return { metadata: this.pod.metadata, spec: this.pod.spec };
  }

  /** H16: the QoS class the kubelet will give these Pods. */
  get qosClass(): QosClass {
    return podQosClass(this.pod.spec);
  }

  /** H18: the Pod's effective requests: max(largest init container, sum of app containers), sidecars included. */
  get effectiveRequests(): Record<string, Quantity> {
    return effectivePodRequests(this.pod.spec);
  }

  /** The Pod spec as rendered (read-only use: tests, tools). */
  get podSpec(): Readonly<Record<string, any>> {
    return this.pod.spec;
  }
}

/** Container ports of a rendered Pod, for a headless Service (which must declare at least one: H15). */
function portsOf(pod: RenderedPod, where: string, prop: string): { name?: string; port: number; protocol?: string }[] {
  const ports = (pod.spec.containers as any[]).flatMap((c) => (c.ports ?? []) as any[]);
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

function checkReplicas(where: string, replicas: number): number {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new PodsmithError(where, 'replicas', `must be a whole number ≥ 0, got ${replicas}`, 'use e.g. 2');
  }
  return replicas;
}

function replicated(props: ReplicatedProps, where: string): { replicas: number; defaults: string[]; ignores: string[] } {
  const replicas = checkReplicas(where, props.replicas ?? 2);
  const defaults: string[] = [];
  const ignores: string[] = [];
  if (props.replicas === undefined) defaults.push('replicas');
  if (replicas > 1 && props.disruptionBudget === undefined) defaults.push('disruptionBudget');
  if (replicas > 1 && props.disruptionBudget === false) ignores.push('pdb.missing');
  return { replicas, defaults, ignores };
}

function addBudget(w: Workload, replicas: number, budget: DisruptionBudget | false | undefined, namespace: string | undefined): PodDisruptionBudget | undefined {
  if (replicas <= 1 || budget === false) return undefined;
  return new PodDisruptionBudget(w, 'Budget', {
    name: w.name, namespace, selector: w.selectorLabels, ...(budget ?? { maxUnavailable: 1 }),
  });
}

export interface DeploymentProps extends WorkloadProps, ReplicatedProps {}

/** A Deployment: stateless replicas, rolled out gradually, recreated elsewhere when a node dies. */
export class Deployment extends Workload {
  readonly replicas: number;
  /** H26: the budget created for it, if any. */
  readonly disruptionBudget?: PodDisruptionBudget;

  constructor(scope: Construct, id: string, props: DeploymentProps) {
    const r = replicated(props, `${scope.node.path}/${id}`);
    super(scope, id, 'Deployment', props, r, (_pod, w) => ({
      spec: { replicas: r.replicas, selector: { matchLabels: w.selectorLabels }, template: w.template },
    }));
    this.replicas = r.replicas;
    this.disruptionBudget = addBudget(this, this.replicas, props.disruptionBudget, props.namespace);
  }
}

export interface StatefulSetProps extends WorkloadProps, ReplicatedProps {
  /**
   * The headless Service that gives each Pod its DNS name `<pod>.<serviceName>.<ns>.svc` (H15).
   * podsmith creates it with the containers' ports. @default the StatefulSet's name
   */
  readonly serviceName?: string;
  /** @default 'OrderedReady' */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/** A StatefulSet: stable names and DNS (H15) through its own headless Service. */
export class StatefulSet extends Workload {
  readonly replicas: number;
  readonly service: HeadlessService;
  readonly disruptionBudget?: PodDisruptionBudget;

  constructor(scope: Construct, id: string, props: StatefulSetProps) {
    const r = replicated(props, `${scope.node.path}/${id}`);
    super(scope, id, 'StatefulSet', props, r, (_pod, w) => ({
      spec: {
        replicas: r.replicas,
        serviceName: props.serviceName ?? w.name,
        podManagementPolicy: props.podManagementPolicy ?? 'OrderedReady',
        selector: { matchLabels: w.selectorLabels },
        template: w.template,
      },
    }));
    this.replicas = r.replicas;
    this.service = new HeadlessService(this, 'Service', {
      name: props.serviceName ?? this.name, namespace: props.namespace, selector: this.selectorLabels, ports: portsOf(this.pod, this.node.path, 'serviceName'),
    });
    this.disruptionBudget = addBudget(this, this.replicas, props.disruptionBudget, props.namespace);
  }
}

export interface DaemonSetProps extends WorkloadProps {}

/** A DaemonSet: one Pod per node (log shippers, network plugins: H4). */
export class DaemonSet extends Workload {
  constructor(scope: Construct, id: string, props: DaemonSetProps) {
    super(scope, id, 'DaemonSet', props, {}, (_pod, w) => ({
      spec: { selector: { matchLabels: w.selectorLabels }, template: w.template },
    }));
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

function jobDefaults(o: JobOptions): string[] {
  return o.backoffLimit === undefined ? ['backoffLimit'] : [];
}

function jobSpec(where: string, o: JobOptions, template: Record<string, unknown>): Record<string, unknown> {
  for (const k of ['backoffLimit', 'completions', 'parallelism', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'] as const) {
    const v = o[k];
    if (v !== undefined && (!Number.isInteger(v) || v < (k === 'activeDeadlineSeconds' ? 1 : 0))) {
      throw new PodsmithError(where, k, `must be a whole number ≥ ${k === 'activeDeadlineSeconds' ? 1 : 0}, got ${v}`, 'use a non-negative whole number');
    }
  }
  return {
    backoffLimit: o.backoffLimit ?? 6,
    ...(o.completions !== undefined ? { completions: o.completions } : {}),
    ...(o.parallelism !== undefined ? { parallelism: o.parallelism } : {}),
    ...(o.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {}),
    ...(o.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: o.ttlSecondsAfterFinished } : {}),
    template,
  };
}

/** A Job: Pods that run to completion (restartPolicy OnFailure by default: H8). */
export class Job extends Workload {
  constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, 'Job', props, { defaults: jobDefaults(props) }, (_pod, w) => ({ spec: jobSpec(w.path, props, w.template) }));
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
  /** Seconds after a missed time within which the Job may still start. @default none */
  readonly startingDeadlineSeconds?: number;
  /** @default false */
  readonly suspend?: boolean;
}


/** A CronJob: a Job on a schedule. */
export class CronJob extends Workload {
  constructor(scope: Construct, id: string, props: CronJobProps) {
    const where = `${scope.node.path}/${id}`;
    // the validator's rules, which the differential test holds to the API server's
    const problem = cronProblem(props.schedule) ?? (props.schedule.includes('TZ') ? 'TZ or CRON_TZ in the schedule is refused by the API server' : undefined);
    if (problem) {
      throw new PodsmithError(where, 'schedule', `'${props.schedule}' is not a valid cron schedule: ${problem}`,
        props.schedule.includes('TZ') ? "drop the TZ= prefix and set scheduleTimeZone, e.g. 'Europe/Berlin'" : "use five fields such as '*/5 * * * *', or '@hourly'");
    }
    for (const k of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds'] as const) {
      const v = props[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new PodsmithError(where, k, `must be a whole number ≥ 0, got ${v}`, 'use a non-negative whole number');
    }
    const tzProblem = props.scheduleTimeZone !== undefined ? timeZoneProblem(props.scheduleTimeZone) : undefined;
    if (tzProblem) throw new PodsmithError(where, 'scheduleTimeZone', `'${props.scheduleTimeZone}': ${tzProblem}`, "use an IANA zone such as 'Europe/Berlin'");
    const defaults = [...jobDefaults(props), ...(props.concurrencyPolicy === undefined ? ['concurrencyPolicy'] : [])];
    super(scope, id, 'CronJob', props, { defaults }, (_pod, w) => ({ spec: {
      schedule: props.schedule,
      ...(props.scheduleTimeZone ? { timeZone: props.scheduleTimeZone } : {}),
      concurrencyPolicy: props.concurrencyPolicy ?? 'Forbid',
      successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? 1,
      ...(props.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: props.startingDeadlineSeconds } : {}),
      ...(props.suspend !== undefined ? { suspend: props.suspend } : {}),
      jobTemplate: { spec: jobSpec(w.path, props, w.template) },
    } }));
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
    if (props.bareProd !== true) {
      throw new PodsmithError(`${scope.node.path}/${id}`, 'bareProd', 'a bare Pod is not recreated when its node dies (H2)',
        'use a Deployment, StatefulSet, DaemonSet, Job or CronJob, or set bareProd: true');
    }
    super(scope, id, 'Pod', props, { ignores: ['pod.bare'], optIns: ['bareProd'] }, (pod) => ({ spec: pod.spec }));
    // a bare Pod's own metadata is its template's: labels and annotations go on the object
    for (const [k, v] of Object.entries(this.pod.metadata.labels)) this.apiObject.metadata.addLabel(k, v);
    for (const [k, v] of Object.entries(this.pod.metadata.annotations ?? {})) this.apiObject.metadata.addAnnotation(k, v);
  }
}
