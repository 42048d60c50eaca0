/**
 * API-server semantics of a VolumeAttachment (pkg/apis/storage/validation: ValidateVolumeAttachment
 * and, for storage.k8s.io/v1, ValidateVolumeAttachmentV1; its status is dropped on create): a CSI
 * driver name as attacher, a node name that is a DNS subdomain, and exactly one source — a
 * PersistentVolume's name (a DNS subdomain) or an inline CSI volume spec, which may carry no
 * capacity, claimRef or node affinity and only the Retain reclaim policy.
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { checkInTreeSources } from './in-tree-volumes';
import { checkAccessModes } from './storage';

export const volumeAttachmentRules: RuleMeta[] = [{
  id: 'volumeattachment.invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'a VolumeAttachment names a CSI attacher, a node and exactly one volume source',
  rationale: 'VolumeAttachments are written by the attach/detach controller, and the API server refuses one whose attacher is not a CSI driver name, whose nodeName is not a DNS subdomain, or whose source gives neither or both of persistentVolumeName (a DNS subdomain) and inlineVolumeSpec (a CSI volume without capacity, claimRef or node affinity).',
  fix: 'leave VolumeAttachments to the cluster; if one must be written, give spec.attacher, spec.nodeName and exactly one of spec.source.persistentVolumeName and spec.source.inlineVolumeSpec',
}];

function checkInlineSpec(ctx: Ctx, spec: Record<string, any>, at: string): void {
  const r = (p: string, m: string) => ctx.report('volumeattachment.invalid', p, m);
  if (spec.claimRef != null) r(`${at}.claimRef`, field.forbidden('may not be specified in the context of inline volumes'));
  if (isObj(spec.capacity) && Object.keys(spec.capacity).length > 0) r(`${at}.capacity`, field.forbidden('may not be specified in the context of inline volumes'));
  if (!isObj(spec.csi)) r(`${at}.csi`, field.required('has to be specified in the context of inline volumes'));
  checkAccessModes(ctx, 'volumeattachment.invalid', spec.accessModes, `${at}.accessModes`);
  const policy = spec.persistentVolumeReclaimPolicy;
  if (typeof policy === 'string' && policy !== '' && policy !== 'Retain') r(`${at}.persistentVolumeReclaimPolicy`, field.forbidden('may only be Retain in the context of inline volumes'));
  if (spec.nodeAffinity != null) r(`${at}.nodeAffinity`, field.forbidden('may not be specified in the context of inline volumes'));
  if (isObj(spec.csi)) {
    if (typeof spec.csi.volumeHandle !== 'string' || spec.csi.volumeHandle === '') r(`${at}.csi.volumeHandle`, field.required());
    checkInTreeSources(ctx, 'volumeattachment.invalid', { csi: spec.csi }, at, { name: '' });
  }
}

export function checkVolumeAttachment(ctx: Ctx): void {
  if (!ctx.obj.apiVersion.startsWith('storage.k8s.io/')) return;
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (p: string, m: string) => ctx.report('volumeattachment.invalid', p, m);
  // the attacher: left out or "" is the schema layer's Required; otherwise a CSI driver name (v1)
  const attacher = spec.attacher;
  if (typeof attacher === 'string' && attacher !== '') {
    if (attacher.length > 63) r('spec.attacher', field.tooLong(63));
    for (const m of dns1123Subdomain(attacher.toLowerCase())) r('spec.attacher', field.invalid(attacher, m));
  }
  const node = spec.nodeName;
  if (typeof node === 'string' && node !== '') for (const m of dns1123Subdomain(node)) r('spec.nodeName', field.invalid(node, m));
  const source = isObj(spec.source) ? spec.source : {};
  const pvName = source.persistentVolumeName;
  const inline = source.inlineVolumeSpec;
  const hasPv = typeof pvName === 'string';
  const hasInline = isObj(inline);
  if (!hasPv && !hasInline) r('spec.source', field.required('must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (hasPv && hasInline) r('spec.source', field.forbidden('must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (hasPv) {
    if (pvName === '') r('spec.source.persistentVolumeName', field.required('must specify non empty persistentVolumeName'));
    else for (const m of dns1123Subdomain(pvName)) r('spec.source.persistentVolumeName', field.invalid(pvName, m));
  } else checkInlineSpec(ctx, inline, 'spec.source.inlineVolumeSpec');
}
