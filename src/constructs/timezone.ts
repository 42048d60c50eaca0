/**
 * Timezone (H28): containers often run in UTC while nodes run local time.
 *
 * The default, `Timezone.zone('Europe/Berlin')`, sets `TZ=<zone>`: the C library and most
 * runtimes then read `/usr/share/zoneinfo/<zone>` from the image. Every Pod Security level allows
 * it. The trade-off: the image must carry tzdata (Debian, Ubuntu, UBI and most language images do;
 * distroless static, scratch and plain Alpine do not, and stay on UTC). `podsmith verify` checks
 * the offset inside each container, so a missing tzdata shows up as a failed `timezone` check.
 *
 * The handbook's own way, mounting the node's zone file with a hostPath, needs the Pod Security
 * level `privileged` (baseline and restricted forbid every hostPath volume), so it is an explicit
 * opt-in: `Timezone.hostZone(zone, { allowHostPath: true })` or `Timezone.node({ allowHostPath: true })`.
 */
export interface TimezoneJson {
  /** A read-only hostPath mount of a zone file, if any. */
  readonly hostFile?: string;
  /** The TZ environment value, if any. */
  readonly tz?: string;
}

import { PodsmithError } from '../errors';
import { timeZoneProblem } from '../validate/semantic/objects';

const ZONE_RE = /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/;

/** The opt-in a hostPath time zone needs (Pod Security level privileged). */
export interface HostTimezoneOptions {
  /** Must be true: the Pod gets a hostPath volume, which only the Pod Security `privileged` level admits. */
  readonly allowHostPath: boolean;
}

export class Timezone {
  /**
   * Sets TZ=<zone> in every container (init containers and sidecars too). Allowed by every Pod
   * Security level; the image must carry tzdata (see the module comment for the trade-off).
   */
  static zone(zone: string): Timezone {
    Timezone.check('Timezone.zone', zone);
    return new Timezone({ tz: zone });
  }

  /** Same as `Timezone.zone`: TZ only, no host access. */
  static env(zone: string): Timezone {
    Timezone.check('Timezone.env', zone);
    return new Timezone({ tz: zone });
  }

  /**
   * Mounts the node's `/usr/share/zoneinfo/<zone>` read-only at /etc/localtime and sets TZ=<zone>:
   * works without tzdata in the image, but needs the node's tzdata and the Pod Security level
   * `privileged` (a hostPath volume), hence `{ allowHostPath: true }`.
   */
  static hostZone(zone: string, options: HostTimezoneOptions): Timezone {
    Timezone.check('Timezone.hostZone', zone);
    Timezone.optedIn('Timezone.hostZone', options);
    return new Timezone({ hostFile: `/usr/share/zoneinfo/${zone}`, tz: zone });
  }

  /**
   * Mounts the node's own /etc/localtime read-only, whatever zone the node runs in. Needs the Pod
   * Security level `privileged` (a hostPath volume), hence `{ allowHostPath: true }`.
   */
  static node(options: HostTimezoneOptions): Timezone {
    Timezone.optedIn('Timezone.node', options);
    return new Timezone({ hostFile: '/etc/localtime' });
  }

  private static optedIn(where: string, options: HostTimezoneOptions | undefined): void {
    if (options?.allowHostPath !== true) {
      throw new PodsmithError(where, 'allowHostPath', 'a hostPath time zone needs the Pod Security level privileged (baseline and restricted forbid hostPath volumes)',
        "pass { allowHostPath: true }, or use Timezone.zone('Europe/Berlin') (TZ, allowed at every level)");
    }
  }

  private static check(where: string, zone: string): void {
    if (!ZONE_RE.test(zone) || zone.includes('..')) {
      throw new PodsmithError(where, 'zone', `'${zone}' is not a zone name like 'Europe/Berlin' or 'UTC'`, 'use an IANA zone name');
    }
    // the zone file must exist on the node: Node's ICU carries the same IANA database
    const problem = timeZoneProblem(zone);
    if (problem) throw new PodsmithError(where, 'zone', `'${zone}': ${problem}`, "use an IANA zone such as 'Europe/Berlin'");
  }

  private constructor(readonly json: TimezoneJson) {}
}

/** The paths the timezone feature mounts; the validator does not flag them as risky hostPaths. */
export function isZoneFilePath(path: string): boolean {
  return path === '/etc/localtime' || (path.startsWith('/usr/share/zoneinfo/') && !path.includes('..'));
}
