/**
 * The fast layers against `validate --exact` on the real-world corpus: every object of
 * $PODSMITH_CORPUS (default ../shared/corpus/realworld beside the repository) is judged by a
 * throwaway kube-apiserver of the release (server-side dry-run, CRDs of the corpus installed) and
 * by podsmith's fast layers (with the corpus's CRDs as --crds); the script prints the agreement
 * and lists every disagreement. Needs the build cache's kube-apiserver (cluster/build.sh).
 *
 *   npm run exact:corpus -- [X.Y]          # default: the newest release with a cached build
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseText, validateObjects } from '../src/validate';
import { validateExact } from '../src/validate/exact';
import { cachedReleases } from '../src/validate/exact/server';
import { InputObject } from '../src/validate/types';

const ROOT = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', 'shared', 'corpus', 'realworld');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const keyOf = (file: string | undefined, o: any) => `${path.relative(ROOT, file ?? '')}#${o?.kind}/${o?.metadata?.name ?? o?.metadata?.generateName ?? ''}`;

async function main(): Promise<void> {
  const version = process.argv[2] ?? cachedReleases().pop();
  if (!version) throw new Error('no kube-apiserver in the build cache: run cluster/build.sh kubernetes etcd');
  const parsed: Array<[string, InputObject[]]> = [];
  let unreadable = 0;
  for (const f of files(ROOT)) {
    try {
      const inputs = parseText(fs.readFileSync(f, 'utf8'), f).filter((i) => i.object !== null && typeof i.object === 'object' && !Array.isArray(i.object)
        && !(String(i.object.kind).endsWith('List') && Array.isArray(i.object.items)));
      parsed.push([f, inputs]);
    } catch {
      unreadable++;
    }
  }
  const crds = parsed.flatMap(([, inputs]) => inputs.map((i) => i.object).filter((o) => o.kind === 'CustomResourceDefinition'));
  const fast = new Map<string, string[]>();
  for (const [, inputs] of parsed) {
    for (const f of validateObjects(inputs, { k8sVersion: version, crds }).findings) {
      if (f.severity !== 'error') continue;
      const k = keyOf(f.file, { kind: f.object.kind, metadata: { name: f.object.name } });
      fast.set(k, [...(fast.get(k) ?? []), `${f.rule} ${f.path}`]);
    }
  }
  const all = parsed.flatMap(([, inputs]) => inputs);
  const started = Date.now();
  const exact = await validateExact(all, { k8sVersion: version, log: (m) => process.stderr.write(`${m}\n`) });
  const exactMs = Date.now() - started;
  const server = new Map<string, string[]>();
  for (const f of exact.findings) {
    const k = keyOf(f.file, { kind: f.object.kind, metadata: { name: f.object.name } });
    server.set(k, [...(server.get(k) ?? []), `${f.path}: ${f.message.slice(0, 120)}`]);
  }
  const keys = [...new Set(all.map((i) => keyOf(i.file, i.object)))];
  const rejects: string[] = [];
  const accepts: string[] = [];
  for (const k of keys) {
    if (fast.has(k) && !server.has(k)) rejects.push(`false reject ${k}: ${JSON.stringify(fast.get(k))}`);
    if (!fast.has(k) && server.has(k)) accepts.push(`false accept ${k}: ${JSON.stringify(server.get(k))}`);
  }
  process.stdout.write([...rejects, ...accepts, ''].join('\n'));
  process.stdout.write(`Kubernetes ${version}: ${parsed.length} files (${unreadable} unreadable), ${all.length} objects (${keys.length} distinct file#kind/name), `
    + `${keys.length - rejects.length - accepts.length} agree, ${rejects.length} false rejects, ${accepts.length} false accepts; --exact took ${(exactMs / 1000).toFixed(1)} s\n`);
}

main().catch((e) => {
  process.stderr.write(`exact-corpus: ${(e as Error).message}\n`);
  process.exit(2);
});
