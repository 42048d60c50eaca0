/**
 * The cluster's certificates: a CA made per cluster (EC P-256, openssl), one certificate per
 * component, the service-account key pair, and the kubeconfigs made from them. Idempotent:
 * what exists is kept.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterContext } from './context';
import { kubeconfigText } from './kubeconfig';
import { run, writeFile } from './sys';

export async function ensurePki(ctx: ClusterContext): Promise<void> {
  const { id, paths } = ctx;
  const NAME = id.name;
  const NET = id.net;
  const node = id.nodes[0];
  const pki = (f: string) => paths.pki(f);
  if (!fs.existsSync(pki('ca.crt'))) {
    const cnf = pki('ca.cnf');
    writeFile(cnf, opensslConfig('podsmith-ca', undefined, ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature', 'subjectKeyIdentifier = hash']), 0o600);
    await run('openssl', ['req', '-x509', '-new', '-nodes', '-config', cnf, '-extensions', 'ext', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', pki('ca.key'), '-out', pki('ca.crt'), '-days', '3650']);
  }
  if (!fs.existsSync(pki('sa.key'))) {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFile(pki('sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o600);
    writeFile(pki('sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
  }
  const serverSans = [`IP:${NET.nodeIp}`, `IP:${NET.apiServiceIp}`, 'IP:127.0.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local', `DNS:${NAME}`];
  const certs: Array<[string, string, string | undefined, string[] | undefined]> = [
    // file, CN, O, SANs
    ['kube-apiserver', 'kube-apiserver', undefined, serverSans],
    ['apiserver-kubelet-client', 'kube-apiserver-kubelet-client', undefined, undefined],
    ['apiserver-etcd-client', 'kube-apiserver-etcd-client', undefined, undefined],
    ['etcd', 'etcd', undefined, ['IP:127.0.0.1', 'DNS:localhost', `IP:${NET.nodeIp}`]],
    ['admin', 'podsmith-admin', 'system:masters', undefined],
    ['kube-controller-manager', 'system:kube-controller-manager', undefined, ['IP:127.0.0.1', 'DNS:localhost']],
    ['kube-scheduler', 'system:kube-scheduler', undefined, ['IP:127.0.0.1', 'DNS:localhost']],
    ['kubelet', `system:node:${node.name}`, 'system:nodes', [`IP:${node.ip}`, `DNS:${node.name}`, 'IP:127.0.0.1']],
    ['kube-proxy', 'system:kube-proxy', undefined, undefined],
    ['coredns', 'podsmith:coredns', undefined, undefined],
  ];
  await Promise.all(certs.map(([file, cn, o, sans]) => issueCert(pki, pki('ca.crt'), pki('ca.key'), file, cn, o, sans)));
  for (const f of fs.readdirSync(path.join(paths.stateDir, 'pki'))) {
    if (f.endsWith('.key')) fs.chmodSync(pki(f), 0o600);
  }
  // kubeconfigs: admin (context named like the cluster), one per component
  for (const user of ['admin', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'coredns']) {
    writeFile(paths.kubeconfig(user), kubeconfigText(ctx, user), 0o600);
  }
}

/**
 * The files of a node other than node 0 (in its context): the cluster's CA certificate, a
 * kubelet certificate for `system:node:<name>` signed by the cluster's CA, kube-proxy's
 * certificate, and the two kubeconfigs. Idempotent.
 */
export async function ensureNodePki(cluster: ClusterContext, nodeCtx: ClusterContext): Promise<void> {
  const node = nodeCtx.node;
  const src = (f: string) => cluster.paths.pki(f);
  const dst = (f: string) => nodeCtx.paths.pki(f);
  fs.mkdirSync(path.dirname(dst('ca.crt')), { recursive: true, mode: 0o700 });
  for (const f of ['ca.crt', 'kube-proxy.crt', 'kube-proxy.key']) {
    if (!fs.existsSync(dst(f))) fs.copyFileSync(src(f), dst(f));
  }
  await issueCert(dst, src('ca.crt'), src('ca.key'), 'kubelet', `system:node:${node.name}`, 'system:nodes', [`IP:${node.ip}`, `DNS:${node.name}`, 'IP:127.0.0.1']);
  for (const f of fs.readdirSync(path.dirname(dst('ca.crt')))) if (f.endsWith('.key')) fs.chmodSync(dst(f), 0o600);
  for (const user of ['kubelet', 'kube-proxy']) writeFile(nodeCtx.paths.kubeconfig(user), kubeconfigText(nodeCtx, user), 0o600);
}

/** Issues `<file>.crt`/`.key` in the directory of `pki` signed by the CA, unless it exists (written to a temp name, then renamed). */
async function issueCert(pki: (f: string) => string, caCrt: string, caKey: string, file: string, cn: string, o: string | undefined, sans: string[] | undefined): Promise<void> {
  if (fs.existsSync(pki(`${file}.crt`))) return;
  const cnf = pki(`${file}.cnf`);
  const ext = ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', `extendedKeyUsage = ${sans ? 'serverAuth,clientAuth' : 'clientAuth'}`, 'authorityKeyIdentifier = keyid'];
  if (sans) ext.push(`subjectAltName = ${sans.join(',')}`);
  writeFile(cnf, opensslConfig(cn, o, ext), 0o600);
  await run('openssl', ['req', '-x509', '-new', '-nodes', '-config', cnf, '-extensions', 'ext', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', pki(`${file}.key`), '-out', pki(`${file}.crt.tmp`), '-days', '825', '-CA', caCrt, '-CAkey', caKey]);
  fs.renameSync(pki(`${file}.crt.tmp`), pki(`${file}.crt`));
}

function opensslConfig(cn: string, o: string | undefined, ext: string[]): string {
  return ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', ...(o ? [`O = ${o}`] : []), `CN = ${cn}`, '[ext]', ...ext, ''].join('\n');
}
