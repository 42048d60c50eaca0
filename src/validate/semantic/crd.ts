/**
 * API-server semantics of CustomResourceDefinitions (apiextensions-apiserver validation): the
 * name is `<plural>.<group>`, names are DNS labels, exactly one storage version, and every
 * version's openAPIV3Schema is structural (a type at every specified node, object at the root,
 * items for arrays, properties and additionalProperties not both), its patterns are Go
 * regular expressions and its defaults validate.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1035Label, dns1123Subdomain } from '../names';
import { key } from '../path';
import { RuleMeta } from '../types';
import { valueProblems } from '../crd';
import { goRegExp, UnsupportedGoPattern } from '../crd/go-regexp';
import { parseRequestUri, URI_STRICT_COLONS_FROM } from '../crd/strfmt';
import { checkCelRules } from './crd-cel';
import { checkJunctors } from './crd-junctors';
import { checkListMapTypes } from './crd-list-types';
import { checkVersionFields } from './crd-version-fields';
import { SchemaPath } from './schema-path';
import { checkReviewVersions, checkWebhookService } from './webhooks';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const crdRules: RuleMeta[] = [
  S('crd.names-invalid', 'a CRD is named <plural>.<group>, with a dotted group and DNS-label names',
    'The API server serves a CRD\'s resources at /apis/<group>/<version>/<plural>; it requires metadata.name = spec.names.plural + "." + spec.group, a group with at least one dot, and lowercase DNS-1035 labels for plural, singular and the lowercased kind.',
    'name the CRD <plural>.<group> and use lowercase plural and singular names'),
  S('crd.approval-missing', 'a CRD in a protected group (k8s.io, kubernetes.io) carries the api-approved.kubernetes.io annotation',
    'Groups that are k8s.io or kubernetes.io or end in .k8s.io or .kubernetes.io belong to the Kubernetes project: the API server refuses a CRD in one of them unless its api-approved.kubernetes.io annotation is the URL (with scheme and host) of the pull request that approved the API, or a reason starting with "unapproved". Gateway API, for one, ships its CRDs with it.',
    'annotate the CRD api-approved.kubernetes.io with the approving URL, or "unapproved, <reason>"; or move it to a group of your own domain'),
  S('crd.versions-invalid', 'a CRD has versions with unique DNS-label names, exactly one of them the storage version',
    'Objects are stored in one version; the API server rejects a CRD with no or several storage versions, duplicate version names, or a version without a schema, and printer columns or scale paths it cannot read (a column type of boolean, date, integer, number or string and a known format; JSON paths starting with a dot, the replica paths under .spec and .status).',
    'mark exactly one version storage: true and give each version a schema'),
  S('crd.schema-not-structural', 'a CRD version\'s openAPIV3Schema must be structural',
    'apiextensions.k8s.io/v1 requires structural schemas: a type at the root (object) and at every specified field and array item (unless x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields), items for every array, and not both properties and additionalProperties; x-kubernetes-map-type only on objects and x-kubernetes-list-type only on arrays, a set\'s items atomic, a map list\'s keys scalar properties of its items, each required or defaulted.',
    'add the missing type or items as the message says'),
  S('crd.pattern-invalid', 'a CRD\'s pattern is a Go regular expression (RE2 syntax)',
    'The API server compiles every pattern of a CRD\'s schema with Go\'s regexp package and rejects the CRD when one does not compile: Go has no lookaround (`(?=`, `(?!`, `(?<=`) and no back references, and refuses what no regular expression reads (an unmatched parenthesis, a repeat with nothing before it, a range out of order).',
    'rewrite the pattern in RE2 syntax (https://github.com/google/re2/wiki/Syntax)'),
  S('crd.default-invalid', 'a default in a CRD\'s schema validates against its field\'s schema',
    'The API server validates each `default` of a CRD against the schema of the field it stands at (its own required fields, types, enums and unknown fields; the defaults nested under it are not applied first) and rejects the CRD when one does not: every custom resource would otherwise be given an invalid value.',
    'give the default every required field and only the fields and values its schema allows'),
];

type Level = 'root' | 'field' | 'item';

/** Every `default` of a schema's fields, list items and map values, against the schema it stands at. */
function defaults(ctx: Ctx, s: any, at: SchemaPath, depth: number): void {
  if (!isObj(s) || depth > 64) return;
  if (depth > 0 && s.default !== undefined) {
    for (const p of valueProblems(s, s.default, ctx.minor)) {
      const path = p.path === '' ? `${at}.default` : p.path.startsWith('[') ? `${at}.default${p.path}` : `${at}.default.${p.path}`;
      ctx.report('crd.default-invalid', path, p.message);
    }
  }
  const props = s.properties;
  if (isObj(props)) for (const k in props) defaults(ctx, props[k], at.prop(k), depth + 1);
  if (isObj(s.items)) defaults(ctx, s.items, at.at('items'), depth + 1);
  if (isObj(s.additionalProperties)) defaults(ctx, s.additionalProperties, at.at('additionalProperties'), depth + 1);
}

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;

/** The types a CRD's schema may give (apiextensions' openapiV3Types). */
const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/**
 * Every `pattern` of a schema, also under allOf, anyOf, oneOf and not: it must compile in Go
 * (apiextensions' validateValueValidation); and every `type`: one of OpenAPI's (`type: quantity` is refused).
 */
function patterns(ctx: Ctx, s: any, at: SchemaPath, depth: number): void {
  if (!isObj(s) || depth > 64) return;
  if (typeof s.type === 'string' && s.type !== '' && !OPENAPI_TYPES.includes(s.type)) ctx.report('fields.not-supported', `${at}.type`, field.notSupported(s.type, OPENAPI_TYPES));
  // (JSON Schema's list of item schemas decodes, and is refused here)
  if (Array.isArray(s.items) && s.items.length > 0) ctx.report('crd.schema-not-structural', `${at}.items`, field.forbidden('items must be a schema object and not an array'));
  if (typeof s.pattern === 'string') {
    try {
      goRegExp(s.pattern);
    } catch (e) {
      const why = e instanceof UnsupportedGoPattern ? e.message : String(e);
      ctx.report('crd.pattern-invalid', `${at}.pattern`, field.invalid(s.pattern, `must be a valid regular expression, but isn't: ${why}`));
    }
  }
  const props = s.properties;
  if (isObj(props)) for (const k in props) patterns(ctx, props[k], at.prop(k), depth + 1);
  if (isObj(s.items)) patterns(ctx, s.items, at.at('items'), depth + 1);
  if (isObj(s.additionalProperties)) patterns(ctx, s.additionalProperties, at.at('additionalProperties'), depth + 1);
  // (no array, closure or path text per node: a CRD's schema has tens of thousands of them)
  for (const j of COMBINATORS) {
    const list = s[j];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) patterns(ctx, list[i], at.at(`${j}[${i}]`), depth + 1);
  }
  if (isObj(s.not)) patterns(ctx, s.not, at.at('not'), depth + 1);
}

function notStructural(ctx: Ctx, path: string, message: string): void {
  ctx.report('crd.schema-not-structural', path, message);
}

function structural(ctx: Ctx, s: any, at: SchemaPath, lvl: Level, depth: number): void {
  if (!isObj(s) || depth > 64) return;
  if (s.type === 'array' && (s.items === undefined || s.items === null)) notStructural(ctx, `${at}.items`, field.required('must be specified'));
  if (isObj(s.items)) structural(ctx, s.items, at.at('items'), 'item', depth + 1);
  const props = s.properties;
  // (a property written with nothing below it, `namespace:`, is null: Go decodes it as the empty schema, with no type)
  if (isObj(props)) for (const k in props) structural(ctx, props[k] === null ? {} : props[k], at.prop(k), 'field', depth + 1);
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (lvl === 'root') notStructural(ctx, `${at}.additionalProperties`, field.forbidden('must not be used at the root'));
    if (isObj(s.properties) && s.additionalProperties !== false) notStructural(ctx, `${at}.additionalProperties`, field.forbidden('additionalProperties and properties are mutual exclusive'));
    if (isObj(s.additionalProperties)) structural(ctx, s.additionalProperties, at.at('additionalProperties'), 'field', depth + 1);
  }
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const typeless = s.type === undefined || s.type === null || s.type === '';
  if (embedded && s.type !== 'object') {
    notStructural(ctx, `${at}.type`, typeless ? field.required('must be object if x-kubernetes-embedded-resource is true') : field.invalid(s.type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (typeless && s['x-kubernetes-int-or-string'] !== true && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    const where = lvl === 'root' ? 'at the root' : lvl === 'item' ? 'for specified array items' : 'for specified object fields';
    notStructural(ctx, `${at}.type`, field.required(`must not be empty ${where}`));
  }
  if (lvl === 'root' && !typeless && s.type !== 'object') notStructural(ctx, `${at}.type`, field.invalid(s.type, 'must be object at the root'));
  if (s['x-kubernetes-preserve-unknown-fields'] === false) notStructural(ctx, `${at}.x-kubernetes-preserve-unknown-fields`, field.invalid(false, 'must be true or undefined'));
  checkListMapTypes(ctx, s, at);
  checkJunctors(ctx, s, at, depth, lvl === 'root');
}

const APPROVAL = 'api-approved.kubernetes.io';
const KEP_1111 = 'see https://github.com/kubernetes/enhancements/pull/1111';

/** validateAPIApproval (apihelpers.IsProtectedCommunityGroup, GetAPIApprovalState): a CRD created in a protected group. */
function checkApproval(ctx: Ctx, group: string): void {
  const isProtected = group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!isProtected) return;
  const annotations = ctx.obj.metadata?.annotations;
  const v = isObj(annotations) && typeof annotations[APPROVAL] === 'string' ? annotations[APPROVAL] : '';
  const at = key('metadata.annotations', APPROVAL);
  if (v === '') {
    ctx.report('crd.approval-missing', at, field.required(`protected groups must have approval annotation "${APPROVAL}", ${KEP_1111}`));
    return;
  }
  if (v.startsWith('unapproved')) return;
  const url = parseRequestUri(v, ctx.minor >= URI_STRICT_COLONS_FROM);
  if (url === undefined || url.scheme === '' || url.host === '') {
    ctx.report('crd.approval-missing', at, field.invalid(v, `protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", ${KEP_1111}`));
  }
}

export function checkCrd(ctx: Ctx): void {
  const o = ctx.obj;
  const spec = isObj(o.spec) ? o.spec : {};
  const names = isObj(spec.names) ? spec.names : {};
  const r = (p: string, m: string) => ctx.report('crd.names-invalid', p, m);
  const group = typeof spec.group === 'string' ? spec.group : '';
  if (group === '') r('spec.group', field.required());
  else {
    for (const m of dns1123Subdomain(group)) r('spec.group', field.invalid(group, m));
    if (!group.includes('.')) r('spec.group', field.invalid(group, 'should be a domain with at least one dot'));
  }
  const plural = typeof names.plural === 'string' ? names.plural : '';
  if (plural === '') r('spec.names.plural', field.required());
  else for (const m of dns1035Label(plural)) r('spec.names.plural', field.invalid(plural, m));
  if (typeof names.singular === 'string' && names.singular !== '') for (const m of dns1035Label(names.singular)) r('spec.names.singular', field.invalid(names.singular, m));
  if (typeof names.kind !== 'string' || names.kind === '') r('spec.names.kind', field.required());
  else for (const m of dns1035Label(names.kind.toLowerCase())) r('spec.names.kind', field.invalid(names.kind, m));
  if (typeof names.listKind === 'string' && names.listKind !== '') for (const m of dns1035Label(names.listKind.toLowerCase())) r('spec.names.listKind', field.invalid(names.listKind, m));
  const name = o.metadata?.name;
  if (typeof name === 'string' && plural !== '' && group !== '' && name !== `${plural}.${group}`) r('metadata.name', field.invalid(name, 'must be spec.names.plural+"."+spec.group'));
  if (spec.scope !== undefined && spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') ctx.report('crd.names-invalid', 'spec.scope', field.notSupported(spec.scope, ['Cluster', 'Namespaced']));
  checkApproval(ctx, group);

  const versions = arr(spec.versions);
  const v = (p: string, m: string) => ctx.report('crd.versions-invalid', p, m);
  if (isObj(spec.conversion)) checkConversion(ctx, v, spec.conversion);
  if (versions.length === 0) v('spec.versions', field.invalid([], 'must have exactly one version marked as storage version'));
  else if (versions.filter((x) => isObj(x) && x.storage === true).length !== 1) v('spec.versions', field.invalid(versions.map((x) => x?.name), 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  versions.forEach((ver, i) => {
    if (!isObj(ver)) return;
    const at = `spec.versions[${i}]`;
    if (typeof ver.name === 'string') {
      for (const m of dns1035Label(ver.name)) v(`${at}.name`, field.invalid(ver.name, m));
      if (seen.has(ver.name)) v(`${at}.name`, field.duplicate(ver.name));
      seen.add(ver.name);
    }
    const schema = ver.schema?.openAPIV3Schema;
    if (!isObj(schema)) v(`${at}.schema.openAPIV3Schema`, field.required('schemas are required'));
    else {
      const root = SchemaPath.root(`${at}.schema.openAPIV3Schema`);
      structural(ctx, schema, root, 'root', 0);
      patterns(ctx, schema, root, 0);
      defaults(ctx, schema, root, 0);
      checkCelRules(ctx, schema, root);
    }
    checkVersionFields(v, ver, at, ctx.minor);
    arr(ver.additionalPrinterColumns).forEach((col, j) => { if (isObj(col)) checkColumn(v, col, `${at}.additionalPrinterColumns[${j}]`); });
    const scale = ver.subresources?.scale;
    if (isObj(scale)) checkScale(v, scale, `${at}.subresources.scale`);
  });
}

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** validateSimpleJSONPath: a path in the dot notation, starting with a dot. */
function jsonPathProblem(p: string): string | undefined {
  if (p === '') return 'must not be empty';
  return p[0] !== '.' ? 'must be a simple json path starting with .' : undefined;
}

/** ValidateCustomResourceColumnDefinition (the API server names the path JSONPath, and the columns at spec when every version has the same). */
function checkColumn(v: (p: string, m: string) => void, col: any, at: string): void {
  if (typeof col.type === 'string' && col.type !== '' && !COLUMN_TYPES.includes(col.type)) v(`${at}.type`, field.invalid(col.type, `must be one of ${COLUMN_TYPES.join(',')}`));
  if (typeof col.format === 'string' && col.format !== '' && !COLUMN_FORMATS.includes(col.format)) v(`${at}.format`, field.invalid(col.format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  if (typeof col.jsonPath === 'string' && col.jsonPath !== '') {
    const m = jsonPathProblem(col.jsonPath);
    if (m) v(`${at}.jsonPath`, field.invalid(col.jsonPath, m));
  }
}

/** ValidateCustomResourceDefinitionSubresources' scale: replica paths under .spec and .status, the selector under either. */
function checkScale(v: (p: string, m: string) => void, scale: any, at: string): void {
  const paths: Array<[string, string[], string]> = [
    ['specReplicasPath', ['.spec.'], 'should be a json path under .spec'],
    ['statusReplicasPath', ['.status.'], 'should be a json path under .status'],
    ['labelSelectorPath', ['.spec.', '.status.'], 'should be a json path under either .spec or .status'],
  ];
  for (const [f, prefixes, msg] of paths) {
    const p = scale[f];
    if (typeof p !== 'string' || p === '') continue;
    const m = jsonPathProblem(p);
    if (m) v(`${at}.${f}`, field.invalid(p, m));
    else if (!prefixes.some((x) => p.startsWith(x))) v(`${at}.${f}`, field.invalid(p, msg));
  }
}

/** validateCustomResourceConversion: None or Webhook; a webhook with exactly one of url and service, and review versions. */
function checkConversion(ctx: Ctx, v: (p: string, m: string) => void, conv: any): void {
  const st = conv.strategy;
  if (typeof st === 'string' && st !== '' && st !== 'None' && st !== 'Webhook') ctx.report('fields.not-supported', 'spec.conversion.strategy', field.notSupported(st, ['None', 'Webhook']));
  if (st !== 'Webhook') return;
  const wh = isObj(conv.webhook) ? conv.webhook : {};
  const cc = wh.clientConfig;
  if (!isObj(cc)) v('spec.conversion.webhook.clientConfig', field.required('required when strategy is set to Webhook'));
  else if ((cc.url == null) === (cc.service == null)) v('spec.conversion.webhook.clientConfig', field.required('exactly one of url or service is required'));
  else if (isObj(cc.service)) checkWebhookService(v, cc.service, 'spec.conversion.webhook.clientConfig.service');
  checkReviewVersions(v, wh.conversionReviewVersions, 'spec.conversion.webhook.conversionReviewVersions', '');
}
