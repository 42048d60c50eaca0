/**
 * The in-tree volume plugins as the API server validates them (pkg/apis/core/validation:
 * validateISCSIVolumeSource, validateFCVolumeSource, validateAzureDisk, validateQuobyteVolumeSource,
 * validateFlockerVolumeSource, ... and their PersistentVolume variants): a Pod's volume or a
 * PersistentVolume's source. Most of these plugins are deprecated or removed upstream, but the API
 * server still refuses what they refused, so a manifest carrying one is judged the same way.
 * What the schema layer already refuses (a required field left out or "") is not repeated here.
 */
import { Ctx, isInt, isObj, str } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain } from '../names';

// Go's regexps (validation.go), ASCII classes, `.` any character but \n, \s Go's [\t\n\f\r ];
// the IQN pattern is not anchored at its start (MatchString finds it anywhere)
const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/u;
const EUI = /^eui[^\n][A-Za-z0-9]{16}$/u;
const NAA = /^naa[^\n][A-Za-z0-9]{32}$/u;

const CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];


/** Why an iSCSI name (iqn or initiatorName) is refused, or undefined; `prefixDetail` is the message for a name of no known form. */
function iscsiNameProblem(name: string, prefixDetail: string): string | undefined {
  if (name.startsWith('iqn')) return IQN.test(name) ? undefined : 'must be valid format';
  if (name.startsWith('eui')) return EUI.test(name) ? undefined : 'must be valid format';
  if (name.startsWith('naa')) return NAA.test(name) ? undefined : 'must be valid format';
  return prefixDetail;
}

/** Go's net.SplitHostPort: whether `host:port` splits (the host and port themselves are not checked). */
export function splitsHostPort(hostport: string): boolean {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return false;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 === hostport.length || end + 1 !== i) return false;
    j = 1;
    k = end + 1;
  } else if (hostport.slice(0, i).includes(':')) {
    return false;
  }
  return !hostport.slice(j).includes('[') && !hostport.slice(k).includes(']');
}

/** The secret reference of a PersistentVolume's source (validatePVSecretReference): a name and a namespace. */
function checkPvSecretRef(r: (p: string, m: string) => void, ref: unknown, at: string): void {
  if (!isObj(ref)) return;
  const name = str(ref.name);
  if (name === '') r(`${at}.name`, field.required());
  else for (const m of dns1123Subdomain(name)) r(`${at}.name`, field.invalid(name, m));
  const ns = str(ref.namespace);
  if (ns === '') r(`${at}.namespace`, field.required());
  else for (const m of dns1123Label(ns)) r(`${at}.namespace`, field.invalid(ns, m));
}

/**
 * The in-tree sources held by `holder` (a Pod's volume, or a PersistentVolume's spec when `pv`
 * gives the PersistentVolume's name), each at `${at}.<source>`, reported under `rule`.
 */
export function checkInTreeSources(ctx: Ctx, rule: string, holder: any, at: string, pv?: { name: string }): void {
  const r = (p: string, m: string) => ctx.report(rule, p, m);

  const iscsi = holder.iscsi;
  if (isObj(iscsi)) {
    const p = `${at}.iscsi`;
    const iqn = str(iscsi.iqn);
    // (left out or "": the schema layer's Required)
    if (iqn !== '') {
      const bad = iscsiNameProblem(iqn, pv ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa');
      if (bad) r(`${p}.iqn`, field.invalid(iqn, bad));
    }
    if (isInt(iscsi.lun) && (iscsi.lun < 0 || iscsi.lun > 255)) r(`${p}.lun`, field.invalid(iscsi.lun, 'must be between 0 and 255, inclusive'));
    if ((iscsi.chapAuthDiscovery === true || iscsi.chapAuthSession === true) && !isObj(iscsi.secretRef)) r(`${p}.secretRef`, field.required());
    if (pv && isObj(iscsi.secretRef) && str(iscsi.secretRef.name) === '') r(`${p}.secretRef.name`, field.required());
    if (typeof iscsi.initiatorName === 'string') {
      const name = iscsi.initiatorName;
      if (pv && `${pv.name}:${str(iscsi.targetPortal)}`.length > 64) {
        r(`${p}.targetportal`, field.invalid(str(iscsi.targetPortal), 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
      }
      const bad = iscsiNameProblem(name, pv ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa');
      if (bad) r(`${p}.initiatorname`, field.invalid(name, bad));
    }
  }

  const fc = holder.fc;
  if (isObj(fc)) {
    const p = `${at}.fc`;
    const wwns = Array.isArray(fc.targetWWNs) ? fc.targetWWNs : [];
    const wwids = Array.isArray(fc.wwids) ? fc.wwids : [];
    if (wwns.length === 0 && wwids.length === 0) r(`${p}.targetWWNs`, field.required('must specify either targetWWNs or wwids, but not both'));
    if (wwns.length > 0 && wwids.length > 0) r(`${p}.targetWWNs`, field.invalid(wwns, 'targetWWNs and wwids can not be specified simultaneously'));
    if (wwns.length > 0) {
      if (fc.lun === undefined || fc.lun === null) r(`${p}.lun`, field.required('lun is required if targetWWNs is specified'));
      else if (isInt(fc.lun) && (fc.lun < 0 || fc.lun > 255)) r(`${p}.lun`, field.invalid(fc.lun, 'must be between 0 and 255, inclusive'));
    }
  }

  // the partition of a GCE or AWS disk: 0 (left out) is the whole disk, else 1..255
  for (const k of ['gcePersistentDisk', 'awsElasticBlockStore']) {
    const d = holder[k];
    if (isObj(d) && isInt(d.partition) && (d.partition < 0 || d.partition > 255)) r(`${at}.${k}.partition`, field.invalid(d.partition, 'must be between 1 and 255, inclusive'));
  }

  const az = holder.azureDisk;
  if (isObj(az)) {
    const p = `${at}.azureDisk`;
    const uri = str(az.diskURI);
    if (typeof az.cachingMode === 'string' && !CACHING_MODES.includes(az.cachingMode)) r(`${p}.cachingMode`, field.notSupported(az.cachingMode, CACHING_MODES));
    // kind left out is Shared (SetDefaults_AzureDiskVolumeSource): a blob disk, named by an https:// URI
    const kind = typeof az.kind === 'string' ? az.kind : 'Shared';
    if (!DISK_KINDS.includes(kind)) r(`${p}.kind`, field.notSupported(kind, DISK_KINDS));
    if (uri !== '') {
      if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) r(`${p}.diskURI`, field.notSupported(uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
      if (kind !== 'Managed' && !uri.startsWith('https://')) r(`${p}.diskURI`, field.notSupported(uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
    }
  }

  const azf = holder.azureFile;
  if (pv && isObj(azf) && azf.secretNamespace === '') r(`${at}.azureFile.secretNamespace`, field.required());

  const qb = holder.quobyte;
  if (isObj(qb)) {
    const p = `${at}.quobyte`;
    const registry = str(qb.registry);
    if (registry !== '') {
      if (str(qb.tenant).length >= 65) r(`${p}.tenant`, field.required('must be a UUID and may not exceed a length of 64 characters'));
      else {
        for (const pair of registry.split(',')) {
          if (!splitsHostPort(pair)) r(`${p}.registry`, field.invalid(registry, 'must be a host:port pair or multiple pairs separated by commas'));
        }
      }
    }
  }

  const fl = holder.flocker;
  if (isObj(fl)) {
    const p = `${at}.flocker`;
    const name = str(fl.datasetName);
    const uuid = str(fl.datasetUUID);
    if (name === '' && uuid === '') r(p, field.required('one of datasetName and datasetUUID is required'));
    if (name !== '' && uuid !== '') r(p, field.invalid('resource', 'datasetName and datasetUUID can not be specified simultaneously'));
    if (name.includes('/')) r(`${p}.datasetName`, field.invalid(name, "must not contain '/'"));
  }

  const sio = holder.scaleIO;
  if (isObj(sio) && str(sio.volumeName) === '') r(`${at}.scaleIO.volumeName`, field.required());

  const sos = holder.storageos;
  if (isObj(sos)) {
    const p = `${at}.storageos`;
    const name = str(sos.volumeName);
    if (name === '') r(`${p}.volumeName`, field.required());
    else for (const m of dns1123Label(name)) r(`${p}.volumeName`, field.invalid(name, m));
    const ns = str(sos.volumeNamespace);
    if (ns !== '') for (const m of dns1123Label(ns)) r(`${p}.volumeNamespace`, field.invalid(ns, m));
    if (isObj(sos.secretRef)) {
      if (str(sos.secretRef.name) === '') r(`${p}.secretRef.name`, field.required());
      if (pv && str(sos.secretRef.namespace) === '') r(`${p}.secretRef.namespace`, field.required());
    }
  }

  const cinder = holder.cinder;
  if (isObj(cinder) && isObj(cinder.secretRef)) {
    if (str(cinder.secretRef.name) === '') r(`${at}.cinder.secretRef.name`, field.required());
    if (pv && str(cinder.secretRef.namespace) === '') r(`${at}.cinder.secretRef.namespace`, field.required());
  }

  const gl = holder.glusterfs;
  if (pv && isObj(gl) && typeof gl.endpointsNamespace === 'string') {
    const ns = gl.endpointsNamespace;
    if (ns === '') r(`${at}.glusterfs.endpointsNamespace`, field.invalid(ns, 'if the endpointnamespace is set, it must be a valid namespace name'));
    else for (const m of dns1123Label(ns)) r(`${at}.glusterfs.endpointsNamespace`, field.invalid(ns, m));
  }

  // flexVolume options: keys in the kubernetes.io and k8s.io namespaces are reserved
  const flex = holder.flexVolume;
  if (isObj(flex) && isObj(flex.options)) {
    for (const k of Object.keys(flex.options)) {
      const slash = k.indexOf('/');
      const ns = `.${(slash >= 0 ? k.slice(0, slash) : k).toLowerCase()}`;
      if (ns.endsWith('.kubernetes.io') || ns.endsWith('.k8s.io')) r(`${at}.flexVolume.options[${k}]`, field.invalid(k, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
  }

  // CSI: the driver name (ValidateCSIDriverName) and, on a PersistentVolume, the secret references
  const csi = holder.csi;
  if (isObj(csi) && typeof csi.driver === 'string' && csi.driver !== '') {
    const d = csi.driver;
    if (d.length > 63) r(`${at}.csi.driver`, field.tooLong(63));
    for (const m of dns1123Subdomain(d.toLowerCase())) r(`${at}.csi.driver`, field.invalid(d, m));
  }
  if (isObj(csi) && pv) {
    for (const k of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef']) checkPvSecretRef(r, csi[k], `${at}.csi.${k}`);
  } else if (isObj(csi) && isObj(csi.nodePublishSecretRef)) {
    const name = str(csi.nodePublishSecretRef.name);
    // (the API server names the csi source's own `name` for a bad secret name)
    if (name === '') r(`${at}.csi.nodePublishSecretRef.name`, field.required());
    else for (const m of dns1123Subdomain(name)) r(`${at}.csi.name`, field.invalid(name, m));
  }
}
