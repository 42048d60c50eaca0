/**
 * Regenerates schemas/: JSON schemas for the kinds podsmith validates, converted from the
 * upstream OpenAPI v3 documents that the k8s.io/kubernetes Go module carries
 * (api/openapi-spec/v3). Needs Go and the module proxy; users of podsmith need neither, because
 * the output is committed.
 *
 *   npx ts-node --transpile-only scripts/gen-schemas.ts
 *
 * Versions: 1.27 (cdk8s-plus-27's) and the local cluster's release (KUBERNETES_VERSION in
 * cluster/versions.env). The conversion:
 * - `$ref` into #/definitions, `allOf: [{$ref}]` collapsed to the `$ref`;
 * - objects with `properties` get `additionalProperties: false` (unknown fields are errors, as
 *   with `kubectl apply --validate=strict`) unless marked x-kubernetes-preserve-unknown-fields;
 * - every type also admits null (the API server treats null as absent);
 * - Quantity and IntOrString become single union types with formats podsmith checks itself;
 * - descriptions and defaults are dropped to keep the files small.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const PINNED_127 = 'v1.27.16';

/** group/version → OpenAPI v3 file; the kinds podsmith validates. */
const KINDS: Record<string, { file: string; kinds: string[] }> = {
  'v1': { file: 'api__v1_openapi.json', kinds: ['Pod', 'PodTemplate', 'ReplicationController', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota'] },
  'apps/v1': { file: 'apis__apps__v1_openapi.json', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'] },
  'batch/v1': { file: 'apis__batch__v1_openapi.json', kinds: ['Job', 'CronJob'] },
  'policy/v1': { file: 'apis__policy__v1_openapi.json', kinds: ['PodDisruptionBudget'] },
  'scheduling.k8s.io/v1': { file: 'apis__scheduling.k8s.io__v1_openapi.json', kinds: ['PriorityClass'] },
  'networking.k8s.io/v1': { file: 'apis__networking.k8s.io__v1_openapi.json', kinds: ['NetworkPolicy', 'Ingress'] },
  'autoscaling/v2': { file: 'apis__autoscaling__v2_openapi.json', kinds: ['HorizontalPodAutoscaler'] },
};

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

function clusterVersion(): string {
  const env = fs.readFileSync(path.join(ROOT, 'cluster', 'versions.env'), 'utf8');
  const m = /^KUBERNETES_VERSION=(\S+)$/m.exec(env);
  if (!m) throw new Error('KUBERNETES_VERSION not found in cluster/versions.env');
  return m[1];
}

function moduleDir(version: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const info = JSON.parse(out);
  if (info.Error) throw new Error(info.Error);
  return info.Dir;
}

function refName(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}

function withNull(type: unknown): unknown {
  if (typeof type === 'string') return [type, 'null'];
  if (Array.isArray(type)) return type.includes('null') ? type : [...type, 'null'];
  return type;
}

function convert(node: any, refs: Set<string>): any {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs));
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node.allOf) && node.allOf.length === 1 && node.allOf[0].$ref) {
    return convert({ ...node, ...node.allOf[0], allOf: undefined }, refs);
  }
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (v === undefined) continue;
    if (k === 'description' || k === 'default' || k === 'example' || k.startsWith('x-')) continue;
    if (k === '$ref') {
      const name = refName(v as string);
      refs.add(name);
      out.$ref = `#/definitions/${name}`;
    } else if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, convert(s, refs)]));
    } else if (k === 'type') {
      out.type = withNull(v);
    } else if (typeof v === 'object') {
      out[k] = convert(v, refs);
    } else {
      out[k] = v;
    }
  }
  if (node.properties && node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.type;
    out.type = ['integer', 'string', 'null'];
  }
  return out;
}

function generate(version: string): void {
  const dir = path.join(moduleDir(version), 'api', 'openapi-spec', 'v3');
  const definitions: Record<string, any> = {};
  const kinds: Record<string, string> = {};
  const sources: Record<string, any> = {};
  for (const [gv, { file, kinds: wanted }] of Object.entries(KINDS)) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const schemas = doc.components.schemas as Record<string, any>;
    Object.assign(sources, schemas);
    for (const [name, s] of Object.entries(schemas)) {
      const gvk = (s['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>;
      for (const g of gvk) {
        const apiVersion = g.group ? `${g.group}/${g.version}` : g.version;
        if (apiVersion === gv && wanted.includes(g.kind)) kinds[`${apiVersion}/${g.kind}`] = name;
      }
    }
  }
  const queue = [...new Set(Object.values(kinds))];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === QUANTITY) {
      definitions[name] = { type: ['string', 'number', 'null'], format: 'quantity' };
      continue;
    }
    if (name === INT_OR_STRING) {
      definitions[name] = { type: ['integer', 'string', 'null'] };
      continue;
    }
    const refs = new Set<string>();
    const src = sources[name];
    if (!src) throw new Error(`${version}: definition ${name} not found`);
    definitions[name] = convert(src, refs);
    for (const r of refs) if (!seen.has(r)) queue.push(r);
  }
  const minor = /^v(\d+\.\d+)/.exec(version)![1];
  const outDir = path.join(ROOT, 'schemas');
  fs.mkdirSync(outDir, { recursive: true });
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
  const sortedKinds = Object.fromEntries(Object.keys(kinds).sort().map((k) => [k, kinds[k]]));
  const body = { version, generatedBy: 'scripts/gen-schemas.ts', kinds: sortedKinds, definitions: sorted };
  fs.writeFileSync(path.join(outDir, `v${minor}.json`), `${JSON.stringify(body)}\n`);
  process.stderr.write(`schemas/v${minor}.json: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions\n`);
}

for (const v of [PINNED_127, clusterVersion()]) generate(v);
