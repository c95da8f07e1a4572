import type { Dialect } from '../db.js';

/** The first schema: papers and everything a Daily Papers lists, plus harvest and search state. */
export function initialSchema(d: Dialect): string {
  const pk = d.serialPrimaryKey;
  const big = d.bigint;
  const clustered = d.clusteredTable;
  return `
CREATE TABLE papers (
  id ${pk},
  paper_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  primary_category TEXT,
  categories TEXT NOT NULL DEFAULT '[]',
  versions TEXT NOT NULL DEFAULT '[]',
  latest_version INTEGER,
  published_at TEXT,
  updated_at TEXT,
  comment TEXT,
  journal_ref TEXT,
  doi TEXT,
  report_no TEXT,
  license TEXT,
  abs_url TEXT,
  pdf_url TEXT,
  github_repo TEXT,
  github_stars INTEGER,
  project_page TEXT,
  organization TEXT,
  ai_summary TEXT,
  ai_keywords TEXT,
  upvotes INTEGER NOT NULL DEFAULT 0,
  num_comments INTEGER NOT NULL DEFAULT 0,
  thumbnail TEXT,
  first_seen_at TEXT NOT NULL,
  last_changed_at TEXT NOT NULL
);
CREATE INDEX papers_published ON papers (published_at);
CREATE INDEX papers_organization ON papers (organization);

CREATE TABLE authors (
  id ${pk},
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE paper_categories (
  paper_id ${big} NOT NULL,
  category TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (paper_id, category)
)${clustered};
CREATE INDEX paper_categories_category ON paper_categories (category, paper_id);

CREATE TABLE organizations (
  name TEXT PRIMARY KEY,
  fullname TEXT,
  avatar_url TEXT
);

CREATE TABLE daily_entries (
  day TEXT NOT NULL,
  paper_id ${big} NOT NULL,
  submitted_by TEXT,
  submitter_name TEXT,
  submitted_at TEXT,
  position INTEGER,
  PRIMARY KEY (day, paper_id)
)${clustered};
CREATE INDEX daily_entries_paper ON daily_entries (paper_id);

CREATE TABLE source_records (
  id ${pk},
  paper_id ${big} NOT NULL,
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  payload TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (paper_id, source, content_hash)
);

CREATE TABLE harvest_state (
  key TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE search_pending (
  paper_id ${big} PRIMARY KEY,
  seq ${big} NOT NULL DEFAULT 0
);
CREATE TABLE search_segments (
  id ${pk},
  doc_count INTEGER NOT NULL,
  posting_count ${big} NOT NULL,
  docs ${d.blob} NOT NULL,
  days ${d.blob} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE search_postings (
  segment_id ${big} NOT NULL,
  term TEXT NOT NULL,
  postings ${d.blob} NOT NULL,
  PRIMARY KEY (segment_id, term)
)${clustered};
CREATE TABLE search_docs (
  paper_id ${big} PRIMARY KEY,
  segment_id ${big} NOT NULL
);
CREATE INDEX search_docs_segment ON search_docs (segment_id);
CREATE TABLE search_deleted (
  segment_id ${big} NOT NULL,
  paper_id ${big} NOT NULL,
  PRIMARY KEY (segment_id, paper_id)
)${clustered};
CREATE TABLE search_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
}
