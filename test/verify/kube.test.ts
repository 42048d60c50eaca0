/**
 * Classifying API errors: what is retried with backoff (the API server is away or overloaded)
 * and what is final (the object is bad). The client library itself is not loaded here (it is
 * ESM-only); the e2e tests exercise it through the CLI.
 */
import { backoffMs, KubeError, toKubeError } from '../../src/verify/kube';

const apiError = (code: number, message: string) => Object.assign(new Error(`HTTP-Code: ${code}`), { code, body: JSON.stringify({ kind: 'Status', message }) });

test('connection failures and timeouts are transient', () => {
  expect(toKubeError('get', Object.assign(new Error('request failed, reason: connect ECONNREFUSED 10.254.254.2:6443'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 0, transient: true, reason: 'API server unreachable (ECONNREFUSED)' });
  expect(toKubeError('get', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).transient).toBe(true);
  expect(toKubeError('get', Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }))).toMatchObject({ transient: true, reason: 'no answer from the API server (timed out)' });
});

test('HTTP statuses: overload and unavailability retried, a bad object not', () => {
  expect(toKubeError('apply', apiError(503, 'the server is currently unable to handle the request')).transient).toBe(true);
  expect(toKubeError('apply', apiError(429, 'too many requests')).transient).toBe(true);
  expect(toKubeError('apply', apiError(500, 'rpc error: etcdserver: leader changed')).transient).toBe(true);
  const bad = toKubeError('apply Pod/p', apiError(500, 'failed to create typed patch object (ns/p; /v1, Kind=Pod): .spec.containers[name="c"].bogus: field not declared in schema'));
  expect(bad.transient).toBe(false);
  expect(bad.message).toBe('apply Pod/p: HTTP 500: failed to create typed patch object (ns/p; /v1, Kind=Pod): .spec.containers[name="c"].bogus: field not declared in schema');
  expect(toKubeError('get', apiError(404, 'not found'))).toMatchObject({ code: 404, transient: false });
  expect(toKubeError('apply', apiError(422, 'Deployment.apps "x" is invalid')).transient).toBe(false);
});

test('already classified errors pass through; backoff doubles to 8 s', () => {
  const e = new KubeError('x', 0, 'y', true);
  expect(toKubeError('z', e)).toBe(e);
  expect([0, 1, 2, 3, 4, 5].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
});
