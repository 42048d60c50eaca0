/**
 * ResourceClaim and ResourceClaimTemplate device-request cases with a 1.34 API server's verdicts (spread into kind-cases.ts).
 * resource.k8s.io/v1beta1 and v1beta2 are off by default in 1.34 (--runtime-config), so their cases are refused as not served;
 * their request shapes were judged by a 1.34 server with both versions turned on (see the v1beta1/v1beta2 notes below).
 */
const meta = { name: 'podsmith-dra-case' };
const claim = (devices: any, apiVersion = 'resource.k8s.io/v1') => ({ apiVersion, kind: 'ResourceClaim', metadata: meta, spec: { devices } });
const template = (devices: any, apiVersion = 'resource.k8s.io/v1') => ({ apiVersion, kind: 'ResourceClaimTemplate', metadata: meta, spec: { spec: { devices } } });
/** A v1 exact request of the class gpu.example.com. */
const exact = (name: string, extra: any = {}) => ({ name, exactly: { deviceClassName: 'gpu.example.com', ...extra } });
const sub = (name: string, extra: any = {}) => ({ name, deviceClassName: 'gpu.example.com', ...extra });
const one = (extra: any) => claim({ requests: [exact('gpu', extra)] });
const tolerating = (t: any) => one({ tolerations: [t] });
const constrained = (c: any) => claim({ requests: [exact('a'), exact('b')], constraints: [c] });
const configured = (c: any) => claim({ requests: [exact('a'), { name: 'b', firstAvailable: [sub('big'), sub('small')] }], config: [c] });
const opaque = (o: any) => ({ driver: 'gpu.example.com', parameters: { sharing: { strategy: 'TimeSlicing' } }, ...o });

export const DEVICE_REQUEST_CASES: Array<[string, any, boolean]> = [
  // what the Kubernetes DRA docs and upstream's examples write
  ['ResourceClaim asking for one device of a class (DRA docs)', claim({ requests: [exact('single-gpu')] }), true],
  ['ResourceClaimTemplate with a CEL selector and two devices (DRA docs)', template({
    requests: [exact('gpu', { count: 2, selectors: [{ cel: { expression: "device.attributes['gpu.example.com'].type == 'a100'" } }] })],
  }), true],
  ['ResourceClaimTemplate with opaque config and template labels (e2e test driver)', {
    apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaimTemplate', metadata: meta,
    spec: { metadata: { labels: { app: 'inline-resource' } }, spec: { devices: { requests: [{ name: 'my-device', exactly: { deviceClassName: 'example' } }], config: [{ opaque: { driver: 'test-driver.cdi.k8s.io', parameters: { a: 'b' } } }] } } },
  }, true],
  ['prioritized list: firstAvailable sub-requests, a constraint on one of them and config for the request', claim({
    requests: [{ name: 'req-0', firstAvailable: [sub('big', { count: 1 }), sub('small', { count: 2, allocationMode: 'ExactCount' })] }, exact('nic')],
    constraints: [{ requests: ['req-0/small', 'nic'], matchAttribute: 'resource.kubernetes.io/pcieRoot' }],
    config: [{ requests: ['req-0'], opaque: opaque({}) }],
  }), true],
  ['allocationMode All without a count', one({ allocationMode: 'All' }), true],
  ['allocationMode "" and count 0 (defaulted to ExactCount and 1)', claim({ requests: [exact('gpu', { allocationMode: '', count: 0 }), { name: 'alt', firstAvailable: [sub('x', { allocationMode: '', count: 0 })] }] }), true],
  ['tolerations: Exists without a value, an empty operator (Equal) with one, a NoExecute effect', one({
    tolerations: [{ key: 'example.com/taint', operator: 'Exists' }, { key: 'example.com/zone', operator: '', value: 'a', effect: 'NoExecute' }, { operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }],
  }), true],
  ['constraint matching an attribute across two requests', constrained({ requests: ['a', 'b'], matchAttribute: 'dra.example.com/slice' }), true],
  ['constraint with an empty requests list (all requests)', constrained({ requests: [], matchAttribute: 'gpu.example.com/numa_node' }), true],
  ['constraint attribute of three segments (upstream checks only one and two)', constrained({ matchAttribute: 'example.com/a/b' }), true],
  // 1.37's declarative validation also reads distinctAttribute, and the domain without lower-casing it
  ['consumable capacity: distinctAttribute alone and capacity requests (dropped in 1.34)', template({
    requests: [exact('req-0', { count: 2, capacity: { requests: { memory: '40Gi' } } })],
    constraints: [{ requests: ['req-0'], distinctAttribute: 'dra.example.com/slice' }],
  }), true],
  ['opaque driver name in upper case (compared in lower case)', configured({ opaque: opaque({ driver: 'GPU.Example.COM' }) }), true],
  ['empty devices', claim({}), true],

  // requests
  ['request named "Sometimes"', claim({ requests: [exact('Sometimes')] }), false],
  ['two requests of the same name', claim({ requests: [exact('gpu'), exact('gpu')] }), false],
  ['33 requests', claim({ requests: Array.from({ length: 33 }, (_, i) => exact(`r${i}`)) }), false],
  ['request with neither exactly nor firstAvailable (firstAvailable: [])', claim({ requests: [{ name: 'gpu', firstAvailable: [] }] }), false],
  ['request with both exactly and firstAvailable', claim({ requests: [{ ...exact('gpu'), firstAvailable: [sub('x')] }] }), false],
  ['exact request without a deviceClassName', claim({ requests: [{ name: 'gpu', exactly: {} }] }), false],
  ['exact request count -1', one({ count: -1 }), false],
  ['allocationMode All with a count', one({ allocationMode: 'All', count: 2 }), false],
  ['allocationMode "Sometimes"', one({ allocationMode: 'Sometimes' }), false],
  ['selector without cel', one({ selectors: [{}] }), false],
  ['ResourceClaimTemplate exact request count -1 (spec.spec)', template({ requests: [exact('gpu', { count: -1 })] }), false],
  // sub-requests
  ['sub-request named "Sometimes"', claim({ requests: [{ name: 'gpu', firstAvailable: [sub('Sometimes')] }] }), false],
  ['sub-request of the class "Sometimes"', claim({ requests: [{ name: 'gpu', firstAvailable: [{ name: 'x', deviceClassName: 'Sometimes' }] }] }), false],
  ['two sub-requests of the same name', claim({ requests: [{ name: 'gpu', firstAvailable: [sub('x'), sub('x')] }] }), false],
  ['nine sub-requests', claim({ requests: [{ name: 'gpu', firstAvailable: Array.from({ length: 9 }, (_, i) => sub(`s${i}`)) }] }), false],
  ['sub-request allocationMode All with a count', claim({ requests: [{ name: 'gpu', firstAvailable: [sub('x', { allocationMode: 'All', count: 1 })] }] }), false],
  // tolerations
  ['toleration operator "Sometimes"', tolerating({ key: 'example.com/taint', operator: 'Sometimes' }), false],
  ['toleration Exists with a value', tolerating({ key: 'example.com/taint', operator: 'Exists', value: 'x' }), false],
  ['toleration effect "NoRun"', tolerating({ key: 'example.com/taint', operator: 'Exists', effect: 'NoRun' }), false],
  ['toleration key "bad key"', tolerating({ key: 'bad key', operator: 'Exists' }), false],
  ['toleration value "a b" (Equal)', tolerating({ key: 'example.com/taint', value: 'a b' }), false],
  ['sub-request toleration operator "Sometimes"', claim({ requests: [{ name: 'gpu', firstAvailable: [sub('x', { tolerations: [{ operator: 'Sometimes' }] })] }] }), false],
  // constraints
  ['constraint without an attribute', constrained({ requests: ['a', 'b'] }), false],
  ['constraint matchAttribute ""', constrained({ matchAttribute: '' }), false],
  ['constraint matchAttribute without a domain', constrained({ matchAttribute: 'Sometimes' }), false],
  ['constraint matchAttribute with an invalid identifier', constrained({ matchAttribute: 'example.com/pcie-root' }), false],
  ['constraint matchAttribute with an empty domain', constrained({ matchAttribute: '/model' }), false],
  ['constraint distinctAttribute without a domain', constrained({ distinctAttribute: 'model' }), false],
  ['constraint naming a request the claim lacks', constrained({ requests: ['a', 'c'], matchAttribute: 'example.com/model' }), false],
  ['constraint naming a request twice', constrained({ requests: ['a', 'a'], matchAttribute: 'example.com/model' }), false],
  ['constraint naming a sub-request of a request without any', constrained({ requests: ['a/x'], matchAttribute: 'example.com/model' }), false],
  // config
  ['config naming a sub-request', configured({ requests: ['b/small'], opaque: opaque({}) }), true],
  ['config naming a sub-request the request lacks', configured({ requests: ['b/tiny'], opaque: opaque({}) }), false],
  ['config naming three segments', configured({ requests: ['b/small/x'], opaque: opaque({}) }), false],
  ['config without opaque', configured({ requests: ['a'] }), false],
  ['opaque driver "a_b"', configured({ opaque: opaque({ driver: 'a_b' }) }), false],
  ['opaque driver of 64 characters', configured({ opaque: opaque({ driver: `${'a'.repeat(60)}.com` }) }), false],
  ['opaque parameters a list', configured({ opaque: opaque({ parameters: [1] }) }), false],
  ['opaque parameters over 10 KiB', configured({ opaque: opaque({ parameters: { blob: 'x'.repeat(10240) } }) }), false],

  // v1beta1 / v1beta2: not served by a default 1.34 API server (with --runtime-config they are; see the file's header)
];
