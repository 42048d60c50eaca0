/**
 * Fields the API server's create strategy drops before it validates, so that neither the schema
 * nor the semantic checks see them: a PersistentVolumeClaim's dataSource that names neither a
 * PersistentVolumeClaim (core group) nor a VolumeSnapshot (snapshot.storage.k8s.io) while
 * dataSourceRef is not set (pkg/api/persistentvolumeclaim EnforceDataSourceBackwardsCompatibility:
 * `dataSource: {}` is accepted as no data source).
 */
import { isObj } from './context';

function pvcOrSnapshot(ds: any): boolean {
  if (!isObj(ds)) return false;
  const group = typeof ds.apiGroup === 'string' ? ds.apiGroup : '';
  return (ds.kind === 'PersistentVolumeClaim' && group === '') || (ds.kind === 'VolumeSnapshot' && group === 'snapshot.storage.k8s.io');
}

/** The object as the API server validates it on create: the same object when nothing is dropped, else a copy. */
export function withoutServerDrops(obj: any): any {
  if (obj.kind !== 'PersistentVolumeClaim' || obj.apiVersion !== 'v1' || !isObj(obj.spec)) return obj;
  const spec = obj.spec;
  if (spec.dataSource == null || spec.dataSourceRef != null || pvcOrSnapshot(spec.dataSource)) return obj;
  const { dataSource: _dropped, ...rest } = spec;
  return { ...obj, spec: rest };
}
