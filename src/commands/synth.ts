/**
 * `podsmith synth [--app CMD] [--output DIR] [--format …] [--k8s-version X.Y] [--strict]`:
 * runs the cdk8s app into a temporary directory beside the output, validates what it wrote,
 * and only then swaps it into place. A failed app or a failed validation leaves the previous
 * output untouched (nothing half-written).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError, UsageError } from '../errors';
import { parseCommandArgs, pickFormat } from './args';

const HELP = `Usage: podsmith synth [--app CMD] [--output DIR] [--format text|json|sarif|junit] [--k8s-version X.Y] [--strict]

Runs the cdk8s app (default: 'app' in cdk8s.yaml), validates its manifests and writes them to
DIR (default: 'output' in cdk8s.yaml, else dist) only when no error-level finding remains.
Exit: 0 clean (warnings allowed unless --strict), 1 findings, 2 the app failed or bad usage.
`;

interface Cdk8sConfig { app?: string; output?: string }

function readConfig(): Cdk8sConfig {
  const file = 'cdk8s.yaml';
  if (!fs.existsSync(file)) return {};
  try {
    const cfg = parseYaml(fs.readFileSync(file, 'utf8')) as Cdk8sConfig | null;
    return cfg ?? {};
  } catch (e) {
    throw new InputError(`cdk8s.yaml: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Runs the app with its output redirected; returns its stderr. */
function runApp(app: string, outdir: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(app, { shell: true, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, CDK8S_OUTDIR: outdir } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/** A construct error thrown inside the app, as one line (no stack trace). */
export function constructErrorLine(stderr: string): string | undefined {
  return /^PodsmithError: (.+)$/m.exec(stderr)?.[1]?.trim();
}

function replaceDir(tmp: string, out: string): void {
  const old = `${out}.podsmith-old-${process.pid}`;
  const had = fs.existsSync(out);
  if (had) fs.renameSync(out, old);
  try {
    fs.renameSync(tmp, out);
  } catch (e) {
    if (had) fs.renameSync(old, out);
    throw e;
  }
  if (had) fs.rmSync(old, { recursive: true, force: true });
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('synth', argv, {
    'app': { type: 'string' },
    'output': { type: 'string', short: 'o' },
    'format': { type: 'string' },
    'k8s-version': { type: 'string' },
    'strict': { type: 'boolean' },
    'help': { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = pickFormat(values.format as string | undefined, ['text', 'json', 'sarif', 'junit'] as const, 'text');
  const { k8sVersionProblem } = await import('../validate/options');
  const versionProblem = k8sVersionProblem(values['k8s-version'], '--k8s-version');
  if (versionProblem) throw new UsageError(versionProblem);
  const cfg = readConfig();
  const app = (values.app as string | undefined) ?? cfg.app;
  if (!app) throw new UsageError("no app to run: pass --app CMD or set 'app' in cdk8s.yaml");
  const out = path.resolve((values.output as string | undefined) ?? cfg.output ?? 'dist');

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = fs.mkdtempSync(`${out}.podsmith-tmp-`);
  try {
    process.stderr.write(`podsmith synth: running ${app}\n`);
    const t0 = Date.now();
    const result = await runApp(app, tmp);
    if (result.code !== 0) {
      const line = constructErrorLine(result.stderr);
      if (line) throw new InputError(line);
      process.stderr.write(result.stderr);
      throw new InputError(`the app '${app}' exited with code ${result.code}; ${path.relative(process.cwd(), out) || out} was left as it was`);
    }
    const files = fs.readdirSync(tmp).filter((f) => /\.(ya?ml|json)$/.test(f));
    if (!files.length) throw new InputError(`the app '${app}' wrote no manifests (does it call app.synth()?)`);
    process.stderr.write(`podsmith synth: ${files.length} file(s) in ${Date.now() - t0} ms; validating\n`);

    const { validatePaths, formatReport } = await import('../validate');
    const report = await validatePaths([tmp], {
      k8sVersion: values['k8s-version'] as string | undefined,
      strict: values.strict === true,
    });
    // findings name the files where they will be, not the temporary directory
    for (const f of report.findings) {
      if (f.file) f.file = path.relative(process.cwd(), path.join(out, path.relative(tmp, path.resolve(f.file))));
    }
    const failed = report.summary.errors > 0 || (values.strict === true && report.summary.warnings > 0);
    const text = formatReport(report, format, { strict: values.strict === true });
    if (failed) {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      process.stderr.write(`podsmith synth: validation failed (${report.summary.errors} error(s), ${report.summary.warnings} warning(s)); nothing was written\n`);
      return 1;
    }
    replaceDir(tmp, out);
    // warnings (and infos) are shown, not only counted; a clean text report prints nothing
    const shown = report.findings.some((f) => !f.suppressed);
    if (format !== 'text' || shown) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    process.stderr.write(`podsmith synth: wrote ${files.join(', ')} to ${path.relative(process.cwd(), out) || out} ` +
      `(${report.summary.objects} objects, ${report.summary.warnings} warning(s))\n`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
