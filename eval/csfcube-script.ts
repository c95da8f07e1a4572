import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection, type Collection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { modeContext, type ModeContext } from './modes.js';
import { OptionsError, parseOptions } from './options.js';
import { lsaSpace, type SimilarSpace } from './similar-modes.js';
import { paperText } from '../src/search/vector/embedder.js';

/** What a similar-papers study of CSFCube starts from: the imported collection and its product model. */
export interface CsfcubeStudy {
  c: Collection;
  ctx: ModeContext;
  /** The similar-papers space `npm run eval` ranks with. */
  base: SimilarSpace;
  /** Every paper's text as the model reads it, in corpus order. */
  texts: string[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs a study script (`node dist/eval/<name>.js [--data DIR]`): imports CSFCube, builds the product's
 * similar-papers space, runs `body`, drops the import whatever happens and reports a failure under
 * the script's name, so each study holds only its own loop.
 */
export function runCsfcubeStudy(name: string, body: (s: CsfcubeStudy) => Promise<void>): void {
  const main = async (): Promise<void> => {
    const opts = parseOptions(process.argv.slice(2), root);
    if (opts === 'help') return;
    const c = loadCollection(opts.dataDir, 'csfcube');
    const imp = await importCollection(c);
    try {
      const ctx = modeContext(c, imp);
      await body({ c, ctx, base: await lsaSpace(ctx), texts: ctx.imp.papers.map((p) => paperText(p.title, p.abstract)) });
    } finally {
      await imp.drop();
    }
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${name}: ${err instanceof OptionsError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
