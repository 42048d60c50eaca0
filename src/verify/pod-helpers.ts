/**
 * Pure helpers over live Pods and planned objects: merging verdicts, one-line Pod summaries,
 * which Pods belong to a workload, readiness-probe events, and which checks an object declares.
 */
import { CheckId, downwardEnv, timezoneIntent, Verdict } from './checks';
import { Plan, PlannedObject, podSpecOf } from './plan';
import { Workload } from './run-context';
import { Manifest } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Merges per-Pod (or per-container) verdicts into one: failed if any failed. */
export function combine(vs: Verdict[], pods: number): Verdict {
  if (vs.length === 0) return { status: 'skipped', detail: 'no Pod to check' };
  const failed = vs.filter((v) => v.status === 'failed');
  if (failed.length) return { status: 'failed', detail: failed.map((v) => v.detail).join('; ') };
  const passed = vs.filter((v) => v.status === 'passed');
  if (passed.length === 0) return { status: 'skipped', detail: vs[0].detail };
  return { status: 'passed', detail: `${pods > 1 ? `${pods} Pods: ` : ''}${passed[0].detail}${passed.length > 1 && pods <= 1 ? `; ${passed.slice(1).map((v) => v.detail).join('; ')}` : ''}` };
}

export function prefix(p: string, v: Verdict): Verdict {
  return { status: v.status, detail: `${p}: ${v.detail}` };
}

export function podLine(p: any): string {
  const st = [...(p.status?.initContainerStatuses ?? []).map((s: any) => ({ ...s, name: `init:${s.name}` })), ...(p.status?.containerStatuses ?? [])];
  return `${p.metadata?.name} ${p.status?.phase ?? 'Pending'} [${st.map((s: any) => `${s.name} ${s.ready ? 'ready' : s.state?.waiting?.reason ?? (s.state?.terminated ? `exit ${s.state.terminated.exitCode}` : 'not ready')}${s.restartCount ? ` ↻${s.restartCount}` : ''}`).join(', ')}]`;
}

export function belongsTo(pod: any, obj: Manifest): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (obj.kind === 'Pod') return pod.metadata?.name === obj.metadata.name;
  if (obj.kind === 'Job') return pod.metadata?.labels?.['job-name'] === obj.metadata.name;
  const sel = obj.spec?.selector?.matchLabels ?? {};
  return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.metadata?.labels?.[k] === v);
}

/** Unhealthy (readiness) event counts per Pod and container. */
export function unhealthyByPod(events: any[]): Record<string, Record<string, { count: number; message: string }>> {
  const out: Record<string, Record<string, { count: number; message: string }>> = {};
  for (const e of events) {
    if (e.reason !== 'Unhealthy' || !/^Readiness probe failed/.test(e.message ?? '')) continue;
    const pod = e.involvedObject?.name;
    const container = /spec\.containers\{(.+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1];
    if (!pod || !container) continue;
    const count = e.series?.count ?? e.count ?? 1;
    const cur = ((out[pod] ??= {})[container] ??= { count: 0, message: String(e.message).split('\n')[0] });
    cur.count += count;
  }
  return out;
}

/** Whether a budget's selector picks a workload's Pods. */
export function selects(pdb: Manifest, w: Workload): boolean {
  const labels = pdb.spec?.selector?.matchLabels ?? {};
  const podLabels = w.live.spec?.template?.metadata?.labels ?? w.live.metadata?.labels ?? {};
  return Object.keys(labels).length > 0 && Object.entries(labels).every(([k, v]) => podLabels[k] === v);
}

export function hasPreStop(t: any): boolean {
  return !!t && (t.containers ?? []).some((c: any) => c.lifecycle?.preStop);
}

/** The checks a planned object declares (for the report when they cannot run). */
export function applicableChecks(p: PlannedObject, plan: Plan): CheckId[] {
  const m = p.manifest;
  const out: CheckId[] = ['applied'];
  if (m.kind === 'PodDisruptionBudget') return [...out, 'eviction-beyond-pdb-refused'];
  const t = podSpecOf(m);
  if (!t) return out;
  const isJob = m.kind === 'Job' || m.kind === 'CronJob';
  out.push(isJob ? 'job-completed' : 'probes-ready', 'qos-class', 'image-pull-policy', 'cgroup-limits', 'dns-policy');
  if ((t.initContainers ?? []).length) out.push('init-containers-completed-in-order');
  if ((t.hostAliases ?? []).length) out.push('host-aliases');
  if ((t.securityContext?.sysctls ?? []).length) out.push('sysctls');
  if ((t.containers ?? []).some((c: any) => timezoneIntent({ spec: t }, c))) out.push('timezone');
  if ((t.containers ?? []).some((c: any) => downwardEnv(c).length)) out.push('downward-api');
  if (t.priorityClassName) out.push('priority');
  if (t.subdomain || m.kind === 'StatefulSet') out.push('fqdn-resolves');
  if (hasPreStop(t) && !isJob) out.push('graceful-termination');
  void plan;
  return out;
}
