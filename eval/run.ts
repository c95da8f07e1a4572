import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, loadCollection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { ALL_MODES } from './all-modes.js';
import { endpointModes } from './endpoint-modes.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { modeContext } from './modes.js';
import { OptionsError, parseOptions, USAGE } from './options.js';
import { summaryTable, table, type ResultRow } from './report.js';
import { pairedInterval, scoreRun } from './score.js';
import { SPECTER_PUBLISHED, specterCheck } from './specter-check.js';
import type { Interval } from '../src/search/eval/bootstrap.js';

// `npm run eval`: retrieval quality of every search mode against the human judgments of CACM, CISI
// and CSFCube, each collection imported into a fresh SQLite database through the real import path.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => { process.stderr.write(`[eval] ${line}\n`); };
const say = (text: string): void => { process.stdout.write(`${text}\n`); };

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), root);
  if (opts === 'help') { say(USAGE); return 0; }
  // With PAPERBOY_EMBEDDINGS_URL set, the endpoint's modes join the built-in ones.
  const known = [...ALL_MODES, ...endpointModes(loadConfig(process.env).embeddings)];
  const modes = opts.modes.length ? known.filter((m) => opts.modes.includes(m.name)) : known;
  const unknown = opts.modes.filter((n) => !known.some((m) => m.name === n));
  if (unknown.length) throw new OptionsError(`unknown mode ${unknown.join(', ')} (known: ${known.map((m) => m.name).join(', ')})`);
  const rows: ResultRow[] = [];
  const collections: Record<string, unknown> = {};
  for (const name of opts.collections) {
    const c = loadCollection(opts.dataDir, name);
    log(`${name}: importing ${c.corpusPath}`);
    const imp = await importCollection(c);
    const info: Record<string, unknown> = {
      papers: imp.papers.length, importSeconds: imp.importSeconds, rejected: imp.missing,
      rejectedReasons: imp.summary.errors.map((e) => `${e.source}: ${e.message}`), queries: c.queries.length,
    };
    collections[name] = info;
    if (imp.missing.length) log(`${name}: ${imp.missing.length} corpus record(s) rejected by the importer, counted as never retrieved: ${imp.missing.join(', ')}`);
    try {
      if (c.folds) {
        const check = specterCheck(dirname(c.corpusPath), c);
        if (check) {
          info['specterCheck'] = { test: check.test, dev: check.dev, published: SPECTER_PUBLISHED };
          rows.push({ collection: name, mode: 'specter (shipped run)', score: check });
        }
      }
      const ctx = modeContext(c, imp);
      for (const mode of modes) {
        log(`${name}: ${mode.name}`);
        const rank = await mode.build(ctx);
        const score = await scoreRun(c, rank);
        rows.push({ collection: name, mode: mode.name, score });
      }
      info['notes'] = ctx.notes;
    } finally {
      await imp.drop();
    }
    say(`\n${table(rows.filter((r) => r.collection === name))}`);
    const span = (v: Interval): string => `${(v.low * 100).toFixed(1)} to ${(v.high * 100).toFixed(1)}`;
    const specter = rows.find((x) => x.collection === name && x.mode.startsWith('specter'));
    for (const r of rows.filter((x) => x.collection === name && x.score.testInterval)) {
      const i = r.score.testInterval!;
      const paired = specter && r !== specter ? pairedInterval(c, r.score, specter.score) : null;
      say(`${r.mode}: 95% bootstrap interval of the test figures over other draws of the queries: MAP ${span(i.map)}, NDCG%20 ${span(i.ndcg)}`
        + (paired ? `; of its lead over SPECTER, query by query: MAP ${span(paired.map)}, NDCG%20 ${span(paired.ndcg)}` : ''));
    }
    const check = info['specterCheck'] as { test: { map: number; ndcg: number } } | undefined;
    if (check) {
      const ok = Math.abs(check.test.map - SPECTER_PUBLISHED.map) < 5e-5 && Math.abs(check.test.ndcg - SPECTER_PUBLISHED.ndcg) < 5e-5;
      say(`scorer check: the shipped SPECTER run scores test MAP ${(check.test.map * 100).toFixed(2)}, NDCG%20 ${(check.test.ndcg * 100).toFixed(2)} `
        + `(published ${(SPECTER_PUBLISHED.map * 100).toFixed(2)} / ${(SPECTER_PUBLISHED.ndcg * 100).toFixed(2)}): ${ok ? 'reproduced' : 'MISMATCH'}`);
    }
  }
  say(`\nAll modes, all collections (percent):\n${summaryTable(rows)}`);
  say('\nMAP, P@10 and NDCG in percent. CSFCube: test = mean of test folds 1 and 2, dev = dev fold 1 (its protocol; fold 2\'s test '
    + 'queries are dev fold 1\'s, so fold-1 test alone shows the queries no parameter was chosen on); '
    + 'relevant = grade >= 2, NDCG at 20% of the pool with graded gains. CACM/CISI: judged queries, depth 1000, NDCG at 10.');
  mkdirSync(opts.outDir, { recursive: true });
  const file = join(opts.outDir, `eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const results = rows.map((r) => ({ collection: r.collection, mode: r.mode, test: r.score.test, dev: r.score.dev, untuned: r.score.untuned, testInterval: r.score.testInterval, seconds: r.score.seconds, perQuery: opts.perQuery ? r.score.perQuery : undefined }));
  writeFileSync(file, `${JSON.stringify({ dataDir: opts.dataDir, modes: modes.map((m) => ({ name: m.name, about: m.about })), collections, results }, null, 2)}\n`);
  say(`results: ${file}`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  if (err instanceof OptionsError || err instanceof DataError || err instanceof ConfigError) {
    process.stderr.write(`eval: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`eval failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
