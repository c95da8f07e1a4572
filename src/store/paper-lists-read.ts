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
