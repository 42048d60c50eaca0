/**
 * Custom resources whose verdict depends on how the API server reads their CRD: defaults applied
 * before validation (a required field with a default may be left out), `pattern`s in Go's
 * regular-expression syntax, lists of type set or map (no repeated item or key), metadata
 * (checked as any object's), `.status` (dropped on create with the status subresource) and
 * versions the CRD does not serve. The verdicts were recorded from kube-apiserver v1.34.4 and
 * v1.37.2, and checked on v1.33.13 and v1.36.3 (server-side dry-run, strict field validation, the CRDs installed; where they differ, the
 * case says up to which release it is accepted): test/validate/crd-cases.test.ts holds podsmith
 * to them, test/e2e/exact.test.ts holds them to the API server of the newest release built, and
 * `npm run test:cases` to the API server of every release built (and podsmith to each).
 */
import { CEL_CASES, CEL_CRD } from './cel-cases';

const crd = (plural: string, kind: string, spec: any, status?: any, subresources?: any) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.cases.podsmith.dev` },
  spec: {
    group: 'cases.podsmith.dev', scope: 'Namespaced', names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
    versions: [{
      name: 'v1', served: true, storage: true, ...(subresources ? { subresources } : {}),
      schema: { openAPIV3Schema: { type: 'object', properties: { spec, ...(status ? { status } : {}) } } },
    }],
  },
});

/** A status schema: a phase out of two, a required count. */
const PHASE = { type: 'object', required: ['count'], properties: { phase: { type: 'string', enum: ['Ready', 'Failed'] }, count: { type: 'integer' } } };

export const CASE_CRDS = [
  CEL_CRD,
  crd('widgets', 'Widget', {
    type: 'object',
    required: ['mode', 'size'],
    properties: {
      mode: { type: 'string', default: 'fast', enum: ['fast', 'slow'] },
      asn: { type: 'integer', format: 'int32', maximum: 4294967295 },
      block: { type: 'string', format: 'cidr' },
      addr: { type: 'string', format: 'ipv4' },
      share: { type: 'number', maximum: 1, exclusiveMaximum: true },
      size: { type: 'integer', default: 3, minimum: 1 },
      owner: { type: 'string', nullable: true, default: 'team' },
      nested: {
        type: 'object', default: { level: 2 }, required: ['level'],
        properties: { level: { type: 'integer', default: 2, maximum: 5 } },
      },
      ports: {
        type: 'array',
        items: { type: 'object', required: ['name', 'port'], properties: { name: { type: 'string' }, port: { type: 'integer', default: 80 } } },
      },
      limits: {
        type: 'object',
        additionalProperties: { type: 'object', required: ['max'], properties: { max: { type: 'integer', default: 10 } } },
      },
    },
  }),
  crd('matchers', 'Matcher', {
    type: 'object',
    properties: {
      action: { type: 'string', pattern: '^(?i)(abort|warn)?$' },
      word: { type: 'string', pattern: '\\A[[:alpha:]]+\\z' },
      letters: { type: 'string', pattern: '^\\pL+$' },
      oneLine: { type: 'string', pattern: '^a.b$' },
      anyLine: { type: 'string', pattern: '(?s)^a.b$' },
      spaces: { type: 'string', pattern: '^\\s*$' },
      braces: { type: 'string', pattern: '^a{,2}$' },
      hash: { type: 'string', pattern: '^\\#[0-9a-f]{6}$' },
      kelvin: { type: 'string', pattern: '^(?i)k$' },
    },
  }),
  crd('lists', 'Lister', {
    type: 'object',
    properties: {
      tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
      pairs: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { a: { type: 'integer' } } } },
      ports: {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'protocol'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, protocol: { type: 'string', default: 'TCP' }, port: { type: 'integer' } } },
      },
    },
  }, PHASE),
  crd('stamps', 'Stamp', {
    type: 'object',
    properties: {
      day: { type: 'string', format: 'date' },
      at: { type: 'string', format: 'date-time' },
      atUndashed: { type: 'string', format: 'datetime' },
      id: { type: 'string', format: 'uuid' },
      host: { type: 'string', format: 'hostname' },
      mac: { type: 'string', format: 'mac' },
      blob: { type: 'string', format: 'byte' },
      ttl: { type: 'string', format: 'duration' },
      short: { type: 'string', format: 'k8s-short-name' },
      v6: { type: 'string', format: 'ipv6' },
      color: { type: 'string', format: 'hexcolor' },
      link: { type: 'string', format: 'uri' },
      capitalized: { type: 'string', format: 'Date' },
      dashed: { type: 'string', format: 'd-ate' },
      count: { type: 'integer', format: 'date' },
      either: { 'x-kubernetes-int-or-string': true, format: 'int32' },
    },
  }),
  crd('timers', 'Timer', {
    type: 'object',
    properties: {
      ttl: {
        type: 'string', maxLength: 32,
        'x-kubernetes-validations': [
          { rule: 'duration(self).getMilliseconds() % 1000 == 0', message: 'whole seconds' },
          { rule: 'duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535', message: 'from 1s to 65535s' },
        ],
      },
      timeout: { type: 'string', maxLength: 32, 'x-kubernetes-validations': [{ rule: "!(duration(self) < duration('1s') || duration(self) > duration('1h') - duration('1m'))" }] },
      addr: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: "self == '' || isIP(self)" }] },
      hosts: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 253 }, 'x-kubernetes-validations': [{ rule: 'self.all(h, !isIP(h))', message: 'names, not addresses' }] },
    },
  }),
  // the ip and cidr libraries (1.30) as network-policy-api, Gateway API and CNI CRDs use them
  crd('subnets', 'Subnet', {
    type: 'object',
    'x-kubernetes-validations': [
      { rule: '!has(self.gateway) || !has(self.cidr) || cidr(self.cidr).containsIP(self.gateway)', message: 'the gateway is in the subnet' },
      { rule: '!has(self.within) || !has(self.cidr) || cidr(self.within).containsCIDR(cidr(self.cidr))', message: 'the subnet is within its block' },
    ],
    properties: {
      cidr: { type: 'string', maxLength: 43, 'x-kubernetes-validations': [{ rule: 'isCIDR(self) && cidr(self) == cidr(self).masked()', message: 'Invalid CIDR format provided' }] },
      within: { type: 'string', maxLength: 43, 'x-kubernetes-validations': [{ rule: 'isCIDR(self) && cidr(self).prefixLength() <= 24' }] },
      gateway: { type: 'string', maxLength: 45, 'x-kubernetes-validations': [{ rule: 'isIP(self) && ip(self).isGlobalUnicast()', message: 'a unicast address' }] },
      dns: { type: 'string', maxLength: 45, 'x-kubernetes-validations': [{ rule: 'ip.isCanonical(self)', message: 'written canonically' }] },
      family: { type: 'string', maxLength: 45, 'x-kubernetes-validations': [{ rule: "ip(self).family() == 6 && !ip(self).isLoopback() && !ip(self).isLinkLocalUnicast()" }] },
      text: { type: 'string', maxLength: 43, 'x-kubernetes-validations': [{ rule: 'string(cidr(self).masked()) == self' }] },
    },
  }),
  // the strings extension beyond split: substring (Gateway API hostnames, CSI socket paths), charAt, replace, trim, join
  crd('texts', 'Text', {
    type: 'object',
    properties: {
      hosts: {
        type: 'array', maxItems: 16, items: { type: 'string', maxLength: 253 },
        'x-kubernetes-validations': [{ rule: "self.all(h, h.contains('*') ? (h.startsWith('*.') && h.substring(2).matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$')) : true)", message: 'a wildcard only as the first label' }],
      },
      socket: { type: 'string', maxLength: 108, 'x-kubernetes-validations': [{ rule: 'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true' }] },
      tail: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: "self.substring(4) != ''" }] },
      initial: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: "self.charAt(0) != '-' && self.charAt(size(self)) == ''" }] },
      slug: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: "self.replace('_', '-').matches('^[a-z-]+$') && !self.replace('-', '', 1).contains('-')" }] },
      padded: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: 'self.trim() == self', message: 'no surrounding white space' }] },
      source: { type: 'string', maxLength: 256, 'x-kubernetes-validations': [{ rule: 'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])' }] },
      endpoint: { type: 'string', maxLength: 256, 'x-kubernetes-validations': [{ rule: "url(self).getScheme() == 'https' && url(self).getHostname() != 'localhost' && (url(self).getPort() == '' || int(url(self).getPort()) < 65536) && url(self).getHost().size() > 0" }] },
      label: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: 'self in ["karpenter.sh/capacity-type", "karpenter.sh/nodepool"] || !self.find("^([^/]+)").endsWith("karpenter.sh")', message: 'a label of the karpenter.sh domain' }] },
      digits: { type: 'string', maxLength: 32, 'x-kubernetes-validations': [{ rule: "self.findAll('[0-9]+').size() <= 2 && self.findAll('[0-9]', 1).all(d, d != '0') && self.find('x') == ''" }] },
      parts: { type: 'array', maxItems: 8, items: { type: 'string', maxLength: 16 }, 'x-kubernetes-validations': [{ rule: "self.join('.').size() <= 20 && self.join() != 'ab'" }] },
    },
  }),
  // the format library (1.31) and optionals (1.28): Gateway API's XBackend port name rule, whose
  // `== null` no optional ever equals (every non-empty name is refused), and the rules written as meant
  crd('nameds', 'Named', {
    type: 'object',
    properties: {
      port: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: 'size(self) == 0 || format.dns1123Label().validate(self) == null', message: 'Name must be a valid DNS label' }] },
      label: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: '!format.dns1123Label().validate(self).hasValue()', message: 'a DNS label' }] },
      prefix: { type: 'string', maxLength: 63, 'x-kubernetes-validations': [{ rule: '!format.dns1123SubdomainPrefix().validate(self).hasValue()' }] },
      key: { type: 'string', maxLength: 253, 'x-kubernetes-validations': [{ rule: "format.named('qualifiedName').value().validate(self).orValue([]).size() == 0 && !format.named('nope').hasValue()" }] },
      id: { type: 'string', maxLength: 36, 'x-kubernetes-validations': [{ rule: "format.uuid().validate(self).orValue([]).size() == 0" }] },
      opts: {
        type: 'object',
        properties: { a: { type: 'string', maxLength: 8 }, b: { type: 'object', properties: { c: { type: 'string', maxLength: 8 } } } },
        'x-kubernetes-validations': [{ rule: "self.?a.orValue('x') != 'bad' && self.?b.?c.orValue('') != 'bad' && optional.ofNonZeroValue(self.?a.orValue('')).or(optional.of('z')).value() != 'none'" }],
      },
      // MetalLB's frr-k8s CRD: a host:port whose port is read with uint()
      hostport: { type: 'string', maxLength: 64, 'x-kubernetes-validations': [{ rule: "self.split(':').size() != 2 || !self.split(':')[0].contains('.') || (self.split(':')[1].matches('[0-9]+') && uint(self.split(':')[1]) <= 65535u)" }] },
      // the quantity library (1.28)
      mem: { type: 'string', maxLength: 16, 'x-kubernetes-validations': [{ rule: "isQuantity(self) && quantity(self).isLessThan(quantity('1Gi')) && quantity(self).compareTo(quantity('0')) >= 0" }] },
      cpu: { type: 'string', maxLength: 16, 'x-kubernetes-validations': [{ rule: "quantity(self).add(quantity('500m')).isGreaterThan(quantity('1')) && quantity(self).sub(1).compareTo(quantity('0')) <= 0" }] },
      count: { type: 'string', maxLength: 16, 'x-kubernetes-validations': [{ rule: 'quantity(self).isInteger() && quantity(self).asInteger() <= 10' }] },
      exact: { type: 'string', maxLength: 16, 'x-kubernetes-validations': [{ rule: "quantity(self) == quantity('1000m')" }] },
      list: { type: 'array', maxItems: 4, items: { type: 'string', maxLength: 8 }, 'x-kubernetes-validations': [{ rule: "self[?0].orValue('first') != 'bad' && !self[?9].hasValue()" }] },
    },
  }),
  crd('reporters', 'Reporter', { type: 'object', properties: { a: { type: 'string' } } }, PHASE, { status: {} }),
  // unknown fields kept below a list that preserves them (OpenTelemetry's TargetAllocator
  // scrapeConfigs): its items, and lists in lists, keep theirs; an object's own properties are
  // pruned again
  // CEL names a field escaped (Crossplane's Usage: `has(self.of.resourceRef.__namespace__)`) and
  // sees a null field as absent, nullable or not
  crd('refs', 'Ref', {
    type: 'object',
    properties: {
      ref: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
      'dash-ed': { type: 'string' },
      opt: { type: 'string', nullable: true },
    },
    'x-kubernetes-validations': [
      { rule: '!has(self.ref) || !has(self.ref.__namespace__)', message: 'no namespace' },
      { rule: "!has(self.dash__dash__ed) || self.dash__dash__ed == 'ok'", message: 'dashed is ok' },
      { rule: '!has(self.opt)', message: 'no opt' },
    ],
  }),
  crd('bags', 'Bag', {
    type: 'object',
    properties: {
      loose: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true, items: { type: 'object' } },
      deep: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true, items: { type: 'array', items: { type: 'object' } } },
      typed: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true, items: { type: 'object', properties: { inner: { type: 'object', properties: { a: { type: 'string' } } } } } },
      open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { sub: { type: 'object', properties: { a: { type: 'string' } } }, list: { type: 'array', items: { type: 'object' } } } },
      strict: { type: 'array', items: { type: 'object' } },
    },
  }),
  {
    ...crd('gauges', 'Gauge', { type: 'object', properties: { a: { type: 'string' } } }),
    // v1beta1 listed but no longer served
    spec: {
      ...crd('gauges', 'Gauge', {}).spec,
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } } } },
        { name: 'v1beta1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } } } },
      ],
    },
  },
];

const widget = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Widget', metadata: { name, namespace: 'default' }, spec });
const lister = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Lister', metadata: { name, namespace: 'default' }, spec });
const reporter = (name: string, status: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Reporter', metadata: { name, namespace: 'default' }, spec: {}, status });
const timer = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Timer', metadata: { name, namespace: 'default' }, spec });
const subnet = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Subnet', metadata: { name, namespace: 'default' }, spec });
const text = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Text', metadata: { name, namespace: 'default' }, spec });
const named = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Named', metadata: { name, namespace: 'default' }, spec });
const stamp = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Stamp', metadata: { name, namespace: 'default' }, spec });
const ref = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Ref', metadata: { name, namespace: 'default' }, spec });
const bag = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Bag', metadata: { name, namespace: 'default' }, spec });
const matcher = (name: string, spec: any) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Matcher', metadata: { name, namespace: 'default' }, spec });

/** Accepted by the API servers before 1.`minor`, refused from it on. */
export interface AcceptedBefore { before: number }

/** Whether a case's object is accepted by the API server of release 1.`minor`. */
export function acceptedAt(accepted: boolean | AcceptedBefore, minor: number): boolean {
  return typeof accepted === 'boolean' ? accepted : minor < accepted.before;
}

/** [name, custom resource, accepted by the API server (or up to which release)]. */
export const CRD_CASES: Array<[string, any, boolean | AcceptedBefore]> = [
  ...CEL_CASES,
  ['required fields left to their defaults', widget('defaults', {}), true],
  ['a required field null where the schema does not allow null: its default', widget('null-default', { mode: null }), true],
  ['a nullable field set to null keeps null', widget('nullable', { owner: null }), true],
  ['an object given empty takes its fields\' defaults', widget('nested-default', { nested: {} }), true],
  ['a nested value beyond its maximum', widget('nested-max', { nested: { level: 9 } }), false],
  ['list items take their defaults', widget('items', { ports: [{ name: 'http' }] }), true],
  ['a list item without a required field that has no default', widget('items-missing', { ports: [{ port: 81 }] }), false],
  ['map values take their defaults', widget('map', { limits: { cpu: {} } }), true],
  ['an integer beyond int32 under format: int32 (number formats checked from 1.36)', widget('asn', { asn: 4200000000 }), { before: 36 }],
  ['any integer where the CRD\'s maximum is outside int32 (refused from 1.36)', widget('asn-small', { asn: 5 }), { before: 36 }],
  ['an integer beyond its maximum', widget('asn-max', { asn: 4294967296 }), false],
  ['a CIDR format that is a placeholder', widget('cidr-bad', { block: 'LB_CIDR/32' }), false],
  ['a CIDR format', widget('cidr', { block: '10.0.0.0/8' }), true],
  ['a CIDR format with leading zeros (read sloppily, as kube-openapi reads it)', widget('cidr-zeros', { block: '010.0.0.0/08' }), true],
  ['an ipv4 format given an IPv6 address', widget('ipv4-v6', { addr: 'fd00::1' }), false],
  ['CEL duration(): whole seconds in range', timer('ttl', { ttl: '30s' }), true],
  ['CEL duration(): a fraction of a second', timer('ttl-ms', { ttl: '1500ms' }), false],
  ['CEL duration(): within the range at 18h (64,800 s)', timer('ttl-18h', { ttl: '18h' }), true],
  ['CEL duration(): beyond the range at 19h (68,400 s)', timer('ttl-big', { ttl: '19h' }), false],
  ['CEL duration() of a string Go cannot parse fails the rule', timer('ttl-bad', { ttl: '5 minutes' }), false],
  ['CEL duration() arithmetic and comparison', timer('timeout', { timeout: '59m' }), true],
  ['CEL duration() arithmetic: past 1h - 1m', timer('timeout-over', { timeout: '59m1s' }), false],
  ['CEL isIP(): an IPv4 address', timer('ip4', { addr: '10.0.0.1' }), true],
  ['CEL isIP(): leading zeros are not an IP to netip', timer('ip4-zeros', { addr: '010.0.0.1' }), false],
  ['CEL isIP(): an IPv4-mapped IPv6 address is refused', timer('ip-mapped', { addr: '::ffff:10.0.0.1' }), false],
  ['CEL isIP(): an IPv6 address with a zone is refused', timer('ip-zone', { addr: 'fe80::1%eth0' }), false],
  ['CEL isIP(): an IPv6 address', timer('ip6', { addr: 'fd00::10' }), true],
  ['CEL isIP() in a macro: a list with an address', timer('hosts-ip', { hosts: ['example.com', '10.0.0.1'] }), false],
  ['CEL isIP() in a macro: names only', timer('hosts', { hosts: ['example.com', 'a.b'] }), true],
  ['CEL isCIDR(): a CIDR without host bits', subnet('cidr', { cidr: '10.0.0.0/24' }), true],
  ['CEL isCIDR(): an octet out of range', subnet('cidr-octet', { cidr: '10.0.0.300/24' }), false],
  ['CEL cidr().masked(): host bits set', subnet('cidr-host', { cidr: '10.0.0.1/24' }), false],
  ['CEL isCIDR(): a prefix length with a leading zero', subnet('cidr-zero', { cidr: '10.0.0.0/024' }), false],
  ['CEL isCIDR(): an IPv6 CIDR', subnet('cidr-v6', { cidr: 'fd00:10::/64' }), true],
  ['CEL isCIDR(): an IPv4-mapped IPv6 CIDR', subnet('cidr-mapped', { cidr: '::ffff:10.0.0.0/120' }), false],
  ['CEL containsIP(): the gateway in the subnet', subnet('gw', { cidr: '10.1.0.0/16', gateway: '10.1.255.1' }), true],
  ['CEL containsIP(): the gateway outside the subnet', subnet('gw-out', { cidr: '10.1.0.0/16', gateway: '10.2.0.1' }), false],
  ['CEL containsIP(): an IPv6 gateway for an IPv4 subnet', subnet('gw-family', { cidr: '10.1.0.0/16', gateway: 'fd00::1' }), false],
  ['CEL isGlobalUnicast(): a private address is global unicast', subnet('gw-private', { gateway: '192.168.1.1' }), true],
  ['CEL isGlobalUnicast(): the broadcast address', subnet('gw-broadcast', { gateway: '255.255.255.255' }), false],
  ['CEL isGlobalUnicast(): a multicast address', subnet('gw-multicast', { gateway: 'ff05::1' }), false],
  ['CEL containsCIDR(): a subnet within its block', subnet('within', { cidr: '10.1.2.0/24', within: '10.1.0.0/16' }), true],
  ['CEL containsCIDR(): a subnet larger than its block', subnet('within-larger', { cidr: '10.0.0.0/8', within: '10.1.0.0/16' }), false],
  ['CEL prefixLength(): a block too narrow', subnet('within-narrow', { within: '10.1.2.0/28' }), false],
  ['CEL ip.isCanonical(): upper-case hex', subnet('dns-upper', { dns: '2001:DB8::53' }), false],
  ['CEL ip.isCanonical(): a run of zeros written out', subnet('dns-zeros', { dns: '2001:db8:0:0:0:0:0:53' }), false],
  ['CEL ip.isCanonical(): canonical', subnet('dns', { dns: '2001:db8::53' }), true],
  ['CEL ip.isCanonical() of a name is an error', subnet('dns-name', { dns: 'ns.example.com' }), false],
  ['CEL ip(): of a name is an error', subnet('family-name', { family: 'example.com' }), false],
  ['CEL family(): IPv4 where IPv6 is wanted', subnet('family-v4', { family: '10.0.0.1' }), false],
  ['CEL isLinkLocalUnicast(): an IPv6 link-local address', subnet('family-ll', { family: 'fe80::1' }), false],
  ['CEL family(): an IPv6 address', subnet('family', { family: '2001:db8::1' }), true],
  ['CEL string() of a CIDR and its parts', subnet('text', { text: 'fd00::/8' }), true],
  ['CEL string() of a CIDR written with host bits', subnet('text-host', { text: 'fd00::1/8' }), false],
  ['CEL string() of a CIDR not written canonically', subnet('text-long', { text: 'fd00:0:0:0:0:0:0:0/8' }), false],
  ['CEL format library: an empty port name', named('port-empty', { port: '' }), true],
  ['CEL format library: a port name against `validate() == null`, which no optional equals', named('port-web', { port: 'web' }), false],
  ['CEL format library: a DNS label', named('label', { label: 'web' }), true],
  ['CEL format library: a DNS label with a capital', named('label-cap', { label: 'Web' }), false],
  ['CEL format library: a subdomain prefix ending in a dash', named('prefix', { prefix: 'web-' }), true],
  ['CEL format library: a subdomain prefix ending in a dot', named('prefix-dot', { prefix: 'web.' }), false],
  ['CEL format.named(): a qualified name', named('key', { key: 'example.com/app' }), true],
  ['CEL format.named(): a qualified name with a space', named('key-space', { key: 'bad key' }), false],
  ['CEL format library: a UUID', named('id', { id: '123e4567-e89b-12d3-a456-426614174000' }), true],
  ['CEL format library: not a UUID', named('id-bad', { id: 'nope' }), false],
  ['CEL optionals: fields present and fine', named('opts', { opts: { a: 'ok', b: { c: 'ok' } } }), true],
  ['CEL optionals: no fields', named('opts-empty', { opts: {} }), true],
  ['CEL optionals: a nested field refused through .?', named('opts-nested', { opts: { b: { c: 'bad' } } }), false],
  ['CEL optionals: a field refused through .?', named('opts-a', { opts: { a: 'bad' } }), false],
  ['CEL optionals: ofNonZeroValue() of an empty string is none', named('opts-zero', { opts: { a: '' } }), true],
  ['CEL optionals: ofNonZeroValue() of a string is its value', named('opts-none', { opts: { a: 'none' } }), false],
  ['CEL uint(): a host and port', named('hostport', { hostport: 'a.example.com:9090' }), true],
  ['CEL uint(): a port beyond 65535', named('hostport-big', { hostport: 'a.example.com:70000' }), false],
  ['CEL uint(): a port that is not a number: a conversion error', named('hostport-nan', { hostport: 'a.example.com:90x' }), false],
  ['CEL uint(): a port beyond uint64: a conversion error', named('hostport-huge', { hostport: 'a.example.com:99999999999999999999' }), false],
  ['CEL quantity: below 1Gi', named('mem', { mem: '512Mi' }), true],
  ['CEL quantity: above 1Gi', named('mem-big', { mem: '2Gi' }), false],
  ['CEL quantity: not a quantity (isQuantity)', named('mem-text', { mem: 'abc' }), false],
  ['CEL quantity: negative', named('mem-neg', { mem: '-1' }), false],
  ['CEL quantity: add() and sub()', named('cpu', { cpu: '600m' }), true],
  ['CEL quantity: add() reaching exactly 1', named('cpu-half', { cpu: '500m' }), false],
  ['CEL quantity: sub() of an int above 0', named('cpu-big', { cpu: '1500m' }), false],
  ['CEL quantity: an integer', named('count', { count: '7' }), true],
  ['CEL quantity: an integer written with an exponent', named('count-exp', { count: '1e1' }), true],
  ['CEL quantity: a fraction is no integer', named('count-frac', { count: '1.5' }), false],
  ['CEL quantity: an integer above 10', named('count-big', { count: '11' }), false],
  ['CEL quantity: quantity() of a text that is none is an error', named('count-text', { count: 'x' }), false],
  ['CEL quantity: == compares values (1 and 1000m)', named('exact', { exact: '1' }), true],
  ['CEL quantity: == of 1.001 and 1000m', named('exact-off', { exact: '1.001' }), false],
  ['CEL optionals: an optional index', named('list', { list: ['ok'] }), true],
  ['CEL optionals: an optional index refused', named('list-bad', { list: ['bad', 'ok'] }), false],
  ['CEL optionals: an optional index of an empty list', named('list-empty', { list: [] }), true],
  ['CEL substring(): a wildcard host', text('host-wild', { hosts: ['*.example.com', 'a.example.com'] }), true],
  ['CEL substring(): a wildcard not first', text('host-mid', { hosts: ['a.*.example.com'] }), false],
  ['CEL substring(start, end): an abstract socket', text('socket', { socket: 'unix://@podsmith' }), true],
  ['CEL substring(start, end): a socket path without its slash', text('socket-rel', { socket: 'unix://run/x.sock' }), false],
  ['CEL substring(start, end) beyond the end is an error', text('socket-short', { socket: 'unix://' }), false],
  ['CEL substring(start) beyond the end is an error', text('tail-short', { tail: 'abc' }), false],
  ['CEL substring(start) of more than start code points', text('tail', { tail: 'abédx' }), true],
  ['CEL substring(start) at the end is empty', text('tail-empty', { tail: 'abcd' }), false],
  ['CEL charAt(): a leading dash', text('initial-dash', { initial: '-x' }), false],
  ['CEL charAt(): at the end is empty', text('initial', { initial: 'x-' }), true],
  ['CEL replace(): underscores read as dashes', text('slug', { slug: 'a_b-c' }), true],
  ['CEL replace(old, new, n): two dashes, one removed, one left', text('slug-dashes', { slug: 'a-b-c' }), false],
  ['CEL trim(): surrounding spaces', text('padded', { padded: ' x' }), false],
  ['CEL trim(): inner spaces', text('padded-inner', { padded: 'a b' }), true],
  ['CEL join(): parts within the length', text('parts', { parts: ['a', 'bc', 'd'] }), true],
  ['CEL join() without a separator', text('parts-ab', { parts: ['a', 'b'] }), false],
  ['CEL join(): parts beyond the length', text('parts-long', { parts: ['abcdefgh', 'ijklmnop', 'qrst'] }), false],
  ['CEL isURL(): an oci reference with its scheme', text('source-oci', { source: 'oci://registry.example.com/charts/app' }), true],
  ['CEL isURL(): a host and path without a scheme', text('source-bare', { source: 'example.com/charts' }), true],
  ['CEL url().getScheme(): a scheme not in the list', text('source-ftp', { source: 'FTP://example.com/x' }), false],
  ['CEL url().getScheme() is lower-cased', text('source-upper', { source: 'HTTPS://example.com/x' }), true],
  ['CEL isURL(): a space in the host', text('source-space', { source: 'exa mple.com' }), false],
  ['CEL url(): https with a host and port', text('endpoint', { endpoint: 'https://api.example.com:8443/v1' }), true],
  ['CEL url().getHostname(): localhost', text('endpoint-local', { endpoint: 'https://localhost:8443/' }), false],
  ['CEL url().getHostname(): an IPv6 host in brackets', text('endpoint-v6', { endpoint: 'https://[fd00::1]:443/' }), true],
  ['CEL url().getPort(): beyond the range', text('endpoint-port', { endpoint: 'https://api.example.com:70000/' }), false],
  ['CEL url(): a relative reference is an error', text('endpoint-relative', { endpoint: 'api/v1' }), false],
  ['CEL url().getHost(): a path without a host', text('endpoint-path', { endpoint: '/api/v1' }), false],
  ['CEL find(): a label of another domain', text('label', { label: 'example.com/zone' }), true],
  ['CEL find(): a label of the karpenter.sh domain', text('label-karpenter', { label: 'karpenter.sh/zone' }), false],
  ['CEL find(): a listed karpenter.sh label', text('label-listed', { label: 'karpenter.sh/nodepool' }), true],
  ['CEL find(): a label of a karpenter.sh subdomain', text('label-sub', { label: 'kwok.karpenter.sh/zone' }), false],
  ['CEL findAll(): two runs of digits', text('digits', { digits: 'a1b22' }), true],
  ['CEL findAll(): three runs of digits', text('digits-three', { digits: '1a2b3' }), false],
  ['CEL findAll(regex, 1): a first digit 0', text('digits-zero', { digits: 'a0b9' }), false],
  ['CEL find(): no match is the empty string', text('digits-x', { digits: 'ax1' }), false],
  ['a date format', stamp('date', { day: '2024-02-29' }), true],
  ['a date format on a day the month does not have', stamp('date-bad', { day: '2023-02-29' }), false],
  ['a date-time format with a space for the T', stamp('datetime-space', { at: '2024-01-01 10:00:00Z' }), false],
  ['a date-time format in a month that does not exist', stamp('datetime-month', { at: '2024-13-01T10:00:00Z' }), false],
  ['a date-time format whose fraction starts with any character (kube-openapi\'s pattern)', stamp('datetime-dot', { at: '2024-01-01T10:00:00x5Z' }), true],
  ['a date-time format named without its dash', stamp('datetime-undashed', { atUndashed: '2024-01-01T25:00:00Z' }), false],
  ['a uuid format', stamp('uuid', { id: '123E4567E89B12D3A456426614174000' }), true],
  ['a uuid format one digit short', stamp('uuid-short', { id: '123e4567-e89b-12d3-a456-42661417400' }), false],
  ['a hostname format with an underscore', stamp('hostname', { host: 'my_host.example.com' }), false],
  ['a mac format', stamp('mac', { mac: '00-00-5e-00-53-01' }), true],
  ['a mac format with mixed separators', stamp('mac-mixed', { mac: '00:00-5e:00:53:01' }), false],
  ['a byte format left empty', stamp('byte-empty', { blob: '' }), false],
  ['a byte format with a line break (kube-openapi\'s pattern, not Go\'s decoder)', stamp('byte-newline', { blob: 'aGk=\n' }), false],
  ['a duration format in words', stamp('duration-words', { ttl: '5 days' }), true],
  ['a duration format without a unit', stamp('duration-bare', { ttl: '15' }), false],
  ['a k8s-short-name format with a capital (introduced in 1.34, checked from 1.35: the server checks formats at the release before its own)', stamp('short-name', { short: 'My-app' }), { before: 35 }],
  ['an ipv6 format with an embedded IPv4 address', stamp('ipv6-v4', { v6: '::ffff:10.0.0.1' }), true],
  ['a hexcolor format', stamp('hexcolor', { color: '#12345' }), false],
  ['a uri format', stamp('uri', { link: 'https://user@example.com:8443/a%20b?q#f' }), true],
  ['a uri format given a relative path', stamp('uri-relative', { link: 'docs/index.html' }), false],
  ['a uri format with an ASCII character escaped in its host', stamp('uri-host-escape', { link: 'http://h%41st/' }), false],
  ['an http uri format with two colons in its host (the port after the last one before 1.36; Go 1.26\'s strict colons from 1.36)', stamp('uri-colons', { link: 'http://a:1:2/' }), { before: 36 }],
  ['another scheme\'s uri with two colons in its host (the port after the last one)', stamp('uri-colons-ftp', { link: 'ftp://a:1:2/' }), true],
  ['a uri format with an IPv4 address in brackets', stamp('uri-bracket-v4', { link: 'http://[10.0.0.1]/' }), false],
  ['a format the server does not know (names are case-sensitive) is dropped', stamp('format-case', { capitalized: 'not a date' }), true],
  ['a format named with a stray dash is read without it', stamp('format-dash', { dashed: 'not a date' }), false],
  ['a string format on an integer does not apply', stamp('format-integer', { count: 5 }), true],
  ['an int32 format on an int-or-string field is dropped (a string format\'s place)', stamp('format-int-or-string', { either: 4200000000 }), true],
  ['a required field written null (pruned, then missing)', lister('null-required', { ports: [{ name: null, port: 1 }] }), false],
  ['a number at an exclusive maximum (OpenAPI 3.0\'s boolean exclusiveMaximum)', widget('share-max', { share: 1 }), false],
  ['a number below an exclusive maximum', widget('share', { share: 0.99 }), true],
  ['a value against an enum, defaults or not', widget('enum', { mode: 'medium' }), false],
  ['(?i) matches any case', matcher('ci', { action: 'WARN' }), true],
  ['(?i) still refuses other words', matcher('ci-other', { action: 'stop' }), false],
  ['(?i) folds k to the Kelvin sign', matcher('kelvin', { kelvin: '\u212a' }), true],
  ['POSIX class with \\A and \\z', matcher('posix', { word: 'Hello' }), true],
  ['POSIX class refuses digits', matcher('posix-digits', { word: 'abc1' }), false],
  ['\\pL takes any letter', matcher('unicode', { letters: 'Ωmegaé' }), true],
  ['. takes a carriage return in Go', matcher('dot-cr', { oneLine: 'a\rb' }), true],
  ['. refuses a line feed', matcher('dot-lf', { oneLine: 'a\nb' }), false],
  ['(?s) . takes a line feed', matcher('dot-s', { anyLine: 'a\nb' }), true],
  ['\\s is ASCII: a vertical tab is not a space in Go', matcher('vtab', { spaces: '\u000b' }), false],
  ['\\s is ASCII: a no-break space is not a space in Go', matcher('nbsp', { spaces: '\u00a0' }), false],
  ['a{,2} is literal text in Go', matcher('braces', { braces: 'a{,2}' }), true],
  ['an escaped # is a #', matcher('hash', { hash: '#a0b1c2' }), true],
  ['a set without repeats', lister('set', { tags: ['a', 'b'] }), true],
  ['a set with a repeated item', lister('set-repeat', { tags: ['a', 'b', 'a'] }), false],
  ['a set of objects with a repeated object', lister('set-objects', { pairs: [{ a: 1 }, { a: 2 }, { a: 1 }] }), false],
  ['a map list unique by its keys', lister('map', { ports: [{ name: 'dns', protocol: 'TCP', port: 53 }, { name: 'dns', protocol: 'UDP', port: 53 }] }), true],
  ['a custom resource named with capitals and an underscore', widget('Bad_Name', {}), false],
  ['a custom resource with a label value that is not one', { ...widget('label', {}), metadata: { name: 'label', namespace: 'default', labels: { app: 'bad value!' } } }, false],
  ['a custom resource with an annotation key that is not one', { ...widget('annotation', {}), metadata: { name: 'annotation', namespace: 'default', annotations: { 'bad key!': 'x' } } }, false],
  ['a custom resource with a dotted name and labels', { ...widget('a.b-c', {}), metadata: { name: 'a.b-c', namespace: 'default', labels: { 'app.kubernetes.io/name': 'w' } } }, true],
  // its metadata decoded strictly as ObjectMeta before the CRD's schema is read (found in kube-prometheus' ServiceMonitors with a value replaced)
  ...([
    ['a label value that is a number', { labels: { 'app.kubernetes.io/version': 31 } }, false],
    ['a label value that is a list', { labels: { 'part-of': [] } }, false],
    ['a label value that is null (read as "")', { labels: { a: null } }, true],
    ['labels that are a list', { labels: ['a'] }, false],
    ['a namespace that is a number', { namespace: 65536 }, false],
    ['an annotation value that is a number', { annotations: { a: 1 } }, false],
    ['a finalizer that is a number', { finalizers: [1] }, false],
    ['a metadata field no object has', { foo: 1 }, false],
    ['a creationTimestamp that is no time', { creationTimestamp: 'yesterday' }, false],
    ['a generation of 1.5', { generation: 1.5 }, false],
    ['an owner reference whose controller is a string', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u', controller: 'yes' }] }, false],
  ] as Array<[string, any, boolean]>).map(([what, meta, ok]): [string, any, boolean] => [`a custom resource with ${what}`, { ...widget('meta', {}), metadata: { name: 'meta', namespace: 'default', ...meta } }, ok]),
  ['a status out of its schema, without the status subresource', { ...lister('status', {}), status: { phase: 'Gone', count: 1 } }, false],
  ['a status out of its schema, with the status subresource: dropped on create', reporter('status-dropped', { phase: 'Gone' }), true],
  ['a status with an unknown field, with the status subresource: read strictly first', reporter('status-unknown', { count: 1, extra: true }), false],
  ['a custom resource of a served version', { apiVersion: 'cases.podsmith.dev/v1', kind: 'Gauge', metadata: { name: 'g1', namespace: 'default' }, spec: { a: 'x' } }, true],
  ['a custom resource of a version the CRD does not serve', { apiVersion: 'cases.podsmith.dev/v1beta1', kind: 'Gauge', metadata: { name: 'g2', namespace: 'default' }, spec: { a: 'x' } }, false],
  ['a CEL rule reads a field named namespace as __namespace__', ref('ns', { ref: { name: 'a', namespace: 'b' } }), false],
  ['a CEL rule reads an absent namespace as absent', ref('no-ns', { ref: { name: 'a' } }), true],
  ['a CEL rule reads a dashed field name escaped', ref('dash', { 'dash-ed': 'no' }), false],
  ['a CEL rule reads a dashed field name escaped, and passes', ref('dash-ok', { 'dash-ed': 'ok' }), true],
  ['a CEL rule sees a nullable field written null as absent', ref('null-opt', { opt: null }), true],
  ['a CEL rule sees a nullable field written as there', ref('opt', { opt: 'x' }), false],
  ['the items of a list that preserves unknown fields keep theirs', bag('loose', { loose: [{ job_name: 'a', static_configs: [{ targets: ['x:1'] }] }] }), true],
  ['lists in a list that preserves unknown fields keep theirs', bag('deep', { deep: [[{ any: 1 }]] }), true],
  ['a property of an item under a preserving list is pruned again', bag('typed', { typed: [{ inner: { b: 1 } }] }), false],
  ['an unknown field beside the properties of an item under a preserving list is kept', bag('typed-extra', { typed: [{ extra: 1, inner: { a: 'x' } }] }), true],
  ['a property of a preserving object is pruned again', bag('open-sub', { open: { sub: { b: 1 } } }), false],
  ['a list that is a property of a preserving object prunes its items', bag('open-list', { open: { list: [{ b: 1 }] } }), false],
  ['an unknown field of a preserving object is kept', bag('open-extra', { open: { other: { b: 1 } } }), true],
  ['an unknown field in the items of a list that does not preserve them', bag('strict', { strict: [{ b: 1 }] }), false],
  ['a map list whose keys repeat once a key takes its default', lister('map-default', { ports: [{ name: 'http', port: 80 }, { name: 'http', protocol: 'TCP', port: 81 }] }), false],
];
