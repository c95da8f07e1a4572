import type { Organization, ParseResult } from '../../model/paper-record.js';
import { arxivId, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { isObject, JsonFields } from '../json-fields.js';

/** Where one entry sits: its file, index in the array, line when known, and the file's listing day. */
export interface EntryPlace {
  readonly origin: string;
  readonly index: number;
  readonly line: number | null;
  readonly fileDay: string | null;
}

/** `file:line` when the entry's line is known, else `file#index`. */
export function entrySource(at: EntryPlace): string {
  return at.line != null ? `${at.origin}:${at.line}` : `${at.origin}#${at.index}`;
}

function authorNames(paper: JsonFields): string[] | null {
  const list = paper.list('authors');
  if (!list) return null;
  const names: string[] = [];
  list.forEach((a, i) => {
    if (!isObject(a)) return void paper.fail(`authors[${i}]`, 'expected an object');
    const name = a['name'];
    if (name != null && typeof name !== 'string') return void paper.fail(`authors[${i}].name`, 'expected a string');
    const clean = normaliseTitle(name);
    if (clean) names.push(clean);
  });
  return names;
}

function organization(org: JsonFields | null): Organization | null {
  const name = org?.str('name');
  if (!org || !name) return null;
  return { name, fullname: normaliseTitle(org.str('fullname')), avatarUrl: org.str('avatarUrl') ?? org.str('avatar') };
}

/**
 * Maps one entry of a Hugging Face `api/daily_papers` response to a PaperRecord: the arXiv paper
 * (`entry.paper`) plus what the daily listing adds (upvotes, submitter, organization, AI summary).
 * Missing id/title or a field of the wrong type rejects the entry, naming the field.
 */
export function entryRecord(entry: unknown, at: EntryPlace): ParseResult {
  const source = entrySource(at);
  const reject = (message: string): ParseResult => ({ ok: false, problem: { source, message: `entry #${at.index}: ${message}` } });
  if (!isObject(entry)) return reject(`expected a JSON object, got ${Array.isArray(entry) ? 'an array' : typeof entry}`);
  const f = new JsonFields(entry);
  const paper = f.obj('paper');
  if (!paper) return reject(f.problem ?? 'paper: missing');
  const idText = paper.need('id');
  const id = arxivId(idText);
  if (idText && !id) paper.fail('id', `not an arXiv id (${JSON.stringify(idText)})`);
  const title = normaliseTitle(paper.str('title') ?? f.str('title'));
  if (!title) paper.fail('title', 'missing');
  const org = organization(f.obj('organization') ?? paper.obj('organization'));
  const by = f.obj('submittedBy');
  const dailyBy = paper.obj('submittedOnDailyBy');
  // Older responses lack submittedOnDailyAt; the entry's own publishedAt is when it was listed.
  const submittedAt = isoDate(paper.str('submittedOnDailyAt')) ?? isoDate(f.str('publishedAt'));
  const day = at.fileDay ?? submittedAt?.slice(0, 10) ?? null;
  const record = {
    id: id!,
    title: title!,
    abstract: normaliseText(paper.str('summary') ?? f.str('summary')),
    authors: authorNames(paper),
    publishedAt: isoDate(paper.str('publishedAt') ?? f.str('publishedAt')),
    upvotes: paper.num('upvotes'),
    githubRepo: paper.str('githubRepo'),
    githubStars: paper.num('githubStars'),
    projectPage: paper.str('projectPage'),
    aiSummary: normaliseText(paper.str('ai_summary')),
    aiKeywords: paper.strList('ai_keywords'),
    organization: org,
    numComments: f.num('numComments'),
    thumbnail: f.str('thumbnail'),
    listing: day ? {
      day,
      submittedBy: by?.str('name') ?? dailyBy?.str('user') ?? dailyBy?.str('name') ?? null,
      submitterName: normaliseTitle(by?.str('fullname') ?? dailyBy?.str('fullname')),
      submittedAt,
      position: at.index,
    } : null,
    source: { name: 'hf-daily' as const, origin: source, raw: JSON.stringify(entry) },
  };
  if (f.problem) return reject(f.problem);
  return { ok: true, record };
}
