/** Kubeconfig files (admin and one per component), written from the cluster's certificates. */
import * as fs from 'node:fs';
import { apiServerUrl, ClusterContext } from './context';

/** The kubeconfig for the client certificate `cert` (pki/<cert>.crt), context named like the cluster. */
export function kubeconfigText(ctx: ClusterContext, cert: string): string {
  const NAME = ctx.id.name;
  const b64 = (f: string) => fs.readFileSync(ctx.paths.pki(f)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${NAME}`,
    '  cluster:',
    `    server: ${apiServerUrl(ctx.id)}`,
    `    certificate-authority-data: ${b64('ca.crt')}`,
    'users:',
    `- name: ${NAME}-${cert}`,
    '  user:',
    `    client-certificate-data: ${b64(`${cert}.crt`)}`,
    `    client-key-data: ${b64(`${cert}.key`)}`,
    'contexts:',
    `- name: ${NAME}`,
    '  context:',
    `    cluster: ${NAME}`,
    `    user: ${NAME}-${cert}`,
    `current-context: ${NAME}`,
    '',
  ].join('\n');
}
