/**
 * Regenerates schemas/: JSON schemas for every built-in kind of every Kubernetes minor from 1.27
 * to the newest the Go module proxy serves, converted from the upstream OpenAPI v3 documents that
 * the k8s.io/kubernetes Go module carries (api/openapi-spec/v3). Needs Go and the module proxy;
 * users of podsmith need neither, because the output is committed.
 *
 *   npm run gen:schemas
 *
 * Output (read by src/validate/schema/store.ts):
 * - schemas/index.json: the releases (minor → newest patch) and every built-in API group;
 * - schemas/v<X.Y>.json: per release, the kinds its API server serves by default
 *   (`apiVersion/kind` → [definition, scope, resource]), the kinds its documents define but it does not
 *   serve by default (alpha, beta off by default), and definition name → content hash;
 * - schemas/defs/<package>.json: hash → converted definition, shared by every release that has
 *   the identical definition (so eleven releases cost little more than one).
 *
 * Which kinds a release serves: the top-level resource collections of its OpenAPI paths (not
 * lists, watch events or subresources), minus the group versions its own
 * pkg/controlplane sources disable by default (alpha always; beta since KEP-3136), plus the beta
 * resources those sources enable individually.
 *
 * The conversion:
 * - `$ref` into #/definitions, `allOf: [{$ref}]` collapsed to the `$ref`;
 * - objects with `properties` get `additionalProperties: false` (unknown fields are errors, as
 *   with `kubectl apply --validate=strict`) unless marked x-kubernetes-preserve-unknown-fields;
 * - every type also admits null (the API server treats null as absent);
 * - Quantity and IntOrString become single union types with formats podsmith checks itself;
 * - descriptions and defaults are dropped to keep the files small.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'schemas');
const FIRST_MINOR = 27;
/**
 * Patches for minors the proxy's version query no longer resolves (its list starts at 1.29);
 * both are the last patch upstream released for that minor.
 */
const PINNED: Record<string, string> = { '1.27': 'v1.27.16', '1.28': 'v1.28.15' };

/**
 * Fields the OpenAPI documents list as required (their Go fields lack omitempty) that the API
 * server fills in by defaulting before it validates: not required of the user.
 */
const DEFAULTED: Record<string, string[]> = {
  'io.k8s.api.rbac.v1.RoleRef': ['apiGroup'],
};

/**
 * Fields the OpenAPI documents list as required (no omitempty) whose zero value the API server
 * accepts: a missing one decodes as "" and no validation looks at it (found by Kyverno's
 * conformance Pods, a sysctl written with its name only).
 */
const ZERO_VALUE_ACCEPTED: Record<string, string[]> = {
  // validateSysctls checks names only
  'io.k8s.api.core.v1.Sysctl': ['value'],
  // validateHTTPGetAction checks header names only
  'io.k8s.api.core.v1.HTTPHeader': ['value'],
  // a LimitRange or CSINode with an empty spec, a PriorityClass of value 0, a claim template with an empty claim spec: accepted
  'io.k8s.api.core.v1.LimitRangeSpec': ['limits'],
  'io.k8s.api.storage.v1.CSINodeSpec': ['drivers'],
  'io.k8s.api.scheduling.v1.PriorityClass': ['value'],
  'io.k8s.api.resource.v1.ResourceClaimTemplateSpec': ['spec'],
  'io.k8s.api.resource.v1beta1.ResourceClaimTemplateSpec': ['spec'],
  'io.k8s.api.resource.v1beta2.ResourceClaimTemplateSpec': ['spec'],
  'io.k8s.api.resource.v1alpha3.ResourceClaimTemplateSpec': ['spec'],
  // an EndpointSlice with no endpoints (a Service with no ready Pods): Cilium's Gateway API test data
  'io.k8s.api.discovery.v1.EndpointSlice': ['endpoints'],
  // LUN 0 and a CRD version not served (false): zero values that validation accepts (npm run test:required-sweep)
  'io.k8s.api.core.v1.ISCSIVolumeSource': ['lun'],
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource': ['lun'],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion': ['served'],
  // a preferred node affinity term with an empty preference (it matches every node): validateNodeSelectorTerm accepts it
  'io.k8s.api.core.v1.PreferredSchedulingTerm': ['preference'],
};

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

function go(args: string[]): string {
  return execFileSync('go', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT });
}

/** minor → newest patch the proxy serves, 1.27 … newest stable minor. */
function releases(): Record<string, string> {
  const listed = go(['list', '-m', '-versions', 'k8s.io/kubernetes']).trim().split(/\s+/).slice(1);
  const newest = Math.max(...listed.map((v) => /^v1\.(\d+)\.\d+$/.exec(v)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1])));
  const out: Record<string, string> = {};
  for (let m = FIRST_MINOR; m <= newest; m++) {
    const minor = `1.${m}`;
    out[minor] = PINNED[minor] ?? go(['list', '-m', '-f', '{{.Version}}', `k8s.io/kubernetes@v${minor}`]).trim();
  }
  return out;
}

function moduleDir(version: string): string {
  const info = JSON.parse(go(['mod', 'download', '-json', `k8s.io/kubernetes@${version}`]));
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

/** k8s.io/api/<dir>/<version> → API group, using the groups the documents name. */
function groupOfDir(dir: string, groups: string[]): string | undefined {
  if (dir === 'core') return '';
  if (dir === 'apiserverinternal') return 'internal.apiserver.k8s.io';
  if (dir === 'storagemigration') return 'storagemigration.k8s.io';
  return groups.find((g) => g.split('.')[0] === dir);
}

interface ServingPolicy {
  disabled: Set<string>;
  enabledResources: Set<string>;
}

/** Group versions off by default and beta resources on by default, from pkg/controlplane. */
function servingPolicy(modDir: string, groups: string[]): ServingPolicy {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.go') && !e.name.endsWith('_test.go')) files.push(p);
    }
  };
  walk(path.join(modDir, 'pkg', 'controlplane'));
  const policy: ServingPolicy = { disabled: new Set(), enabledResources: new Set() };
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    if (!/DisabledByDefault|EnabledByDefaultResources/.test(src)) continue;
    const aliases = new Map<string, string>();
    for (const m of src.matchAll(/^\s*(\w+)\s+"k8s\.io\/api\/([\w]+)\/(v\w+)"/gm)) {
      const group = groupOfDir(m[2], groups);
      if (group !== undefined) aliases.set(m[1], group ? `${group}/${m[3]}` : m[3]);
    }
    for (const block of src.matchAll(/(\w*(?:DisabledByDefault|EnabledByDefaultResources))\s*=\s*\[\]schema\.\w+\{([^}]*)\}/g)) {
      const resources = block[1].endsWith('Resources');
      for (const item of block[2].matchAll(/(\w+)\.SchemeGroupVersion(?:\.WithResource\("([^"]+)"\))?/g)) {
        const gv = aliases.get(item[1]);
        if (!gv) continue;
        if (resources && item[2]) policy.enabledResources.add(`${gv}/${item[2]}`);
        else if (!resources) policy.disabled.add(gv);
      }
    }
  }
  return policy;
}

interface Release {
  version: string;
  kinds: Record<string, [string, 'n' | 'c', string]>;
  disabled: string[];
  defs: Record<string, string>;
}

const pools = new Map<string, Record<string, any>>();

function hashOf(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

function store(name: string, def: any): string {
  const body = JSON.stringify(def);
  const h = hashOf(body);
  const pkg = name.slice(0, name.lastIndexOf('.'));
  if (!pools.has(pkg)) pools.set(pkg, {});
  pools.get(pkg)![h] = def;
  return h;
}

function generate(version: string, allGroups: Set<string>): Release {
  const modDir = moduleDir(version);
  const dir = path.join(modDir, 'api', 'openapi-spec', 'v3');
  const files = fs.readdirSync(dir).filter((f) => /^apis?__.*_openapi\.json$/.test(f) && f.split('__').length >= 2);
  const docs = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const groups = new Set<string>();
  for (const f of files) {
    const parts = f.replace('_openapi.json', '').split('__');
    if (parts[0] === 'apis' && parts.length === 3) groups.add(parts[1]);
  }
  for (const g of groups) allGroups.add(g);
  const policy = servingPolicy(modDir, [...groups]);
  const sources: Record<string, any> = {};
  const kinds: Record<string, [string, 'n' | 'c', string]> = {};
  const disabled = new Set<string>();
  for (const doc of docs) {
    Object.assign(sources, doc.components?.schemas ?? {});
    for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
      // a collection: /api/v1/pods-style or …/namespaces/{namespace}/<plural>; no {name}, no watch
      const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(namespaces\/\{namespace\}\/)?([a-z0-9]+)$/.exec(p);
      if (!m || p.includes('/watch/')) continue;
      const op = item.post ?? item.get;
      const gvk = op?.['x-kubernetes-group-version-kind'];
      if (!gvk) continue;
      const gv = m[1] ? 'v1' : `${m[2]}/${m[3]}`;
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (apiVersion !== gv) continue;
      const key = `${apiVersion}/${gvk.kind}`;
      const ver = gvk.version as string;
      const served = !/alpha/.test(ver) && (!/beta/.test(ver) || !policy.disabled.has(gv) || policy.enabledResources.has(`${gv}/${m[5]}`));
      const def = Object.entries<any>(doc.components.schemas).find(([, s]) => (s['x-kubernetes-group-version-kind'] ?? [])
        .some((g: any) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind))?.[0];
      if (!def) continue;
      if (!served) {
        disabled.add(key);
        continue;
      }
      const scope = m[4] ? 'n' : 'c';
      // a namespaced collection wins over the all-namespaces listing path
      if (!kinds[key] || scope === 'n') kinds[key] = [def, scope, m[5]];
    }
  }
  for (const k of Object.keys(kinds)) disabled.delete(k);
  const defs: Record<string, string> = {};
  const topLevel = new Set(Object.values(kinds).map(([d]) => d));
  const queue = [...topLevel];
  while (queue.length) {
    const name = queue.shift()!;
    if (defs[name]) continue;
    if (name === QUANTITY) {
      defs[name] = store(name, { type: ['string', 'number', 'null'], format: 'quantity' });
      continue;
    }
    if (name === INT_OR_STRING) {
      defs[name] = store(name, { type: ['integer', 'string', 'null'] });
      continue;
    }
    const refs = new Set<string>();
    const src = sources[name];
    if (!src) throw new Error(`${version}: definition ${name} not found`);
    const def = convert(src, refs);
    // A kind's `spec` is listed as required (no omitempty) but the server decodes a missing one as
    // its zero value and lets validation decide: a CSIDriver without spec is accepted, a Deployment
    // without one is refused for what its empty spec lacks (the semantic layer's findings).
    const notRequired = [...(DEFAULTED[name] ?? []), ...(ZERO_VALUE_ACCEPTED[name] ?? []), ...(topLevel.has(name) ? ['spec'] : [])];
    if (notRequired.length && Array.isArray(def.required)) {
      def.required = def.required.filter((f: string) => !notRequired.includes(f));
      if (def.required.length === 0) delete def.required;
    }
    defs[name] = store(name, def);
    for (const r of refs) if (!defs[r]) queue.push(r);
  }
  const sortObj = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  process.stderr.write(`${version}: ${Object.keys(kinds).length} kinds served, ${disabled.size} off by default, ${Object.keys(defs).length} definitions\n`);
  return { version, kinds: sortObj(kinds), disabled: [...disabled].sort(), defs: sortObj(defs) };
}

function main(): void {
  const rel = releases();
  const allGroups = new Set<string>();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'defs'), { recursive: true });
  for (const [minor, version] of Object.entries(rel)) {
    const r = generate(version, allGroups);
    fs.writeFileSync(path.join(OUT, `v${minor}.json`), `${JSON.stringify({ generatedBy: 'scripts/gen-schemas.ts', ...r })}\n`);
  }
  for (const [pkg, pool] of [...pools.entries()].sort()) {
    const sorted = Object.fromEntries(Object.keys(pool).sort().map((k) => [k, pool[k]]));
    fs.writeFileSync(path.join(OUT, 'defs', `${pkg}.json`), `${JSON.stringify(sorted)}\n`);
  }
  const index = { generatedBy: 'scripts/gen-schemas.ts', releases: rel, groups: [...allGroups].sort() };
  fs.writeFileSync(path.join(OUT, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
  process.stderr.write(`schemas/: ${Object.keys(rel).length} releases, ${pools.size} definition pools\n`);
}

main();
