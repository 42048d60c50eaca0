/**
 * A cluster's identity (issue 13): the default name keeps every machine-wide name and address
 * the local cluster always had, and another name takes none of them, so a second cluster can
 * run beside the shared one. The bring-up's component command lines and config files are pinned
 * by a snapshot (made when the cluster code was split into modules, and checked then to be
 * byte-identical to what the single-file version wrote).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clusterIdentity, LocalCluster } from '../../src/cluster/local';
import { componentArgv } from '../../src/cluster/local/commands';
import { COMPONENTS } from '../../src/cluster/local/components';
import { writeConfigs } from '../../src/cluster/local/configs';
import { ClusterPaths } from '../../src/cluster/local/paths';
import { nodeContext } from '../../src/cluster/local/context';
import { writeNodeConfigs } from '../../src/cluster/local/configs';
import { parseNodeLabel, parseNodeTaint } from '../../src/cluster/local/node-setup';

function ctxFor(name: string | undefined, stateRoot: string, nodes?: number) {
  const id = clusterIdentity({ name, stateRoot, nodes });
  return { id, node: id.nodes[0], paths: ClusterPaths.of(id, '/CACHE'), log: () => undefined };
}

function files(dir: string, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, files(p, root));
    else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8').split(root).join('<STATE>');
  }
  return out;
}

describe('cluster identity', () => {
  test('the default cluster keeps the names and addresses it always had', () => {
    const id = clusterIdentity({ stateRoot: '/var/lib/podsmith' });
    expect(id).toEqual({
      name: 'podsmith',
      netns: 'podsmith',
      cgroup: 'podsmith',
      stateDir: '/var/lib/podsmith/local',
      net: {
        hostIf: 'psm-host', nodeIf: 'psm-node', hostIp: '10.254.254.1', nodeIp: '10.254.254.2', prefix: 30, bridge: 'psm0',
        podSubnet: '10.244.0.0/24', clusterCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12', apiServiceIp: '10.96.0.1', dnsIp: '10.96.0.10', apiPort: 6443,
      },
      nodes: [{ name: 'podsmith', index: 0, ip: '10.254.254.2', podSubnet: '10.244.0.0/24', netns: 'podsmith', cgroup: 'podsmith', stateSubdir: '' }],
    });
    const c = new LocalCluster({ stateRoot: '/var/lib/podsmith', name: 'podsmith' });
    expect([c.apiServerUrl, c.kubeconfigPath, c.contextName, c.netns]).toEqual(['https://10.254.254.2:6443', '/var/lib/podsmith/local/kubeconfigs/admin.kubeconfig', 'podsmith', 'podsmith']);
  });

  test.each(['dev', 'i13', 'a-b-c', 'x123456789'])('cluster %s takes no machine-wide name or address of the default one', (name) => {
    const d = clusterIdentity({ stateRoot: '/S' });
    const o = clusterIdentity({ name, stateRoot: '/S' });
    expect(o.netns).not.toBe(d.netns);
    expect(o.cgroup).not.toBe(d.cgroup);
    expect(o.stateDir).not.toBe(d.stateDir);
    expect(o.stateDir.startsWith(`${d.stateDir}/`)).toBe(false);
    expect(o.net.hostIf).not.toBe(d.net.hostIf);
    expect(o.net.hostIf.length).toBeLessThanOrEqual(15); // IFNAMSIZ - 1
    expect([o.net.hostIp, o.net.nodeIp]).not.toContain(d.net.hostIp);
    expect([o.net.hostIp, o.net.nodeIp]).not.toContain(d.net.nodeIp);
    // both ends in the same /30, inside 10.254.254.0/24
    const last = (ip: string) => Number(ip.split('.')[3]);
    expect(Math.floor(last(o.net.hostIp) / 4)).toBe(Math.floor(last(o.net.nodeIp) / 4));
    expect(last(o.net.nodeIp)).toBeLessThan(255);
    // the default's cleanup removes CNI results named `podsmith-*`: another cluster's are not
    expect(`${o.name}-x`.startsWith(`${d.name}-`)).toBe(false);
  });

  test.each(['podsmith-2', 'Dev', '1dev', 'elevenchars', ''])('cluster name %j is refused with the rule', (name) => {
    expect(() => clusterIdentity({ name, stateRoot: '/S' })).toThrow(/cluster name '.*': use 1-10 of a-z/);
  });

  test("another cluster's command lines and configs mention nothing of the default cluster", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-id-'));
    try {
      const ctx = ctxFor('dev', root);
      writeConfigs(ctx);
      const text = [...COMPONENTS.map((c) => componentArgv(ctx, c).join(' ')), ...Object.values(files(ctx.paths.stateDir, ctx.paths.stateDir))].join('\n');
      expect(text).toContain(`--net=/run/netns/${ctx.id.netns}`);
      expect(text).toContain(`"cgroupRoot": "/${ctx.id.cgroup}"`);
      expect(text).not.toContain('/run/netns/podsmith ');
      expect(text).not.toContain('"/podsmith"');
      expect(text).not.toContain(`${root}/local/`);
      expect(text).not.toMatch(/10\.254\.254\.[12]\b/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('the default bring-up: every command line and config file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-id-'));
    try {
      const ctx = ctxFor(undefined, root);
      writeConfigs(ctx);
      const argv = Object.fromEntries(COMPONENTS.map((c) => [c, componentArgv(ctx, c).map((a) => a.split(root).join('<ROOT>').replace(/^\/\S+\/containerd$/, '<containerd>'))]));
      expect({ argv, files: files(ctx.paths.stateDir, ctx.paths.stateDir) }).toMatchSnapshot();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  describe('several nodes', () => {
    test('every node has its own name, namespace, address, Pod subnet, cgroup and state; none collides across two clusters', () => {
      const a = clusterIdentity({ stateRoot: '/S', nodes: 3 });
      const b = clusterIdentity({ name: 'dev', stateRoot: '/S', nodes: 3 });
      expect(a.nodes.map((n) => n.name)).toEqual(['podsmith', 'podsmith-n2', 'podsmith-n3']);
      expect(a.nodes[0]).toEqual(clusterIdentity({ stateRoot: '/S' }).nodes[0]);
      for (const key of ['name', 'ip', 'podSubnet', 'netns', 'cgroup', 'stateSubdir'] as const) {
        expect(new Set(a.nodes.map((n) => n[key])).size).toBe(3);
      }
      // Pod subnets inside the cluster CIDR, node links inside 10.253.<slot>.0/24, interface names short enough
      expect(a.nodes.every((n) => n.podSubnet.startsWith('10.244.'))).toBe(true);
      for (const n of [...a.nodes, ...b.nodes].filter((x) => x.link)) {
        expect(n.link!.peerIf.length).toBeLessThanOrEqual(15);
        expect(n.ip.split('.').slice(0, 3)).toEqual(n.link!.peerIp.split('.').slice(0, 3));
      }
      const machineWide = (id: typeof a) => id.nodes.flatMap((n) => [n.netns, n.cgroup, ...(n.link ? [n.ip, n.link.peerIp] : [])]);
      expect(machineWide(a).filter((x) => machineWide(b).includes(x))).toEqual([]);
    });

    test.each([0, 9, 1.5])('--nodes %p is refused with the range', (n) => {
      expect(() => clusterIdentity({ stateRoot: '/S', nodes: n })).toThrow(/a local cluster has 1 to 8 nodes/);
    });

    test("a worker node's command lines and configs are its own: its namespace, address, subnet, cgroup and state, the short failure timing", () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-id-'));
      try {
        const ctx = ctxFor(undefined, root, 3);
        const n3 = nodeContext(ctx, ctx.id.nodes[2]);
        writeNodeConfigs(n3);
        const text = [...(['containerd', 'kubelet', 'kube-proxy'] as const).map((c) => componentArgv(n3, c).join(' ')), ...Object.values(files(n3.paths.stateDir, n3.paths.stateDir))].join('\n');
        expect(text).toContain('--net=/run/netns/podsmith-n3 ');
        expect(text).toContain('"cgroupRoot": "/podsmith-n3"');
        expect(text).toContain('--hostname-override=podsmith-n3');
        expect(text).toContain(`--node-ip=${ctx.id.nodes[2].ip}`);
        expect(text).toContain('"subnet": "10.244.2.0/24"');
        expect(text).toContain('"nodeLeaseDurationSeconds": 6');
        expect(text).toContain(`--config ${root}/local/nodes/podsmith-n3/etc/containerd.toml`);
        expect(text).not.toContain('--net=/run/netns/podsmith ');
        expect(text).not.toContain('"/podsmith"');
        expect(text).not.toContain('10.244.0.0/24');
        // the control plane of a cluster of several nodes notices a lost node in seconds
        expect(componentArgv(ctx, 'kube-controller-manager')).toContain('--node-monitor-grace-period=10s');
        expect(componentArgv(ctx, 'kube-apiserver')).toContain('--default-unreachable-toleration-seconds=10');
        expect(componentArgv(ctxFor(undefined, root), 'kube-controller-manager').join(' ')).not.toContain('grace-period');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    test('node labels and taints are read from NODE:KEY=VALUE and NODE:KEY[=VALUE]:EFFECT, with one-line errors', () => {
      const setup = { labels: {} as Record<string, Record<string, string>>, taints: {} as Record<string, any[]> };
      parseNodeLabel('podsmith-n2:disktype=ssd', setup);
      parseNodeTaint('podsmith-n3:dedicated=gpu:NoSchedule', setup);
      parseNodeTaint('podsmith-n3:spot:PreferNoSchedule', setup);
      expect(setup).toEqual({
        labels: { 'podsmith-n2': { disktype: 'ssd' } },
        taints: { 'podsmith-n3': [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'spot', effect: 'PreferNoSchedule' }] },
      });
      expect(() => parseNodeLabel('disktype=ssd', setup)).toThrow('--node-label disktype=ssd: expected NODE:KEY=VALUE, e.g. podsmith-n2:disktype=ssd');
      expect(() => parseNodeTaint('n:k=v:NoWay', setup)).toThrow(/^--node-taint n:k=v:NoWay: expected NODE:KEY\[=VALUE\]:EFFECT with EFFECT NoSchedule/);
    });
  });
});
