import { arxivId, arxivLinks, normaliseText } from '../model/normalise.js';
import { authorList, formatDay, preview } from '../web/views/format.js';
import { safeUrl } from '../web/views/html.js';
import { paperPath } from '../web/views/site-paths.js';
import type { DigestPeriod } from './digest-period.js';
import type { DigestSelection } from './digest-select.js';
import { absoluteUrl, type SubscriberLinks } from './subscriber-links.js';

/** The links of one paper in a digest; code and PDF only when there are any. */
export interface PaperLinks {
  page: string;
  pdf: string | null;
  code: string | null;
}

/** The paper page on this site, its PDF (stored or arXiv's) and its code repository (http(s) only). */
export function paperLinks(baseUrl: string, p: { paperId: string; pdfUrl: string | null; githubRepo: string | null }): PaperLinks {
  const pdf = p.pdfUrl ?? (arxivId(p.paperId) === p.paperId ? arxivLinks(p.paperId).pdfUrl : null);
  const code = p.githubRepo && safeUrl(p.githubRepo) !== '#' ? safeUrl(p.githubRepo) : null;
  return { page: absoluteUrl(baseUrl, paperPath(p.paperId)), pdf: pdf && safeUrl(pdf) !== '#' ? safeUrl(pdf) : null, code };
}

/** One paper as a digest shows it: plain text fields (escaped by the HTML renderer) and links. */
export interface DigestPaperView {
  paperId: string;
  title: string;
  authors: string;
  organization: string | null;
  abstract: string | null;
  /** The text shown is Hugging Face's machine-written summary, not the abstract: both renderers say so. */
  aiSummary: boolean;
  upvotes: number;
  links: PaperLinks;
  /** The interests it matched, for "For you" papers. */
  reasons: string[];
}

/** Everything both renderers (HTML and text) need, so the two parts always say the same thing. */
export interface DigestView {
  heading: string;
  subject: string;
  periodText: string;
  siteUrl: string;
  top: DigestPaperView[];
  forYou: DigestPaperView[];
  links: SubscriberLinks;
}

const ABSTRACT_CHARS = 360;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function paperView(baseUrl: string, p: DigestSelection['top'][number], reasons: string[]): DigestPaperView {
  const aiSummary = !!p.aiSummary && p.aiSummary.length > 80;
  return {
    paperId: p.paperId,
    title: oneLine(p.title),
    authors: authorList(p.authors.map(oneLine), 4),
    organization: p.organizationName ? oneLine(p.organizationName) : null,
    abstract: preview(normaliseText(aiSummary ? p.aiSummary : p.abstract), ABSTRACT_CHARS),
    aiSummary,
    upvotes: p.upvotes,
    links: paperLinks(baseUrl, p),
    reasons,
  };
}

/** Builds the view of one digest: the heading, a subject naming the top paper, and every paper. */
export function digestView(baseUrl: string, period: DigestPeriod, selection: DigestSelection, links: SubscriberLinks): DigestView {
  const periodText = period.kind === 'daily' ? formatDay(period.day) : `the week ${formatDay(period.from)} to ${formatDay(period.day)}`;
  const heading = period.kind === 'daily' ? 'Your daily papers' : 'Your weekly papers';
  const top = selection.top.map((p) => paperView(baseUrl, p, []));
  const forYou = selection.forYou.map((p) => paperView(baseUrl, p, p.reasons));
  const lead = top[0] ?? forYou[0];
  const count = top.length + forYou.length;
  const when = period.kind === 'daily' ? formatDay(period.day).replace(/^\w+, /, '') : `week to ${formatDay(period.day).replace(/^\w+, /, '')}`;
  const headline = lead ? `: ${lead.title.length > 70 ? `${lead.title.slice(0, 69)}…` : lead.title}` : '';
  const subject = `${count} paper${count === 1 ? '' : 's'} for ${when}${headline}`;
  return { heading, subject, periodText, siteUrl: absoluteUrl(baseUrl, ''), top, forYou, links };
}
