/**
 * A cdk8s validation plugin, so that `cdk8s synth --validate` runs podsmith's validator. In
 * cdk8s.yaml:
 *
 *   validations:
 *     - package: ./node_modules/podsmith/lib/validate/cdk8s   # or ./lib/validate/cdk8s in this repo
 *       class: PodsmithValidation
 *       version: 0.0.0
 *       properties: { k8sVersion: "1.34", profile: restricted, strict: false, crds: [crds/], strictKinds: true }
 *
 * The interfaces below are the structural subset of cdk8s-cli's plugin API that the plugin
 * uses, so podsmith does not depend on cdk8s-cli at run time.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { validateObjects, validatePaths } from '../index';
import { loadCrds } from '../crd/load';
import { Finding, ValidateOptions } from '../types';

export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ReadonlyArray<{ resourceName: string; locations: readonly string[]; manifestPath: string }>;
}

export interface PluginContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

export class PodsmithValidation {
  private readonly options: ValidateOptions;

  constructor(properties: ValidateOptions = {}) {
    this.options = { ...properties };
  }

  async validate(context: PluginContext): Promise<void> {
    // crds: paths (files or directories) as in `--crds`, or CRD objects; strictKinds as `--strict-kinds`
    const given = this.options.crds ?? [];
    const paths = given.filter((c): c is string => typeof c === 'string');
    const crds = paths.length ? [...given.filter((c) => typeof c !== 'string'), ...(await loadCrds(paths))] : this.options.crds;
    const report = await validatePaths([...context.manifests], { ...this.options, crds });
    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings) {
      if (f.suppressed || f.severity === 'info') continue;
      if (!byRule.has(f.rule)) byRule.set(f.rule, []);
      byRule.get(f.rule)!.push(f);
    }
    for (const [rule, findings] of byRule) {
      context.report.addViolation({
        ruleName: `${rule} (${findings[0].severity})`,
        recommendation: findings.length === 1 ? findings[0].message : `${findings[0].message} (and ${findings.length - 1} more)`,
        fix: findings[0].fix,
        violatingResources: findings.map((f) => ({
          resourceName: `${f.object.kind}/${f.object.name}`,
          locations: [f.line !== undefined ? `${f.path} (line ${f.line})` : f.path],
          manifestPath: f.file ?? '',
        })),
      });
    }
    const failed = report.summary.errors > 0 || (this.options.strict === true && report.summary.warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', {
      objects: String(report.summary.objects),
      errors: String(report.summary.errors),
      warnings: String(report.summary.warnings),
    });
  }
}

/**
 * Makes `app.synth()` (and so `cdk8s synth`) validate the manifests and fail — before any file is
 * written — on an error-level finding (or a warning, with `failOnWarnings`). Works on an App or
 * a Chart:
 *
 *   const app = new App();
 *   validateOnSynth(app);
 */
export function validateOnSynth(scope: Construct, options: ValidateOptions & { failOnWarnings?: boolean } = {}): void {
  // Chart.toJson() runs the app's validations itself: answer that inner call with no errors.
  let running = false;
  scope.node.addValidation({
    validate: () => {
      if (running) return [];
      running = true;
      try {
        return check();
      } finally {
        running = false;
      }
    },
  });
  function check(): string[] {
    const charts = scope instanceof App ? scope.charts
      : scope instanceof Chart ? [scope]
        : scope.node.findAll().filter((c): c is Chart => Chart.isChart(c));
    const objects = charts.flatMap((c) => c.toJson());
    const report = validateObjects(objects.map((object) => ({ object })), options);
    const failing = report.findings.filter((f) => !f.suppressed && (f.severity === 'error' || (options.failOnWarnings === true && f.severity === 'warning')));
    // one line per finding: what, where, how to fix
    return failing.map((f) => `${f.object.kind}/${f.object.name}: ${f.severity} ${f.rule}: ${f.path}: ${f.message} (fix: ${f.fix})`);
  }
}
