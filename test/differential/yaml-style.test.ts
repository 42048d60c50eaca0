/**
 * The differential test's YAML writer: whatever the style (flow, quoting, block scalars, anchors,
 * aliases and merge keys, comments, CRLF, BOM, octal modes), the text must read back as the very
 * object it was written from — by an independent YAML 1.1 reader, the `yaml` package — unless the
 * style writes a string plain on purpose (`plainTricky`). Otherwise a reading difference the
 * differential reports could be the writer's.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { caseArbitrary } from './cases';
import { writeYaml, yamlStyle } from './yaml-style';

const sorted = (x: any): any => (Array.isArray(x) ? x.map(sorted)
  : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted(x[k])])) : x);
const read = (text: string) => parse(text.replace(/^\ufeff/, ''), { version: '1.1', merge: true, uniqueKeys: true, maxAliasCount: -1 });

describe('differential YAML styles', () => {
  test('styled text reads back as the object it was written from', () => {
    fc.assert(fc.property(caseArbitrary(), yamlStyle, (c, st) => {
      const style = { ...st, plainTricky: false };
      const value = read(writeYaml(c.object, style));
      expect(sorted(value)).toEqual(sorted(JSON.parse(JSON.stringify(c.object))));
    }), { numRuns: 300 });
  });

  test('each feature shows in the text', () => {
    const o = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b', c: 'd' }, annotations: { a: 'b', c: 'd', e: 'f' } },
      spec: { containers: [{ name: 'a', image: 'busybox', command: ['sh', '-c', 'exec sleep 1'], env: [{ name: 'X', value: 'yes' }] }], volumes: [{ name: 'v', configMap: { name: 'c', defaultMode: 0o644 } }] },
    };
    const base = { flowDepth: 99, quote: 'plain', plainTricky: false, blockScalars: false, anchors: false, comments: false, crlf: false, bom: false, octalModes: false, compactSequences: false, indent: 2, documentStart: false, seed: 1 } as const;
    expect(writeYaml(o, { ...base, octalModes: true })).toContain('defaultMode: 0644');
    expect(writeYaml(o, base)).toContain('value: "yes"');
    expect(writeYaml(o, { ...base, plainTricky: true })).toContain('value: yes');
    expect(writeYaml(o, { ...base, anchors: true })).toMatch(/labels: &a1[\s\S]*<<: \*a1/);
    expect(writeYaml(o, { ...base, crlf: true, bom: true })).toMatch(/^\ufeffapiVersion: v1\r\n/);
    expect(writeYaml(o, { ...base, flowDepth: 2 })).toContain('labels: {a: b, c: d}');
    expect(writeYaml(o, { ...base, quote: 'single' })).toContain("name: 'p'");
    expect(read(writeYaml(o, { ...base, plainTricky: true })).spec.containers[0].env[0].value).toBe(true);
  });
});
