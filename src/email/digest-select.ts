import type { Db } from '../db/db.js';
import type { SemanticSearch } from '../search/semantic/semantic-search.js';
import { alreadySent, periodPapers, type DigestCandidate, type PeriodPapers } from '../store/digest-candidates.js';
import { papersByIds } from '../store/paper-batch-read.js';
import type { Interests } from '../store/subscribers-input.js';
import type { DigestPeriod } from './digest-period.js';

/** A paper picked for someone's interests, with the interests it matched (shown as "why"). */
export interface PickedPaper extends DigestCandidate {
  reasons: string[];
}

/** One subscriber's digest content: the period's top papers, then the ones for their interests. */
export interface DigestSelection {
  top: DigestCandidate[];
  forYou: PickedPaper[];
}

/** What selection reads: the store, the keyword index and, when configured, semantic ranking. */
export interface SelectDeps {
  db: Db;
  keyword: { matchRows(query: string, rowIds: readonly number[], match?: 'all' | 'any'): Promise<Map<number, number>> };
  semantic?: SemanticSearch | null;
}

/** How many papers of each part; small enough to read over coffee. */
export const DIGEST_SIZES = Object.freeze({ top: 3, forYou: 10, topWithoutInterests: 10 });

/** Most papers one interest contributes, best first (a digest shows 10 for all interests together). */
const HITS = 500;

function quoted(value: string): string {
  return `"${value.replace(/["\s]+/g, ' ').trim()}"`;
}

/**
 * Picks digests for one period. Period papers are read once; every interest query (a category, an
 * author, a topic) is answered once per period and shared by all subscribers asking it, so a run
 * over thousands of subscribers makes one index query per distinct interest.
 */
export class DigestSelector {
  private readonly answers = new Map<string, Promise<Map<string, number>>>();
  private readonly inPeriod: Map<string, DigestCandidate>;
  private readonly byRow: Map<number, string>;

  private constructor(private readonly deps: SelectDeps, readonly period: DigestPeriod, readonly papers: PeriodPapers) {
    this.inPeriod = new Map(papers.papers.map((p) => [p.paperId, p]));
    this.byRow = new Map(papers.papers.map((p) => [p.rowId, p.paperId]));
  }

  /** Reads the period's papers and returns a selector for it. */
  static async open(deps: SelectDeps, period: DigestPeriod): Promise<DigestSelector> {
    return new DigestSelector(deps, period, await periodPapers(deps.db, period.from, period.day));
  }

  /** The digest for one subscriber: nothing already sent to them, nothing twice. */
  async select(subscriberId: number, interests: Interests): Promise<DigestSelection> {
    const all = this.papers.papers;
    if (!all.length) return { top: [], forYou: [] };
    const sent = await alreadySent(this.deps.db, subscriberId, all.map((p) => p.rowId));
    const fresh = all.filter((p) => !sent.has(p.rowId));
    const asks = this.interestQueries(interests);
    if (!asks.length) return { top: fresh.slice(0, DIGEST_SIZES.topWithoutInterests), forYou: [] };
    const top = fresh.slice(0, DIGEST_SIZES.top);
    const taken = new Set(top.map((p) => p.paperId));
    const scored = new Map<string, { score: number; reasons: string[] }>();
    for (const ask of asks) {
      const ranks = await this.answer(ask.key, ask.run);
      for (const [paperId, rank] of ranks) {
        const paper = this.inPeriod.get(paperId);
        if (!paper || taken.has(paperId) || sent.has(paper.rowId)) continue;
        const s = scored.get(paperId) ?? { score: 0, reasons: [] };
        // Every matched interest counts; a better rank inside a ranked list counts a little more.
        s.score += 1 + 1 / (1 + rank / 10);
        s.reasons.push(ask.label);
        scored.set(paperId, s);
      }
    }
    const forYou = [...scored.entries()]
      .map(([id, s]) => ({ ...this.inPeriod.get(id)!, reasons: s.reasons }))
      .sort((a, b) => scored.get(b.paperId)!.score - scored.get(a.paperId)!.score || b.score - a.score)
      .slice(0, DIGEST_SIZES.forYou);
    return { top, forYou };
  }

  private answer(key: string, run: () => Promise<string[]>): Promise<Map<string, number>> {
    let found = this.answers.get(key);
    if (!found) {
      found = run().then((ids) => new Map(ids.filter((id) => this.inPeriod.has(id)).map((id, i) => [id, i])));
      this.answers.set(key, found);
    }
    return found;
  }

  // Every interest is answered among the period's papers only: a search of the whole corpus (or of
  // a date range) keeps its best few hundred, and a day's papers need not be among them.
  private async keywordIds(query: string, match: 'all' | 'any' = 'all'): Promise<string[]> {
    const found = await this.deps.keyword.matchRows(query, [...this.byRow.keys()], match);
    // Best words first; filters alone score 0, leaving the period's own (trending) order.
    return [...this.byRow].filter(([row]) => found.has(row)).sort((a, b) => found.get(b[0])! - found.get(a[0])!).slice(0, HITS).map(([, id]) => id);
  }

  private async topicIds(topic: string): Promise<string[]> {
    const semantic = this.deps.semantic;
    if (semantic) {
      const r = await semantic.search(topic, { mode: 'hybrid', limit: HITS, within: [...this.inPeriod.keys()] });
      if (r.ok) return r.hits.map((h) => h.paperId);
    }
    return this.keywordIds(topic);
  }

  private async likeIds(paperIds: string[]): Promise<string[]> {
    const semantic = this.deps.semantic;
    if (semantic) {
      // Ranked among the period's papers only: the corpus-wide best matches are mostly older
      // papers, and on a large instance a day's papers would rarely reach them.
      const r = await semantic.recommend(paperIds, [], HITS, { within: [...this.inPeriod.keys()] });
      if (r.hits.length) return r.hits.map((h) => h.paperId);
    }
    // Without embeddings: the liked papers' titles as an any-word query.
    const liked = await papersByIds(this.deps.db, paperIds);
    if (!liked.length) return [];
    const ids = await this.keywordIds(liked.map((p) => p.title).join(' '), 'any');
    return ids.filter((id) => !paperIds.includes(id));
  }

  private interestQueries(i: Interests): Array<{ key: string; label: string; run: () => Promise<string[]> }> {
    const out: Array<{ key: string; label: string; run: () => Promise<string[]> }> = [];
    for (const c of i.categories) out.push({ key: `c:${c.toLowerCase()}`, label: c, run: () => this.keywordIds(`category:${quoted(c)}`) });
    for (const a of i.authors) out.push({ key: `a:${a.toLowerCase()}`, label: a, run: () => this.keywordIds(`author:${quoted(a)}`) });
    for (const t of i.topics) out.push({ key: `t:${t.toLowerCase()}`, label: t, run: () => this.topicIds(t) });
    for (const o of i.organizations) out.push({ key: `o:${o.toLowerCase()}`, label: o, run: async () => this.organizationIds(o) });
    if (i.papers.length) {
      const ids = [...i.papers].sort();
      out.push({ key: `p:${ids.join(',')}`, label: 'papers you follow', run: () => this.likeIds(ids) });
    }
    return out;
  }

  /** Organizations are a column of the period's papers; matching them needs no index. */
  private organizationIds(name: string): string[] {
    const want = name.trim().toLowerCase();
    return this.papers.papers
      .filter((p) => p.organization?.toLowerCase() === want || p.organizationFullname?.toLowerCase() === want)
      .map((p) => p.paperId);
  }
}
