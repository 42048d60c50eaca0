/**
 * Pure functions over a Pod spec in the API's shape (H16, H18): the QoS class and the Pod's
 * effective requests. Used by the constructs, the validator and the verifier alike.
 */
import { Quantity } from './quantity';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

interface ContainerLike { resources?: { requests?: Record<string, string>; limits?: Record<string, string> }; restartPolicy?: string }
interface PodSpecLike { containers?: ContainerLike[]; initContainers?: ContainerLike[] }

const COMPUTE = ['cpu', 'memory'];

/** The kubelet's QoS class: Guaranteed when every container limits cpu and memory with requests equal to limits. */
export function podQosClass(spec: PodSpecLike): QosClass {
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of COMPUTE) {
      const req = requests[r] !== undefined ? Quantity.tryParse(requests[r]) : undefined;
      const lim = limits[r] !== undefined ? Quantity.tryParse(limits[r]) : undefined;
      if ((req && !req.isZero()) || (lim && !lim.isZero())) any = true;
      // an unset request defaults to the limit
      if (!lim || (req && !req.equals(lim))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function requestsOf(c: ContainerLike): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const limits = c.resources?.limits ?? {};
  const requests = { ...Object.fromEntries(Object.entries(limits).filter(([k]) => !(k in (c.resources?.requests ?? {})))), ...(c.resources?.requests ?? {}) };
  for (const [k, v] of Object.entries(requests)) {
    const q = Quantity.tryParse(v);
    if (q) out.set(k, q);
  }
  return out;
}

function addInto(total: Map<string, Quantity>, more: Map<string, Quantity>): void {
  for (const [k, v] of more) total.set(k, total.has(k) ? total.get(k)!.add(v) : v);
}

/**
 * The Pod's effective request per resource (H18): max(largest init container request, sum of
 * app container requests). Sidecars (restartable init containers, Kubernetes ≥ 1.29) keep
 * running, so they count towards every later init container and towards the app's sum.
 */
export function effectivePodRequests(spec: PodSpecLike): Record<string, Quantity> {
  const sidecars = new Map<string, Quantity>();
  const initPeak = new Map<string, Quantity>();
  for (const c of spec.initContainers ?? []) {
    const own = requestsOf(c);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, own);
      continue;
    }
    const during = new Map(sidecars);
    addInto(during, own);
    for (const [k, v] of during) initPeak.set(k, initPeak.has(k) ? Quantity.max(initPeak.get(k)!, v) : v);
  }
  const app = new Map(sidecars);
  for (const c of spec.containers ?? []) addInto(app, requestsOf(c));
  const out: Record<string, Quantity> = {};
  for (const k of new Set([...initPeak.keys(), ...app.keys()])) {
    const a = app.get(k);
    const i = initPeak.get(k);
    out[k] = a && i ? Quantity.max(i, a) : (a ?? i)!;
  }
  return out;
}
