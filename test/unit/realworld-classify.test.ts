/**
 * How the real-world harness classes an API server's answer (test/realworld/server.ts classify):
 * refusals for the cluster's own port and IP ranges or objects already there are set apart, not
 * counted as the object being invalid; the messages are the API server's own (ValidateService's
 * port allocator and the IP allocator).
 */
import { classify } from '../realworld/server';

const status = (message: string) => JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, message });

test.each([
  'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
  'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 99: provided port is not in the valid range. The range of valid ports is 30000-32767',
  'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
])('cluster-dependent: %s', (message) => {
  expect(classify(422, status(message)).class).toBe('cluster');
});

test('a validation refusal is a refusal', () => {
  expect(classify(422, status('Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive')).class).toBe('rejected');
  expect(classify(201, '{}').class).toBe('accepted');
});
