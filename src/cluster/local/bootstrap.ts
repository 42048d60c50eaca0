/**
 * The objects a new cluster needs before it is ready (CoreDNS's RBAC and its selector-less
 * kube-dns Service, the API server's kubelet-client binding, kube-system's ServiceAccount), and
 * the test Pod that proves Pods run and resolve cluster names.
 */
import * as crypto from 'node:crypto';
import { AdminApi } from './api';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
import { Supervisor } from './supervisor';

export async function applyBootstrapObjects(ctx: ClusterContext, api: AdminApi): Promise<void> {
  const NET = ctx.id.net;
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await api.ensureObject(`${rbac}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'podsmith:coredns' },
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ],
  });
  await api.ensureObject(`${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'podsmith:coredns' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'podsmith:coredns' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'podsmith:coredns' }],
  });
  // The API server's calls to the kubelet (logs, exec, port-forward).
  await api.ensureObject(`${rbac}/clusterrolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'podsmith:apiserver-kubelet-client' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kubelet-api-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kube-apiserver-kubelet-client' }],
  });
  // The ServiceAccount controller creates it too, a few seconds later; the test Pod needs it now.
  await api.ensureObject('/api/v1/namespaces/kube-system/serviceaccounts', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace: 'kube-system' },
  });
  // CoreDNS runs as a process on the node; a selector-less Service with a hand-made
  // EndpointSlice points the cluster DNS address at it.
  await api.ensureObject('/api/v1/namespaces/kube-system/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      clusterIP: NET.dnsIp,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      ],
    },
  });
  await api.ensureObject('/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kube-dns-podsmith',
      namespace: 'kube-system',
      labels: { 'kubernetes.io/service-name': 'kube-dns', 'endpointslice.kubernetes.io/managed-by': 'podsmith.dev' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [NET.nodeIp], conditions: { ready: true }, nodeName: ctx.id.nodes[0].name }],
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  });
}

/** Runs a Pod that resolves the API server's Service name through the cluster DNS. */
export async function smokePod(ctx: ClusterContext, api: AdminApi, sup: Supervisor, deadline: number): Promise<void> {
  const ns = 'kube-system';
  const name = `podsmith-smoke-${crypto.randomBytes(3).toString('hex')}`;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'podsmith' } },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'smoke',
          image: ctx.paths.busyboxImage,
          imagePullPolicy: 'Never',
          command: ['sh', '-c', 'nslookup kubernetes.default.svc.cluster.local. >/dev/null && echo ok'],
          resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
        },
      ],
    },
  };
  await sup.waitFor('test Pod created', deadline, async () => {
    const r = await api.request('POST', `/api/v1/namespaces/${ns}/pods`, pod);
    return r.status === 201;
  });
  const created = Date.now();
  let phase = '';
  try {
    await sup.waitFor('test Pod succeeded', deadline, async () => {
      const r = await api.request('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
      phase = r.body?.status?.phase ?? '';
      if (phase === 'Failed') throw new ClusterError(`test Pod ${ns}/${name} failed: ${JSON.stringify(r.body?.status?.containerStatuses?.[0]?.state)}`);
      return phase === 'Succeeded';
    });
    ctx.log(`test Pod ${name} succeeded ${Date.now() - created} ms after it was created`);
  } finally {
    await api.request('DELETE', `/api/v1/namespaces/${ns}/pods/${name}?gracePeriodSeconds=0`);
  }
}
