/** The sources paperboy knows; each raw record is kept under one of these names. */
export type SourceName =
  | 'hf-daily'
  | 'arxiv-snapshot'
  | 'jsonl'
  | 'arxiv-api'
  | 'arxiv-oai'
  | 'arxiv-oai-raw'
  | 'arxiv-rss';

/** One version of a paper as arXiv lists it (v1, v2, ...). */
export interface PaperVersion {
  readonly version: number;
  /** ISO-8601 timestamp, or null when the source gives none. */
  readonly date: string | null;
}

/** An organization as Hugging Face names it (`name` is the slug used in URLs). */
export interface Organization {
  readonly name: string;
  readonly fullname?: string | null;
  readonly avatarUrl?: string | null;
}

/** The day a paper was featured in the daily listing, and by whom. */
export interface DailyListing {
  /** YYYY-MM-DD */
  readonly day: string;
  readonly submittedBy?: string | null;
  readonly submitterName?: string | null;
  readonly submittedAt?: string | null;
  /** Place in the source's list for that day (the hosted API's order), when the source has one. */
  readonly position?: number | null;
}

/**
 * What every source adapter produces: one paper as one source saw it. Absent or null fields mean
 * "this source does not say", never "erase it"; the pipeline merges records field by field.
 */
export interface PaperRecord {
  /** arXiv id without version (`2510.24801`, `hep-th/9901001`), or `collection:id` for others. */
  readonly id: string;
  readonly title: string;
  readonly abstract?: string | null;
  readonly authors?: readonly string[] | null;
  /** Primary category first when the source says which one is primary. */
  readonly categories?: readonly string[] | null;
  readonly primaryCategory?: string | null;
  readonly versions?: readonly PaperVersion[] | null;
  readonly publishedAt?: string | null;
  /**
   * 'listing' when publishedAt is only the day of a daily listing the paper appeared in (its
   * announcement, usually 1-3 days after submission), not a date the source gave; a source's date
   * or arXiv's v1 date replaces it.
   */
  readonly publishedFrom?: 'listing';
  readonly updatedAt?: string | null;
  readonly comment?: string | null;
  readonly journalRef?: string | null;
  readonly doi?: string | null;
  readonly reportNo?: string | null;
  readonly license?: string | null;
  readonly absUrl?: string | null;
  readonly pdfUrl?: string | null;
  readonly githubRepo?: string | null;
  readonly githubStars?: number | null;
  readonly projectPage?: string | null;
  readonly organization?: Organization | null;
  readonly aiSummary?: string | null;
  readonly aiKeywords?: readonly string[] | null;
  readonly upvotes?: number | null;
  readonly numComments?: number | null;
  readonly thumbnail?: string | null;
  readonly listing?: DailyListing | null;
  /** Where the record came from, kept verbatim so nothing a source said is lost. */
  readonly source: {
    readonly name: SourceName;
    /** `file:line`, `file`, or the URL it was fetched from. */
    readonly origin: string;
    /** The record exactly as the source gave it (JSON line, XML element, ...). */
    readonly raw: string;
  };
}

/** An expected failure: a bad record, file, response or argument, with where it happened. */
export interface Problem {
  /** `file:line`, file path, URL or parameter name. */
  readonly source: string;
  readonly message: string;
}

/** What an adapter yields for each record: a parsed paper or a problem; never a throw. */
export type ParseResult =
  | { readonly ok: true; readonly record: PaperRecord }
  | { readonly ok: false; readonly problem: Problem };
