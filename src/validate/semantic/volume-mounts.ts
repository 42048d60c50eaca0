/**
 * A container's volumeMounts and volumeDevices as the API server checks them together
 * (ValidateVolumeMounts, ValidateVolumeDevices): each names a volume of the Pod, mount paths and
 * device paths are unique and neither holds `..`, a device is a PersistentVolumeClaim or an
 * ephemeral volume, and no volume is both mounted and a device, nor a path both.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { hasBacksteps } from '../names';

/** The last path each name is given in a list of mounts or devices (GetVolumeMountMap, GetVolumeDeviceMap). */
function byName(list: unknown, pathField: 'mountPath' | 'devicePath'): Map<string, string> {
  const out = new Map<string, string>();
  for (const x of arr(list)) if (isObj(x) && typeof x.name === 'string') out.set(x.name, typeof x[pathField] === 'string' ? x[pathField] : '');
  return out;
}

export function checkMountsAndDevices(ctx: Ctx, c: any, path: string, volumes: Map<string, any>): void {
  const r = (p: string, m: string) => ctx.report('volume-mounts.invalid', p, m);
  const mounts = byName(c.volumeMounts, 'mountPath');
  const devices = byName(c.volumeDevices, 'devicePath');
  const devicePaths = new Set(devices.values());
  const mountPaths = new Set<string>();
  arr(c.volumeMounts).forEach((m, i) => {
    if (!isObj(m)) return;
    const p = `${path}.volumeMounts[${i}]`;
    if (typeof m.name !== 'string' || m.name === '') r(`${p}.name`, field.required());
    else if (!volumes.has(m.name)) r(`${p}.name`, field.notFound(m.name));
    if (typeof m.mountPath !== 'string' || m.mountPath === '') r(`${p}.mountPath`, field.required());
    else {
      if (mountPaths.has(m.mountPath)) r(`${p}.mountPath`, field.invalid(m.mountPath, 'must be unique'));
      mountPaths.add(m.mountPath);
    }
    if (typeof m.name === 'string' && devices.has(m.name)) r(`${p}.name`, field.invalid(m.name, 'must not already exist in volumeDevices'));
    if (typeof m.mountPath === 'string' && devicePaths.has(m.mountPath)) r(`${p}.mountPath`, field.invalid(m.mountPath, 'must not already exist as a path in volumeDevices'));
    if (typeof m.subPath === 'string' && m.subPath !== '') {
      if (m.subPath.startsWith('/')) r(`${p}.subPath`, field.invalid(m.subPath, 'must be a relative path'));
      else if (hasBacksteps(m.subPath)) r(`${p}.subPath`, field.invalid(m.subPath, "must not contain '..'"));
    }
  });
  const mountedPaths = new Set(mounts.values());
  const names = new Set<string>();
  const paths = new Set<string>();
  arr(c.volumeDevices).forEach((d, i) => {
    if (!isObj(d)) return;
    const p = `${path}.volumeDevices[${i}]`;
    const name = typeof d.name === 'string' ? d.name : '';
    const dev = typeof d.devicePath === 'string' ? d.devicePath : '';
    const volume = volumes.get(name);
    if (name === '') r(`${p}.name`, field.required());
    if (names.has(name)) r(`${p}.name`, field.invalid(name, 'must be unique'));
    if (volume !== undefined && volume.persistentVolumeClaim == null && volume.ephemeral == null) {
      r(`${p}.name`, field.invalid(name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (volume === undefined) r(`${p}.name`, field.notFound(name));
    if (dev === '') r(`${p}.devicePath`, field.required());
    if (paths.has(dev)) r(`${p}.devicePath`, field.invalid(dev, 'must be unique'));
    if (dev !== '' && hasBacksteps(dev)) r(`${p}.devicePath`, field.invalid(dev, "can not contain backsteps ('..')"));
    else paths.add(dev);
    if (mounts.has(name)) r(`${p}.name`, field.invalid(name, 'must not already exist in volumeMounts'));
    if (mountedPaths.has(dev)) r(`${p}.devicePath`, field.invalid(dev, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
}
