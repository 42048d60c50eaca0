/**
 * `--scenarios handbook` on a cluster of two or more nodes: the node scenarios (node-scenarios.ts)
 * run with real Pods. Checks that change nodes (taint, cordon, stop, partition) run only where
 * podsmith owns the nodes (the local cluster, through `NodeControl`); on one node every node
 * check is skipped with the reason.
 */
import { CheckId } from './checks';
import { RUN_LABEL } from './plan';
import { RunContext, Skip, sleep } from './run-context';
import { Manifest } from './types';
import { fail, pass, skip, Verdict } from './verdict';
import { BandwidthObservation, bandwidthBytesPerSecond, evalBandwidth, evalDrain, evalNodeLoss, evalPlacement, evalPreemption, hostnameTerm, NodeLossObservation, PlacementCase, Placement, scenarioDeployment, scenarioPod, usableNodes, waiter } from './node-scenarios';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What podsmith can do to the nodes of a cluster it owns (the local cluster). */
export interface NodeControl {
  /** The node fails: every process of it killed at once. */
  stop(name: string): Promise<void>;
  /** The node leaves the network; its processes keep running. */
  partition(name: string): Promise<void>;
  /** A stopped or partitioned node comes back; resolves once it is Ready. */
  start(name: string): Promise<void>;
  /** The seconds after which the node controller gives up on a silent node, for the report. */
  readonly graceSeconds: number;
  /** The seconds Pods tolerate a not-ready or unreachable node before they are evicted. */
  readonly tolerationSeconds: number;
  /** The nodes podsmith can stop and partition (not the one running the control plane). */
  readonly workers: readonly string[];
}

/** The node checks and the report objects they are recorded under, in run order. */
export const NODE_CHECKS: Array<{ object: string; check: CheckId }> = [
  { object: 'Pod/h22-node-selector', check: 'placement' },
  { object: 'Pod/h22-node-affinity', check: 'placement' },
  { object: 'Pod/h22-pod-affinity', check: 'placement' },
  { object: 'Deployment/h22-anti-affinity', check: 'placement' },
  { object: 'Deployment/h22-spread', check: 'placement' },
  { object: 'Deployment/h22-taint', check: 'placement' },
  { object: 'Pod/h22-toleration', check: 'placement' },
  { object: 'Pod/h25-high', check: 'preemption' },
  { object: 'Deployment/h26-drain', check: 'drain-stops-at-pdb' },
  { object: 'Pod/h21-limited', check: 'bandwidth-limited' },
  { object: 'Pod/h24-hugepages', check: 'hugepages' },
  { object: 'Pod/h2-bare', check: 'node-lost' },
  { object: 'Deployment/h2-controller', check: 'node-lost' },
  { object: 'Deployment/h8-partition', check: 'node-partitioned' },
];

const MODIFIES_NODES = 'changes nodes (taint, cordon, stop, partition): only on a cluster podsmith owns (--cluster local)';

export async function runNodeScenarios(ctx: RunContext, image: string, control: NodeControl | undefined): Promise<void> {
  const ns = ctx.plan.namespace;
  const nodes = await ctx.kube.list('v1', 'Node');
  const usable = usableNodes(nodes);
  const done = new Set<string>();
  const record = (object: string, check: CheckId, v: Verdict, ms = 0) => {
    done.add(object);
    ctx.record(object, check, v, ms);
    ctx.log(`  [${ctx.elapsed()}] ${object} ${check}: ${v.status} (${v.detail})`);
  };
  if (usable.length < 2) {
    for (const c of NODE_CHECKS) record(c.object, c.check, skip(`needs 2 or more schedulable nodes; the cluster has ${usable.length} (podsmith cluster up --nodes 3)`));
    return;
  }
  ctx.log(`verify: node scenarios on ${usable.length} nodes (${usable.join(', ')})${control ? `; a silent node is given up after ${control.graceSeconds} s, its Pods evicted ${control.tolerationSeconds} s later` : ''}`);
  // A: the last node (a worker on the local cluster), B: the one before it
  const A = usable[usable.length - 1];
  const B = usable[usable.length - 2];
  const create = async (m: Manifest) => { ctx.guard(); await ctx.kube.create({ ...m, metadata: { ...m.metadata, namespace: ns } }); };
  const remove = async (m: Manifest) => ctx.kube.delete(m.apiVersion, m.kind, m.metadata.name, ns, { graceSeconds: 0 }).catch(() => undefined);
  const podsOf = async (name: string, live = true) => (await ctx.kube.list('v1', 'Pod', ns, `podsmith.dev/scenario=${name}`)).filter((p) => !live || !p.metadata.deletionTimestamp);
  const running = (p: any) => p.status?.phase === 'Running' && p.spec?.nodeName;
  const waitPods = async (name: string, n: number, ms = 60_000): Promise<any[]> => {
    const until = Date.now() + ms;
    for (;;) {
      const pods = (await podsOf(name)).filter(running);
      if (pods.length >= n || Date.now() > until) return pods;
      await sleep(500);
    }
  };
  const placed = (pods: any[]): Placement => pods.map((p) => ({ pod: p.metadata.name, node: p.spec.nodeName }));
  const guarded = async (object: string, check: CheckId, fn: () => Promise<Verdict>) => {
    const t0 = Date.now();
    let v: Verdict;
    try {
      v = await fn();
    } catch (e) {
      v = e instanceof Skip ? skip(e.message) : fail(`${(e as Error).message}`);
    }
    record(object, check, v, Date.now() - t0);
  };

  try {
    // ---- H22 placement
    const cases: PlacementCase[] = [
      { rule: `nodeSelector kubernetes.io/hostname=${A}`, object: scenarioPod('h22-node-selector', image, { nodeSelector: { 'kubernetes.io/hostname': A } }), onlyOn: [A] },
      { rule: `required node affinity hostname In [${B}]`, object: scenarioPod('h22-node-affinity', image, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: hostnameTerm('kubernetes.io/hostname', [B]) } } }), onlyOn: [B] },
      { rule: 'required Pod affinity to h22-node-selector (topology hostname)', object: scenarioPod('h22-pod-affinity', image, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { 'podsmith.dev/scenario': 'h22-node-selector' } }, topologyKey: 'kubernetes.io/hostname' }] } } }), onlyOn: [A] },
    ];
    const anti = Math.min(usable.length, 3);
    cases.push({ rule: `required Pod anti-affinity, ${anti} replicas`, object: scenarioDeployment('h22-anti-affinity', image, anti, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { 'podsmith.dev/scenario': 'h22-anti-affinity' } }, topologyKey: 'kubernetes.io/hostname' }] } } }), distinct: true });
    cases.push({ rule: `topology spread maxSkew 1 over hostname, ${2 * usable.length} replicas`, object: scenarioDeployment('h22-spread', image, 2 * usable.length, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor', labelSelector: { matchLabels: { 'podsmith.dev/scenario': 'h22-spread' } } }] }), maxSkew: { skew: 1, over: usable } });
    const replicasOf = (m: Manifest) => (m.kind === 'Deployment' ? m.spec.replicas : 1);
    // the Pod-affinity case needs its anchor first
    await create(cases[0].object);
    await waitPods('h22-node-selector', 1);
    for (const c of cases.slice(1)) await create(c.object);
    for (const c of cases) {
      const name = c.object.metadata.name;
      await guarded(`${c.object.kind}/${name}`, 'placement', async () => evalPlacement(c, placed(await waitPods(name, replicasOf(c.object))), replicasOf(c.object)));
    }
    for (const c of cases) await remove(c.object);
    await placementByTaint(ctx, control, A, usable, image, { create, remove, waitPods, placed, guarded, record });

    // ---- H25 preemption, H26 drain, H21 bandwidth, H24 hugepages
    await guarded('Pod/h25-high', 'preemption', () => preemption(ctx, A, image, { create, remove, waitPods }));
    if (control) await guarded('Deployment/h26-drain', 'drain-stops-at-pdb', () => drain(ctx, A, image, { create, remove, waitPods }));
    else record('Deployment/h26-drain', 'drain-stops-at-pdb', skip(`a drain cordons a node; ${MODIFIES_NODES}`));
    await guarded('Pod/h21-limited', 'bandwidth-limited', () => bandwidth(ctx, A, B, image, { create, remove, waitPods }));
    await guarded('Pod/h24-hugepages', 'hugepages', () => hugepages(nodes, usable, image, { create, remove, waitPods }));

    // ---- H2, H8: a node lost, a node partitioned (the most disruptive last)
    if (!control) {
      for (const c of NODE_CHECKS.filter((x) => x.check === 'node-lost' || x.check === 'node-partitioned')) record(c.object, c.check, skip(`stops or partitions a node; ${MODIFIES_NODES}`));
    } else {
      // candidates: the nodes podsmith can stop; the Pods start on one of them and must move
      const workers = usable.filter((n) => control.workers.includes(n));
      const h2 = { create, remove, waitPods, podsOf };
      const t0 = Date.now();
      try {
        const lost = await nodeLoss(ctx, control, 'stopped', workers, usable, image, h2);
        record('Pod/h2-bare', 'node-lost', evalNodeLoss(lost, 'bare'), Date.now() - t0);
        record('Deployment/h2-controller', 'node-lost', evalNodeLoss(lost, 'controller'), Date.now() - t0);
      } catch (e) {
        for (const o of ['Pod/h2-bare', 'Deployment/h2-controller']) record(o, 'node-lost', e instanceof Skip ? skip(e.message) : fail((e as Error).message), Date.now() - t0);
      }
      await guarded('Deployment/h8-partition', 'node-partitioned', async () => evalNodeLoss(await nodeLoss(ctx, control, 'partitioned', workers, usable, image, h2), 'controller'));
    }
  } finally {
    for (const c of NODE_CHECKS) if (!done.has(c.object)) ctx.record(c.object, c.check, { status: ctx.aborted ? 'skipped' : 'failed', detail: 'not run: the node scenarios ended early' }, 0);
  }
}

type Helpers = {
  create: (m: Manifest) => Promise<void>;
  remove: (m: Manifest) => Promise<unknown>;
  waitPods: (name: string, n: number, ms?: number) => Promise<any[]>;
};

/** H22 taints: a taint keeps Pods without a toleration off a node; a toleration lets one on. */
async function placementByTaint(ctx: RunContext, control: NodeControl | undefined, A: string, usable: string[], image: string, h: Helpers & { placed: (p: any[]) => Placement; guarded: (o: string, c: CheckId, fn: () => Promise<Verdict>) => Promise<void>; record: (o: string, c: CheckId, v: Verdict) => void }): Promise<void> {
  if (!control) {
    for (const o of ['Deployment/h22-taint', 'Pod/h22-toleration']) h.record(o, 'placement', skip(`taints a node; ${MODIFIES_NODES}`));
    return;
  }
  const key = `podsmith.dev/h22-${ctx.plan.runId}`;
  const taint = { key, value: 'only', effect: 'NoSchedule' };
  await setTaints(ctx, A, (ts) => [...ts.filter((t) => t.key !== key), taint]);
  try {
    const avoid: PlacementCase = { rule: `taint ${key}=only:NoSchedule on ${A}, no toleration, ${2 * usable.length} replicas`, object: scenarioDeployment('h22-taint', image, 2 * usable.length), never: [A] };
    const tolerate: PlacementCase = { rule: `toleration of that taint, nodeSelector ${A}`, object: scenarioPod('h22-toleration', image, { nodeSelector: { 'kubernetes.io/hostname': A }, tolerations: [{ key, operator: 'Equal', value: 'only', effect: 'NoSchedule' }] }), onlyOn: [A] };
    for (const c of [avoid, tolerate]) await h.create(c.object);
    await h.guarded('Deployment/h22-taint', 'placement', async () => evalPlacement(avoid, h.placed(await h.waitPods('h22-taint', 2 * usable.length)), 2 * usable.length));
    await h.guarded('Pod/h22-toleration', 'placement', async () => evalPlacement(tolerate, h.placed(await h.waitPods('h22-toleration', 1)), 1));
    for (const c of [avoid, tolerate]) await h.remove(c.object);
  } finally {
    await setTaints(ctx, A, (ts) => ts.filter((t) => t.key !== key));
  }
}

/** Changes a node's taints with optimistic concurrency (retried on a conflict). */
async function setTaints(ctx: RunContext, node: string, change: (taints: any[]) => any[]): Promise<void> {
  for (let i = 0; ; i++) {
    const n = await ctx.kube.read('v1', 'Node', node);
    try {
      await ctx.kube.patchMerge('v1', 'Node', node, { metadata: { resourceVersion: n.metadata.resourceVersion }, spec: { taints: change(n.spec?.taints ?? []) } });
      return;
    } catch (e) {
      if (i >= 5) throw e;
      await sleep(200);
    }
  }
}

const millis = (q: string | undefined): number => {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
};

/** H25: fill node A with a low-priority Pod; a high-priority Pod that needs the room preempts it. */
async function preemption(ctx: RunContext, A: string, image: string, h: Helpers): Promise<Verdict> {
  const ns = ctx.plan.namespace;
  const node = await ctx.kube.read('v1', 'Node', A);
  const pods = (await ctx.kube.list('v1', 'Pod', undefined, undefined)).filter((p) => p.spec?.nodeName === A && !['Succeeded', 'Failed'].includes(p.status?.phase));
  const used = pods.reduce((s, p) => s + (p.spec?.containers ?? []).reduce((t: number, c: any) => t + millis(c.resources?.requests?.cpu), 0), 0);
  const free = millis(node.status?.allocatable?.cpu) - used;
  if (free < 300) return skip(`node ${A} has only ${free}m CPU unrequested; preemption needs a node it can fill`);
  const want = `${free - 100}m`;
  const pcs = { low: `${ns}-low`, high: `${ns}-high` };
  (ctx.plan.renamed.PriorityClass ??= {})[pcs.low] = pcs.low;
  ctx.plan.renamed.PriorityClass[pcs.high] = pcs.high;
  for (const [name, value] of [[pcs.low, 1000], [pcs.high, 1_000_000]] as const) {
    await ctx.kube.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name, labels: { [RUN_LABEL]: ctx.plan.runId } }, value, preemptionPolicy: 'PreemptLowerPriority' } as any);
  }
  const spec = (pc: string) => ({ priorityClassName: pc, nodeSelector: { 'kubernetes.io/hostname': A } });
  const low = scenarioPod('h25-low', image, spec(pcs.low), undefined, waiter(image, want));
  const high = scenarioPod('h25-high', image, spec(pcs.high), undefined, waiter(image, want));
  let lowReason: string | undefined;
  const listener = (_t: string, p: any) => {
    if (p?.metadata?.name !== 'h25-low') return;
    const c = (p.status?.conditions ?? []).find((x: any) => x.type === 'DisruptionTarget' && x.status === 'True');
    if (c) lowReason = c.reason;
  };
  ctx.podListeners.add(listener);
  try {
    await h.create(low);
    if ((await h.waitPods('h25-low', 1)).length === 0) return fail(`the low-priority Pod (cpu ${want}) did not run on ${A}`);
    await h.create(high);
    const hp = (await h.waitPods('h25-high', 1, 60_000))[0];
    const lowNow = await ctx.kube.read('v1', 'Pod', 'h25-low', ns);
    const v = evalPreemption({
      target: A,
      lowPhaseOrGone: lowNow ? `${lowNow.metadata.deletionTimestamp ? 'terminating' : lowNow.status?.phase}` : 'gone',
      lowPreempted: lowReason === 'PreemptionByScheduler' || !lowNow || !!lowNow.metadata.deletionTimestamp,
      lowReason,
      highNode: hp?.spec?.nodeName,
      highPhase: hp?.status?.phase,
    });
    return { ...v, detail: `${v.detail}; each requests cpu ${want}` };
  } finally {
    ctx.podListeners.delete(listener);
    await h.remove(low);
    await h.remove(high);
    for (const pc of Object.values(pcs)) await ctx.kube.delete('scheduling.k8s.io/v1', 'PriorityClass', pc).catch(() => undefined);
  }
}

/** H26: cordon A and evict the Deployment's Pods there; the budget stops the second eviction until a replacement is Ready elsewhere. */
async function drain(ctx: RunContext, preferred: string, image: string, h: Helpers): Promise<Verdict> {
  let A = preferred;
  const ns = ctx.plan.namespace;
  const sel = { 'podsmith.dev/scenario': 'h26-drain' };
  const dep = scenarioDeployment('h26-drain', image, 2, {
    affinity: {
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: hostnameTerm('kubernetes.io/hostname', [A]).nodeSelectorTerms[0] }] },
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: sel }, topologyKey: 'kubernetes.io/hostname' } }] },
    },
  });
  const pdb: Manifest = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'h26-drain' }, spec: { minAvailable: 1, selector: { matchLabels: sel } } } as Manifest;
  await h.create(dep);
  await h.create(pdb);
  try {
    const pods = await h.waitPods('h26-drain', 2);
    // the node to drain: the one both replicas share (preferred: A, and each other)
    const target = pods.length === 2 && pods[0].spec.nodeName === pods[1].spec.nodeName ? pods[0].spec.nodeName : undefined;
    if (!target) return fail(`both replicas should start on one node (preferred affinity to ${A} and to each other); they ran on ${pods.map((p) => p.spec.nodeName).join(', ') || 'no node'}`);
    A = target;
    const isReady = (p: any) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
    for (let i = 0; i < 60 && !(await h.waitPods('h26-drain', 2)).every(isReady); i++) await sleep(500);
    const onA = pods;
    for (let i = 0; i < 60; i++) {
      const b = await ctx.kube.read('policy/v1', 'PodDisruptionBudget', 'h26-drain', ns);
      if (b?.status?.disruptionsAllowed === 1) break;
      await sleep(500);
    }
    await ctx.kube.patchMerge('v1', 'Node', A, { spec: { unschedulable: true } });
    const codes: number[] = [];
    const first = await ctx.kube.evict(ns, onA[0].metadata.name);
    codes.push(first.code);
    const second = await ctx.kube.evict(ns, onA[1].metadata.name);
    codes.push(second.code);
    let replacementNode: string | undefined;
    let laterAllowed = second.code === 201;
    const until = Date.now() + 60_000;
    while (!laterAllowed && Date.now() < until) {
      await sleep(1000);
      const ready = (await ctx.kube.list('v1', 'Pod', ns, 'podsmith.dev/scenario=h26-drain'))
        .filter((p) => !p.metadata.deletionTimestamp && p.spec.nodeName !== A && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
      if (ready.length) replacementNode = ready[0].spec.nodeName;
      if (replacementNode) laterAllowed = (await ctx.kube.evict(ns, onA[1].metadata.name)).code === 201;
    }
    return evalDrain({ node: A, codes, refusalMessage: second.message, laterAllowed, replacementNode });
  } finally {
    await ctx.kube.patchMerge('v1', 'Node', A, { spec: { unschedulable: null } }).catch(() => undefined);
    await h.remove(dep);
    await h.remove(pdb);
  }
}

/** H21: a sender with kubernetes.io/egress-bandwidth against one without, measured at their receivers. */
async function bandwidth(ctx: RunContext, A: string, B: string, image: string, h: Helpers): Promise<Verdict> {
  const ns = ctx.plan.namespace;
  const annotation = '2M';
  const sink = (name: string) => scenarioPod(name, image, { nodeSelector: { 'kubernetes.io/hostname': A } }, undefined, waiter(image, '10m', ['sh', '-c', 'sleep 3600 | nc -l -p 5001 | dd of=/dev/null bs=64k; sleep 3600']));
  const sinks = [sink('h21-sink-limited'), sink('h21-sink-unlimited')];
  const made: Manifest[] = [...sinks];
  try {
    for (const s of sinks) await h.create(s);
    const ips: string[] = [];
    for (const s of sinks) {
      const p = (await h.waitPods(s.metadata.name, 1))[0];
      if (!p?.status?.podIP) return fail(`receiver ${s.metadata.name} did not run`);
      ips.push(p.status.podIP);
    }
    const sender = (name: string, ip: string, count: string, annotations?: Record<string, string>) => scenarioPod(name, image, { nodeSelector: { 'kubernetes.io/hostname': B } }, annotations, waiter(image, '10m', ['sh', '-c', `sleep 1; dd if=/dev/zero bs=64k ${count} 2>/dev/null | nc ${ip} 5001; sleep 3600`]));
    const rchar = async (pod: string) => {
      const r = await ctx.kube.exec(ns, pod, 'c0', ['sh', '-c', 'grep rchar /proc/$(pidof dd)/io'], 5000);
      return Number(/rchar:\s*(\d+)/.exec(r.stdout)?.[1] ?? NaN);
    };
    const limit = bandwidthBytesPerSecond(annotation);
    const obs: BandwidthObservation = { annotation };
    // the limited sender: the shaper lets a burst through first; the steady rate follows
    const lim = sender('h21-limited', ips[0], '', { 'kubernetes.io/egress-bandwidth': annotation });
    made.push(lim);
    await h.create(lim);
    let prev = 0;
    let prevT = Date.now();
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      await sleep(1000);
      const now = await rchar('h21-sink-limited');
      const t = Date.now();
      const rate = ((now - prev) * 1000) / (t - prevT);
      if (prev > 0 && rate < 3 * limit) {
        obs.burstBytes = now;
        await sleep(3000);
        const later = await rchar('h21-sink-limited');
        obs.limitedRate = ((later - now) * 1000) / (Date.now() - t);
        break;
      }
      if (now > 0) { prev = now; prevT = t; }
    }
    await h.remove(lim);
    // the unlimited sender: 64 MiB, timed from the receiver's first to its last byte
    const unl = sender('h21-unlimited', ips[1], 'count=1024');
    made.push(unl);
    await h.create(unl);
    let first: number | undefined;
    let last = 0;
    let lastT = 0;
    const until2 = Date.now() + 60_000;
    while (Date.now() < until2) {
      await sleep(250);
      const now = await rchar('h21-sink-unlimited').catch(() => NaN);
      // the receiver's dd exits at the end of the stream: done
      if (Number.isNaN(now) && first !== undefined) break;
      if (!(now > 0)) continue;
      first ??= Date.now() - 250;
      if (now > last) { last = now; lastT = Date.now(); } else if (Date.now() - lastT > 2000) break;
      if (now >= 1024 * 65536) break;
    }
    if (first !== undefined && lastT > first) obs.unlimitedRate = (last * 1000) / (lastT - first);
    return evalBandwidth(obs);
  } finally {
    for (const m of made) await h.remove(m);
  }
}

/** H24: a Pod that asks for HugePages runs where a node has them; else skipped with the reason. */
async function hugepages(nodes: any[], usable: string[], image: string, h: Helpers): Promise<Verdict> {
  const withPages = nodes.filter((n) => usable.includes(n.metadata.name) && Number(String(n.status?.allocatable?.['hugepages-2Mi'] ?? '0').replace(/Mi$/, '')) >= 2);
  if (withPages.length === 0) return skip('no schedulable node reports hugepages-2Mi allocatable (HugePages exist only where the kernel reserves them: vm.nr_hugepages; a kubelet reads them at start)');
  const c = { ...waiter(image), resources: { requests: { cpu: '10m', memory: '16Mi', 'hugepages-2Mi': '2Mi' }, limits: { cpu: '100m', memory: '16Mi', 'hugepages-2Mi': '2Mi' } }, volumeMounts: [{ name: 'hp', mountPath: '/hugepages' }] };
  const pod = scenarioPod('h24-hugepages', image, { volumes: [{ name: 'hp', emptyDir: { medium: 'HugePages' } }] }, undefined, c);
  await h.create(pod);
  try {
    const p = (await h.waitPods('h24-hugepages', 1))[0];
    return p ? pass(`hugepages-2Mi: 2Mi granted on ${p.spec.nodeName}, emptyDir medium HugePages mounted`) : fail('the Pod asking for 2Mi of hugepages-2Mi did not run');
  } finally {
    await h.remove(pod);
  }
}

/** H2, H8: lose a node (stop or partition it), watch the node controller and the Pods, bring it back. */
async function nodeLoss(ctx: RunContext, control: NodeControl, how: 'stopped' | 'partitioned', workers: string[], usable: string[], image: string, h: Helpers & { podsOf: (n: string, live?: boolean) => Promise<any[]> }): Promise<NodeLossObservation> {
  if (workers.length === 0) throw new Skip('no node podsmith can stop or partition is schedulable');
  const name = how === 'stopped' ? 'h2-controller' : 'h8-partition';
  // The Pod starts on a node podsmith can take away (required), the last one if it can
  // (preferred); with two or more such nodes, it may only move between them.
  const prefer = {
    nodeAffinity: {
      ...(workers.length >= 2 ? { requiredDuringSchedulingIgnoredDuringExecution: hostnameTerm('kubernetes.io/hostname', workers) } : {}),
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: hostnameTerm('kubernetes.io/hostname', [workers[workers.length - 1]]).nodeSelectorTerms[0] }],
    },
  };
  // an app that does not end by itself on SIGTERM (PID 1 ignores it): killed after the grace period
  const app = [waiter(image, '10m', ['sh', '-c', 'exec sleep 3600'])];
  const dep = scenarioDeployment(name, image, 1, { affinity: prefer, terminationGracePeriodSeconds: 3, containers: app });
  const obs: NodeLossObservation = { how, node: '', graceSeconds: control.graceSeconds, tolerationSeconds: control.tolerationSeconds, lostPhases: {}, barePodRecreatedElsewhere: false, barePodGone: false };
  let node = '';
  let bare: Manifest | undefined;
  const lost = new Map<string, string>();
  const listener = (type: string, p: any) => {
    const n = p?.metadata?.name;
    if (!n) return;
    if (n === 'h2-bare' && node && p.spec?.nodeName && p.spec.nodeName !== node) obs.barePodRecreatedElsewhere = true;
    if (lost.has(n) && type !== 'DELETED') lost.set(n, p.status?.phase ?? 'Unknown');
  };
  ctx.podListeners.add(listener);
  await h.create(dep);
  let stopped = false;
  try {
    const pods = await h.waitPods(name, 1);
    node = pods[0]?.spec?.nodeName ?? '';
    if (!workers.includes(node)) throw new Error(`the ${name} Pod should start on ${workers.join(' or ')}; it ran on ${node || 'no node'}`);
    if (usable.length < 2) throw new Skip('needs a second node to move to');
    obs.node = node;
    lost.set(pods[0].metadata.name, 'Running');
    if (how === 'stopped') {
      // the bare Pod on the same node
      bare = scenarioPod('h2-bare', image, { nodeSelector: { 'kubernetes.io/hostname': node }, terminationGracePeriodSeconds: 3, containers: app });
      await h.create(bare);
      if ((await h.waitPods('h2-bare', 1)).length === 0) throw new Error(`the bare Pod did not run on ${node}`);
      lost.set('h2-bare', 'Running');
    }
    const t0 = Date.now();
    ctx.log(`  [${ctx.elapsed()}] node ${node}: ${how === 'stopped' ? 'stopping it (every process killed)' : 'partitioning it'}`);
    await (how === 'stopped' ? control.stop(node) : control.partition(node));
    stopped = true;
    const until = Date.now() + 120_000;
    while (Date.now() < until && (obs.notReadyAfterS === undefined || obs.replacementNode === undefined)) {
      ctx.guard();
      await sleep(1000);
      const n = await ctx.kube.read('v1', 'Node', node);
      const ready = (n?.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
      if (obs.notReadyAfterS === undefined && ready?.status !== 'True') obs.notReadyAfterS = Math.round((Date.now() - t0) / 1000);
      const repl = (await h.podsOf(name)).find((p) => !lost.has(p.metadata.name) && p.status?.phase === 'Running' && p.spec?.nodeName !== node);
      if (repl && obs.replacementNode === undefined) {
        obs.replacementNode = repl.spec.nodeName;
        obs.replacementAfterS = Math.round((Date.now() - t0) / 1000);
      }
    }
    ctx.log(`  [${ctx.elapsed()}] node ${node}: bringing it back`);
    await control.start(node);
    stopped = false;
    // the kubelet, back, ends the evicted Pods (phase) and they are removed
    const gone = Date.now() + 90_000;
    while (Date.now() < gone) {
      const left = (await h.podsOf(name, false)).filter((p) => lost.has(p.metadata.name));
      const bareLeft = how === 'stopped' ? await ctx.kube.read('v1', 'Pod', 'h2-bare', ctx.plan.namespace) : undefined;
      if (left.length === 0 && !bareLeft) break;
      await sleep(1000);
    }
    obs.barePodGone = how === 'stopped' && !(await ctx.kube.read('v1', 'Pod', 'h2-bare', ctx.plan.namespace));
    for (const [p, phase] of lost) obs.lostPhases[p === 'h2-bare' ? 'bare' : p] = phase;
    return obs;
  } finally {
    ctx.podListeners.delete(listener);
    if (stopped) await control.start(node).catch((e) => ctx.log(`verify: could not bring node ${node} back: ${(e as Error).message}`));
    await h.remove(dep);
    if (bare) await h.remove(bare);
  }
}
