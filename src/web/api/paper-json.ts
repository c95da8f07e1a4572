import type { PaperRow } from '../../model/paper-row.js';
import type { ListedPaper, PaperWithOrg } from '../../store/listings.js';

/** An organization as the hosted API names it (`avatar`), plus `avatarUrl` as the rest of its objects do. */
export interface OrganizationJson {
  name: string;
  fullname: string;
  avatar: string | null;
  avatarUrl: string | null;
}

/**
 * A paper in the hosted API's own field names (`summary`, `ai_summary`, ...) so existing clients
 * read it unchanged, followed by what paperboy stores beyond that (versions, categories, links).
 */
export interface PaperJson extends Pick<PaperRow,
  'title' | 'publishedAt' | 'publishedFrom' | 'upvotes' | 'numComments' | 'githubRepo' | 'githubStars' | 'projectPage' | 'thumbnail'
  | 'primaryCategory' | 'categories' | 'versions' | 'latestVersion' | 'updatedAt' | 'comment' | 'journalRef' | 'doi'
  | 'reportNo' | 'license' | 'absUrl' | 'pdfUrl'> {
  id: string;
  summary: string | null;
  authors: { name: string }[];
  ai_summary: string | null;
  ai_keywords: string[] | null;
  organization?: OrganizationJson;
}

/** A listed paper's `paper` object: PaperJson plus when and by whom it was listed, as the hosted API has it. */
export interface ListedPaperJson extends PaperJson {
  submittedOnDailyAt: string | null;
  submittedOnDailyBy: { user: string | null; fullname: string | null };
}

/** The organization object of a paper, or undefined (the key is then left out, as the hosted API does). */
export function organizationJson(p: PaperWithOrg): OrganizationJson | undefined {
  if (!p.organization) return undefined;
  return { name: p.organization, fullname: p.organizationFullname ?? p.organization, avatar: p.organizationAvatar, avatarUrl: p.organizationAvatar };
}

/** A stored paper as the API shows it everywhere (paper endpoint, search, cursor walk). */
export function paperJson(p: PaperWithOrg): PaperJson {
  return {
    id: p.paperId,
    title: p.title,
    summary: p.abstract,
    authors: p.authors.map((name) => ({ name })),
    publishedAt: p.publishedAt,
    publishedFrom: p.publishedFrom,
    upvotes: p.upvotes,
    numComments: p.numComments,
    githubRepo: p.githubRepo,
    githubStars: p.githubStars,
    projectPage: p.projectPage,
    ai_summary: p.aiSummary,
    ai_keywords: p.aiKeywords,
    organization: organizationJson(p),
    thumbnail: p.thumbnail,
    primaryCategory: p.primaryCategory,
    categories: p.categories,
    versions: p.versions,
    latestVersion: p.latestVersion,
    updatedAt: p.updatedAt,
    comment: p.comment,
    journalRef: p.journalRef,
    doi: p.doi,
    reportNo: p.reportNo,
    license: p.license,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
  };
}

/** One entry of `GET /api/daily_papers`, shaped as the hosted API returns it. */
export interface DailyEntryJson {
  paper: ListedPaperJson;
  publishedAt: string | null;
  title: string;
  summary: string | null;
  thumbnail: string | null;
  numComments: number;
  submittedBy: { name: string | null; fullname: string | null };
  organization?: OrganizationJson;
  isAuthorParticipating: false;
}

/** A listing entry in the hosted shape; `day` is added so clients of week/month lists can group. */
export function dailyEntryJson(p: ListedPaper): DailyEntryJson & { day: string } {
  const paper: ListedPaperJson = {
    ...paperJson(p),
    submittedOnDailyAt: p.submittedAt,
    submittedOnDailyBy: { user: p.submittedBy, fullname: p.submitterName },
  };
  return {
    paper,
    publishedAt: p.publishedAt,
    title: p.title,
    summary: p.abstract,
    thumbnail: p.thumbnail,
    numComments: p.numComments,
    submittedBy: { name: p.submittedBy, fullname: p.submitterName },
    organization: paper.organization,
    isAuthorParticipating: false,
    day: p.day,
  };
}
