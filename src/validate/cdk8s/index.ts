/**
 * A cdk8s validation plugin, so that `cdk8s synth` runs podsmith's validator. In
 * cdk8s.yaml:
 *
 *   validations:
 *     - package: ./node_modules/podsmith/lib/validate/cdk8s   # or ./lib/validate/cdk8s in this repo
 *       class: PodsmithValidation
 *       version: 0.1.0
 *       properties: { k8sVersion: "1.34", profile: restricted, strict: false, crds: [crds/], strictKinds: true }
 *
 * Each violation names the resource as cdk8s recorded it (metadata.name), so the report shows
 * the construct path of every finding; a typo in `properties` or an unsupported k8sVersion
 * fails the report with one line.
 *
 * The interfaces below are the structural subset of cdk8s-cli's plugin API that the plugin
 * uses, so podsmith does not depend on cdk8s-cli at run time.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { UsageError } from '../../errors';
import { validateObjects, validatePaths } from '../index';
import { loadCrds } from '../crd/load';
import { validateOptionsProblem } from '../options';
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
  private readonly problem?: string;

  constructor(properties: ValidateOptions = {}) {
    this.options = { ...properties };
    this.problem = validateOptionsProblem('podsmith plugin properties (cdk8s.yaml)', properties);
  }

  async validate(context: PluginContext): Promise<void> {
    if (this.problem) {
      context.report.addViolation({
        ruleName: 'podsmith.plugin-properties (error)',
        recommendation: this.problem,
        fix: 'correct the properties of the podsmith entry under validations in cdk8s.yaml',
        violatingResources: [],
      });
      context.report.submit('failure', { error: this.problem });
      return;
    }
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
        // cdk8s-cli looks the construct path up by metadata.name (construct-metadata.json)
        violatingResources: findings.map((f) => ({
          resourceName: f.object.name,
          locations: [`${f.object.kind}/${f.object.name}: ${f.path}${f.line !== undefined ? ` (line ${f.line})` : ''}: ${f.message}`],
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
  const problem = validateOptionsProblem('validateOnSynth options', options, ['failOnWarnings']);
  if (problem) throw new UsageError(problem);
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
