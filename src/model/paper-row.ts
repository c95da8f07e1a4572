import type { PaperVersion } from './paper-record.js';

/** Where a stored publication date comes from (see PaperRow.publishedFrom). */
export type PublishedFrom = 'version' | 'source' | 'listing';

/** A paper as stored: the merge of every record any source gave about it. */
export interface PaperRow {
  paperId: string;
  title: string;
  abstract: string | null;
  authors: string[];
  primaryCategory: string | null;
  categories: string[];
  versions: PaperVersion[];
  latestVersion: number | null;
  publishedAt: string | null;
  /**
   * Where publishedAt comes from: arXiv's first version ('version'), a date a source gave
   * ('source'), or only the day of a daily listing ('listing'); null when unknown (stored before
   * this was recorded) or undated. Pages say "Listed" rather than "Published" for a listing's day.
   */
  publishedFrom: PublishedFrom | null;
  updatedAt: string | null;
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  reportNo: string | null;
  license: string | null;
  absUrl: string | null;
  pdfUrl: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  organization: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  upvotes: number;
  numComments: number;
  /**
   * Whether a source counted upvotes and comments (Hugging Face Daily Papers); false for a paper known
   * only from arXiv, whose 0 upvotes mean "not counted", not "nobody liked it".
   */
  votesKnown: boolean;
  thumbnail: string | null;
}

/** Column name of each PaperRow field, in the order the store writes them. */
export const PAPER_COLUMNS: ReadonlyArray<readonly [keyof PaperRow, string]> = [
  ['paperId', 'paper_id'],
  ['title', 'title'],
  ['abstract', 'abstract'],
  ['authors', 'authors'],
  ['primaryCategory', 'primary_category'],
  ['categories', 'categories'],
  ['versions', 'versions'],
  ['latestVersion', 'latest_version'],
  ['publishedAt', 'published_at'],
  ['publishedFrom', 'published_from'],
  ['updatedAt', 'updated_at'],
  ['comment', 'comment'],
  ['journalRef', 'journal_ref'],
  ['doi', 'doi'],
  ['reportNo', 'report_no'],
  ['license', 'license'],
  ['absUrl', 'abs_url'],
  ['pdfUrl', 'pdf_url'],
  ['githubRepo', 'github_repo'],
  ['githubStars', 'github_stars'],
  ['projectPage', 'project_page'],
  ['organization', 'organization'],
  ['aiSummary', 'ai_summary'],
  ['aiKeywords', 'ai_keywords'],
  ['upvotes', 'upvotes'],
  ['numComments', 'num_comments'],
  ['votesKnown', 'votes_known'],
  ['thumbnail', 'thumbnail'],
];

const JSON_FIELDS = new Set<keyof PaperRow>(['authors', 'categories', 'versions', 'aiKeywords']);

/** The SQL parameter for one field (arrays become JSON text). */
export function columnValue(row: PaperRow, key: keyof PaperRow): unknown {
  const v = row[key];
  if (JSON_FIELDS.has(key)) return v == null ? null : JSON.stringify(v);
  // Stored as 0/1: neither SQLite nor an INTEGER column in PostgreSQL takes a boolean parameter.
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** Rebuilds a PaperRow from a database row selected with `SELECT *` from papers. */
export function rowToPaper(r: Record<string, unknown>): PaperRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of PAPER_COLUMNS) {
    const v = r[col];
    out[key] = JSON_FIELDS.has(key) ? (v == null ? (key === 'aiKeywords' ? null : []) : JSON.parse(String(v))) : v ?? null;
  }
  out['upvotes'] = Number(out['upvotes'] ?? 0);
  out['numComments'] = Number(out['numComments'] ?? 0);
  out['votesKnown'] = Boolean(Number(out['votesKnown'] ?? 0));
  if (out['githubStars'] != null) out['githubStars'] = Number(out['githubStars']);
  if (out['latestVersion'] != null) out['latestVersion'] = Number(out['latestVersion']);
  return out as unknown as PaperRow;
}

/** The fields the keyword index reads; a change to any of them re-indexes the paper. */
export function searchKey(row: PaperRow): string {
  return JSON.stringify([row.title, row.abstract, row.authors, row.categories, row.publishedAt, row.organization, !!row.githubRepo]);
}
