/** DESIGN principle: what podsmith's constructs emit by default validates clean under the default rule set. */
import { Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { ExampleChart } from '../../src/main';
import { availableVersions, validateObjects } from '../../src/validate';

test.each(availableVersions())('the example app (every construct) validates with no error and no warning on Kubernetes %s', (k8sVersion) => {
  const chart = new ExampleChart(testApp(), 'example');
  const report = validateObjects(Testing.synth(chart).map((object: any) => ({ object })), { k8sVersion });
  expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
  // explicit opt-outs are recorded, not dropped
  for (const f of report.findings) expect(f.suppressed).toBe(true);
});
