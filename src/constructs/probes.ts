/**
 * Health checks (H17) and lifecycle handlers (H19), chosen with static factories so that an
 * invalid handler (two actions, none) cannot be written.
 */

import { IDuration, Seconds } from './interop';

/** A port given by number (1–65535) or by the name of a declared container port. */
export type PortRef = number | string;

/** Timing of a probe; every value is in the output, so the defaults are visible. Seconds may be cdk8s Durations. */
export interface ProbeTiming {
  /** Seconds after the container starts before the first probe. @default 0 (readiness), 10 (liveness), 0 (startup) */
  readonly initialDelaySeconds?: Seconds;
  /** Seconds between probes. @default 5 (readiness), 10 (liveness), 5 (startup) */
  readonly periodSeconds?: Seconds;
  /** Seconds after which one probe times out. @default 1 */
  readonly timeoutSeconds?: Seconds;
  /** Consecutive failures that count as failed. @default 3 (readiness, liveness), 30 (startup: 150 s to start) */
  readonly failureThreshold?: number;
  /** Consecutive successes that count as healthy; must be 1 for liveness and startup. @default 1 */
  readonly successThreshold?: number;
}

export interface HttpGetOptions extends ProbeTiming {
  /** The container port to call. @default 'http' (the container's port named http, else its first port) */
  readonly port?: PortRef;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** Extra request headers. @default none */
  readonly headers?: Record<string, string>;
  /** Host header / address to call. @default the Pod IP */
  readonly host?: string;
}

export interface TcpSocketOptions extends ProbeTiming {
  /** Host to connect to. @default the Pod IP */
  readonly host?: string;
}

export interface GrpcOptions extends ProbeTiming {
  /** The gRPC health service name. @default '' (the server's overall health) */
  readonly service?: string;
}

/** The action of a probe or hook, in the API's shape. */
export type HandlerJson =
  | { exec: { command: string[] } }
  | { httpGet: { path: string; port: PortRef; scheme?: string; host?: string; httpHeaders?: { name: string; value: string }[] } }
  | { tcpSocket: { port: PortRef; host?: string } }
  | { grpc: { port: number; service?: string } }
  | { sleep: { seconds: number } };

/** A health check: exec (exit 0), tcpSocket (port open) or httpGet (status in [200,400)), or grpc. */
export class Probe {
  /** Healthy when GET `path` answers with a status in [200, 400). */
  static httpGet(path: string, options: HttpGetOptions = {}): Probe {
    const { port, scheme, headers, host, ...timing } = options;
    return new Probe({
      httpGet: {
        path,
        port: port ?? 'http',
        ...(scheme ? { scheme } : {}),
        ...(host ? { host } : {}),
        ...(headers ? { httpHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })) } : {}),
      },
    }, timing, port === undefined);
  }

  /** Healthy when a TCP connection to `port` opens. */
  static tcpSocket(port: PortRef, options: TcpSocketOptions = {}): Probe {
    const { host, ...timing } = options;
    return new Probe({ tcpSocket: { port, ...(host ? { host } : {}) } }, timing);
  }

  /** Healthy when `command` exits 0 inside the container. */
  static exec(command: string[], options: ProbeTiming = {}): Probe {
    return new Probe({ exec: { command: [...command] } }, options);
  }

  /** Healthy when the gRPC health service at `port` answers SERVING (Kubernetes ≥ 1.24). */
  static grpc(port: number, options: GrpcOptions = {}): Probe {
    const { service, ...timing } = options;
    return new Probe({ grpc: { port, ...(service !== undefined ? { service } : {}) } }, timing);
  }

  /** Timing the user asked for, in seconds; unset values take the defaults of the probe's role. */
  readonly timing: ResolvedTiming;

  private constructor(
    /** The handler in the API's shape. */
    readonly handler: HandlerJson,
    timing: ProbeTiming,
    /** True when the port was defaulted and must be resolved against the container's ports. */
    readonly portDefaulted = false,
  ) {
    this.timing = inSeconds(timing);
  }

  /** A copy with other timing (merged over this probe's). */
  withTiming(timing: ProbeTiming): Probe {
    return new Probe(this.handler, { ...this.timing, ...timing }, this.portDefaulted);
  }
}

/** Probe timing with every duration in seconds (cdk8s Durations converted; the container checks whole numbers). */
export type ResolvedTiming = { readonly [K in keyof ProbeTiming]?: number };

/** A cdk8s Duration as (possibly fractional) seconds, for the container's whole-number check; numbers pass through. */
function inSeconds(t: ProbeTiming): ResolvedTiming {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'object' && v !== null && typeof (v as IDuration).toSeconds === 'function' ? (v as IDuration).toSeconds({ integral: false }) : v as number;
  }
  return out;
}

/** Default timing per role: readiness reacts fast, liveness is slower, so the two never coincide. */
export const PROBE_DEFAULTS: Record<'readiness' | 'liveness' | 'startup', Required<ResolvedTiming>> = {
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 },
  liveness: { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 },
  startup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 30, successThreshold: 1 },
};

/** A lifecycle hook action (H19): exec, httpGet ([200,400) = success) or sleep. */
export class Handler {
  /** Runs `command` in the container; a non-zero exit kills the container. */
  static exec(command: string[]): Handler {
    return new Handler({ exec: { command: [...command] } });
  }

  /** Calls GET `path` on the container; a status outside [200,400) kills the container. */
  static httpGet(path: string, options: { port: PortRef; scheme?: 'HTTP' | 'HTTPS'; host?: string }): Handler {
    return new Handler({
      httpGet: { path, port: options.port, ...(options.scheme ? { scheme: options.scheme } : {}), ...(options.host ? { host: options.host } : {}) },
    });
  }

  /** Sleeps before the container is stopped (Kubernetes ≥ 1.30): lets endpoints drain. Seconds or a cdk8s Duration. */
  static sleep(seconds: Seconds): Handler {
    return new Handler({ sleep: { seconds: inSeconds({ periodSeconds: seconds }).periodSeconds! } });
  }

  private constructor(readonly handler: HandlerJson) {}
}
