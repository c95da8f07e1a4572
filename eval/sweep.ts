import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { PRODUCT_BM25, type Bm25Params } from './bm25-lab.js';
import { labRanker, modeContext } from './modes.js';
import { OptionsError, parseOptions } from './options.js';
import { scoreRun, type RunScore } from './score.js';

// `node dist/eval/sweep.js [--data DIR]`: measures keyword-ranking changes (BM25 k1 and b, field
// weights, the query-term cap, RM3 feedback) on the eval-side BM25F, to say what the index should change.
// CSFCube is chosen on its dev fold; CACM and CISI have no dev split, so their best rows are optimistic.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pct = (v: number): string => (v * 100).toFixed(2);

function grid(): Bm25Params[] {
  const out: Bm25Params[] = [];
  for (const k1 of [0.9, 1.2, 1.6, 2.0]) for (const b of [0.4, 0.6, 0.75, 0.9]) for (const title of [1, 2, 3])
    for (const authors of [0, 1, 2]) for (const maxQueryTerms of [64, 10_000]) out.push({ k1, b, weights: { title, abstract: 1, authors }, maxQueryTerms });
  return out;
}

const label = (p: Bm25Params): string => `k1=${p.k1} b=${p.b} title=${p.weights.title} authors=${p.weights.authors} maxq=${p.maxQueryTerms}`;
const line = (s: RunScore): string => `MAP ${pct(s.test.map)} P@10 ${pct(s.test.p10)} NDCG ${pct(s.test.ndcg)}${s.dev ? ` | dev MAP ${pct(s.dev.map)} NDCG ${pct(s.dev.ndcg)}` : ''}`;

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), root);
  if (opts === 'help') return;
  for (const name of opts.collections) {
    const c = loadCollection(opts.dataDir, name);
    const imp = await importCollection(c);
    const ctx = modeContext(c, imp);
    try {
      const key = (s: RunScore): number => (s.dev ?? s.test).map;
      const base = await scoreRun(c, labRanker(ctx, PRODUCT_BM25));
      const rows: Array<[string, RunScore]> = [];
      for (const p of grid()) rows.push([label(p), await scoreRun(c, labRanker(ctx, p))]);
      for (const docs of [5, 10, 20]) for (const terms of [10, 20, 50]) for (const lambda of [0.3, 0.5, 0.7])
        rows.push([`product + rm3 docs=${docs} terms=${terms} lambda=${lambda}`, await scoreRun(c, labRanker(ctx, PRODUCT_BM25, { docs, terms, lambda }))]);
      rows.sort((a, b) => key(b[1]) - key(a[1]));
      console.log(`\n${name}: product ${label(PRODUCT_BM25)}: ${line(base)}`);
      for (const [l, s] of rows.slice(0, 8)) console.log(`  ${l}: ${line(s)}`);
      const rm3 = rows.find(([l]) => l.startsWith('product + rm3 docs=10 terms=10 lambda=0.5'));
      if (rm3) console.log(`  (default RM3 10/10/0.5: ${line(rm3[1])})`);
    } finally {
      await imp.drop();
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`sweep: ${err instanceof OptionsError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
