/**
 * podsmith reads lists as kubectl does: each stream below is read by the Go oracle
 * (cluster/go/yamlref: apimachinery's UnstructuredJSONScheme decodes a document with `items` as a
 * list, filling in the kind and apiVersion of items that have neither, and cli-runtime's
 * FlattenListVisitor sends its items one by one) and validated by podsmith. Where kubectl sends
 * items, podsmith checks the same objects (kind, apiVersion, name, in order); where kubectl
 * refuses the document, podsmith reports an error for it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseText, validateObjects } from '../../src/validate';
import { oracleBinary, oracleRead } from './oracle';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-lists-'));
  oracleBinary();
}, 600_000);
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const pod = (name: string) => `metadata: {name: ${name}}\n  spec: {containers: [{name: c, image: "nginx:1.27"}]}`;

const STREAMS: Record<string, string> = {
  // what the API server returns for GET /api/v1/pods: the items carry no kind or apiVersion
  'typed list, items without type': `apiVersion: v1\nkind: PodList\nmetadata: {resourceVersion: "1"}\nitems:\n- ${pod('a')}\n- ${pod('b')}\n`,
  'typed list, one item typed, one with only a kind, one with an empty kind': `apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n- kind: Pod\n  ${pod('d')}\n- kind: ""\n  ${pod('e')}\n- kind: null\n  ${pod('f')}\n`,
  'List, items typed': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: g}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: h}\n',
  'List, an item without type': 'apiVersion: v1\nkind: List\nitems:\n- metadata: {name: i}\n',
  'a group\'s typed list': 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: j}\n  spec:\n    selector: {matchLabels: {app: j}}\n    template:\n      metadata: {labels: {app: j}}\n      spec: {containers: [{name: c, image: "nginx:1.27"}]}\n',
  'an object of another kind with items': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: l}\n',
  'items: null': 'apiVersion: v1\nkind: PodList\nitems: null\n',
  'no items': 'apiVersion: v1\nkind: PodList\nitems: []\n',
  'items a mapping': 'apiVersion: v1\nkind: PodList\nitems: {a: 1}\n',
  'a list without a kind': 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: m}\n',
  'a typed list without an apiVersion': `kind: PodList\nitems:\n- ${pod('n')}\n`,
  'JSON, as the API server returns a list': JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'o' }, data: { a: 'b' } }] }, null, 2),
  'two lists in one stream': `apiVersion: v1\nkind: PodList\nitems:\n- ${pod('p')}\n---\napiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: q}\n  spec: {ports: [{port: 80}]}\n`,
};

describe('lists are read as kubectl reads them (the Go oracle: apimachinery and cli-runtime)', () => {
  const names = Object.keys(STREAMS);
  let answers: ReturnType<typeof oracleRead>;
  beforeAll(() => {
    const files = names.map((n, i) => {
      const f = path.join(dir, `${i}.yaml`);
      fs.writeFileSync(f, STREAMS[n]);
      return f;
    });
    answers = oracleRead(files);
  });

  test.each(names.map((n, i) => [n, i] as const))('%s', (name, i) => {
    const text = STREAMS[name];
    // kubectl: the objects it sends, or the refusal of a document
    const json = text.trimStart().startsWith('{');
    const lists = json ? answers[i].visit.lists : answers[i].docs.map((d) => d.list ?? null);
    const values = json ? answers[i].visit.docs : answers[i].docs.map((d) => d.json);
    const sent: string[] = [];
    let refused = false;
    values.forEach((v: any, k) => {
      const list = lists[k];
      if (v === null || v === undefined) return;
      if (list?.error !== undefined) { refused = true; return; }
      for (const o of (list ? list.items : [v]) as any[]) {
        if (typeof o?.kind !== 'string' || o.kind === '' || typeof o?.apiVersion !== 'string' || o.apiVersion === '') refused = true;
        else sent.push(`${o.apiVersion} ${o.kind} ${o.metadata?.name ?? ''}`);
      }
    });
    // podsmith: the objects it checked, and whether it refused any
    const report = validateObjects(parseText(text, `${i}.yaml`));
    const checked = ((report as any).objects as Array<{ ref: { apiVersion: string; kind: string; name: string } }>)
      .filter((o) => o.ref.kind !== '' && o.ref.apiVersion !== '')
      .map((o) => `${o.ref.apiVersion} ${o.ref.kind} ${o.ref.name}`);
    const typeErrors = report.findings.filter((f) => ['manifest.missing-type', 'manifest.not-an-object', 'manifest.api-version-unsupported'].includes(f.rule));
    if (refused) {
      expect(typeErrors.length).toBeGreaterThan(0);
    } else {
      expect(typeErrors).toEqual([]);
    }
    // every object kubectl sends is checked by podsmith, in the same order
    expect(checked.filter((c) => sent.includes(c))).toEqual(sent);
    if (!refused) expect(checked).toEqual(sent);
  });
});
