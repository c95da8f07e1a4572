import type { Db } from '../db/db.js';
import { chunksFor, placeholders } from '../db/db.js';
import { ORG_JOIN, PAPER_SELECT, toPaperWithOrg, type PaperWithOrg } from './listed-paper.js';
import { trendingScore } from './trending-read.js';

/** A paper a digest may carry, with its trending score at the end of the period. */
export interface DigestCandidate extends PaperWithOrg {
  score: number;
}

/** What a period holds, and where it came from (the daily listings, or publication dates). */
export interface PeriodPapers {
  papers: DigestCandidate[];
  source: 'listing' | 'published' | 'empty';
}

/**
 * The papers of the days `from`..`to`, most trending first. The featured (daily listing) papers of
 * those days when there are any, else the papers published on them: a store fed only by arXiv
 * still mails something, and one fed by Hugging Face mails what people upvoted. Scores use the
 * trending formula with "now" at the end of the last day, so a weekly digest favours fresh votes.
 */
export async function periodPapers(db: Db, from: string, to: string): Promise<PeriodPapers> {
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const listed = await db.all(
    `SELECT ${PAPER_SELECT}, x.listed_at, x.position FROM
       (SELECT paper_id, MAX(COALESCE(submitted_at, day)) AS listed_at, MIN(position) AS position
        FROM daily_entries WHERE day >= ? AND day <= ? GROUP BY paper_id) x
     JOIN papers p ON p.id = x.paper_id ${ORG_JOIN}`,
    [from, to],
  );
  const source = listed.length ? 'listing' : 'published';
  const rows = listed.length ? listed : await db.all(
    `SELECT ${PAPER_SELECT}, p.published_at AS listed_at, NULL AS position FROM papers p ${ORG_JOIN}
     WHERE p.published_at >= ? AND p.published_at < ?`,
    [`${from}T00:00:00.000Z`, end.toISOString()],
  );
  if (!rows.length) return { papers: [], source: 'empty' };
  const ranked = rows.map((r) => {
    const paper = toPaperWithOrg(r);
    const at = typeof r['listed_at'] === 'string' ? r['listed_at'] : paper.publishedAt;
    const since = at && at.length === 10 ? `${at}T00:00:00.000Z` : at;
    return { paper: { ...paper, score: trendingScore(paper.upvotes, since, end) }, position: r['position'] == null ? Infinity : Number(r['position']) };
  });
  ranked.sort((a, b) => b.paper.score - a.paper.score || b.paper.upvotes - a.paper.upvotes || a.position - b.position
    || (a.paper.paperId < b.paper.paperId ? -1 : a.paper.paperId > b.paper.paperId ? 1 : 0));
  return { papers: ranked.map((r) => r.paper), source };
}

/** The row ids among `rowIds` this subscriber was already sent (a paper never comes twice). */
export async function alreadySent(db: Db, subscriberId: number, rowIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunksFor(db, rowIds, 1, 900)) {
    const rows = await db.all<{ paper_id: number }>(
      `SELECT paper_id FROM digest_sent_papers WHERE subscriber_id = ? AND paper_id IN (${placeholders(chunk.length)})`,
      [subscriberId, ...chunk],
    );
    for (const r of rows) out.add(Number(r.paper_id));
  }
  return out;
}
