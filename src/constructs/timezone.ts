/**
 * Timezone (H28): containers often run in UTC while nodes run local time. Either mount the
 * node's zone file over /etc/localtime (read-only, every container), or set TZ where the image
 * carries tzdata.
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

export class Timezone {
  /**
   * Mounts the node's `/usr/share/zoneinfo/<zone>` at /etc/localtime and sets TZ=<zone>.
   * Requires the node to carry tzdata (every mainstream node image does).
   */
  static zone(zone: string): Timezone {
    Timezone.check(zone);
    return new Timezone({ hostFile: `/usr/share/zoneinfo/${zone}`, tz: zone });
  }

  /** Mounts the node's own /etc/localtime, whatever zone the node runs in. */
  static node(): Timezone {
    return new Timezone({ hostFile: '/etc/localtime' });
  }

  /** Sets only TZ=<zone>: for images that carry tzdata themselves; no host access at all. */
  static env(zone: string): Timezone {
    Timezone.check(zone);
    return new Timezone({ tz: zone });
  }

  private static check(zone: string): void {
    if (!ZONE_RE.test(zone) || zone.includes('..')) {
      throw new PodsmithError('Timezone.zone', 'zone', `'${zone}' is not a zone name like 'Europe/Berlin' or 'UTC'`, 'use an IANA zone name');
    }
    // the zone file must exist on the node: Node's ICU carries the same IANA database
    const problem = timeZoneProblem(zone);
    if (problem) throw new PodsmithError('Timezone.zone', 'zone', `'${zone}': ${problem}`, "use an IANA zone such as 'Europe/Berlin'");
  }

  private constructor(readonly json: TimezoneJson) {}
}

/** The paths the timezone feature mounts; the validator does not flag them as risky hostPaths. */
export function isZoneFilePath(path: string): boolean {
  return path === '/etc/localtime' || (path.startsWith('/usr/share/zoneinfo/') && !path.includes('..'));
}
