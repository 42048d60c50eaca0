/**
 * Volumes (H9): storage shared by the containers of a Pod. Chosen with static factories.
 */
import { QuantityInput, toQuantity } from '../quantity';

export class Volume {
  /** Scratch space that lives as long as the Pod. @param options.sizeLimit @default none @param options.memory tmpfs @default false */
  static emptyDir(name: string, options: { sizeLimit?: QuantityInput; memory?: boolean } = {}): Volume {
    return new Volume(name, {
      emptyDir: {
        ...(options.memory ? { medium: 'Memory' } : {}),
        ...(options.sizeLimit !== undefined ? { sizeLimit: toQuantity(options.sizeLimit, `volumes.${name}.sizeLimit`).toString() } : {}),
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

  static configMap(name: string, configMapName: string, options: { optional?: boolean; defaultMode?: number } = {}): Volume {
    return new Volume(name, { configMap: { name: configMapName, ...options } });
  }

  static secret(name: string, secretName: string, options: { optional?: boolean; defaultMode?: number } = {}): Volume {
    return new Volume(name, { secret: { secretName, ...options } });
  }

  static persistentVolumeClaim(name: string, claimName: string, options: { readOnly?: boolean } = {}): Volume {
    return new Volume(name, { persistentVolumeClaim: { claimName, ...options } });
  }

  /**
   * A file or directory of the node. Gives the Pod access to the host: needs the Pod prop
   * `allowHostPath: true` (the timezone feature's zone-file mount does not).
   */
  static hostPath(name: string, path: string, options: { type?: 'Directory' | 'DirectoryOrCreate' | 'File' | 'FileOrCreate' | 'Socket' | 'CharDevice' | 'BlockDevice' } = {}): Volume {
    return new Volume(name, { hostPath: { path, ...(options.type ? { type: options.type } : {}) } });
  }

  /** Pod metadata and container resources as files (Downward API). */
  static downwardApi(name: string, items: { path: string; fieldPath: string }[]): Volume {
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
