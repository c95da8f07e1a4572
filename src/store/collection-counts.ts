import type { Db } from '../db/db.js';
import { paging, type Paging } from './listed-paper.js';

/** One category and how many papers are filed under it (primary or cross-listed). */
export interface CategoryCount {
  category: string;
  papers: number;
}

/** One organization (its slug and, when known, full name) and how many papers name it. */
export interface OrganizationCount {
  name: string;
  fullname: string | null;
  papers: number;
  /** How many Hugging Face accounts carry this full name (ignoring case), this one included. */
  accounts: number;
}

/**
 * Every category with its paper count, for the categories index. One pass over the category index
 * (category, published_at, paper_id): it reads no paper rows.
 */
export async function categoryCounts(db: Db): Promise<CategoryCount[]> {
  const rows = await db.all<{ category: string; n: number }>('SELECT category, COUNT(*) AS n FROM paper_categories GROUP BY category ORDER BY category');
  return rows.map((r) => ({ category: r.category, papers: Number(r.n) }));
}

/** Organizations by how many papers name them (most first, then by slug), one page, and how many there are. */
export async function organizationCounts(db: Db, p: Paging): Promise<{ organizations: OrganizationCount[]; total: number }> {
  const [limit, offset] = paging(p);
  const count = await db.get<{ n: number }>('SELECT COUNT(DISTINCT organization) AS n FROM papers WHERE organization IS NOT NULL');
  const total = Number(count?.n ?? 0);
  if (limit === 0 || offset >= total) return { organizations: [], total };
  const rows = await db.all<{ name: string; fullname: string | null; n: number }>(
    `SELECT c.name, o.fullname, c.n FROM (
       SELECT organization AS name, COUNT(*) AS n FROM papers WHERE organization IS NOT NULL GROUP BY organization
     ) c LEFT JOIN organizations o ON o.name = c.name
     ORDER BY c.n DESC, c.name LIMIT ? OFFSET ?`,
    [limit, offset],
  );
  // Full names several accounts share ("Zhejiang University": zju, ZhejiangUniversity, ...); the
  // organizations table has a row per account, a few thousand at most.
  const shared = await db.all<{ f: string; n: number }>(
    'SELECT lower(fullname) AS f, COUNT(*) AS n FROM organizations WHERE fullname IS NOT NULL GROUP BY lower(fullname) HAVING COUNT(*) > 1',
  );
  const accounts = new Map(shared.map((r) => [r.f, Number(r.n)]));
  return {
    organizations: rows.map((r) => ({ name: r.name, fullname: r.fullname || null, papers: Number(r.n), accounts: (r.fullname && accounts.get(r.fullname.toLowerCase())) || 1 })),
    total,
  };
}
