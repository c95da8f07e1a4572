import type { Db } from '../db/db.js';
import { NEWEST_FIRST, ORG_JOIN, PAPER_SELECT, paging, toPaperWithOrg, type PaperPage, type Paging, type PaperWithOrg } from './listed-paper.js';

/** An organization page's header: its names, avatar and how many papers it has. */
export interface OrganizationInfo {
  name: string;
  fullname: string | null;
  avatarUrl: string | null;
  paperCount: number;
  /** Other Hugging Face organizations with the same full name (ignoring case), most papers first. */
  namesakes: { name: string; paperCount: number }[];
}

async function pageOf(db: Db, from: string, where: string, params: unknown[], p: Paging): Promise<PaperPage<PaperWithOrg>> {
  const [limit, offset] = paging(p);
  const count = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`, params);
  const total = Number(count?.n ?? 0);
  if (limit === 0 || offset >= total) return { papers: [], total };
  const rows = await db.all(
    `SELECT ${PAPER_SELECT} FROM ${from} ${ORG_JOIN} WHERE ${where} ORDER BY ${NEWEST_FIRST} LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  return { papers: rows.map(toPaperWithOrg), total };
}

/** An organization's papers (by its slug, e.g. "google"), newest first. */
export async function papersByOrganization(db: Db, name: string, p: Paging): Promise<PaperPage<PaperWithOrg>> {
  return pageOf(db, 'papers p', 'p.organization = ?', [name], p);
}

/**
 * A category's papers (e.g. "cs.CL"), newest first; primary and cross-listed alike. The page's ids
 * come off the (category, published_at, paper_id) index in NEWEST_FIRST's order, so only the papers
 * shown are read, however large the category.
 */
export async function papersByCategory(db: Db, category: string, p: Paging): Promise<PaperPage<PaperWithOrg>> {
  const [limit, offset] = paging(p);
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM paper_categories WHERE category = ?', [category]);
  const total = Number(count?.n ?? 0);
  if (limit === 0 || offset >= total) return { papers: [], total };
  const rows = await db.all(
    `SELECT ${PAPER_SELECT} FROM (
       SELECT paper_id FROM paper_categories WHERE category = ? ORDER BY published_at DESC, paper_id DESC LIMIT ? OFFSET ?
     ) c JOIN papers p ON p.id = c.paper_id ${ORG_JOIN} ORDER BY ${NEWEST_FIRST}`,
    [category, limit, offset],
  );
  return { papers: rows.map(toPaperWithOrg), total };
}

/** An organization's details, or null when no paper and no listing ever named it. */
export async function organizationInfo(db: Db, name: string): Promise<OrganizationInfo | null> {
  const org = await db.get<{ fullname: string | null; avatar_url: string | null }>('SELECT fullname, avatar_url FROM organizations WHERE name = ?', [name]);
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers WHERE organization = ?', [name]);
  const paperCount = Number(count?.n ?? 0);
  if (!org && paperCount === 0) return null;
  const fullname = org?.fullname || null;
  return { name, fullname, avatarUrl: org?.avatar_url || null, paperCount, namesakes: fullname ? await namesakes(db, name, fullname) : [] };
}

// Universities and labs often hold several accounts ("zju", "ZhejiangUniversity"); a reader looking
// for one institution's papers needs to see the others. The organizations table is small (one row
// per account named by a listing), so matching the name without an index costs little.
async function namesakes(db: Db, name: string, fullname: string): Promise<OrganizationInfo['namesakes']> {
  const rows = await db.all<{ name: string; n: number }>(
    `SELECT o.name, (SELECT COUNT(*) FROM papers p WHERE p.organization = o.name) AS n
     FROM organizations o WHERE lower(o.fullname) = lower(?) AND o.name <> ? ORDER BY n DESC, o.name`,
    [fullname, name],
  );
  return rows.map((r) => ({ name: r.name, paperCount: Number(r.n) }));
}

/** What narrows a listing of papers: an organization or having code, then inclusive days (YYYY-MM-DD) and a category. */
export type PaperFilters = ({ org: string; code?: boolean } | { org?: undefined; code: true }) & {
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
};

/**
 * The papers that pass every filter, newest first, all of them: the search page's organization and
 * has-code filters when there are no words to rank (with words they filter the best matches only).
 * An organization's accounts' papers come off the organization index and papers with code off their
 * own index (migration 13); either set is small, so it leads and the rest is checked per paper.
 */
export async function filteredPapers(db: Db, f: PaperFilters, p: Paging): Promise<PaperPage<PaperWithOrg>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.org !== undefined) {
    where.push('p.organization IN (SELECT o2.name FROM organizations o2 WHERE lower(o2.name) = lower(?) OR lower(o2.fullname) = lower(?))');
    params.push(f.org, f.org);
  }
  if (f.category) {
    // An organization's papers, or those with code (only Hugging Face gives code links), are few:
    // they lead, and each is checked for the category.
    where.push('EXISTS (SELECT 1 FROM paper_categories c WHERE c.paper_id = p.id AND c.category = ?)');
    params.push(f.category);
  }
  if (f.from) { where.push('p.published_at >= ?'); params.push(`${f.from}T00:00:00`); }
  // Every timestamp of the last day sorts before the day after it.
  if (f.to) { where.push('p.published_at < ?'); params.push(nextDay(f.to)); }
  if (f.code) where.push(HAS_CODE);
  return pageOf(db, 'papers p', where.join(' AND '), params, p);
}

/** The condition of the papers_with_code index: written the same way, so both databases use it. */
const HAS_CODE = "p.github_repo IS NOT NULL AND p.github_repo <> ''";

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
