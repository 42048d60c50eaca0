/**
 * Each component's command line (pure): what it is given, not how it runs (that is
 * supervisor.ts). Paths come from ClusterPaths, addresses from the cluster's identity.
 */
import * as path from 'node:path';
import { Component } from './components';
import { ClusterContext } from './context';
import { NODE_FAILURE_TIMING } from './nodes';

/** The arguments of component `c` (after its binary). */
export function componentArgs(ctx: ClusterContext, c: Component): string[] {
  const { id, paths } = ctx;
  const S = paths.stateDir;
  const NET = id.net;
  const node = ctx.node;
  // A cluster of several nodes notices a lost node in seconds (see NODE_FAILURE_TIMING).
  const multi = id.nodes.length > 1;
  const p = (f: string) => paths.pki(f);
  switch (c) {
    case 'etcd':
      return [
        '--name=podsmith',
        `--data-dir=${S}/etcd/data`,
        '--listen-client-urls=https://127.0.0.1:2379',
        '--advertise-client-urls=https://127.0.0.1:2379',
        '--listen-peer-urls=https://127.0.0.1:2380',
        '--initial-advertise-peer-urls=https://127.0.0.1:2380',
        '--initial-cluster=podsmith=https://127.0.0.1:2380',
        `--cert-file=${p('etcd.crt')}`,
        `--key-file=${p('etcd.key')}`,
        `--trusted-ca-file=${p('ca.crt')}`,
        '--client-cert-auth=true',
        `--peer-cert-file=${p('etcd.crt')}`,
        `--peer-key-file=${p('etcd.key')}`,
        `--peer-trusted-ca-file=${p('ca.crt')}`,
        '--peer-client-cert-auth=true',
        '--snapshot-count=10000',
        '--log-level=warn',
      ];
    case 'containerd':
      return ['--config', paths.etc('containerd.toml')];
    case 'kube-apiserver':
      return [
        `--advertise-address=${NET.nodeIp}`,
        `--bind-address=${NET.nodeIp}`,
        `--secure-port=${NET.apiPort}`,
        '--etcd-servers=https://127.0.0.1:2379',
        `--etcd-cafile=${p('ca.crt')}`,
        `--etcd-certfile=${p('apiserver-etcd-client.crt')}`,
        `--etcd-keyfile=${p('apiserver-etcd-client.key')}`,
        `--client-ca-file=${p('ca.crt')}`,
        `--tls-cert-file=${p('kube-apiserver.crt')}`,
        `--tls-private-key-file=${p('kube-apiserver.key')}`,
        `--kubelet-client-certificate=${p('apiserver-kubelet-client.crt')}`,
        `--kubelet-client-key=${p('apiserver-kubelet-client.key')}`,
        `--kubelet-certificate-authority=${p('ca.crt')}`,
        '--kubelet-preferred-address-types=InternalIP',
        '--authorization-mode=Node,RBAC',
        '--anonymous-auth=false',
        '--enable-admission-plugins=NodeRestriction',
        '--allow-privileged=true',
        `--service-cluster-ip-range=${NET.serviceCidr}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${p('sa.pub')}`,
        `--service-account-signing-key-file=${p('sa.key')}`,
        ...(multi ? [`--default-not-ready-toleration-seconds=${NODE_FAILURE_TIMING.tolerationSeconds}`, `--default-unreachable-toleration-seconds=${NODE_FAILURE_TIMING.tolerationSeconds}`] : []),
        '--profiling=false',
        '--v=1',
      ];
    case 'kube-controller-manager':
      return [
        `--kubeconfig=${paths.kubeconfig('kube-controller-manager')}`,
        // No --authentication/authorization-kubeconfig: the secure port then serves only the
        // always-allowed health paths, and the process needs no RBAC of its own to start.
        '--bind-address=127.0.0.1',
        `--tls-cert-file=${p('kube-controller-manager.crt')}`,
        `--tls-private-key-file=${p('kube-controller-manager.key')}`,
        `--client-ca-file=${p('ca.crt')}`,
        `--root-ca-file=${p('ca.crt')}`,
        `--service-account-private-key-file=${p('sa.key')}`,
        `--cluster-signing-cert-file=${p('ca.crt')}`,
        `--cluster-signing-key-file=${p('ca.key')}`,
        '--use-service-account-credentials=true',
        '--leader-elect=false',
        `--cluster-cidr=${NET.clusterCidr}`,
        `--service-cluster-ip-range=${NET.serviceCidr}`,
        '--allocate-node-cidrs=false',
        // Lifts the node's not-ready taint within a second of Ready (default period 5s).
        '--node-monitor-period=1s',
        ...(multi ? [`--node-monitor-grace-period=${NODE_FAILURE_TIMING.graceSeconds}s`] : []),
        '--controllers=*,-bootstrapsigner,-tokencleaner,-cloud-node-lifecycle',
        '--profiling=false',
        '--v=1',
      ];
    case 'kube-scheduler':
      return [
        `--config=${paths.etc('kube-scheduler.yaml')}`,
        '--bind-address=127.0.0.1',
        `--tls-cert-file=${p('kube-scheduler.crt')}`,
        `--tls-private-key-file=${p('kube-scheduler.key')}`,
        `--client-ca-file=${p('ca.crt')}`,
        '--profiling=false',
        '--v=1',
      ];
    case 'kubelet':
      return [
        `--config=${paths.etc('kubelet.yaml')}`,
        `--kubeconfig=${paths.kubeconfig('kubelet')}`,
        `--root-dir=${S}/kubelet`,
        `--cert-dir=${S}/kubelet/pki`,
        `--hostname-override=${node.name}`,
        `--node-ip=${node.ip}`,
        // kubelet <= 1.34: keeps the pause image out of image GC (must match containerd's sandbox_image).
        `--pod-infra-container-image=${paths.pauseImage}`,
        '--v=1',
      ];
    case 'kube-proxy':
      return [`--config=${paths.etc('kube-proxy.yaml')}`, '--v=1'];
    case 'coredns':
      return ['-conf', paths.etc('Corefile')];
  }
  return [];
}

/**
 * The full argv of component `c`, run inside the cluster's network namespace. The kubelet gets
 * a mount namespace of its own (propagation kept, so the shared kubelet root dir propagates to
 * the host) in which the kernel sysctls it would otherwise rewrite host-wide read the values it
 * expects; `exec` keeps the recorded PID the kubelet's own.
 */
export function componentArgv(ctx: ClusterContext, c: Component): string[] {
  let argv = [ctx.paths.bin(c), ...componentArgs(ctx, c)];
  if (c === 'kubelet') {
    const dir = path.join(ctx.paths.stateDir, 'etc', 'kubelet-sysctl');
    const script = [
      'set -e',
      `for f in ${dir}/*; do n=$(basename "$f" | tr . /); mount --bind "$f" "/proc/sys/$n"; done`,
      'exec "$@"',
    ].join('\n');
    argv = ['unshare', '--mount', '--propagation', 'unchanged', '--', 'sh', '-c', script, 'kubelet', ...argv];
  }
  return ['nsenter', `--net=/run/netns/${ctx.node.netns}`, '--', ...argv];
}
