/**
 * Strings for the string formats of custom resources (crd/strfmt.ts): samples each format accepts
 * or nearly does, and their mutations. test/validate/strfmt.test.ts judges them with
 * kube-openapi's registry, test/e2e/exact.test.ts with the API server.
 */
/** Strings each format accepts or nearly does: what the mutations start from. */
export const FORMAT_SAMPLES: Record<string, string[]> = {
  bsonobjectid: ['507f1f77bcf86cd799439011', '507F1F77BCF86CD799439011', '507f1f77bcf86cd79943901', '507f1f77bcf86cd7994390111', 'zz7f1f77bcf86cd799439011'],
  uri: ['https://example.com', 'https://example.com/a/b?c=d#e', 'http://user:pa%20ss@host:8080/p', 'http://[::1]:80/', 'http://[fe80::1%25eth0]/', 'http://[fe80::1%25]/', 'http://[1.2.3.4]/', 'http://[::ffff:1.2.3.4]/',
    '/absolute/path', 'relative/path', '*', '', 'mailto:a@b.c', 'urn:isbn:0451450523', ':nope', 'http://host:port/', 'http://a:1:2/', 'http://ho st/', 'http://host/%zz', 'http://host/%41', 'http://h%41st/', 'http://h%C3%A9st/',
    'http://host/pa th', 'http://user@@host/', 'http://us^er@host/', 'ftp://[::1', 'http://x]/', 'http://a[b]/', 'HTTP://EXAMPLE.COM', 'git+ssh://git@github.com/x.git', '1http://x', '//host/path', 'http:', 'http://', 'http:///path', 'http://host?x', 's3://bucket/key?x=%', 'http://host/#frag%'],
  hostname: ['example.com', 'a', 'a-b', 'my-host.example.co', 'xn--bcher-kva.example', 'bücher.de', '☃.net', 'a.b', 'a.bc', '-a.com', 'a-.com', 'a..com', '1.2.3.4', `${'a'.repeat(63)}.com`, `${'a'.repeat(64)}.com`, `${'a.'.repeat(127)}com`, 'host_name', 'HOST', 'a.b1', 'localhost', 'a.b.c.d.e'],
  ipv4: ['10.0.0.1', '010.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '::1', '1.2.3.04', ' 1.2.3.4', '1.2.3.4 '],
  ipv6: ['::1', 'fd00::1', '2001:db8::8a2e:370:7334', '::ffff:1.2.3.4', '::ffff:01.2.3.4', '::ffff:1.2.3.04', 'fe80::1%eth0', '1.2.3.4', '2001:db8:::1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '::', 'FE80::A', '12345::1', '::1.2.3.4', '0:0:0:0:0:ffff:1.2.3.4'],
  cidr: ['10.0.0.0/8', '010.0.0.0/08', '10.0.0.0/33', 'fd00::/64', 'fd00::/129', '10.0.0.0', '10.0.0.0/', '10.0.0.0/8/8', '::ffff:1.2.3.4/96', 'LB_CIDR/32'],
  mac: ['00:00:5e:00:53:01', '00-00-5e-00-53-01', '0000.5e00.5301', '00005e005301', '00:00:5e:00:53:01:02:03', '00:00:5e:00:53', '00:00:5e-00:53:01', '0000.5e00-5301', 'gg:00:5e:00:53:01', '00:00:5E:00:53:01', '02:00:5e:10:00:00:00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d', '0000:5e00:5301', '00:0:5e:00:53:01'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', '123E4567E89B12D3A456426614174000', '123e4567-e89b-12d3-a456-42661417400', '{123e4567-e89b-12d3-a456-426614174000}', '123e4567-e89b12d3-a456-426614174000'],
  uuid3: ['a3bb189e-8bf9-3888-9912-ace4e6543002', 'a3bb189e-8bf9-4888-9912-ace4e6543002'],
  uuid4: ['f47ac10b-58cc-4372-a567-0e02b2c3d479', 'f47ac10b-58cc-4372-c567-0e02b2c3d479', 'F47AC10B-58CC-4372-A567-0E02B2C3D479'],
  uuid5: ['74738ff5-5367-5958-9aee-98fffdcd1876', '74738ff5-5367-5958-7aee-98fffdcd1876'],
  isbn: ['0321751043', '978-0321751041', '0-321-75104-3', '080442957X', '080442957x', '9780321751041', '9780321751042', '0 321 75104 3', '0\t321\n75104\r3'],
  isbn10: ['0321751043', '080442957X', '0321751044', '03217510431'],
  isbn13: ['978-0321751041', '9780321751041', '9780321751040', '978 0321751041'],
  creditcard: ['4111111111111111', '4111-1111-1111-1111', '4111 1111 1111 1111', '4111111111111112', '5500000000000004', '340000000000009', '30000000000004', '6011000000000004', 'x4111111111111111x', '٤111111111111111'],
  ssn: ['123-45-6789', '123 45 6789', '123456789', '123-456789', '12-345-6789', '123-45-678a', '123-45-67890'],
  hexcolor: ['#fff', 'fff', '#ffffff', '#FFFFFF', '#ffff', '#ggg', '#fffffff'],
  rgbcolor: ['rgb(255,255,255)', 'rgb( 0 , 10 , 255 )', 'rgb(256,0,0)', 'rgb(01,0,0)', 'rgb(0,0)', 'RGB(0,0,0)', 'rgb(\t0,\n0,\f0\r)', 'rgb(\u00a00,0,0)', 'rgb(\v0,0,0)', 'rgb(199,99,9)'],
  byte: ['aGk=', 'aGVsbG8=', 'aGVsbG8', 'aGVsbG8h', '', 'aGk=\n', 'aG k=', '////', 'aGk', 'a===', 'aGVsbG8h\r\naGk='],
  password: ['', 'x', 'anything at all'],
  date: ['2024-02-29', '2023-02-29', '2024-12-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01', '24-01-01', '2024-01-01T00:00:00Z', '0000-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '+024-01-01', '２０２４-01-01'],
  duration: ['1h', '1h30m', '1.5h', '-1h', '+1h', '0', '-0', '', '1', '1x', '5 days', '3 weeks', '10 seconds', '2 hours', '1 hr', '1wk', '4 millis', '7 nanoseconds', '1 microsecond', '1µs', '1μs', '.5s', '1.s', '.s', '1d', 'abc 5 min xyz', '9223372036854775807ns', '9223372036854775808ns', '99999999999999999999 s', '300000000h', '1 fortnight', '10 MINUTES', '1e3s', '1h 30m', 'P1D'],
  datetime: ['2024-01-01T10:00:00Z', '2024-01-01t10:00:00z', '2024-01-01T10:00:00.123+01:00', '2024-01-01 10:00:00Z', '2024-13-01T10:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T10:00:00', '2024-01-01T10:00:00x5Z', '2024-01-01T10:00:00ZT', '2024-01-01T10:00:00Zt99', '2024-01-01T1:00:00Z', '2024-01-01T10:00:00+0100', '2024-02-30T10:00:00Z'],
  k8sshortname: ['my-app', 'a', 'A', '-a', 'a-', 'a.b', 'a'.repeat(63), 'a'.repeat(64), '0a'],
  k8slongname: ['my-app.example.com', 'a', 'a..b', 'a.-b', 'Example.com', 'a'.repeat(253), 'a'.repeat(254), `${'a'.repeat(64)}.b`, '.a', 'a.'],
};

/** Characters where readings part: Go's \s (ASCII only) against JavaScript's, digits of other scripts, case, separators. */
const POOL = ['a', 'A', 'f', 'F', 'g', 'x', 'X', 't', 'T', 'z', 'Z', '0', '1', '2', '3', '5', '9', '-', '.', ':', '/', '#', '(', ')', ',', '+', '=', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u00b5', '\u03bc', 'é', '☃', '٣', '😀', 'h', 'm', 's', 'd'];

export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

/** The samples, each mutated a few times, and random strings of POOL. */
export function formatInputs(samples: string[], rand: () => number): string[] {
  const out = new Set(samples);
  const pick = () => POOL[Math.floor(rand() * POOL.length)];
  for (const s of samples) {
    out.add(s.toUpperCase());
    out.add(s.toLowerCase());
    for (let k = 0; k < 12; k++) {
      const at = Math.floor(rand() * (s.length + 1));
      const r = rand();
      out.add(r < 0.35 ? s.slice(0, at) + pick() + s.slice(at) : r < 0.7 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + pick() + s.slice(at + 1));
    }
  }
  for (let k = 0; k < 40; k++) {
    let s = '';
    const n = Math.floor(rand() * 16);
    for (let j = 0; j < n; j++) s += pick();
    out.add(s);
  }
  return [...out];
}

