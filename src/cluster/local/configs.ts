/**
 * The components' configuration files (containerd, CNI, kubelet, kube-proxy, kube-scheduler,
 * CoreDNS) and the kernel values the kubelet is shown, written under the state dir's etc/.
 */
import * as path from 'node:path';
import { ClusterContext } from './context';
import { NODE_FAILURE_TIMING } from './nodes';
import { writeFile } from './sys';

/** Every config file of the cluster's own context: node 0's and the control plane's. */
export function writeConfigs(ctx: ClusterContext): void {
  writeNodeConfigs(ctx);
  writeControlPlaneConfigs(ctx);
}

/** The files of one node (in its context): containerd, CNI, kubelet, kube-proxy, resolv.conf, the kubelet's kernel values. */
export function writeNodeConfigs(ctx: ClusterContext): void {
  const { id, paths } = ctx;
  const S = paths.stateDir;
  const NAME = id.name;
  const NET = id.net;
  const node = ctx.node;
  const multi = id.nodes.length > 1;
  writeFile(
    paths.etc('containerd.toml'),
    [
      'version = 2',
      `root = "${S}/containerd/root"`,
      `state = "${S}/containerd/state"`,
      'disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.internal.v1.tracing", "io.containerd.tracing.processor.v1.otlp"]',
      '[grpc]',
      `  address = "${paths.containerdSock}"`,
      '[ttrpc]',
      `  address = "${S}/containerd/containerd.sock.ttrpc"`,
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = "${S}/containerd/opt"`,
      '[plugins."io.containerd.grpc.v1.cri"]',
      `  sandbox_image = "${paths.pauseImage}"`,
      // Negative oom_score_adj needs CAP_SYS_RESOURCE, which this machine's root lacks.
      '  restrict_oom_score_adj = true',
      '  netns_mounts_under_state_dir = true',
      '  disable_apparmor = true',
      '  enable_selinux = false',
      '  max_container_log_line_size = 16384',
      '  [plugins."io.containerd.grpc.v1.cri".containerd]',
      '    snapshotter = "overlayfs"',
      '    default_runtime_name = "runc"',
      '    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
      '      runtime_type = "io.containerd.runc.v2"',
      '      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
      '        SystemdCgroup = false',
      '  [plugins."io.containerd.grpc.v1.cri".cni]',
      '    bin_dir = "/usr/lib/cni"',
      `    conf_dir = "${S}/cni/net.d"`,
      '    max_conf_num = 1',
      '',
    ].join('\n'),
  );
  writeFile(
    path.join(S, 'cni', 'net.d', '10-podsmith.conflist'),
    JSON.stringify(
      {
        cniVersion: '0.4.0',
        name: NAME,
        plugins: [
          {
            type: 'bridge',
            bridge: NET.bridge,
            isGateway: true,
            ipMasq: false,
            hairpinMode: true,
            ipam: { type: 'host-local', ranges: [[{ subnet: node.podSubnet }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: path.join(S, 'cni', 'ipam') },
          },
          { type: 'portmap', capabilities: { portMappings: true } },
          // kubernetes.io/ingress-bandwidth and egress-bandwidth (handbook H21): tc on the Pod's veth.
          { type: 'bandwidth', capabilities: { bandwidth: true } },
        ],
      },
      null,
      2,
    ),
  );
  // Pods get no upstream resolver: nothing leaves the machine.
  writeFile(paths.etc('resolv.conf'), '# podsmith local cluster: no upstream resolvers\noptions ndots:5\n');
  writeFile(
    paths.etc('kubelet.yaml'),
    yamlish({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: paths.pki('ca.crt') } },
      authorization: { mode: 'Webhook' },
      cgroupDriver: 'cgroupfs',
      cgroupRoot: `/${node.cgroup}`,
      cgroupsPerQOS: true,
      enforceNodeAllocatable: ['pods'],
      clusterDomain: 'cluster.local',
      clusterDNS: [NET.dnsIp],
      containerRuntimeEndpoint: `unix://${paths.containerdSock}`,
      imageServiceEndpoint: `unix://${paths.containerdSock}`,
      resolvConf: paths.etc('resolv.conf'),
      tlsCertFile: paths.pki('kubelet.crt'),
      tlsPrivateKeyFile: paths.pki('kubelet.key'),
      healthzBindAddress: '127.0.0.1',
      readOnlyPort: 0,
      failSwapOn: false,
      // The machine's root lacks CAP_SYS_RESOURCE: the kubelet cannot lower its own score.
      oomScoreAdj: 0,
      // Kernel defaults are shadowed in the kubelet's own mount namespace (see start()), so
      // the kubelet neither changes the host's sysctls nor fails on them.
      protectKernelDefaults: false,
      allowedUnsafeSysctls: ['kernel.msg*', 'net.ipv4.route.min_pmtu'],
      podLogsDir: path.join(S, 'pod-logs'),
      volumePluginDir: path.join(S, 'kubelet', 'volume-plugins'),
      serializeImagePulls: false,
      rotateCertificates: false,
      serverTLSBootstrap: false,
      nodeStatusUpdateFrequency: multi ? '2s' : '5s',
      ...(multi ? { nodeLeaseDurationSeconds: NODE_FAILURE_TIMING.leaseSeconds } : {}),
      nodeStatusReportFrequency: '1m',
      syncFrequency: '10s',
      fileCheckFrequency: '20s',
      evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '2%', 'imagefs.available': '2%', 'nodefs.inodesFree': '2%' },
      imageGCHighThresholdPercent: 99,
      imageGCLowThresholdPercent: 98,
      maxPods: 110,
      failCgroupV1: false,
    }),
  );
  writeFile(
    paths.etc('kube-proxy.yaml'),
    yamlish({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      clientConnection: { kubeconfig: paths.kubeconfig('kube-proxy') },
      mode: 'iptables',
      hostnameOverride: node.name,
      bindAddress: node.ip,
      clusterCIDR: NET.clusterCidr,
      healthzBindAddress: '127.0.0.1:10256',
      metricsBindAddress: '127.0.0.1:10249',
      // Zero means "leave the kernel's value alone": no conntrack sysctl is written.
      conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
      iptables: { masqueradeAll: false, syncPeriod: '30s', minSyncPeriod: '0s' },
    }),
  );
  // The kernel values the kubelet insists on, shadowed in its mount namespace only.
  const wanted: Record<string, string> = {
    'vm/overcommit_memory': '1',
    'vm/panic_on_oom': '0',
    'kernel/panic': '10',
    'kernel/panic_on_oops': '1',
    'kernel/keys/root_maxkeys': '1000000',
    'kernel/keys/root_maxbytes': '25000000',
  };
  for (const [k, val] of Object.entries(wanted)) writeFile(path.join(S, 'etc', 'kubelet-sysctl', k.replace(/\//g, '.')), `${val}\n`);
}

/** The control plane's files (node 0's context): kube-scheduler and CoreDNS. */
function writeControlPlaneConfigs(ctx: ClusterContext): void {
  const { id, paths } = ctx;
  const NAME = id.name;
  writeFile(
    paths.etc('kube-scheduler.yaml'),
    yamlish({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: paths.kubeconfig('kube-scheduler') },
      leaderElection: { leaderElect: false },
    }),
  );
  writeFile(
    paths.etc('Corefile'),
    [
      '.:53 {',
      '    errors',
      '    health 127.0.0.1:8080',
      '    ready 127.0.0.1:8181',
      '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
      `        kubeconfig ${paths.kubeconfig('coredns')} ${NAME}`,
      '        pods insecure',
      '        fallthrough in-addr.arpa ip6.arpa',
      '        ttl 30',
      '    }',
      '    cache 30',
      '    loadbalance',
      '}',
      '',
    ].join('\n'),
  );
}

/** Component configs are written as JSON, which every Kubernetes config loader reads as YAML. */
function yamlish(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
