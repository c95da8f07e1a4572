import type { Db } from '../../db/db.js';
import { paperCount, titlesAfter } from '../../store/paper-batch-read.js';
import { words } from './tokenize.js';
import { nextTurn } from '../../progress/next-turn.js';

/**
 * A word in this many titles, or in KNOWN_PAPERS papers, is a word, not a typo. Below that, a
 * word is replaced by a neighbour in SUGGEST_RATIO times as many titles as the word has papers:
 * typos do get published ("reinforcment" is in a few abstracts), but a hundredth as often.
 */
const KNOWN_TITLES = 3;
const KNOWN_PAPERS = 20;
const SUGGEST_RATIO = 50;
const SUGGEST_MIN = 5;
/** Titles per read: each page is tokenized in one go on the main thread, so pages stay small (~15 ms). */
const PAGE = 5000;
/** The vocabulary is read again once the corpus has grown by this share (checked at most once a minute). */
const REBUILD_GROWTH = 0.1;
const CHECK_EVERY_MS = 60_000;
/** Longer queries are pasted passages, matched by meaning: not a query to correct (the search page's PASSAGE_WORDS). */
export const SUGGEST_MAX_WORDS = 12;
/** How long a search waits for the vocabulary before it answers without "did you mean". */
export const SUGGEST_WAIT_MS = 250;

/** A pasted passage (more than SUGGEST_MAX_WORDS words) is matched by meaning and never corrected. */
function isPassage(query: string): boolean {
  return query.split(/\s+/).filter(Boolean).length > SUGGEST_MAX_WORDS;
}

/** Edits allowed for a word of this length: none under 4 letters, one up to 7, two beyond. */
function maxEdits(length: number): number {
  return length < 4 ? 0 : length <= 7 ? 1 : 2;
}

/** Edit distance with adjacent transpositions (optimal string alignment), or Infinity once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return Infinity;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]! <= limit ? prev[b.length]! : Infinity;
}

/** How often each word occurs in titles, and the frequent ones (the candidates) by first letter. */
interface Vocabulary {
  counts: Map<string, number>;
  candidates: Map<string, string[]>;
  papers: number;
}

/**
 * "Did you mean": words of the corpus's titles with their counts, read once into memory, to suggest
 * a spelling for a query word that almost no paper uses. A word is left alone when titles use it or
 * the keyword index finds it in many papers (`known`: a word of abstracts); otherwise the nearest
 * title word within one or two edits (same first letter) that is far more frequent replaces it,
 * the most frequent of the nearest. Read again in the background once the corpus grew by a tenth.
 */
export class SpellingIndex {
  private vocabulary: Promise<Vocabulary> | null = null;
  private checkedAt = 0;

  constructor(private readonly db: Db, private readonly known: (word: string) => Promise<number>, private readonly now: () => number = Date.now) {}

  /** Reads the vocabulary now (serve starts it in the background), so the first suggestion does not wait. */
  warm(): Promise<void> {
    return this.current().then(() => undefined);
  }

  /**
   * The query with its misspelt words replaced, or null when no word needs it or the query is a
   * passage (more than SUGGEST_MAX_WORDS words). Only plain words are touched: filters, phrases and
   * exclusions stay.
   */
  async suggest(query: string): Promise<string | null> {
    if (isPassage(query)) return null;
    return this.suggestFrom(await this.current(), query);
  }

  /**
   * `suggest`, waiting at most `waitMs` for the vocabulary: in the first seconds after start-up it
   * is still being read (every title; 1.5 s at 80,000 papers), and a search should not wait for
   * its "did you mean". `ready` is false when the suggestion was skipped for that reason.
   */
  async suggestWithin(query: string, waitMs: number): Promise<{ ready: boolean; suggestion: string | null }> {
    if (isPassage(query)) return { ready: true, suggestion: null };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), waitMs); });
    try {
      const vocabulary = await Promise.race([this.current(), late]);
      return vocabulary ? { ready: true, suggestion: await this.suggestFrom(vocabulary, query) } : { ready: false, suggestion: null };
    } finally {
      clearTimeout(timer);
    }
  }

  private async suggestFrom(vocabulary: Vocabulary, query: string): Promise<string | null> {
    const tokens = query.match(/"[^"]*"|\S+/g) ?? [];
    let changed = false;
    const out: string[] = [];
    for (const token of tokens) {
      const fixed = /^\p{L}[\p{L}-]*$/u.test(token) && token !== 'OR' ? await this.fix(vocabulary, token) : null;
      if (fixed) changed = true;
      out.push(fixed ?? token);
    }
    return changed ? out.join(' ') : null;
  }

  private async fix(v: Vocabulary, token: string): Promise<string | null> {
    const found = words(token);
    const word = found[0];
    if (!word || found.length !== 1 || (v.counts.get(word) ?? 0) >= KNOWN_TITLES) return null;
    const edits = maxEdits(word.length);
    if (!edits) return null;
    const papers = await this.known(word);
    if (papers >= KNOWN_PAPERS) return null;
    let best: { w: string; d: number; n: number } | null = null;
    for (const c of v.candidates.get(word[0]!) ?? []) {
      const d = editDistance(word, c, best ? Math.min(best.d, edits) : edits);
      if (d === Infinity) continue;
      const n = v.counts.get(c)!;
      if (n < SUGGEST_RATIO * Math.max(1, papers)) continue;
      if (!best || d < best.d || (d === best.d && n > best.n)) best = { w: c, d, n };
    }
    return best?.w ?? null;
  }

  private current(): Promise<Vocabulary> {
    if (!this.vocabulary) {
      this.vocabulary = this.read();
      this.vocabulary.catch(() => { this.vocabulary = null; });
      return this.vocabulary;
    }
    const t = this.now();
    if (t - this.checkedAt > CHECK_EVERY_MS) {
      this.checkedAt = t;
      const old = this.vocabulary;
      void old.then(async (v) => {
        if ((await paperCount(this.db)) > v.papers * (1 + REBUILD_GROWTH)) {
          const next = await this.read();
          if (this.vocabulary === old) this.vocabulary = Promise.resolve(next);
        }
      }).catch(() => undefined);
    }
    return this.vocabulary;
  }

  private async read(): Promise<Vocabulary> {
    const counts = new Map<string, number>();
    let papers = 0;
    for (let after = 0; ;) {
      const page = await titlesAfter(this.db, after, PAGE);
      if (!page.length) break;
      for (const p of page) for (const w of new Set(words(p.title))) if (w.length >= 3 && /^[a-z]+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      papers += page.length;
      after = page[page.length - 1]!.rowId;
      await nextTurn();
    }
    const candidates = new Map<string, string[]>();
    for (const [w, n] of counts) {
      // Words in fewer titles count as unseen anyway (the keyword index is asked about them): not kept.
      if (n < KNOWN_TITLES) { counts.delete(w); continue; }
      if (n < SUGGEST_MIN) continue;
      const list = candidates.get(w[0]!) ?? [];
      list.push(w);
      candidates.set(w[0]!, list);
    }
    return { counts, candidates, papers };
  }
}
