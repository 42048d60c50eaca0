/**
 * Jest helpers for users' tests of their cdk8s charts:
 *
 *   import { expectValidManifests, toPassPodsmith } from 'podsmith/jest';   // or from 'podsmith'
 *   expect.extend({ toPassPodsmith });
 *   expect(Testing.synth(chart)).toPassPodsmith();          // no error and no warning
 *   expect(Testing.synth(chart)).toPassPodsmith({ profile: 'restricted' });
 *   expectValidManifests(Testing.synth(chart));             // throws with the findings as text
 */
import { UsageError } from '../errors';
import { formatReport, validateObjects } from './index';
import { validateOptionsProblem } from './options';
import { Report, ValidateOptions } from './types';

export interface PassOptions extends ValidateOptions {
  /** Also fail on warnings (what a chart emits should be clean). @default true */
  failOnWarnings?: boolean;
}

function check(manifests: unknown, options: PassOptions = {}): { report: Report; failed: boolean } {
  const problem = validateOptionsProblem('toPassPodsmith options', options, ['failOnWarnings']);
  if (problem) throw new UsageError(problem);
  const list = Array.isArray(manifests) ? manifests : [manifests];
  const report = validateObjects(list.map((object) => ({ object })), options);
  const failOnWarnings = options.failOnWarnings ?? true;
  const failed = report.summary.errors > 0 || (failOnWarnings && report.summary.warnings > 0);
  return { report, failed };
}

/** Throws an Error listing the findings when the manifests have an error (or a warning). */
export function expectValidManifests(manifests: unknown, options: PassOptions = {}): Report {
  const { report, failed } = check(manifests, options);
  if (failed) throw new Error(`podsmith validation failed:\n${formatReport(report, 'text')}`);
  return report;
}

/** A jest matcher: `expect.extend({ toPassPodsmith })`. */
export function toPassPodsmith(this: unknown, manifests: unknown, options: PassOptions = {}) {
  const { report, failed } = check(manifests, options);
  return {
    pass: !failed,
    message: () => (failed
      ? `expected the manifests to pass podsmith validation:\n${formatReport(report, 'text')}`
      : `expected the manifests to fail podsmith validation, but they passed (${report.summary.objects} objects)`),
  };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassPodsmith(options?: PassOptions): R;
    }
  }
}
