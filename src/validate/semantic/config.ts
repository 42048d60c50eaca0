/**
 * API-server semantics of ConfigMaps and Secrets (pkg/apis/core/validation): keys, the 1 MiB
 * size limit, and the keys each Secret type requires.
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';
import { configKey } from '../names';
import { key as keyPath } from '../path';
import { RuleMeta } from '../types';
import { goBytes } from './go-bytes';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const configRules: RuleMeta[] = [
  S('config.key-invalid', 'ConfigMap and Secret keys must be valid file names, each once',
    'Keys become file names in volumes and env var sources: alphanumerics, -, _ and ., not . or .., at most 253 characters; a ConfigMap key may not be in both data and binaryData.',
    'rename the key with only letters, digits, -, _ and .'),
  S('config.too-large', 'a ConfigMap or Secret holds at most 1 MiB of data',
    'Objects are stored in etcd; the API server refuses ConfigMaps and Secrets whose data exceeds 1 MiB (1048576 bytes).',
    'split the data, or mount it from a volume or an image instead'),
  S('secret.type-keys', 'a typed Secret carries the keys its type requires',
    'kubernetes.io/tls needs tls.crt and tls.key, kubernetes.io/dockerconfigjson a JSON .dockerconfigjson, kubernetes.io/ssh-auth ssh-privatekey, basic-auth a username or password, service-account-token the kubernetes.io/service-account.name annotation.',
    'add the keys the Secret type requires, or use type Opaque'),
];

const MAX = 1024 * 1024;

/** A []byte value's length as decoded (a base64 string's length without decoding it; a list of byte values). */
function byteLength(v: unknown): number {
  if (typeof v === 'string') {
    const pad = v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0;
    return Math.floor((v.length * 3) / 4) - pad;
  }
  return Array.isArray(v) ? v.length : 0;
}

function checkKeys(ctx: Ctx, map: unknown, at: string): string[] {
  if (!isObj(map)) return [];
  for (const k of Object.keys(map)) for (const m of configKey(k)) ctx.report('config.key-invalid', keyPath(at, k), field.invalid(k, m));
  return Object.keys(map);
}

function checkConfigMap(ctx: Ctx): void {
  const o = ctx.obj;
  const data = checkKeys(ctx, o.data, 'data');
  const binary = checkKeys(ctx, o.binaryData, 'binaryData');
  for (const k of binary) if (data.includes(k)) ctx.report('config.key-invalid', keyPath('data', k), field.invalid(k, 'duplicate of key present in binaryData'));
  let size = 0;
  for (const v of Object.values(isObj(o.data) ? o.data : {})) if (typeof v === 'string') size += Buffer.byteLength(v);
  for (const v of Object.values(isObj(o.binaryData) ? o.binaryData : {})) size += byteLength(v);
  if (size > MAX) ctx.report('config.too-large', 'data', field.tooLong(MAX));
}

function checkSecret(ctx: Ctx): void {
  const o = ctx.obj;
  const data = checkKeys(ctx, o.data, 'data');
  const stringKeys = checkKeys(ctx, o.stringData, 'stringData');
  // stringData is merged over data before validation
  const keys = new Set([...data, ...stringKeys]);
  let size = 0;
  for (const [k, v] of Object.entries(isObj(o.data) ? o.data : {})) if (!stringKeys.includes(k)) size += byteLength(v);
  for (const v of Object.values(isObj(o.stringData) ? o.stringData : {})) if (typeof v === 'string') size += Buffer.byteLength(v);
  if (size > MAX) ctx.report('config.too-large', 'data', field.tooLong(MAX));
  const value = (k: string): string | undefined => {
    if (isObj(o.stringData) && typeof o.stringData[k] === 'string') return o.stringData[k];
    if (isObj(o.data)) return goBytes(o.data[k])?.toString('utf8');
    return undefined;
  };
  const r = (p: string, m: string) => ctx.report('secret.type-keys', p, m);
  const need = (k: string) => { if (!keys.has(k)) r(keyPath('data', k), field.required()); };
  const json = (k: string) => {
    if (!keys.has(k)) { need(k); return; }
    const v = value(k);
    if (v === undefined) return;
    try { JSON.parse(v); } catch (e) { r(keyPath('data', k), field.invalid('<secret contents redacted>', (e as Error).message)); }
  };
  switch (o.type) {
    case 'kubernetes.io/service-account-token':
      if (typeof o.metadata?.annotations?.['kubernetes.io/service-account.name'] !== 'string' || o.metadata.annotations['kubernetes.io/service-account.name'] === '') {
        r('metadata.annotations[kubernetes.io/service-account.name]', field.required());
      }
      break;
    case 'kubernetes.io/dockercfg': json('.dockercfg'); break;
    case 'kubernetes.io/dockerconfigjson': json('.dockerconfigjson'); break;
    case 'kubernetes.io/basic-auth':
      if (!keys.has('username') && !keys.has('password')) r(keyPath('data', 'username'), field.required('must contain at least one of username or password'));
      break;
    case 'kubernetes.io/ssh-auth': need('ssh-privatekey'); break;
    case 'kubernetes.io/tls': need('tls.crt'); need('tls.key'); break;
  }
}

export function checkConfig(ctx: Ctx): void {
  if (ctx.kind === 'ConfigMap') checkConfigMap(ctx);
  else if (ctx.kind === 'Secret') checkSecret(ctx);
}
