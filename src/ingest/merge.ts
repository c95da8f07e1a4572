import type { PaperRecord, PaperVersion } from '../model/paper-record.js';
import type { PaperRow, PublishedFrom } from '../model/paper-row.js';
import { arxivLinks } from '../model/normalise.js';
import { arxivCategories, arxivCategoryOrNull } from '../model/arxiv-category.js';

type TextKey = 'title' | 'abstract' | 'comment' | 'journalRef' | 'doi' | 'reportNo' | 'license' | 'primaryCategory';
const TEXT_KEYS: readonly TextKey[] = ['title', 'abstract', 'comment', 'journalRef', 'doi', 'reportNo', 'license', 'primaryCategory'];

function blank(v: unknown): boolean {
  return v == null || v === '' || (Array.isArray(v) && v.length === 0);
}

function mergeVersions(a: readonly PaperVersion[], b: readonly PaperVersion[]): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>();
  for (const v of [...a, ...b]) {
    const prev = byNumber.get(v.version);
    if (!prev || (prev.date == null && v.date != null)) byNumber.set(v.version, { version: v.version, date: v.date });
  }
  return [...byNumber.values()].sort((x, y) => x.version - y.version);
}

function minDate(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return a <= b ? a : b;
}

function maxDate(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return a >= b ? a : b;
}

function maxNum(a: number | null, b: number | null | undefined): number | null {
  if (b == null || !Number.isFinite(b)) return a;
  if (a == null) return b;
  return Math.max(a, b);
}

/**
 * The publication date without a v1 date: the earliest date sources gave, and a listing's day only
 * while no source gave one. A date of unknown origin (stored before origins were recorded) counts
 * as a source's, except that a listing giving exactly that date names its origin.
 */
function mergePublished(row: PaperRow, rec: PaperRecord): Pick<PaperRow, 'publishedAt' | 'publishedFrom'> {
  const has = { publishedAt: row.publishedAt, publishedFrom: row.publishedFrom };
  if (!rec.publishedAt) return has;
  const from: PublishedFrom = rec.publishedFrom ?? 'source';
  if (!row.publishedAt) return { publishedAt: rec.publishedAt, publishedFrom: from };
  const ownFrom = row.publishedFrom === 'version' ? 'source' : row.publishedFrom;
  if (from === 'listing') {
    if (ownFrom === 'listing') return { publishedAt: minDate(row.publishedAt, rec.publishedAt), publishedFrom: 'listing' };
    // A date of unknown origin may be a source's, with its time of day after the listing's midnight.
    if (ownFrom == null && row.publishedAt === rec.publishedAt) return { publishedAt: row.publishedAt, publishedFrom: 'listing' };
    return has;
  }
  if (ownFrom === 'listing') return { publishedAt: rec.publishedAt, publishedFrom: 'source' };
  const earlier = minDate(row.publishedAt, rec.publishedAt);
  return { publishedAt: earlier, publishedFrom: earlier === rec.publishedAt ? 'source' : row.publishedFrom };
}

/**
 * Merges one source record into the stored paper (or creates it). The rules make imports
 * idempotent and order-safe: a strictly newer arXiv version overwrites text fields; anything else
 * only fills blanks; counters take the maximum seen; dates widen. A record never blanks a field.
 */
export function mergeRecord(existing: PaperRow | null, rec: PaperRecord): PaperRow {
  const recVersions = rec.versions ?? [];
  const recLatest = recVersions.length ? Math.max(...recVersions.map((v) => v.version)) : null;
  const newer = existing != null && recLatest != null && (existing.latestVersion == null || recLatest > existing.latestVersion);
  const base: PaperRow = existing ?? {
    paperId: rec.id, title: rec.title, abstract: null, authors: [], primaryCategory: null, categories: [], versions: [],
    latestVersion: null, publishedAt: null, publishedFrom: null, updatedAt: null, comment: null, journalRef: null, doi: null, reportNo: null,
    license: null, absUrl: null, pdfUrl: null, githubRepo: null, githubStars: null, projectPage: null, organization: null,
    aiSummary: null, aiKeywords: null, upvotes: 0, numComments: 0, votesKnown: false, thumbnail: null,
  };
  const out: PaperRow = { ...base };
  const take = <K extends keyof PaperRow>(key: K, value: PaperRow[K] | undefined): void => {
    if (blank(value)) return;
    if (newer || blank(out[key])) out[key] = value as PaperRow[K];
  };
  for (const key of TEXT_KEYS) take(key, (key === 'primaryCategory' ? arxivCategoryOrNull(rec.primaryCategory) : rec[key] ?? null) as PaperRow[typeof key]);
  take('authors', rec.authors ? [...rec.authors] : undefined);
  take('categories', rec.categories ? arxivCategories(rec.categories) : undefined);
  if (!out.primaryCategory && out.categories.length) out.primaryCategory = out.categories[0]!;

  out.versions = mergeVersions(out.versions, recVersions);
  out.latestVersion = out.versions.length ? out.versions[out.versions.length - 1]!.version : null;
  const v1 = out.versions.find((v) => v.version === 1)?.date ?? null;
  Object.assign(out, v1 ? { publishedAt: v1, publishedFrom: 'version' } : mergePublished(out, rec));
  const lastVersionDate = out.versions.length ? out.versions[out.versions.length - 1]!.date : null;
  out.updatedAt = maxDate(maxDate(out.updatedAt, rec.updatedAt), lastVersionDate);

  const links = /^[^:]+$/.test(rec.id) ? arxivLinks(rec.id) : null;
  if (blank(out.absUrl)) out.absUrl = rec.absUrl ?? links?.absUrl ?? null;
  if (blank(out.pdfUrl)) out.pdfUrl = rec.pdfUrl ?? links?.pdfUrl ?? null;

  for (const key of ['githubRepo', 'projectPage', 'aiSummary', 'thumbnail'] as const) {
    if (blank(out[key]) && !blank(rec[key])) out[key] = rec[key] as string;
  }
  if (blank(out.organization) && rec.organization?.name) out.organization = rec.organization.name;
  if (blank(out.aiKeywords) && rec.aiKeywords?.length) out.aiKeywords = [...rec.aiKeywords];
  out.githubStars = maxNum(out.githubStars, rec.githubStars);
  out.upvotes = maxNum(out.upvotes, rec.upvotes) ?? 0;
  out.numComments = maxNum(out.numComments, rec.numComments) ?? 0;
  // A featured paper's counts are Daily Papers' own, 0 included; a paper only arXiv knows has none.
  out.votesKnown ||= rec.listing != null || Number.isFinite(rec.upvotes ?? NaN) || Number.isFinite(rec.numComments ?? NaN);
  return out;
}
