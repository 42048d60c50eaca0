/**
 * Empty, zero and misspelt values against the API server (test/realworld/values.ts): one real
 * object per (definition, field) pair of the corpora with its value replaced (lists and objects
 * emptied too; the wider strings and integers too), judged by the API server and by podsmith: no
 * false reject and no false accept.
 */
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';
import { Corpus, moduleCorpora, realWorldCorpus, upstreamCorpora } from '../realworld/corpora';
import { ServerJudge } from '../realworld/server';
import { valueSweep } from '../realworld/values';

e2eDescribe('values: empty, zero and misspelt as the API server reads them', () => {
  let api: ApiServer;
  let judge: ServerJudge;
  beforeAll(async () => {
    api = await apiServer();
    judge = new ServerJudge(api, `podsmith-values-e2e-${process.pid}`);
    await judge.discover();
  }, 30 * 60_000);
  afterAll(async () => {
    await judge?.cleanup();
    api?.close();
  });

  test('no false reject and no false accept', async () => {
    const corpora = [realWorldCorpus(), ...upstreamCorpora(), ...moduleCorpora()].filter((c): c is Corpus => c !== undefined);
    const r = await valueSweep(judge, corpora, '1.34', { collections: true, wide: true });
    process.stdout.write(`value-sweep: ${r.pairs} pairs, ${r.judged} judged, ${r.disagreements.length} disagreements\n`);
    // the sweep judged something: the corpora hold hundreds of (definition, field) pairs
    expect(r.judged).toBeGreaterThan(300);
    expect(r.disagreements.filter((d) => d.server === 'accepted').map((d) => d.text)).toEqual([]);
    expect(r.disagreements.filter((d) => d.server === 'rejected').map((d) => d.text)).toEqual([]);
  }, 20 * 60_000);
});
