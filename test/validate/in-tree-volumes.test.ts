/** Pieces of src/validate/semantic/in-tree-volumes.ts and csr-request.ts whose verdicts are Go's standard library's (each expectation below was checked against Go 1.26's net.SplitHostPort and pem.Decode) (the API server's cases are in test/support/in-tree-volume-cases.ts and control-plane-cases.ts). */
import { splitsHostPort } from '../../src/validate/semantic/in-tree-volumes';
import { pemDecode } from '../../src/validate/semantic/csr-request';

describe("Go's net.SplitHostPort, as a Quobyte registry is split", () => {
  // the examples of Go's net package documentation and tests (net/ipsock_test.go's shapes)
  test.each([
    ['localhost:80', true], ['[::1]:80', true], ['[::1%lo0]:80', true], [':80', true], ['host:', true], ['[::1]:', true],
    ['localhost', false], ['::1', false], ['::1:80', false], ['[::1]80', false], ['[::1]', false], ['[::1]:80:90', false],
    ['[foo:bar]baz:80', false], ['a[b]:80', false], ['host]:80', false], ['', false],
  ])('%j splits: %s', (hostport, ok) => {
    expect(splitsHostPort(hostport)).toBe(ok);
  });
});

describe("Go's encoding/pem.Decode, as a certificate request is read", () => {
  const block = (type: string, body = 'AAEC') => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
  test('the first block, after any text before it', () => {
    expect(pemDecode(`junk\n${block('CERTIFICATE REQUEST')}`)).toMatchObject({ type: 'CERTIFICATE REQUEST', bytes: Buffer.from([0, 1, 2]) });
  });
  test('a block whose END names another type is skipped, and so is one of bad base64', () => {
    expect(pemDecode('-----BEGIN A-----\nAAEC\n-----END B-----\n')).toBeUndefined();
    expect(pemDecode(`${block('A', 'A$$$')}${block('B')}`)).toMatchObject({ type: 'B' });
  });
  test('headers are counted; CRLF and spaces inside the body are read', () => {
    expect(pemDecode('-----BEGIN A-----\r\nProc-Type: 4,ENCRYPTED\r\n\r\nAA EC\r\n-----END A-----\r\n')).toMatchObject({ type: 'A', headers: 1, bytes: Buffer.from([0, 1, 2]) });
  });
  test('no BEGIN line, or one that does not end in five dashes: nothing', () => {
    expect(pemDecode('AAEC')).toBeUndefined();
    expect(pemDecode('-----BEGIN A----\nAAEC\n-----END A-----\n')).toBeUndefined();
  });
});
