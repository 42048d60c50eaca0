/** Volume sources, env var sources (valueFrom and envFrom) and user/group IDs of a Pod spec as the API server validates them. */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { configKey, divisorProblem, dns1123Subdomain, hasBacksteps, ENV_FIELD_PATHS, ENV_RESOURCES, envName, fileMode, isUserOrGroupId, localPath, POD_FIELD_LABELS, qualifiedName, VOLUME_FIELD_PATHS } from '../names';
import { checkInTreeSources } from './in-tree-volumes';
import { quantityOf } from './quantities';

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/**
 * What the API server checks inside the common volume sources (found by
 * test/e2e/constructs-apiserver.test.ts; paths and messages as the API server gives them,
 * including its downwardAPI quirk of naming `downwardAPI.path` without the item index).
 */
export function checkVolumeSource(ctx: Ctx, v: any, p: string): void {
  const r = (path: string, m: string) => ctx.report('volumes.invalid', path, m);
  const mode = (m: unknown, path: string) => {
    if (isInt(m)) for (const msg of fileMode(m)) r(path, field.invalid(m, msg));
  };
  const relPath = (t: unknown, path: string) => {
    if (typeof t !== 'string' || t === '') { r(path, field.required()); return; }
    for (const msg of localPath(t)) r(path, field.invalid(t, msg));
  };
  const keyToPath = (items: unknown, base: string) => arr(items).forEach((it, i) => {
    if (!isObj(it)) return;
    if (typeof it.key !== 'string' || it.key === '') r(`${base}.items[${i}].key`, field.required());
    relPath(it.path, `${base}.items[${i}].path`);
    mode(it.mode, `${base}.items[${i}].mode`);
  });
  // validateDownwardAPIVolumeFile: named at the source's path without the item index (the API server's)
  const downwardItems = (items: unknown, base: string) => arr(items).forEach((it) => {
    if (!isObj(it)) return;
    relPath(it.path, `${base}.path`);
    mode(it.mode, `${base}.mode`);
    // exactly one of fieldRef and resourceFieldRef; a resource of a named container (in a volume the name is required)
    const rf = it.resourceFieldRef;
    if (isObj(it.fieldRef) && isObj(rf)) r(base, field.invalid('resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    else if (!isObj(it.fieldRef) && !isObj(rf)) r(base, field.required('one of fieldRef and resourceFieldRef is required'));
    else if (isObj(rf)) {
      if (typeof rf.containerName !== 'string' || rf.containerName === '') r(`${base}.resourceFieldRef.containerName`, field.required());
      else if (typeof rf.resource !== 'string' || rf.resource === '') r(`${base}.resourceFieldRef.resource`, field.required());
      else if (!ENV_RESOURCES.includes(rf.resource) && !rf.resource.startsWith('requests.hugepages-') && !rf.resource.startsWith('limits.hugepages-')) {
        r(`${base}.resourceFieldRef.resource`, field.notSupported(rf.resource, ENV_RESOURCES));
      }
    }
    const fp = it.fieldRef?.fieldPath;
    if (typeof fp === 'string' && podVersionProblem(it.fieldRef)) r(`${base}.fieldRef.fieldPath`, field.invalid(fp, podVersionProblem(it.fieldRef)!));
    else if (typeof fp === 'string') {
      const fieldBase = fp.replace(/\[.*\]$/, '');
      const subscripted = fieldBase !== fp;
      if (!POD_FIELD_LABELS.has(fieldBase)) r(`${base}.fieldRef.fieldPath`, field.invalid(fp, `error converting fieldPath: field label not supported: ${fp}`));
      else if (!VOLUME_FIELD_PATHS.includes(fieldBase) || (subscripted && fieldBase !== 'metadata.labels' && fieldBase !== 'metadata.annotations')) {
        r(`${base}.fieldRef.fieldPath`, field.notSupported(fp, VOLUME_FIELD_PATHS));
      }
    }
  });
  // validateProjectedVolumeSource and validateProjectionSources (the sources this release's Pods use most)
  const checkProjected = (proj: any, at: string) => {
    mode(proj.defaultMode, `${at}.defaultMode`);
    const paths = new Set<string>();
    const claim = (path: unknown, shown: unknown) => {
      if (typeof path !== 'string' || path === '') return;
      if (paths.has(path)) r(at, field.invalid(shown, 'conflicting duplicate paths'));
      paths.add(path);
    };
    arr(proj.sources).forEach((src, i) => {
      if (!isObj(src)) return;
      const sp = `${at}.sources[${i}]`;
      let n = 0;
      for (const k of ['secret', 'configMap'] as const) {
        const ref = src[k];
        if (!isObj(ref)) continue;
        n++;
        if (typeof ref.name !== 'string' || ref.name === '') r(`${sp}.${k}.name`, field.required());
        keyToPath(ref.items, `${sp}.${k}`);
        for (const it of arr(ref.items)) if (isObj(it)) claim(it.path, ref.name ?? '');
      }
      if (isObj(src.downwardAPI)) {
        n++;
        downwardItems(src.downwardAPI.items, `${sp}.downwardAPI`);
        for (const it of arr(src.downwardAPI.items)) if (isObj(it)) claim(it.path, it.path);
      }
      const tok = src.serviceAccountToken;
      if (isObj(tok)) {
        n++;
        const exp = tok.expirationSeconds; // left out: 3600 (SetDefaults_ServiceAccountTokenProjection)
        if (isInt(exp) && exp < 600) r(`${sp}.serviceAccountToken.expirationSeconds`, field.invalid(exp, 'may not specify a duration less than 10 minutes'));
        if (isInt(exp) && exp > 2 ** 32) r(`${sp}.serviceAccountToken.expirationSeconds`, field.invalid(exp, 'may not specify a duration larger than 2^32 seconds'));
        if (typeof tok.path === 'string' && tok.path !== '') {
          for (const m of localPath(tok.path)) r(`${at}.path`, field.invalid(tok.path, m));
        }
      }
      if (isObj(src.clusterTrustBundle)) n++;
      if (isObj(src.podCertificate)) n++;
      if (n > 1) r(sp, field.forbidden('may not specify more than 1 volume type per source'));
    });
  };
  if (isObj(v.configMap)) {
    if (typeof v.configMap.name !== 'string' || v.configMap.name === '') r(`${p}.configMap.name`, field.required());
    mode(v.configMap.defaultMode, `${p}.configMap.defaultMode`);
    keyToPath(v.configMap.items, `${p}.configMap`);
  }
  if (isObj(v.secret)) {
    if (typeof v.secret.secretName !== 'string' || v.secret.secretName === '') r(`${p}.secret.secretName`, field.required());
    mode(v.secret.defaultMode, `${p}.secret.defaultMode`);
    keyToPath(v.secret.items, `${p}.secret`);
  }
  if (isObj(v.downwardAPI)) {
    mode(v.downwardAPI.defaultMode, `${p}.downwardAPI.defaultMode`);
    downwardItems(v.downwardAPI.items, `${p}.downwardAPI`);
  }
  if (isObj(v.projected)) checkProjected(v.projected, `${p}.projected`);
  if (isObj(v.persistentVolumeClaim) && (typeof v.persistentVolumeClaim.claimName !== 'string' || v.persistentVolumeClaim.claimName === '')) {
    r(`${p}.persistentVolumeClaim.claimName`, field.required());
  }
  if (isObj(v.emptyDir) && v.emptyDir.sizeLimit != null) {
    const q = quantityOf(v.emptyDir.sizeLimit);
    if (q && q.isNegative()) r(`${p}.emptyDir.sizeLimit`, field.forbidden('SizeLimit field must be a valid resource quantity'));
  }
  // validateCephFSVolumeSource, validateRBDVolumeSource: at least one monitor
  for (const k of ['cephfs', 'rbd']) if (isObj(v[k]) && Array.isArray(v[k].monitors) && v[k].monitors.length === 0) r(`${p}.${k}.monitors`, field.required());
  // validateNFSVolumeSource (the server and the path left out: the schema layer's)
  if (isObj(v.nfs) && typeof v.nfs.path === 'string' && v.nfs.path !== '' && !v.nfs.path.startsWith('/')) r(`${p}.nfs.path`, field.invalid(v.nfs.path, 'must be an absolute path'));
  if (isObj(v.hostPath)) checkHostPath(ctx, 'volumes.invalid', v.hostPath, `${p}.hostPath`);
  // validateGitRepoVolumeSource: the directory is a relative path without `..` (validateLocalDescendingPath)
  const dir = isObj(v.gitRepo) ? v.gitRepo.directory : undefined;
  if (typeof dir === 'string' && dir !== '') {
    if (dir.startsWith('/')) r(`${p}.gitRepo.directory`, field.invalid(dir, 'must be a relative path'));
    if (hasBacksteps(dir)) r(`${p}.gitRepo.directory`, field.invalid(dir, "must not contain '..'"));
  }
  checkInTreeSources(ctx, 'volumes.invalid', v, p);
}

/** validateHostPathVolumeSource (a Pod's volume, a PersistentVolume): a path without `..`, a known type. */
export function checkHostPath(ctx: Ctx, rule: string, hp: any, at: string): void {
  if (typeof hp.path !== 'string' || hp.path === '') ctx.report(rule, `${at}.path`, field.required());
  else if (hasBacksteps(hp.path)) ctx.report(rule, `${at}.path`, field.invalid(hp.path, "must not contain '..'"));
  if (hp.type != null && !HOST_PATH_TYPES.includes(hp.type)) ctx.report(rule, `${at}.type`, field.notSupported(hp.type, HOST_PATH_TYPES));
}

/**
 * An env var's valueFrom source as the API server checks it (found by
 * test/e2e/constructs-apiserver.test.ts; paths and messages as the API server gives them).
 */
export function checkEnvSource(ctx: Ctx, vf: any, p: string): void {
  const r = (path: string, m: string) => ctx.report('env.invalid', path, m);
  for (const k of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = vf[k];
    if (!isObj(ref)) continue;
    // (a name left out is "", which validateConfigMapKeySelector and validateSecretKeySelector check as a name too)
    const name = ref.name === undefined || ref.name === null ? '' : ref.name;
    if (typeof name === 'string') for (const m of dns1123Subdomain(name)) r(`${p}.${k}.name`, field.invalid(name, m));
    if (typeof ref.key !== 'string' || ref.key === '') r(`${p}.${k}.key`, field.required());
    else for (const m of configKey(ref.key)) r(`${p}.${k}.key`, field.invalid(ref.key, m));
  }
  const fp = vf.fieldRef?.fieldPath;
  if (typeof fp === 'string' && podVersionProblem(vf.fieldRef)) r(`${p}.fieldRef.fieldPath`, field.invalid(fp, podVersionProblem(vf.fieldRef)!));
  else if (typeof fp === 'string') {
    const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fp);
    if (sub) {
      const key = sub[1] === 'annotations' ? sub[2].toLowerCase() : sub[2];
      for (const m of qualifiedName(key)) r(`${p}.fieldRef`, field.invalid(key, m));
    } else if (!POD_FIELD_LABELS.has(fp)) r(`${p}.fieldRef.fieldPath`, field.invalid(fp, `error converting fieldPath: field label not supported: ${fp}`));
    else if (!ENV_FIELD_PATHS.includes(fp)) r(`${p}.fieldRef.fieldPath`, field.notSupported(fp, ENV_FIELD_PATHS));
  }
  const rf = vf.resourceFieldRef;
  if (isObj(rf) && typeof rf.resource === 'string') {
    if (!ENV_RESOURCES.includes(rf.resource)) r(`${p}.resourceFieldRef.resource`, field.notSupported(rf.resource, ENV_RESOURCES));
    else if (rf.divisor != null) {
      const d = quantityOf(rf.divisor);
      const problem = d && !d.isZero() ? divisorProblem(rf.resource, d.toString()) : undefined;
      if (problem) r(`${p}.resourceFieldRef.divisor`, field.invalid(rf.resource, problem));
    }
  }
}

/**
 * A container's envFrom (ValidateEnvFrom): a prefix that is an env var name, exactly one of
 * configMapRef and secretRef, naming an object (a trailing dash is allowed: the names are
 * checked as prefixes).
 */
export function checkEnvFrom(ctx: Ctx, list: unknown, p: string): void {
  const r = (path: string, m: string) => ctx.report('env.invalid', path, m);
  arr(list).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const at = `${p}[${i}]`;
    if (typeof ev.prefix === 'string' && ev.prefix !== '') {
      for (const m of envName(ctx.minor, ev.prefix)) r(`${at}.prefix`, field.invalid(ev.prefix, m));
    }
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[k];
      if (!isObj(ref)) continue;
      sources++;
      if (typeof ref.name !== 'string' || ref.name === '') r(`${at}.${k}.name`, field.required());
      else for (const m of dns1123Subdomain(maskTrailingDash(ref.name))) r(`${at}.${k}.name`, field.invalid(ref.name, m));
    }
    if (sources === 0) r(p, field.invalid('', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) r(p, field.invalid('', 'may not have more than one field specified at a time'));
  });
}

/** A name checked as a prefix of generated names (apimachinery's maskTrailingDash): a trailing dash stands in for a letter, with the character before it. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** A user or group ID: the API server takes 0 to 2^31-1. */
export function checkId(ctx: Ctx, v: unknown, p: string): void {
  if (isInt(v) && !isUserOrGroupId(v)) ctx.report('fields.out-of-range', p, field.invalid(v, 'must be between 0 and 2147483647, inclusive'));
}

/** ConvertDownwardAPIFieldLabel reads Pod fields of apiVersion v1 only ("" is defaulted to v1 first: defaulted.ts). */
function podVersionProblem(ref: any): string | undefined {
  const av = ref.apiVersion;
  return typeof av === 'string' && av !== '' && av !== 'v1' ? `error converting fieldPath: unsupported pod version: ${av}` : undefined;
}
