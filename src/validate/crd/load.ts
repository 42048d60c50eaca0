/** `--crds PATH…`: the CustomResourceDefinitions in files and directories. */
import { UsageError } from '../../errors';
import { isObj } from '../context';
import { loadPathsEach } from '../load';

export async function loadCrds(paths: string[]): Promise<any[]> {
  const crds: any[] = [];
  for (const p of paths) {
    const before = crds.length;
    await loadPathsEach([p], (o) => {
      const items = isObj(o.object) && Array.isArray(o.object.items) && String(o.object.kind).endsWith('List') ? o.object.items : [o.object];
      for (const x of items) if (isObj(x) && x.kind === 'CustomResourceDefinition') crds.push(x);
    });
    if (crds.length === before) throw new UsageError(`--crds ${p}: no CustomResourceDefinition found there; give the files or directories that hold the CRDs`);
  }
  return crds;
}
