/** `validate --exact` from the command line: reads the inputs, picks the release, runs validateExact. */
import { UsageError } from '../../errors';
import { resolveVersion } from '../engine';
import { loadPathsEach } from '../load';
import { InputObject, Report } from '../types';
import { validateExact } from './index';
import { cachedReleases } from './server';

export async function runExact(paths: string[], k8sVersion: string | undefined, kubeconfig: string | undefined): Promise<Report> {
  let version: string;
  if (k8sVersion !== undefined || kubeconfig !== undefined) version = resolveVersion(k8sVersion);
  else {
    const built = cachedReleases();
    if (built.length === 0) throw new UsageError('--exact found no kube-apiserver in podsmith\'s build cache (build it with cluster/build.sh apiserver newest etcd), or give --kubeconfig');
    version = resolveVersion(built[built.length - 1]);
  }
  const inputs: InputObject[] = [];
  await loadPathsEach(paths, (o) => inputs.push(o));
  return validateExact(inputs, { k8sVersion: version, kubeconfig, log: (m) => process.stderr.write(`${m}\n`) });
}
