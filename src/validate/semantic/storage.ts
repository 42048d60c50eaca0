/**
 * API-server semantics of storage (pkg/apis/core/validation, pkg/apis/storage/validation):
 * PersistentVolume capacity, access modes and volume source; PersistentVolumeClaim access modes
 * and storage request; StorageClass provisioner, reclaim policy and binding mode.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain, hasBacksteps, qualifiedName } from '../names';
import { Quantity } from '../../quantity';
import { RuleMeta } from '../types';
import { checkLabelSelector, checkNodeSelectorTerm } from './scheduling';
import { checkInTreeSources } from './in-tree-volumes';
import { checkHostPath } from './sources';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const storageRules: RuleMeta[] = [
  S('volume-claim.invalid', 'PersistentVolumes and claims need access modes and a storage size, a PV exactly one volume source',
    'A PersistentVolume declares capacity.storage, at least one access mode and exactly one volume type (a hostPath or local path without `..`; a local volume with node affinity, whose required terms are not empty; no Recycle of a hostPath `/`); a claim asks for at least one access mode and a positive resources.requests.storage; class names are DNS subdomains.',
    'set accessModes, the storage size and (for a PV) one volume source'),
  S('storageclass.invalid', 'a StorageClass needs a provisioner and valid reclaim policy and binding mode',
    'provisioner is a qualified name (kubernetes.io/aws-ebs, ebs.csi.aws.com); reclaimPolicy is Delete or Retain; volumeBindingMode is Immediate or WaitForFirstConsumer; each allowedTopologies requirement names a label key once and at least one value, none twice.',
    'fix the StorageClass as the message says'),
];

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte',
  'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

/**
 * A PersistentVolume's or claim's access modes, as ValidatePersistentVolumeSpec and
 * ValidatePersistentVolumeClaimSpec read them: at least one, each a supported mode, and
 * ReadWriteOncePod with no other supported mode (the list is atomic: the same mode twice is fine).
 */
export function checkAccessModes(ctx: Ctx, rule: string, modes: unknown, at: string, requiredMessage?: string): void {
  const list = arr(modes);
  const r = (m: string) => ctx.report(rule, at, m);
  if (list.length === 0) r(field.required(requiredMessage));
  list.forEach((m) => { if (!ACCESS_MODES.includes(m)) r(field.notSupported(m, ACCESS_MODES)); });
  if (list.includes('ReadWriteOncePod') && list.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    r(field.forbidden('may not use ReadWriteOncePod with other access modes'));
  }
}

function checkClassName(ctx: Ctx, v: unknown, at: string): void {
  if (typeof v === 'string' && v !== '') for (const m of dns1123Subdomain(v)) ctx.report('volume-claim.invalid', at, field.invalid(v, m));
}

/** Whether Go's path.Clean makes the path `/` (a rooted path whose elements are all `.`, `..` or empty). */
function cleansToRoot(p: string): boolean {
  if (!p.startsWith('/')) return false;
  let depth = 0;
  for (const e of p.split('/')) {
    if (e === '' || e === '.') continue;
    if (e === '..') depth = Math.max(0, depth - 1);
    else depth++;
  }
  return depth === 0;
}

function checkPv(ctx: Ctx): void {
  // a spec left out is validated as empty (the zero value the API server decodes)
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (q: string, m: string) => ctx.report('volume-claim.invalid', q, m);
  checkAccessModes(ctx, 'volume-claim.invalid', spec.accessModes, 'spec.accessModes');
  const nfs = spec.nfs;
  if (isObj(nfs) && typeof nfs.path === 'string' && nfs.path !== '' && !nfs.path.startsWith('/')) r('spec.nfs.path', field.invalid(nfs.path, 'must be an absolute path'));
  const cap = isObj(spec.capacity) ? spec.capacity : {};
  if (Object.keys(cap).length === 0) r('spec.capacity', field.required());
  else if (!('storage' in cap) || Object.keys(cap).length > 1) r('spec.capacity', field.notSupported(Object.keys(cap).join(', '), ['storage']));
  // validateBasicResource, then ValidatePositiveQuantityValue, for each capacity
  for (const k of Object.keys(cap)) {
    const q = Quantity.tryParse(cap[k]);
    if (q === undefined) continue;
    if (q.isNegative()) r(`spec.capacity[${k}]`, field.invalid(Number(q.value()), 'must be a valid resource quantity'));
    if (q.isNegative() || q.isZero()) r(`spec.capacity[${k}]`, field.invalid(q.toString(), 'must be greater than zero'));
  }
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (sources.length === 0) r('spec', field.required('must specify a volume type'));
  else if (sources.length > 1) r(`spec.${sources[1]}`, field.forbidden('may not specify more than 1 volume type'));
  // validateVolumeNodeAffinity: required node constraints with at least one term
  const na = spec.nodeAffinity;
  if (isObj(na)) {
    if (!isObj(na.required)) r('spec.nodeAffinity.required', field.required('must specify required node constraints'));
    else if (arr(na.required.nodeSelectorTerms).length === 0) r('spec.nodeAffinity.required.nodeSelectorTerms', field.required('must have at least one node selector term'));
    else arr(na.required.nodeSelectorTerms).forEach((t, i) => checkNodeSelectorTerm(ctx, t, `spec.nodeAffinity.required.nodeSelectorTerms[${i}]`));
  }
  if (sources.length === 1) checkInTreeSources(ctx, 'volume-claim.invalid', spec, 'spec', { name: typeof ctx.obj.metadata?.name === 'string' ? ctx.obj.metadata.name : '' });
  if (sources[0] === 'hostPath' && isObj(spec.hostPath)) checkHostPath(ctx, 'volume-claim.invalid', spec.hostPath, 'spec.hostPath');
  if (sources[0] === 'local' && isObj(spec.local)) {
    const lp = spec.local.path;
    if (typeof lp !== 'string' || lp === '') r('spec.local.path', field.required());
    else if (hasBacksteps(lp)) r('spec.local.path', field.invalid(lp, "must not contain '..'"));
    if (!isObj(na)) r('spec.nodeAffinity', field.required('Local volume requires node affinity'));
  }
  if (isObj(spec.hostPath) && typeof spec.hostPath.path === 'string' && cleansToRoot(spec.hostPath.path) && spec.persistentVolumeReclaimPolicy === 'Recycle') {
    r('spec.persistentVolumeReclaimPolicy', field.forbidden("may not be 'recycle' for a hostPath mount of '/'"));
  }
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp !== undefined && rp !== null && !['Delete', 'Recycle', 'Retain'].includes(rp)) r('spec.persistentVolumeReclaimPolicy', field.notSupported(rp, ['Delete', 'Recycle', 'Retain']));
  checkClassName(ctx, spec.storageClassName, 'spec.storageClassName');
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !['Block', 'Filesystem'].includes(spec.volumeMode)) r('spec.volumeMode', field.notSupported(spec.volumeMode, ['Block', 'Filesystem']));
}

/** A claim's spec; also a StatefulSet's volumeClaimTemplates go through the same checks upstream. */
export function checkPvcSpec(ctx: Ctx, given: any, at: string): void {
  // a spec left out is validated as empty (the zero value the API server decodes)
  const spec = isObj(given) ? given : {};
  const r = (q: string, m: string) => ctx.report('volume-claim.invalid', q, m);
  checkAccessModes(ctx, 'volume-claim.invalid', spec.accessModes, `${at}.accessModes`, 'at least 1 access mode is required');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined || storage === null) r(`${at}.resources.requests[storage]`, field.required());
  else {
    const q = Quantity.tryParse(storage);
    if (q !== undefined && (q.isZero() || q.isNegative())) r(`${at}.resources.requests[storage]`, field.invalid(storage, 'must be greater than zero'));
  }
  checkClassName(ctx, spec.storageClassName, `${at}.storageClassName`);
  // ValidatePersistentVolumeClaimSpec: the selector of the volumes it may bind
  checkLabelSelector(ctx, 'volume-claim.invalid', spec.selector, `${at}.selector`);
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !['Block', 'Filesystem'].includes(spec.volumeMode)) r(`${at}.volumeMode`, field.notSupported(spec.volumeMode, ['Block', 'Filesystem']));
}

function checkStorageClass(ctx: Ctx): void {
  const o = ctx.obj;
  const r = (q: string, m: string) => ctx.report('storageclass.invalid', q, m);
  if (typeof o.provisioner !== 'string' || o.provisioner === '') r('provisioner', field.required());
  else for (const m of qualifiedName(o.provisioner.toLowerCase())) r('provisioner', field.invalid(o.provisioner, m));
  // a pointer, but validateReclaimPolicy checks only a non-empty one
  if (o.reclaimPolicy !== undefined && o.reclaimPolicy !== null && o.reclaimPolicy !== '' && !['Delete', 'Retain'].includes(o.reclaimPolicy)) r('reclaimPolicy', field.notSupported(o.reclaimPolicy, ['Delete', 'Retain']));
  if (o.volumeBindingMode !== undefined && o.volumeBindingMode !== null && !['Immediate', 'WaitForFirstConsumer'].includes(o.volumeBindingMode)) {
    r('volumeBindingMode', field.notSupported(o.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  if (isObj(o.parameters) && Object.keys(o.parameters).length > 512) r('parameters', field.tooLong(512));
  // validateAllowedTopologies, term by term: ValidateTopologySelectorTerm (each requirement has
  // values, none twice, a label-name key, each key once per term), then the term (its keys and
  // value sets) compared with those before it and with as many empty ones as there are terms (its
  // list is made that long, then appended to): a term written twice, or one without requirements,
  // is a duplicate
  const terms = arr(o.allowedTopologies);
  const seenTerms: Array<Map<string, Set<unknown>>> = [];
  terms.forEach((term, i) => {
    const exprs = new Map<string, Set<unknown>>();
    if (isObj(term)) {
      const keys = new Set<string>();
      arr(term.matchLabelExpressions).forEach((e, j) => {
        if (!isObj(e)) return;
        const at = `allowedTopologies[${i}].matchLabelExpressions[${j}]`;
        const values = arr(e.values);
        if (values.length === 0) r(`${at}.values`, field.required());
        const seen = new Set<unknown>();
        values.forEach((v, k) => { if (seen.has(v)) r(`${at}.values[${k}]`, field.duplicate(v)); seen.add(v); });
        if (typeof e.key === 'string') {
          for (const m of qualifiedName(e.key)) r(`${at}.key`, field.invalid(e.key, m));
          if (keys.has(e.key)) r(`${at}.key`, field.duplicate(e.key));
          keys.add(e.key);
        }
        exprs.set(typeof e.key === 'string' ? e.key : '', new Set(values));
      });
    }
    if (exprs.size === 0 || seenTerms.some((t) => sameTerm(t, exprs))) r(`allowedTopologies[${i}].matchLabelExpressions`, field.duplicate(''));
    seenTerms.push(exprs);
  });
}

export function checkStorage(ctx: Ctx): void {
  switch (ctx.kind) {
    case 'PersistentVolume': checkPv(ctx); break;
    case 'PersistentVolumeClaim': checkPvcSpec(ctx, ctx.obj.spec, 'spec'); break;
    case 'StorageClass': checkStorageClass(ctx); break;
  }
}

/** Whether two topology terms have the same keys with the same sets of values. */
function sameTerm(a: Map<string, Set<unknown>>, b: Map<string, Set<unknown>>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (vb === undefined || vb.size !== va.size || [...va].some((x) => !vb.has(x))) return false;
  }
  return true;
}
