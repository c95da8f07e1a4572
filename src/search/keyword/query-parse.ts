import { words, termOf, phraseStream, authorTerm, categoryTerm, orgTerm, CODE_TERM } from './tokenize.js';

/** One thing a matching paper must contain: any one of these terms. */
export interface Group {
  terms: string[];
}

/** A user query, reduced to what the index can answer. Built by `parseQuery`, never by hand. */
export interface ParsedQuery {
  /** Groups a result must satisfy (AND across groups, OR inside a group). */
  required: Group[];
  /** Terms that score (query-term frequency counted), in first-seen order. */
  scoring: Map<string, number>;
  /** Terms whose papers are excluded (`-word`). */
  excluded: string[];
  /** Phrases to verify on the text (stems, stopwords kept); `negated` ones must not occur. */
  phrases: { stems: string[]; negated: boolean }[];
  /** Author names to verify word-by-word against one author (`author:"first last"`). */
  authorNames: string[][];
  /** Inclusive day range (days since 1970-01-01), or null. */
  days: { from: number | null; to: number | null } | null;
  /** True when the query asked for nothing the index knows (only stopwords or punctuation). */
  empty: boolean;
}

const MAX_TERMS = 64;
const FIELD = /^(-?)(author|au|category|cat|org|organization|has|year|date):(.*)$/i;

/** Splits a query into tokens: "quoted phrases" stay whole, `field:"quoted value"` too. */
function lex(q: string): string[] {
  const out: string[] = [];
  const re = /(-?[A-Za-z]+:"[^"]*"?)|(-?"[^"]*"?)|(\S+)/g;
  for (const m of q.matchAll(re)) out.push(m[0]);
  return out;
}

function unquote(s: string): string {
  return s.replace(/^"/, '').replace(/"$/, '');
}

function dayNumber(text: string, end: boolean): number | null {
  const y = /^(\d{4})$/.exec(text);
  if (y) return Math.floor(Date.UTC(Number(y[1]) + (end ? 1 : 0), 0, 1) / 86400000) - (end ? 1 : 0);
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - (end ? 0 : 1), 1) / 86400000) - (end ? 1 : 0);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (d) {
    const t = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    return Number.isNaN(t) ? null : Math.floor(t / 86400000);
  }
  return null;
}

/** Parses `year:2020`, `year:2020..2023`, `date:2024-01..`, `date:..2024-05-31` into a day range. */
export function parseRange(value: string): { from: number | null; to: number | null } | null {
  const [a, b] = value.includes('..') ? value.split('..', 2) as [string, string] : [value, value];
  const from = a ? dayNumber(a, false) : null;
  const to = b ? dayNumber(b, true) : null;
  if ((a && from === null) || (b && to === null) || (from === null && to === null)) return null;
  return { from, to };
}

function narrow(cur: ParsedQuery['days'], r: { from: number | null; to: number | null }): ParsedQuery['days'] {
  if (!cur) return r;
  const from = cur.from === null ? r.from : r.from === null ? cur.from : Math.max(cur.from, r.from);
  const to = cur.to === null ? r.to : r.to === null ? cur.to : Math.min(cur.to, r.to);
  return { from, to };
}

/**
 * Reads any user string into a query. Supported: words (all required), "phrases", -exclusions,
 * `a OR b`, author:, category: (or cat:), org: (or organization:), has:code, year:/date: ranges. Everything else (parentheses, `*`,
 * NEAR, SQL, emoji) is just text: it can never become engine syntax because no engine parses it.
 */
export function parseQuery(input: string, match: 'all' | 'any' = 'all'): ParsedQuery {
  const q: ParsedQuery = { required: [], scoring: new Map(), excluded: [], phrases: [], authorNames: [], days: null, empty: false };
  const addScoring = (t: string): void => { q.scoring.set(t, (q.scoring.get(t) ?? 0) + 1); };
  let orNext = false;
  let filters = 0;
  // The last plain item, so that `a OR b` can fold it into one group with what follows.
  let last: { groupStart: number; phrase: number } | null = null;
  for (const token of lex(input.slice(0, 20000))) {
    if (token === 'OR') { orNext = last !== null; continue; }
    const field = FIELD.exec(token);
    if (field) {
      const [, neg, nameRaw, raw] = field as unknown as [string, string, string, string];
      const name = nameRaw.toLowerCase();
      const value = unquote(raw);
      if (name === 'author' || name === 'au') {
        const ws = words(value);
        if (!ws.length) continue;
        if (neg) { q.excluded.push(...ws.map(authorTerm)); continue; }
        for (const w of ws) q.required.push({ terms: [authorTerm(w)] });
        if (ws.length > 1) q.authorNames.push(ws);
        filters++;
      } else if (name === 'category' || name === 'cat') {
        if (!value.trim()) continue;
        if (neg) q.excluded.push(categoryTerm(value));
        else { q.required.push({ terms: [categoryTerm(value)] }); filters++; }
      } else if (name === 'org' || name === 'organization') {
        if (!value.trim()) continue;
        if (neg) q.excluded.push(orgTerm(value));
        else { q.required.push({ terms: [orgTerm(value)] }); filters++; }
      } else if (name === 'has') {
        // Only `has:code` exists; any other value is ignored like an unreadable date range.
        if (value.trim().toLowerCase() !== 'code') continue;
        if (neg) q.excluded.push(CODE_TERM);
        else { q.required.push({ terms: [CODE_TERM] }); filters++; }
      } else {
        const r = parseRange(value);
        if (r) { q.days = narrow(q.days, r); filters++; }
      }
      orNext = false;
      last = null;
      continue;
    }
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const isPhrase = body.startsWith('"');
    const ts = words(unquote(body)).map(termOf).filter((t): t is string => t !== null);
    if (!ts.length) { orNext = false; last = null; continue; }
    if (negated) {
      if (isPhrase && ts.length > 1) q.phrases.push({ stems: phraseStream(unquote(body)), negated: true });
      else q.excluded.push(...ts);
      orNext = false;
      last = null;
      continue;
    }
    ts.forEach(addScoring);
    if (orNext && last) {
      // `x OR y`: one group holding every term of both sides; phrases inside an OR are not verified.
      const merged = q.required.splice(last.groupStart).flatMap((g) => g.terms);
      if (last.phrase >= 0) q.phrases.splice(last.phrase, 1);
      q.required.push({ terms: [...new Set([...merged, ...ts])] });
      last = { groupStart: q.required.length - 1, phrase: -1 };
      orNext = false;
      continue;
    }
    const phrase = isPhrase && ts.length > 1 ? q.phrases.push({ stems: phraseStream(unquote(body)), negated: false }) - 1 : -1;
    last = { groupStart: q.required.length, phrase };
    for (const t of ts) q.required.push({ terms: [t] });
    orNext = false;
  }
  if (q.scoring.size > MAX_TERMS || match === 'any') {
    // Natural-language or pasted text: rank by any of its words instead of requiring all of them.
    q.required = q.required.filter((g) => g.terms.every((t) => t.includes(':')));
    q.phrases = q.phrases.filter((p) => p.negated);
  }
  q.empty = q.scoring.size === 0 && filters === 0;
  return q;
}
