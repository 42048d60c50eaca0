/**
 * The Dockerfile → Pod mapping (H6): ENTRYPOINT → command, CMD → args, ENV → env,
 * VOLUME → volumes + mounts, USER → runAsUser/runAsGroup, WORKDIR → workingDir, EXPOSE →
 * container ports (EXPOSE itself has no effect in Kubernetes). STOPSIGNAL, HEALTHCHECK and SHELL
 * have no Pod field: each gives a note saying what to use instead.
 */
import { posix } from 'node:path';
import { ContainerPort, ContainerProps } from './container';
import { Volume, VolumeMount } from './volumes';

export interface DockerfileMapping {
  /** Container props that carry the Dockerfile's settings (merge your name, image, probes over them). */
  readonly container: Omit<ContainerProps, 'name' | 'image'>;
  /** One emptyDir volume per VOLUME path: give them to the Pod's `volumes`. */
  readonly volumes: Volume[];
  /** What did not map, with what to do instead. */
  readonly notes: string[];
}

/** Splits a Dockerfile into instructions, joining continuation lines and dropping comments. */
function instructions(text: string): { op: string; args: string; line: number }[] {
  const out: { op: string; args: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (!buf && (line.startsWith('#') || line === '')) return;
    if (!buf) start = i + 1;
    if (line.startsWith('#')) return;
    if (/\\\s*$/.test(line)) {
      buf += line.replace(/\\\s*$/, ' ');
      return;
    }
    buf += line;
    const m = /^(\w+)\s*(.*)$/s.exec(buf.trim());
    if (m) out.push({ op: m[1].toUpperCase(), args: m[2].trim(), line: start });
    buf = '';
  });
  return out;
}

/** The exec (JSON array of strings) form of an instruction's arguments, or undefined. */
function jsonArray(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch { /* not JSON: Docker reads it as the shell form */ }
  return undefined;
}

function execOrShell(args: string, shell: string[]): string[] {
  return jsonArray(args) ?? [...shell, args];
}

/** Splits `a=1 b="two words"` (and the legacy `ENV key value`) into pairs. */
function parseEnv(args: string): [string, string][] {
  if (!/^[^\s=]+=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/s.exec(args);
    return m ? [[m[1], m[2]]] : [];
  }
  const out: [string, string][] = [];
  const re = /([^\s=]+)=("((?:[^"\\]|\\.)*)"|'([^']*)'|(\S*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args))) out.push([m[1], m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? m[5] ?? '')]);
  return out;
}

/**
 * Maps a Dockerfile (its last stage) to container props (H6).
 * @param text the Dockerfile's text
 */
export function fromDockerfile(text: string): DockerfileMapping {
  const all = instructions(text);
  const lastFrom = all.map((x) => x.op).lastIndexOf('FROM');
  const ins = lastFrom >= 0 ? all.slice(lastFrom + 1) : all;
  let shell = ['/bin/sh', '-c'];
  let command: string[] | undefined;
  let args: string[] | undefined;
  let workingDir: string | undefined;
  let runAsUser: number | undefined;
  let runAsGroup: number | undefined;
  const env: Record<string, string> = {};
  const ports: ContainerPort[] = [];
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  const notes: string[] = [];
  for (const { op, args: a, line } of ins) {
    switch (op) {
      case 'ENTRYPOINT':
        command = execOrShell(a, shell);
        args = undefined; // a new ENTRYPOINT resets CMD, as in Docker
        break;
      case 'CMD':
        args = execOrShell(a, shell);
        break;
      case 'SHELL':
        shell = execOrShell(a, []);
        notes.push(`line ${line}: SHELL has no Pod field; podsmith used it to expand later shell-form ENTRYPOINT/CMD (the image's default shell runs RUN steps)`);
        break;
      case 'ENV':
        for (const [k, v] of parseEnv(a)) env[k] = v;
        break;
      case 'EXPOSE':
        for (const p of a.split(/\s+/)) {
          const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(p);
          const protocol = (m?.[2]?.toUpperCase() ?? 'TCP') as ContainerPort['protocol'];
          if (m && ports.some((x) => x.number === Number(m[1]) && x.protocol === protocol)) continue; // EXPOSE twice is once
          if (m) ports.push({ number: Number(m[1]), protocol });
          else notes.push(`line ${line}: EXPOSE ${p} is not a port number; declare it in ports yourself`);
        }
        break;
      case 'VOLUME': {
        // a JSON array, or (as Docker reads anything that is not one) words separated by spaces
        const paths = jsonArray(a) ?? a.split(/\s+/).filter(Boolean);
        for (const path of paths) {
          if (!path.startsWith('/')) {
            notes.push(`line ${line}: VOLUME ${path} is not an absolute path; mount the volume yourself at the path the image expects`);
            continue;
          }
          if (mounts.some((m) => m.path === path)) continue; // Docker keeps one volume per path
          const name = `vol${path.replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/-+$/, '')}`.slice(0, 63).replace(/-+$/, '');
          const v = Volume.emptyDir(name);
          volumes.push(v);
          mounts.push({ volume: v, path });
        }
        break;
      }
      case 'USER': {
        const [u, g] = a.split(':');
        if (/^\d+$/.test(u)) runAsUser = Number(u);
        else notes.push(`line ${line}: USER ${u} is a name; Kubernetes needs a numeric runAsUser (look up its UID in the image's /etc/passwd)`);
        if (g !== undefined) {
          if (/^\d+$/.test(g)) runAsGroup = Number(g);
          else notes.push(`line ${line}: group ${g} is a name; set runAsGroup or supplementalGroups numerically`);
        }
        break;
      }
      case 'WORKDIR':
        // relative to the previous WORKDIR, and to / before the first one (as in Docker)
        workingDir = posix.resolve(workingDir ?? '/', a);
        break;
      case 'STOPSIGNAL':
        notes.push(`line ${line}: STOPSIGNAL ${a} is not honoured: Kubernetes sends SIGTERM, then SIGKILL after terminationGracePeriodSeconds; handle SIGTERM, or use a preStop hook (lifecycle.stopSignal on Kubernetes ≥ 1.33)`);
        break;
      case 'HEALTHCHECK':
        if (/^NONE$/i.test(a)) break;
        notes.push(`line ${line}: HEALTHCHECK is ignored by Kubernetes; use probes instead${/CMD\s+/i.test(a) ? `, e.g. probe: Probe.exec(${JSON.stringify(execOrShell(a.replace(/^.*?CMD\s+/is, ''), shell))})` : ''}`);
        break;
      default:
        break;
    }
  }
  if (runAsUser === 0) notes.push('USER 0 runs as root: podsmith requires allowRunAsRoot: true for that');
  return {
    container: {
      ...(command ? { command } : {}),
      ...(args ? { args } : {}),
      ...(workingDir ? { workingDir } : {}),
      ...(Object.keys(env).length ? { env } : {}),
      ...(ports.length ? { ports } : {}),
      ...(mounts.length ? { mounts } : {}),
      ...(runAsUser !== undefined || runAsGroup !== undefined ? { securityContext: { ...(runAsUser !== undefined ? { runAsUser } : {}), ...(runAsGroup !== undefined ? { runAsGroup } : {}) } } : {}),
    },
    volumes,
    notes,
  };
}
