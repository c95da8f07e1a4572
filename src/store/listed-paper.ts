import type { Row } from '../db/db.js';
import { rowToPaper } from '../model/paper-row.js';
import type { PaperSummary } from './papers-read.js';

/** A paper with its organization's display details, as every list read returns it. */
export interface PaperWithOrg extends PaperSummary {
  /** The organization's full name as stored, or null (organizationName falls back to the slug). */
  organizationFullname: string | null;
  organizationAvatar: string | null;
}

/** One featured entry of a period listing: the paper plus the day and who put it there. */
export interface ListedPaper extends PaperWithOrg {
  /** YYYY-MM-DD */
  day: string;
  submittedBy: string | null;
  submitterName: string | null;
  /** When it was listed (ISO-8601), when the source says. */
  submittedAt: string | null;
  /** Place in the hosted API's own list for that day, when imported from it. */
  position: number | null;
}

/** A page of a list and how many items the whole list has, for "N papers" and pagination. */
export interface PaperPage<T> {
  papers: T[];
  total: number;
}

/** Paging of a list read; callers validate, the store only clamps. */
export interface Paging {
  limit: number;
  offset?: number;
}

/** The select list of every paper read, so every row converts the same way (papers aliased p). */
export const PAPER_SELECT = 'p.*, o.fullname AS organization_fullname, o.avatar_url AS organization_avatar';
/** The join PAPER_SELECT needs (organizations aliased o). */
export const ORG_JOIN = 'LEFT JOIN organizations o ON o.name = p.organization';
/** PAPER_SELECT plus the daily entry's columns (daily_entries aliased d). */
export const LISTING_SELECT = `${PAPER_SELECT}, d.day AS listing_day, d.submitted_by AS listing_submitted_by,
  d.submitter_name AS listing_submitter_name, d.submitted_at AS listing_submitted_at, d.position AS listing_position`;
/** Newest first, undated papers last on both databases (their NULL ordering differs). */
export const NEWEST_FIRST = 'CASE WHEN p.published_at IS NULL THEN 1 ELSE 0 END, p.published_at DESC, p.id DESC';

function text(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/** A papers row (selected with PAPER_SELECT) as a PaperWithOrg. */
export function toPaperWithOrg(r: Row): PaperWithOrg {
  const paper = rowToPaper(r);
  const fullname = text(r['organization_fullname']);
  return {
    ...paper,
    rowId: Number(r['id']),
    organizationName: fullname ?? paper.organization,
    organizationFullname: fullname,
    organizationAvatar: text(r['organization_avatar']),
  };
}

/** A listing row (selected with LISTING_SELECT) as a ListedPaper. */
export function toListedPaper(r: Row): ListedPaper {
  const position = r['listing_position'];
  return {
    ...toPaperWithOrg(r),
    day: String(r['listing_day']),
    submittedBy: text(r['listing_submitted_by']),
    submitterName: text(r['listing_submitter_name']),
    submittedAt: text(r['listing_submitted_at']),
    position: position == null ? null : Number(position),
  };
}

/** Limit and offset as non-negative integers. */
export function paging(p: Paging): [number, number] {
  return [Math.max(0, Math.floor(p.limit)), Math.max(0, Math.floor(p.offset ?? 0))];
}
