/** The cdk8s validation plugin and the jest helpers. */
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { ExampleChart } from '../../src/main';
import { PluginViolation, PodsmithValidation } from '../../src/validate/cdk8s';
import { expectValidManifests, toPassPodsmith } from '../../src/validate/jest';
import { FIXTURES, goodBundle } from './helpers';

expect.extend({ toPassPodsmith });

function context(manifests: string[]) {
  const violations: PluginViolation[] = [];
  let status: string | undefined;
  return {
    violations,
    status: () => status,
    ctx: {
      manifests,
      report: {
        addViolation: (v: PluginViolation) => { violations.push(v); },
        submit: (s: 'success' | 'failure') => { status = s; },
      },
    },
  };
}

test('the cdk8s plugin passes clean manifests', async () => {
  const c = context([path.join(FIXTURES, 'good', 'web.yaml')]);
  await new PodsmithValidation().validate(c.ctx);
  expect(c.status()).toBe('success');
  expect(c.violations).toEqual([]);
});

test('the cdk8s plugin fails on an error and names rule, resource, path and file', async () => {
  const file = path.join(FIXTURES, 'semantic', 'resources.limit-below-request.yaml');
  const c = context([file]);
  await new PodsmithValidation({ k8sVersion: '1.34' }).validate(c.ctx);
  expect(c.status()).toBe('failure');
  expect(c.violations[0].ruleName).toBe('resources.limit-below-request (error)');
  // resourceName is metadata.name: cdk8s-cli looks the construct path up by it (issue 12); kind and message are in the location
  expect(c.violations[0].violatingResources[0]).toMatchObject({ resourceName: 'fixture', manifestPath: file });
  expect(c.violations[0].violatingResources[0].locations[0]).toMatch(/^Pod\/fixture: spec\.containers\[0\]\.resources\.requests\.cpu \(line \d+\): Invalid value: "2": must be less than or equal to cpu limit of 500m$/);
});

test('jest helper: toPassPodsmith and expectValidManifests', () => {
  expect(Testing.synth(new ExampleChart(testApp(), 'example'))).toPassPodsmith();
  const bad = goodBundle();
  bad[0].spec.template.spec.containers[0].image = 'nginx';
  expect(bad).not.toPassPodsmith();
  expect(bad).toPassPodsmith({ failOnWarnings: false });
  expect(() => expectValidManifests(bad)).toThrow(/image\.latest-tag/);
});

test('validateOnSynth: app.synth() fails on an error-level finding and writes nothing', () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const { App, Chart, ApiObject } = require('cdk8s');
  const { validateOnSynth } = require('../../src/validate/cdk8s');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-synth-'));
  try {
    const app = new App({ outdir });
    const chart = new Chart(app, 'bad');
    const pod = goodBundle()[0];
    pod.spec.template.spec.containers[0].resources.requests.cpu = '2';
    new ApiObject(chart, 'web', pod);
    validateOnSynth(app);
    expect(() => app.synth()).toThrow(/resources\.limit-below-request: spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu/);
    expect(fs.readdirSync(outdir)).toEqual([]);

    const ok = new App({ outdir });
    new ExampleChart(ok, 'example');
    validateOnSynth(ok);
    ok.synth();
    expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
