/**
 * Volumes (H9): storage shared by the containers of a Pod. Chosen with static factories.
 */
import { PodsmithError } from '../errors';
import { QuantityError, QuantityInput, toQuantity } from '../quantity';
import { fileMode, localPath, qualifiedName, VOLUME_FIELD_PATHS } from '../validate/names';
import { NameRef, nameOf, ResourceQuantity, toQuantityInput } from './interop';

function fail(where: string, prop: string, problem: string, fix: string): never {
  throw new PodsmithError(where, prop, problem, fix);
}

/** A file mode: the API server takes 0 to 0o777 (the validator's fileMode). */
function checkMode(where: string, mode: number | undefined): void {
  if (mode !== undefined && fileMode(mode).length) {
    fail(where, 'defaultMode', `must be a file mode from 0 to 0o777, got ${mode}${Number.isInteger(mode) && mode >= 0 ? ` (0o${mode.toString(8)})` : ''}`, 'write it in octal, e.g. 0o440');
  }
}

/** A field a downwardAPI volume can show: a metadata field, or one label or annotation. */
function volumeField(fp: string): boolean {
  const one = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fp);
  return one ? qualifiedName(one[1] === 'annotations' ? one[2].toLowerCase() : one[2]).length === 0 : VOLUME_FIELD_PATHS.includes(fp);
}

/** An emptyDir size limit as the API server's canonical quantity; a one-line error naming the volume otherwise. */
function sizeLimitOf(name: string, value: ResourceQuantity): string {
  let q;
  try {
    q = toQuantity(toQuantityInput(value) as QuantityInput, 'sizeLimit');
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    throw new PodsmithError(`Volume.emptyDir('${name}')`, 'sizeLimit', e.message, "write a size such as '64Mi' or '1Gi'");
  }
  if (q.isNegative()) throw new PodsmithError(`Volume.emptyDir('${name}')`, 'sizeLimit', `must not be negative, got ${q}`, "write a size such as '64Mi' or '1Gi'");
  return q.toString();
}

export class Volume {
  /** Scratch space that lives as long as the Pod. @param options.sizeLimit @default none @param options.memory tmpfs @default false */
  static emptyDir(name: string, options: { sizeLimit?: ResourceQuantity; memory?: boolean } = {}): Volume {
    return new Volume(name, {
      emptyDir: {
        ...(options.memory ? { medium: 'Memory' } : {}),
        ...(options.sizeLimit !== undefined ? { sizeLimit: sizeLimitOf(name, options.sizeLimit) } : {}),
      },
    });
  }

  /**
   * HugePages-backed scratch space (H24); the Pod may use at most what its containers request.
   * @param options.pageSize e.g. '2Mi' for medium HugePages-2Mi. @default the only size the Pod requests (medium HugePages)
   */
  static hugePages(name: string, options: { pageSize?: string } = {}): Volume {
    return new Volume(name, { emptyDir: { medium: options.pageSize ? `HugePages-${options.pageSize}` : 'HugePages' } });
  }

  /**
   * The keys of a ConfigMap as files: a kplus ConfigMap, or its name.
   * @param options.optional mount even if the ConfigMap does not exist @default false
   * @param options.defaultMode file mode, 0 to 0o777 @default 0o644 (the API server's)
   */
  static configMap(name: string, configMap: NameRef, options: { optional?: boolean; defaultMode?: number } = {}): Volume {
    const where = `Volume.configMap('${name}')`;
    const configMapName = nameOf(where, 'configMap', configMap);
    if (!configMapName) fail(where, 'configMapName', 'must not be empty', 'name the ConfigMap to mount');
    checkMode(where, options.defaultMode);
    return new Volume(name, { configMap: { name: configMapName, ...options } });
  }

  /**
   * The keys of a Secret as files: a kplus Secret, or its name.
   * @param options.optional mount even if the Secret does not exist @default false
   * @param options.defaultMode file mode, 0 to 0o777 @default 0o644 (the API server's)
   */
  static secret(name: string, secret: NameRef, options: { optional?: boolean; defaultMode?: number } = {}): Volume {
    const where = `Volume.secret('${name}')`;
    const secretName = nameOf(where, 'secret', secret);
    if (!secretName) fail(where, 'secretName', 'must not be empty', 'name the Secret to mount');
    checkMode(where, options.defaultMode);
    return new Volume(name, { secret: { secretName, ...options } });
  }

  /**
   * A PersistentVolumeClaim (storage that outlives the Pod): a kplus PersistentVolumeClaim, or its name.
   * @param options.readOnly mount it read-only @default false
   */
  static persistentVolumeClaim(name: string, claim: NameRef, options: { readOnly?: boolean } = {}): Volume {
    const claimName = nameOf(`Volume.persistentVolumeClaim('${name}')`, 'claim', claim);
    if (!claimName) fail(`Volume.persistentVolumeClaim('${name}')`, 'claimName', 'must not be empty', 'name the PersistentVolumeClaim');
    return new Volume(name, { persistentVolumeClaim: { claimName, ...options } });
  }

  /**
   * A file or directory of the node. Gives the Pod access to the host: needs the Pod prop
   * `allowHostPath: true` (the timezone feature's zone-file mount does not).
   * @param options.type what must exist at the path @default none (no check)
   */
  static hostPath(name: string, path: string, options: { type?: 'Directory' | 'DirectoryOrCreate' | 'File' | 'FileOrCreate' | 'Socket' | 'CharDevice' | 'BlockDevice' } = {}): Volume {
    if (!path.startsWith('/')) fail(`Volume.hostPath('${name}')`, 'path', `'${path}' is not an absolute path on the node`, "give the full path, e.g. '/var/log'");
    return new Volume(name, { hostPath: { path, ...(options.type ? { type: options.type } : {}) } });
  }

  /**
   * Pod metadata as files (Downward API, H11): `fieldPath` is one of metadata.name,
   * metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or one label or
   * annotation (`metadata.labels['app']`); `path` is a relative file name inside the volume.
   */
  static downwardApi(name: string, items: { path: string; fieldPath: string }[]): Volume {
    const where = `Volume.downwardApi('${name}')`;
    items.forEach((it, i) => {
      const problem = it.path === '' ? 'must not be empty' : localPath(it.path)[0];
      if (problem) fail(where, `items[${i}].path`, `'${it.path}' ${problem}`, "use a file name such as 'labels'");
      if (!volumeField(it.fieldPath)) {
        fail(where, `items[${i}].fieldPath`, `'${it.fieldPath}' is not a Pod field a volume can show`,
          "use metadata.name, metadata.namespace, metadata.uid, metadata.labels or metadata.annotations (status and spec fields only as env, EnvValue.fromField)");
      }
    });
    return new Volume(name, { downwardAPI: { items: items.map((i) => ({ path: i.path, fieldRef: { fieldPath: i.fieldPath } })) } });
  }

  private constructor(readonly name: string, readonly source: Record<string, unknown>) {}

  toJson(): Record<string, unknown> {
    return { name: this.name, ...this.source };
  }
}

/** A mount of a volume into a container. */
export interface VolumeMount {
  /** The volume (or its name). */
  readonly volume: Volume | string;
  /** Absolute path in the container. */
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount one file or directory of the volume. @default the volume's root */
  readonly subPath?: string;
}
