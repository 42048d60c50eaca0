/**
 * `podsmith cluster up|down|status|kubeconfig|load|node`: the local cluster
 * (src/cluster/local/). Results go to stdout, progress to stderr.
 *
 *   up          build what is missing, start the cluster, wait until ready; prints the kubeconfig path
 *   down        stop everything and remove every trace; exit 1 if something is left
 *   status      which components run, their PIDs and log files; exit 0 when running, 3 when not
 *   kubeconfig  prints the admin kubeconfig path (mode 0600); exit 1 when there is none
 */
import * as fs from 'node:fs';
import { LocalCluster, NodeTaint } from '../cluster/local';
import { parseNodeLabel, parseNodeTaint } from '../cluster/local/node-setup';
import { UsageError } from '../errors';
import { parseCommandArgs } from './args';

const HELP = `Usage: podsmith cluster <up|down|status|kubeconfig|load ARCHIVE…|node stop|start|partition NAME> [--json]

The local Kubernetes cluster (Linux, root): etcd, kube-apiserver,
kube-controller-manager, kube-scheduler, kubelet, kube-proxy, CoreDNS, containerd
and runc, all inside their own network namespaces; one node by default.

  up          build what is missing (cluster/prepare.sh), start, wait until ready;
              prints the kubeconfig path on stdout
    --nodes N             1-8 nodes (default: as many as the running cluster has, else 1);
                          node 0 is named like the cluster, the others <name>-n2, <name>-n3…;
                          with 2 or more nodes a lost node is noticed in 10 s and its Pods
                          are evicted 10 s later (upstream: 50 s and 300 s)
    --node-label NODE:KEY=VALUE              a label on a node (repeatable)
    --node-taint NODE:KEY[=VALUE]:EFFECT     a taint on a node (repeatable)
  node stop NAME       the node fails: its kubelet, kube-proxy, containerd and
                       containers are killed at once (as a machine losing power)
  node partition NAME  the node leaves the network; its processes keep running
  node start NAME      brings a stopped or partitioned node back; waits until Ready
  down        stop every process, unmount, remove the namespace, cgroups and state
  status      what runs (PIDs, log files); exit 0 running, 3 not running
  kubeconfig  print the admin kubeconfig path
  load ARCHIVE…  import image archives into every node: \`docker save\` tars, OCI
              archives or OCI layout directories (skopeo/buildah oci:DIR); use the
              image with a non-latest tag and imagePullPolicy IfNotPresent or Never

Environment: PODSMITH_STATE (default /var/lib/podsmith), PODSMITH_CACHE (default ~/.cache/podsmith),
PODSMITH_CLUSTER_NAME (default podsmith: another name is another cluster beside it, with its own
network namespace, addresses, cgroups and state)
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('cluster', argv, {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    nodes: { type: 'string' },
    'node-label': { type: 'string', multiple: true },
    'node-taint': { type: 'string', multiple: true },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0 || (positionals.length !== 1 && positionals[0] !== 'load' && positionals[0] !== 'node')) {
    throw new UsageError(`expected one of up, down, status, kubeconfig, load ARCHIVE…, node stop|start|partition NAME (see 'podsmith cluster --help')`);
  }
  if ((values.nodes !== undefined || values['node-label'] || values['node-taint']) && positionals[0] !== 'up') {
    throw new UsageError(`--nodes, --node-label and --node-taint go with 'cluster up'`);
  }
  let nodes: number | undefined;
  if (values.nodes !== undefined) {
    nodes = Number(values.nodes);
    if (!/^[1-8]$/.test(String(values.nodes))) throw new UsageError(`--nodes ${String(values.nodes)}: give a whole number from 1 to 8`);
  }
  const setup = { labels: {} as Record<string, Record<string, string>>, taints: {} as Record<string, NodeTaint[]> };
  try {
    for (const l of (values['node-label'] as string[] | undefined) ?? []) parseNodeLabel(l, setup);
    for (const t of (values['node-taint'] as string[] | undefined) ?? []) parseNodeTaint(t, setup);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const cluster = new LocalCluster({ nodes });
  switch (positionals[0]) {
    case 'up': {
      const a = cluster.available();
      if (!a.ok) {
        process.stderr.write(`podsmith cluster up: ${a.reason}\n`);
        return 2;
      }
      const t = await cluster.up({ nodeSetup: setup });
      if (values.json) process.stdout.write(`${JSON.stringify({ kubeconfig: cluster.kubeconfigPath, context: cluster.contextName, server: cluster.apiServerUrl, timings: t })}\n`);
      else process.stdout.write(`${cluster.kubeconfigPath}\n`);
      return 0;
    }
    case 'down': {
      const a = cluster.available();
      if (!a.ok) {
        process.stderr.write(`podsmith cluster down: ${a.reason}\n`);
        return 2;
      }
      const left = await cluster.down();
      if (left.length > 0) {
        process.stderr.write(`podsmith cluster down: could not remove everything: ${left.join('; ')}\n`);
        return 1;
      }
      if (values.json) process.stdout.write(`${JSON.stringify({ down: true })}\n`);
      else process.stdout.write('down\n');
      return 0;
    }
    case 'status': {
      const st = cluster.status();
      if (values.json) {
        process.stdout.write(`${JSON.stringify(st, null, 2)}\n`);
      } else {
        process.stdout.write(`cluster: ${st.running ? 'running' : st.present ? 'partly running or not cleaned up (run: podsmith cluster down)' : 'not running'}\n`);
        process.stdout.write(`api server: ${st.apiServer}\nkubeconfig: ${st.kubeconfig}\nnetns: ${st.netns}\nstate: ${st.stateDir}\n`);
        for (const c of st.components) {
          process.stdout.write(`  ${c.name.padEnd(24)} ${c.running ? `running  pid ${String(c.pid).padEnd(8)}` : 'stopped            '} log ${c.log}\n`);
        }
        process.stdout.write(`nodes:\n`);
        for (const n of st.nodes) {
          process.stdout.write(`  ${n.name.padEnd(24)} ${n.ip.padEnd(15)} pods ${n.podSubnet.padEnd(15)} ${n.running ? 'running' : 'stopped'}${n.linked ? '' : ', partitioned'}\n`);
        }
      }
      return st.running ? 0 : 3;
    }
    case 'load': {
      if (positionals.length < 2) throw new UsageError('cluster load: name one or more image archives (docker save, skopeo/buildah OCI archive or layout directory)');
      const names = await cluster.load(positionals.slice(1));
      if (values.json) process.stdout.write(`${JSON.stringify({ images: names })}\n`);
      else process.stdout.write(names.map((n) => `${n}\n`).join(''));
      return 0;
    }
    case 'node': {
      const [, verb, name, ...rest] = positionals;
      if (!['stop', 'start', 'partition'].includes(verb ?? '') || !name || rest.length) {
        throw new UsageError(`cluster node: expected 'node stop|start|partition NAME' (see 'podsmith cluster --help')`);
      }
      if (!cluster.status().running && verb !== 'start') {
        process.stderr.write(`podsmith cluster node ${verb}: cluster '${cluster.contextName}' is not fully running (see podsmith cluster status)\n`);
        return 1;
      }
      if (verb === 'stop') await cluster.nodeStop(name);
      else if (verb === 'partition') await cluster.nodePartition(name);
      else await cluster.nodeStart(name);
      if (values.json) process.stdout.write(`${JSON.stringify({ node: name, [verb]: true })}\n`);
      else process.stdout.write(`${name}: ${verb === 'start' ? 'Ready' : verb === 'stop' ? 'stopped' : 'partitioned'}\n`);
      return 0;
    }
    case 'kubeconfig': {
      if (!fs.existsSync(cluster.kubeconfigPath)) {
        process.stderr.write(`podsmith cluster kubeconfig: no local cluster (run: podsmith cluster up)\n`);
        return 1;
      }
      process.stdout.write(`${cluster.kubeconfigPath}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown cluster command '${positionals[0]}'; expected up, down, status, kubeconfig or load`);
  }
}
