import type { Db } from '../../db/db.js';
import type { MatchExplanation, RankedPaper } from '../../search/semantic/semantic-search.js';
import { papersByIds, type PaperWithOrg } from '../../store/listings.js';
import { organizationJson, paperJson, type OrganizationJson, type PaperJson } from './paper-json.js';

/** One ranked paper: shaped like a daily entry (hosted clients read `paper`), plus its score. */
export interface SearchHitJson {
  paper: PaperJson;
  publishedAt: string | null;
  title: string;
  summary: string | null;
  thumbnail: string | null;
  numComments: number;
  organization?: OrganizationJson;
  isAuthorParticipating: false;
  score: number;
}

/** A similar or recommended paper: a search hit plus why it matched, when the ranking says. */
export interface RankedHitJson extends SearchHitJson {
  explanation?: MatchExplanation;
}

/** A stored paper and its score in the search hit shape every ranked list of the API shares. */
export function searchHitJson(p: PaperWithOrg, score: number): SearchHitJson {
  return {
    paper: paperJson(p),
    publishedAt: p.publishedAt,
    title: p.title,
    summary: p.abstract,
    thumbnail: p.thumbnail,
    numComments: p.numComments,
    organization: organizationJson(p),
    isAuthorParticipating: false,
    score,
  };
}

/**
 * Ranked papers as API hits, best first, with their explanations. Ranked ids the store no longer
 * has (deleted between ranking and reading) are left out rather than sent half empty.
 */
export async function rankedHitsJson(db: Db, ranked: readonly RankedPaper[]): Promise<RankedHitJson[]> {
  const papers = await papersByIds(db, ranked.map((r) => r.paperId));
  const byId = new Map(ranked.map((r) => [r.paperId, r]));
  return papers.map((p) => {
    const r = byId.get(p.paperId)!;
    const hit: RankedHitJson = searchHitJson(p, r.score);
    if (r.explanation) hit.explanation = { terms: [...r.explanation.terms], topics: [...r.explanation.topics] };
    return hit;
  });
}
