import { App, Chart, Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { ContainerProps, Probe } from '../../src';

/** A fresh chart for one test. */
export function chart(): Chart {
  return new Chart(testApp(), 'test');
}

/** The synthesized objects of a chart. */
export function synth(c: Chart): any[] {
  return Testing.synth(c);
}

/** The first object of a kind. */
export function find(c: Chart, kind: string, name?: string): any {
  const o = synth(c).find((x) => x.kind === kind && (name === undefined || x.metadata.name === name));
  if (!o) throw new Error(`no ${kind}${name ? `/${name}` : ''} in the chart`);
  return o;
}

/** The Pod spec of a workload object. */
export function podSpec(o: any): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec;
  return o.spec.template.spec;
}

/** A minimal, valid long-running container for tests. */
export const web = (extra: Partial<ContainerProps> = {}): ContainerProps => ({
  name: 'web',
  image: 'busybox:1.35.0',
  ports: [{ number: 8080, name: 'http' }],
  probe: Probe.httpGet('/healthz'),
  ...extra,
});

/** A run-to-completion container for Jobs. */
export const task = (extra: Partial<ContainerProps> = {}): ContainerProps => ({
  name: 'task',
  image: 'busybox:1.35.0',
  command: ['true'],
  ...extra,
});

export { App };
