/**
 * End-to-end (issue 13): one build at a time per cache (cluster/build-lock.sh).
 *
 * - Two image builds started at once into an empty cache: one builds, the other waits, relays
 *   the first one's progress, and then finds both images cached (built once).
 * - cluster/build.sh started while an image build holds the lock waits for it, then finds every
 *   binary cached (the binaries come from the warm cache, so nothing is compiled).
 * - Two warm cluster/build.sh at once both find everything cached; nothing is rebuilt.
 *
 * Needs the warm binary cache that cluster/prepare.sh makes (`npm run test:e2e` runs it first);
 * works in temporary caches next to it and never writes into it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2eDescribe } from '../support/cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith');

interface Ran { code: number | null; stderr: string; start: number; end: number }

function bash(script: string, args: string[], cache: string): Promise<Ran> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn('bash', [path.join(ROOT, 'cluster', script), ...args], { env: { ...process.env, PODSMITH_CACHE: cache }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stderr, start, end: Date.now() }));
  });
}

const mtimes = (dir: string) => fs.readdirSync(dir).map((f) => `${f}@${fs.statSync(path.join(dir, f)).mtimeMs}`).sort();

e2eDescribe('build lock', () => {
  const temps: string[] = [];
  const temp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-buildlock-'));
    temps.push(d);
    return d;
  };
  afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('two image builds at once into an empty cache: one builds, the other waits with its progress and finds them cached', async () => {
    const cache = temp();
    const [a, b] = await Promise.all([bash('images/build-images.sh', [], cache), bash('images/build-images.sh', [], cache)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const [builder, waiter] = /another build holds/.test(a.stderr) ? [b, a] : [a, b];
    expect(builder.stderr).not.toMatch(/another build holds/);
    expect(builder.stderr).toMatch(/images: localhost\/podsmith\/pause:\S+ -> /);
    expect(waiter.stderr).toMatch(/images: another build holds \S+\.build\.lock \(pid \d+, images, since [\d:]+Z\); waiting, its progress follows/);
    expect(waiter.stderr).toMatch(/the other build is done; using what it cached\nimages: pause \S+: cached\nimages: busybox \S+: cached\n$/);
    expect(waiter.stderr).not.toMatch(/^images: (localhost|docker)\S* -> /m);
    expect(fs.readdirSync(path.join(cache, 'images')).sort()).toEqual([expect.stringMatching(/^busybox-.*\.tar$/), expect.stringMatching(/^pause-.*\.tar$/)]);
  }, 120_000);

  test('cluster/build.sh waits while an image build holds the lock, then finds every binary cached', async () => {
    const warm = await bash('build.sh', ['--check'], CACHE);
    if (warm.code !== 0) throw new Error(`the binary cache ${CACHE} is not warm (run: bash cluster/prepare.sh): ${warm.stderr.trim()}`);
    const cache = temp();
    for (const d of ['kubernetes', 'etcd', 'coredns']) fs.symlinkSync(path.join(CACHE, d), path.join(cache, d));
    const images = bash('images/build-images.sh', [], cache);
    // the image build takes the lock first; build.sh starts once it holds it
    while (!fs.existsSync(path.join(cache, '.build.owner'))) await new Promise((r) => setTimeout(r, 20));
    const [img, build] = await Promise.all([images, bash('build.sh', [], cache)]);
    expect([img.code, build.code]).toEqual([0, 0]);
    expect(build.stderr).toMatch(/^build: another build holds \S+ \(pid \d+, images, since [\d:]+Z\); waiting, its progress follows/);
    expect(build.stderr).toMatch(/build: \[other build\] images: /);
    expect(build.end).toBeGreaterThanOrEqual(img.end - 50);
    expect(build.stderr).toMatch(/build: kubernetes \S+: cached\nbuild: etcd \S+: cached\nbuild: coredns \S+: cached\n$/);
    expect(build.stderr).not.toMatch(/compiling/);
  }, 120_000);

  test('two warm cluster/build.sh at once both find everything cached; nothing is rebuilt', async () => {
    const v = fs.readFileSync(path.join(ROOT, 'cluster', 'versions.env'), 'utf8');
    const kube = path.join(CACHE, 'kubernetes', /KUBERNETES_VERSION=(\S+)/.exec(v)![1]);
    const before = mtimes(kube);
    const cache = temp();
    for (const d of ['kubernetes', 'etcd', 'coredns']) fs.symlinkSync(path.join(CACHE, d), path.join(cache, d));
    const runs = await Promise.all([bash('build.sh', [], cache), bash('build.sh', [], cache)]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/build: kubernetes \S+: cached\nbuild: etcd \S+: cached\nbuild: coredns \S+: cached\n$/);
    }
    expect(mtimes(kube)).toEqual(before);
  }, 120_000);
});
