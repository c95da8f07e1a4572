import type { Db } from '../src/db/db.js';
import type { DigestCandidate } from '../src/store/digest-candidates.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';
import type { Interests } from '../src/store/subscribers-input.js';
import { seededRandom } from '../src/search/vector/seeded-random.js';

/** Topics people type, from one word to a sentence. */
const TOPICS = [
  'language models', 'diffusion', 'reinforcement learning', 'graph neural networks', 'speech recognition', 'protein structure',
  'retrieval augmented generation', 'vision transformers', 'federated learning', 'quantum error correction', 'robot manipulation',
  'large language model reasoning', 'image segmentation', 'time series forecasting', 'causal inference', 'differential privacy',
  'code generation', 'multilingual translation', 'medical imaging', 'autonomous driving', 'knowledge graphs', 'contrastive learning',
  'how do transformers learn in context', 'efficient attention for long documents', 'evaluating hallucinations in chatbots',
  'mixture of experts', 'video generation', 'point clouds', 'neural radiance fields', 'tokenization',
];
const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'cs.RO', 'cs.IR', 'cs.CR', 'eess.AS', 'quant-ph', 'math.OC', 'cs.NE'];

function pick<T>(rnd: () => number, items: readonly T[], n: number): T[] {
  const out = new Set<T>();
  for (let i = 0; i < n * 3 && out.size < n && items.length; i++) out.add(items[Math.floor(rnd() * items.length)]!);
  return [...out];
}

/**
 * Interests for subscriber i: a tenth with none (top papers only), the rest a mix of categories,
 * topics, authors and organizations seen in the period (so some match), and "papers like these".
 */
export function benchInterests(i: number, rnd: () => number, period: readonly DigestCandidate[], paperPool: readonly string[]): Partial<Interests> {
  if (i % 10 === 0) return {};
  const authors = [...new Set(period.flatMap((p) => p.authors.slice(0, 3)))].slice(0, 300);
  const orgs = [...new Set(period.flatMap((p) => (p.organization ? [p.organization] : [])))];
  const cats = [...new Set([...CATEGORIES, ...period.flatMap((p) => p.categories)])];
  return {
    categories: pick(rnd, cats, Math.floor(rnd() * 3)),
    topics: pick(rnd, TOPICS, Math.floor(rnd() * 3)),
    authors: rnd() < 0.3 ? pick(rnd, authors, 1 + Math.floor(rnd() * 2)) : [],
    organizations: rnd() < 0.15 ? pick(rnd, orgs, 1) : [],
    papers: rnd() < 0.1 ? pick(rnd, paperPool, 1 + Math.floor(rnd() * 3)) : [],
  };
}

/** Inserts `n` active subscribers (80% daily, 20% weekly on `weeklyWeekday`) in one transaction. */
export async function seedBenchSubscribers(db: Db, n: number, weeklyWeekday: number, period: readonly DigestCandidate[], paperPool: readonly string[], seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const weekly = i % 5 === 4;
      await insertSubscriberRow(tx, {
        email: `reader${i}@bench.example`, frequency: weekly ? 'weekly' : 'daily', weekday: weekly ? weeklyWeekday : 1,
        interests: benchInterests(i, rnd, period, paperPool),
      });
    }
  });
}
