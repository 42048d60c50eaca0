/**
 * Validation benchmark (issue 3). A generated corpus of 50,000 objects of mixed kinds in
 * multi-document YAML files; podsmith with all three layers (schema, API-server semantics,
 * best practices), in this single process, and kubeconform (strict, the same Kubernetes
 * release's schemas, converted from podsmith's schemas/ into kubeconform's layout) on the same
 * files in the same run. Figures are objects per CPU-second (user + system), median of runs.
 *
 *   npm run bench:validate
 *   BENCH_OBJECTS=10000 BENCH_RUNS=1 npm run bench:validate
 *   KUBECONFORM=/path/to/kubeconform npm run bench:validate
 *   BENCH_PARTS=hostile,realworld npm run bench:validate    (default: generated,hostile,realworld)
 *
 * Also (bench/validate-inputs.ts): hostile inputs beside normal files of their size, and the
 * real-world corpus (../shared/corpus/realworld or $PODSMITH_CORPUS) repeated to ≥ 50,000 objects
 * beside kubeconform, in process, in a fresh process and wall-clock.
 *
 * kubeconform is looked up in $KUBECONFORM, then in ~/.cache/podsmith/bench/bin, then built there
 * with `go install github.com/yannh/kubeconform/cmd/kubeconform@v0.7.0` (module proxy).
 * Target: podsmith ≥ 5× kubeconform's objects per CPU-second.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validatePaths } from '../src/validate';
import { availableVersions } from '../src/validate/schema';
import { allDefinitions, readRelease } from '../src/validate/schema/store';
import { BenchRow, median, OUT_DIR, writeResult } from './result';
import { CHILD_ENV, hostileRows, ProcessRun, readerRows, realWorldCorpus, repeatCorpus, timed } from './validate-inputs';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 50_000);
const PER_FILE = 250;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KUBECONFORM_VERSION = 'v0.7.0';
const CORPUS = path.join(OUT_DIR, 'validate-corpus');
const KC_SCHEMAS = path.join(OUT_DIR, 'kubeconform-schemas');
const PARTS = new Set((process.env.BENCH_PARTS ?? 'generated,hostile,realworld').split(','));

// ---- corpus ---------------------------------------------------------------------------------

function container(i: number, bad: boolean): string {
  return `        - name: app
          image: registry.example.com/team/app-${i % 17}:1.${i % 9}.${i % 5}
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--id=${i}"]
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: MODE
              value: "production"
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests:
              cpu: ${bad ? '"2"' : '100m'}
              memory: 64Mi
            limits:
              cpu: 500m
              memory: 128Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
            failureThreshold: 6
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            runAsUser: 65534
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
`;
}

function podSpec(i: number, bad: boolean, restart?: string): string {
  return `      automountServiceAccountToken: false
${restart ? `      restartPolicy: ${restart}\n` : ''}      securityContext:
        runAsNonRoot: true
        runAsUser: 65534
        seccompProfile:
          type: RuntimeDefault
      containers:
${container(i, bad)}      volumes:
        - name: tmp
          emptyDir: {}
`;
}

function objectsFor(i: number): string[] {
  const name = `app-${i}`;
  const labels = `app.kubernetes.io/name: ${name}\n`;
  const bad = i % 20 === 7; // 5% carry an error
  const typo = i % 50 === 13; // 2% a misspelt field
  const anti = `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    ${labels}`;
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ns-${i % 10}
  labels:
    ${labels}spec:
  replicas: 3
  ${typo ? 'replica: 2\n  ' : ''}selector:
    matchLabels:
      ${labels}  template:
    metadata:
      labels:
        ${labels}    spec:
${anti}${podSpec(i, bad)}`;
  const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ns-${i % 10}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      ${labels}`;
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ns-${i % 10}
spec:
  selector:
    ${labels}  ports:
    - name: http
      port: 80
      targetPort: http
`;
  const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ns-${i % 10}
data:
  config.yaml: |
    level: info
    id: ${i}
`;
  const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}-migrate
  namespace: ns-${i % 10}
spec:
  backoffLimit: 3
  template:
    spec:
${podSpec(i, false, 'Never')}`;
  const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}-nightly
  namespace: ns-${i % 10}
spec:
  schedule: "${i % 60} 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
${podSpec(i, false, 'OnFailure').replace(/^(?=.)/gm, '    ')}`;
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}-db
  namespace: ns-${i % 10}
spec:
  serviceName: ${name}-db
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}-db
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}-db
    spec:
${podSpec(i, false)}`;
  return [deployment, pdb, svc, cm, job, cron, sts];
}

function writeCorpus(): number {
  fs.rmSync(CORPUS, { recursive: true, force: true });
  fs.mkdirSync(CORPUS, { recursive: true });
  let count = 0;
  let file = 0;
  let docs: string[] = [];
  const flush = () => {
    if (!docs.length) return;
    fs.writeFileSync(path.join(CORPUS, `part-${String(file++).padStart(4, '0')}.yaml`), docs.join('---\n'));
    docs = [];
  };
  for (let i = 0; count < OBJECTS; i++) {
    for (const o of objectsFor(i)) {
      if (count >= OBJECTS) break;
      docs.push(o);
      count++;
      if (docs.length === PER_FILE) flush();
    }
  }
  flush();
  return count;
}

// ---- kubeconform ----------------------------------------------------------------------------

function kubeconformBinary(): string | undefined {
  if (process.env.KUBECONFORM) return process.env.KUBECONFORM;
  const dir = path.join(os.homedir(), '.cache', 'podsmith', 'bench', 'bin');
  const bin = path.join(dir, 'kubeconform');
  if (fs.existsSync(bin)) return bin;
  try {
    process.stderr.write(`building kubeconform ${KUBECONFORM_VERSION} into ${dir} (go install via the module proxy)\n`);
    execFileSync('go', ['install', `github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}`], {
      env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false' }, stdio: ['ignore', 'inherit', 'inherit'],
    });
    return bin;
  } catch (e) {
    process.stderr.write(`kubeconform could not be built: ${(e as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
}

/** kubeconform's file layout ({{ .ResourceKind }}{{ .KindSuffix }}.json) from podsmith's schemas. */
function writeKubeconformSchemas(version: string): void {
  fs.rmSync(KC_SCHEMAS, { recursive: true, force: true });
  fs.mkdirSync(KC_SCHEMAS, { recursive: true });
  const doc = readRelease(version);
  // draft-04 (kubeconform's reading) has no `const`: a required string's `not: {const: ""}` (schema/store.ts) is its `minLength: 1`
  const defs = JSON.parse(JSON.stringify(allDefinitions(doc)).replace(/,"format":"quantity"/g, '').replace(/"not":\{"const":""\}/g, '"minLength":1'));
  for (const [gvk, [def]] of Object.entries(doc.kinds)) {
    const parts = gvk.split('/');
    const kind = parts.pop()!.toLowerCase();
    const ver = parts.pop()!;
    const group = parts.length ? parts[0].split('.')[0] : '';
    const suffix = group ? `-${group}-${ver}` : `-${ver}`;
    fs.writeFileSync(path.join(KC_SCHEMAS, `${kind}${suffix}.json`), JSON.stringify({ ...defs[def], definitions: defs }));
  }
}

/** CPU seconds (user + system) of a child process, read with the shell's `times`. */
function childCpu(cmd: string, args: string[]): { cpu: number; out: string } {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('sh', ['-c', `${quoted} > "$OUT" 2>&1; times`], { env: { ...CHILD_ENV, OUT: path.join(OUT_DIR, 'child.out') }, encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  const secs = (s: string) => { const m = /(\d+)m([\d.]+)s/.exec(s)!; return Number(m[1]) * 60 + Number(m[2]); };
  const [u, s] = lines[lines.length - 1].trim().split(/\s+/);
  return { cpu: secs(u) + secs(s), out: fs.readFileSync(path.join(OUT_DIR, 'child.out'), 'utf8') };
}

// ---- run ------------------------------------------------------------------------------------

/** Compiles the CLI into bench/out (a fresh `podsmith validate` process runs it); undefined when it cannot. */
function compileCli(): string | undefined {
  try {
    const libDir = path.join(OUT_DIR, 'lib');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, '..', 'tsconfig.json'), '--outDir', libDir, '--noEmitOnError', 'false'], { stdio: 'ignore' });
    fs.cpSync(path.join(__dirname, '..', 'schemas'), path.join(OUT_DIR, 'schemas'), { recursive: true });
    fs.cpSync(path.join(__dirname, '..', 'package.json'), path.join(OUT_DIR, 'package.json'));
    // the build step that precompiles the schema validators (ajv standalone)
    execFileSync(process.execPath, [path.join(libDir, 'validate', 'schema', 'standalone.js')], { stdio: 'ignore' });
    return path.join(libDir, 'cli.js');
  } catch (e) {
    process.stderr.write(`could not compile the CLI for the fresh-process figures: ${(e as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
}

function kubeconformArgs(version: string, dir: string, extra: string[] = []): string[] {
  return ['-strict', '-summary', ...extra, '-kubernetes-version', `${version}.0`, '-schema-location', path.join(KC_SCHEMAS, '{{ .ResourceKind }}{{ .KindSuffix }}.json'), dir];
}

async function generatedRows(version: string, cli: string | undefined, kc: string | undefined): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const count = writeCorpus();
  const files = fs.readdirSync(CORPUS).length;
  process.stderr.write(`corpus: ${count} objects in ${files} files (${CORPUS}); Kubernetes ${version}\n`);

  // podsmith: all three layers, this process; the first run also warms up (ajv compile, JIT)
  const psCpu: number[] = [];
  const psWall: number[] = [];
  let summary;
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    const report = await validatePaths([CORPUS], { k8sVersion: version });
    const used = process.cpuUsage(t0);
    if (r === 0) { summary = report.summary; continue; }
    psCpu.push((used.user + used.system) / 1e6);
    psWall.push(Number(process.hrtime.bigint() - w0) / 1e9);
  }
  const psRate = count / median(psCpu);
  process.stderr.write(`podsmith: ${JSON.stringify(summary)}; ${median(psCpu).toFixed(2)} CPU-s, ${median(psWall).toFixed(2)} s wall → ${Math.round(psRate)} objects/CPU-s\n`);

  const rows: BenchRow[] = [{ metric: 'objects per CPU-second, all three layers (in process, warm)', podsmith: Math.round(psRate), unit: 'objects/CPU-s' }];

  // the same as a fresh `podsmith validate` process: node start-up, module loading, schema compile
  if (cli) {
    const cpu = median(Array.from({ length: RUNS }, () => childCpu(process.execPath, [cli, 'validate', '--format', 'json', '--k8s-version', version, CORPUS]).cpu));
    process.stderr.write(`podsmith validate (fresh process): ${cpu.toFixed(2)} CPU-s → ${Math.round(count / cpu)} objects/CPU-s\n`);
    rows.push({ metric: 'objects per CPU-second, all three layers (podsmith validate CLI, fresh process)', podsmith: Math.round(count / cpu), unit: 'objects/CPU-s' });
  }
  const notes = [`${count} objects in ${files} multi-document files; 5% carry a request > limit error, 2% a misspelt field`];
  if (kc) {
    const kcCpu: number[] = [];
    let out = '';
    for (let r = 0; r < RUNS + 1; r++) {
      const res = childCpu(kc, kubeconformArgs(version, CORPUS));
      out = res.out;
      if (r > 0) kcCpu.push(res.cpu);
    }
    const kcRate = count / median(kcCpu);
    const last = out.trim().split('\n').pop();
    process.stderr.write(`kubeconform ${KUBECONFORM_VERSION}: ${last}; ${median(kcCpu).toFixed(2)} CPU-s → ${Math.round(kcRate)} objects/CPU-s\n`);
    for (const row of rows) {
      row.anchor = Math.round(kcRate);
      row.ratio = Number((row.podsmith / kcRate).toFixed(2));
      row.target = '≥ 5× kubeconform';
      row.met = row.podsmith / kcRate >= 5;
    }
    notes.push(`kubeconform ${KUBECONFORM_VERSION} -strict with the same release's schemas (schema layer only): ${last}`);
  } else {
    notes.push('kubeconform was not available: podsmith figures only');
  }
  return { rows, notes };
}

async function realWorldRows(version: string, cli: string | undefined, kc: string | undefined): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const src = realWorldCorpus();
  if (!src) return { rows: [], notes: ['the real-world corpus was not found (set PODSMITH_CORPUS): no real-world rows'] };
  const rep = await repeatCorpus(src, OBJECTS, version);
  const { objects, dir } = rep;
  process.stderr.write(`real-world corpus: ${rep.perCopy.objects} objects (${rep.perCopy.errors} errors, ${rep.perCopy.warnings} warnings) × ${rep.copies} copies = ${objects} objects\n`);
  const rows: BenchRow[] = [];
  const notes = [`real-world corpus ${path.basename(src)}: ${rep.perCopy.objects} objects with ${rep.perCopy.errors} errors and ${rep.perCopy.warnings} warnings per copy, ${rep.copies} copies = ${objects} objects`];
  const cpuIn: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = process.cpuUsage();
    await validatePaths([dir], { k8sVersion: version });
    const u = process.cpuUsage(t0);
    if (r > 0) cpuIn.push((u.user + u.system) / 1e6);
  }
  rows.push({ metric: `real-world corpus ×${rep.copies} (${objects} objects): objects per CPU-second (in process, warm)`, podsmith: Math.round(objects / median(cpuIn)), unit: 'objects/CPU-s' });
  // fresh processes, interleaved run by run with kubeconform so that both see the same machine:
  // podsmith on one thread (PODSMITH_WORKERS=1), podsmith with its worker threads, kubeconform
  // with its default workers
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const psArgs = cli ? [cli, 'validate', '--format', 'json', '--k8s-version', version, dir] : [];
  const kcArgs = kubeconformArgs(version, dir, ['-ignore-missing-schemas']);
  if (kc) timed(kc, kcArgs); // warm the page cache
  const one: ProcessRun[] = [];
  const many: ProcessRun[] = [];
  const kcRuns: ProcessRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    if (cli) {
      one.push(timed(process.execPath, psArgs, { ...CHILD_ENV, PODSMITH_WORKERS: '1' }));
      many.push(timed(process.execPath, psArgs, { ...CHILD_ENV, PODSMITH_WORKERS: String(cores) }));
    }
    if (kc) kcRuns.push(timed(kc, kcArgs));
  }
  const med = (rs: ProcessRun[], k: 'cpu' | 'wall' | 'peakMb') => median(rs.map((x) => x[k]));
  const kcCpu = kc ? med(kcRuns, 'cpu') : undefined;
  const vsKc = (rate: number): Partial<BenchRow> => (kcCpu === undefined ? {} : {
    anchor: Math.round(objects / kcCpu), ratio: Number((rate * kcCpu / objects).toFixed(2)), target: '≥ 5× kubeconform', met: rate * kcCpu / objects >= 5,
  });
  if (cli) {
    const rate1 = objects / med(one, 'cpu');
    const rateN = objects / med(many, 'cpu');
    rows.push({ metric: `real-world corpus ×${rep.copies}: objects per CPU-second (podsmith validate CLI, fresh process, one thread)`, podsmith: Math.round(rate1), unit: 'objects/CPU-s', ...vsKc(rate1) });
    rows.push({ metric: `real-world corpus ×${rep.copies}: objects per CPU-second (podsmith validate CLI, fresh process, ${cores} worker threads)`, podsmith: Math.round(rateN), unit: 'objects/CPU-s', ...vsKc(rateN) });
    rows.push({ metric: `real-world corpus ×${rep.copies}: wall-clock seconds, ${cores} worker threads (anchor: PODSMITH_WORKERS=1, one thread)`, podsmith: med(many, 'wall'), anchor: med(one, 'wall'), unit: 's', ratio: Number((med(one, 'wall') / med(many, 'wall')).toFixed(2)) });
    process.stderr.write(`real-world, podsmith validate one thread: ${med(one, 'cpu').toFixed(2)} CPU-s, ${med(one, 'wall').toFixed(2)} s wall, ${med(one, 'peakMb')} MB; ${cores} workers: ${med(many, 'cpu').toFixed(2)} CPU-s, ${med(many, 'wall').toFixed(2)} s wall, ${med(many, 'peakMb')} MB\n`);
  }
  if (kc) {
    const kcWall = med(kcRuns, 'wall');
    process.stderr.write(`real-world, kubeconform: ${kcCpu!.toFixed(2)} CPU-s, ${kcWall.toFixed(2)} s wall, ${med(kcRuns, 'peakMb')} MB; ${kcRuns[0].out.trim().split('\n').pop()}\n`);
    if (cli) {
      rows.push({ metric: `real-world corpus ×${rep.copies} (${objects} objects): wall-clock seconds, fresh process, ${cores} worker threads (kubeconform with its default workers)`, podsmith: med(many, 'wall'), anchor: kcWall, unit: 's', ratio: Number((kcWall / med(many, 'wall')).toFixed(2)), target: '≥ 3× faster than kubeconform (ratio = kubeconform / podsmith)', met: kcWall / med(many, 'wall') >= 3 });
      rows.push({ metric: `real-world corpus ×${rep.copies}: peak MB, fresh process, one thread (anchor: kubeconform)`, podsmith: med(one, 'peakMb'), anchor: med(kcRuns, 'peakMb'), unit: 'MB', ratio: Number((med(one, 'peakMb') / med(kcRuns, 'peakMb')).toFixed(2)) });
    }
    // the in-process row against the same kubeconform figure
    const inRow = rows.find((r) => r.metric.includes('(in process, warm)'))!;
    Object.assign(inRow, vsKc(inRow.podsmith));
    notes.push(`kubeconform on the real-world corpus: -strict -ignore-missing-schemas (custom resources have no schema there), default workers; ${kcRuns[0].out.trim().split('\n').pop()}`);
  }
  notes.push(`fresh-process rows: median of ${RUNS} runs each, podsmith (one thread, then ${cores} worker threads) and kubeconform interleaved run by run; CPU-s = user + system (GNU time)`);
  const reading = readerRows(src, RUNS);
  return { rows: [...rows, ...reading.rows], notes: [...notes, ...reading.notes] };
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // in-process rows measure the engine, warm, on this thread (worker threads start cold each run;
  // the fresh-process rows run with them)
  process.env.PODSMITH_WORKERS = '1';
  const version = availableVersions()[availableVersions().length - 1];
  const cli = compileCli();
  const kc = kubeconformBinary();
  if (kc) writeKubeconformSchemas(version);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const add = (part: { rows: BenchRow[]; notes: string[] }) => { rows.push(...part.rows); notes.push(...part.notes); };
  if (PARTS.has('generated')) add(await generatedRows(version, cli, kc));
  if (PARTS.has('hostile') && cli) add(hostileRows(cli, version, RUNS));
  if (PARTS.has('realworld')) add(await realWorldRows(version, cli, kc));
  const result = writeResult({ benchmark: 'validate', anchor: `kubeconform ${KUBECONFORM_VERSION}`, runs: RUNS, rows, notes });
  process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
}

main().catch((e) => { process.stderr.write(`bench:validate: ${(e as Error).stack}\n`); process.exitCode = 1; });
