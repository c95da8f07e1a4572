import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { modeContext } from './modes.js';
import { OptionsError, parseOptions } from './options.js';
import { scoreRun } from './score.js';
import { lsaSpace, similarRanker } from './similar-modes.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS } from '../src/search/similarity/similar-papers.js';

// `node dist/eval/year-sweep.js [--data DIR]`: similar papers on CSFCube with several costs per year
// between the two papers, to show how SIMILAR_PAPERS_WEIGHTS.perYearApart was chosen (on the dev fold).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pct = (v: number): string => (v * 100).toFixed(2);

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), root);
  if (opts === 'help') return;
  const c = loadCollection(opts.dataDir, 'csfcube');
  const imp = await importCollection(c);
  try {
    const ctx = modeContext(c, imp);
    const space = await lsaSpace(ctx);
    console.log('per year apart | dev MAP NDCG%20 | test MAP NDCG%20');
    for (const perYearApart of [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15]) {
      const s = await scoreRun(c, similarRanker(ctx, space, { ...SIMILAR_PAPERS_WEIGHTS, perYearApart }, SIMILAR_PAPERS_CANDIDATES));
      const mark = perYearApart === SIMILAR_PAPERS_WEIGHTS.perYearApart ? '  <- product' : '';
      console.log(`${perYearApart.toFixed(2).padStart(14)} | ${pct(s.dev!.map)} ${pct(s.dev!.ndcg)} | ${pct(s.test.map)} ${pct(s.test.ndcg)}${mark}`);
    }
  } finally {
    await imp.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`year-sweep: ${err instanceof OptionsError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
