/**
 * Synth benchmark (issue: foundation). N Pods with probes, resources, an init container,
 * hostAliases, sysctls and a timezone volume, built and synthesized to YAML once with podsmith
 * and once with cdk8s-plus-27 doing the same by hand, in the same run. Each (library, N) runs in
 * its own process so peak RSS is its own; each process warms up first; the median of RUNS
 * processes is reported.
 *
 *   npm run bench:synth                 # N = 1,000 and 10,000, 3 runs each
 *   BENCH_SIZES=500 BENCH_RUNS=1 npm run bench:synth
 *
 * Target: podsmith ≤ 1.3× cdk8s-plus-27's time per Pod and ≤ 300 MB peak RSS at 10,000 Pods.
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { BenchRow, median, writeResult } from './result';

type Lib = 'podsmith' | 'cdk8s-plus-27';
interface Sample { lib: Lib; n: number; ms: number; bytes: number; rssMb: number }

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP = 200;

function buildPodsmith(n: number): string {
  const { App, Chart } = require('cdk8s');
  const ps = require('../lib');
  const app = new App();
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) {
    new ps.Pod(chart, `p${i}`, {
      name: `p${i}`,
      bareProd: true,
      timezone: ps.Timezone.node({ allowHostPath: true }),
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local'] }],
      sysctls: { 'net.ipv4.ip_local_port_range': '20000 40000' },
      initContainers: [{ name: 'init', image: 'busybox:1.35.0', command: ['sh', '-c', 'true'] }],
      containers: [{
        name: 'web',
        image: 'busybox:1.35.0',
        command: ['httpd', '-f', '-p', '8080'],
        ports: [{ number: 8080, name: 'http' }],
        probe: ps.Probe.httpGet('/healthz'),
        resources: { cpu: { request: '300m', limit: '500m' }, memory: { request: '56Mi', limit: '128Mi' } },
      }],
    });
  }
  return app.synthYaml();
}

function buildCdk8sPlus(n: number): string {
  const { App, Chart, Size, Duration } = require('cdk8s');
  const kplus = require('cdk8s-plus-27');
  const app = new App();
  const chart = new Chart(app, 'bench');
  const security = {
    ensureNonRoot: true, user: 65534, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
  };
  for (let i = 0; i < n; i++) {
    const tz = kplus.Volume.fromHostPath(chart, `tz${i}`, 'tz', { path: '/etc/localtime', type: kplus.HostPathVolumeType.FILE });
    const pod = new kplus.Pod(chart, `p${i}`, {
      metadata: { name: `p${i}` },
      automountServiceAccountToken: false,
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local'] }],
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '20000 40000' }], ensureNonRoot: true, user: 65534 },
      volumes: [tz],
    });
    const init = pod.addInitContainer({
      name: 'init', image: 'busybox:1.35.0', command: ['sh', '-c', 'true'], imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      securityContext: security,
      resources: { cpu: { request: kplus.Cpu.millis(300), limit: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(56), limit: Size.mebibytes(128) } },
    });
    init.mount('/etc/localtime', tz, { readOnly: true });
    const web = pod.addContainer({
      name: 'web',
      image: 'busybox:1.35.0',
      command: ['httpd', '-f', '-p', '8080'],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: 8080, name: 'http' }],
      readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(5) }),
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(10), initialDelaySeconds: Duration.seconds(10) }),
      securityContext: security,
      resources: { cpu: { request: kplus.Cpu.millis(300), limit: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(56), limit: Size.mebibytes(128) } },
    });
    web.mount('/etc/localtime', tz, { readOnly: true });
    web.env.addVariable('TZ', kplus.EnvValue.fromValue('UTC'));
  }
  return app.synthYaml();
}

function child(lib: Lib, n: number): void {
  const build = lib === 'podsmith' ? buildPodsmith : buildCdk8sPlus;
  build(WARMUP);
  (global as any).gc?.();
  const t0 = process.hrtime.bigint();
  const yaml = build(n);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const sample: Sample = { lib, n, ms, bytes: Buffer.byteLength(yaml), rssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(sample));
}

function main(): void {
  const results: Record<string, Sample> = {};
  for (const n of SIZES) {
    for (const lib of ['podsmith', 'cdk8s-plus-27'] as Lib[]) {
      const samples: Sample[] = [];
      for (let r = 0; r < RUNS; r++) {
        process.stderr.write(`bench:synth ${lib} N=${n} run ${r + 1}/${RUNS}\n`);
        const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', lib, String(n)],
          { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
        samples.push(JSON.parse(out));
      }
      results[`${lib}@${n}`] = {
        lib, n, ms: median(samples.map((s) => s.ms)), bytes: samples[0].bytes, rssMb: Math.max(...samples.map((s) => s.rssMb)),
      };
    }
  }
  const rows: string[] = [];
  const benchRows: BenchRow[] = [];
  rows.push('| N | podsmith ms/Pod | cdk8s-plus-27 ms/Pod | time ratio | podsmith bytes/Pod | cdk8s-plus-27 bytes/Pod | podsmith peak RSS MB | cdk8s-plus-27 peak RSS MB |');
  rows.push('|---|---|---|---|---|---|---|---|');
  for (const n of SIZES) {
    const a = results[`podsmith@${n}`];
    const b = results[`cdk8s-plus-27@${n}`];
    const ratio = (a.ms / n) / (b.ms / n);
    rows.push(`| ${n} | ${(a.ms / n).toFixed(3)} | ${(b.ms / n).toFixed(3)} | ${ratio.toFixed(2)}× | ${Math.round(a.bytes / n)} | ${Math.round(b.bytes / n)} | ${a.rssMb.toFixed(0)} | ${b.rssMb.toFixed(0)} |`);
    benchRows.push(
      { metric: `time per Pod, N=${n}`, podsmith: a.ms / n, anchor: b.ms / n, unit: 'ms', ratio, target: '≤ 1.3× anchor', met: ratio <= 1.3 },
      { metric: `bytes per Pod, N=${n}`, podsmith: a.bytes / n, anchor: b.bytes / n, unit: 'B', ratio: a.bytes / b.bytes },
      { metric: `peak RSS, N=${n}`, podsmith: a.rssMb, anchor: b.rssMb, unit: 'MB', ratio: a.rssMb / b.rssMb, ...(n >= 10000 ? { target: '≤ 300 MB', met: a.rssMb <= 300 } : {}) },
    );
  }
  const header = `synth benchmark: ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} run(s), warm-up ${WARMUP} Pods; target ≤ 1.3× time, ≤ 300 MB RSS at 10,000`;
  process.stdout.write(`${header}\n${rows.join('\n')}\n`);
  writeResult({
    benchmark: 'synth', anchor: 'cdk8s-plus-27 2.9.5, the same Pods built by hand in the same run', runs: RUNS, rows: benchRows,
    notes: [`N Pods with probes, resources, an init container, hostAliases, sysctls and a timezone volume, synthesized to YAML; warm-up ${WARMUP} Pods per process`],
  });
}

if (process.argv[2] === '--child') child(process.argv[3] as Lib, Number(process.argv[4]));
else main();
