import { embeddingVectors, type PaperText } from '../../store/embedding-vectors.js';
import { terms, termOf, words } from '../keyword/tokenize.js';
import { paperText } from '../vector/embedder.js';
import type { RankedPaper, RecommendScope } from './semantic-search.js';
import type { Loaded } from './semantic-state.js';
import type { Engine } from './semantic-engine.js';
import { rankFor, vectorOf } from './rank-for.js';

/** Rocchio's weight of the disliked papers' mean against the liked papers' mean. */
export const NEGATIVE_WEIGHT = 0.5;
/** Words of the liked papers added to the keyword side of a recommendation. */
const EXPANSION_TERMS = 20;
/** The liked papers' most distinctive words (tf x idf over their texts), minus the disliked papers' words. */
function expansion(l: Loaded | null, pos: PaperText[], neg: PaperText[]): string {
  const weight = new Map<string, number>();
  const spelled = new Map<string, string>();
  const table = l?.embedder.words?.model ?? null;
  for (const p of pos) {
    for (const w of words(paperText(p.title, p.abstract))) {
      const t = termOf(w);
      if (t === null) continue;
      if (!spelled.has(t)) spelled.set(t, w);
      const i = table?.vocabulary.get(t);
      weight.set(t, (weight.get(t) ?? 0) + (i === undefined ? 1 : table!.idf[i]!));
    }
  }
  const disliked = new Set(neg.flatMap((p) => terms(paperText(p.title, p.abstract))));
  return [...weight].filter(([t]) => !disliked.has(t)).sort((a, b) => b[1] - a[1]).slice(0, EXPANSION_TERMS).map(([t]) => spelled.get(t)!).join(' ');
}

/**
 * Recommendations for an interest profile (Rocchio): the profile vector is the mean of the liked
 * papers' vectors minus NEGATIVE_WEIGHT x the mean of the disliked ones, ranked by cosine and
 * fused with a keyword query of the liked papers' most distinctive words; inputs are excluded.
 * The scope (query-language filters, a set of papers such as a digest's) restricts the ranking itself.
 */
export async function recommendPapers(e: Engine, positive: readonly string[], negative: readonly string[], limit: number, scope: RecommendScope = {}): Promise<{ hits: RankedPaper[]; unknown: string[] }> {
  const ids = await embeddingVectors.rowIds(e.db, [...positive, ...negative]);
  const unknown = [...new Set([...positive, ...negative].filter((p) => !ids.has(p)))];
  const rows = (list: readonly string[]): number[] => [...new Set(list.flatMap((p) => (ids.has(p) ? [ids.get(p)!] : [])))];
  const posRows = rows(positive), negRows = rows(negative);
  if (!posRows.length) return { hits: [], unknown };
  const texts = new Map((await embeddingVectors.papersById(e.db, [...posRows, ...negRows])).map((p) => [p.id, p]));
  const pos = posRows.flatMap((id) => texts.get(id) ?? []), neg = negRows.flatMap((id) => texts.get(id) ?? []);
  const l = await e.state.current();
  let q: Float32Array | null = null;
  if (l) {
    const add = async (list: PaperText[], w: number, into: Float64Array): Promise<void> => {
      for (const p of list) {
        const v = await vectorOf(l, p);
        if (v) for (let j = 0; j < v.length; j++) into[j]! += (w * v[j]!) / list.length;
      }
    };
    const sum = new Float64Array(l.index.dimensions);
    await add(pos, 1, sum);
    await add(neg, -NEGATIVE_WEIGHT, sum);
    const norm = Math.sqrt(sum.reduce((s, x) => s + x * x, 0));
    if (norm > 0) q = Float32Array.from(sum, (x) => x / norm);
  }
  const about = pos.map((p) => paperText(p.title, p.abstract)).join('\n');
  const hits = await rankFor(e, l, q, expansion(l, pos, neg), about, new Set([...posRows, ...negRows]), Math.max(0, Math.floor(limit)), {
    filter: scope.filter,
    within: scope.within ? new Set((await embeddingVectors.rowIds(e.db, scope.within)).values()) : undefined,
  });
  return { hits, unknown };
}

