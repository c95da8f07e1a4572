import { basename, dirname, resolve } from 'node:path';
import type { FileFormat } from '../format.js';
import type { ParseResult } from '../../model/paper-record.js';
import { arxivId, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { JsonFields, isObject } from '../json-fields.js';
import { firstJsonObject } from './first-object.js';
import { jsonLines } from './json-lines.js';
import { listedDate, listingDay } from './listing-day.js';

/**
 * The collection a non-arXiv id belongs to: the name of the directory holding the file, so that
 * `eval/cacm/corpus.jsonl` id "12" becomes `cacm:12` and never collides with id "12" of
 * `eval/cisi/corpus.jsonl` (`cisi:12`). Lower-cased, with anything but letters, digits, `.`, `_`
 * and `-` replaced by `-`.
 */
export function collectionName(path: string): string {
  const name = basename(dirname(resolve(path))).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'local';
}

/**
 * The stored id for a line's `id`: the arXiv id when it is one (`2503.11731`, `arXiv:2503.11731v2`);
 * kept as is when it already carries a `collection:` prefix; else `collection:id`.
 */
export function paperId(id: string, collection: string): string {
  const ax = arxivId(id);
  if (ax) return ax;
  if (/^[a-z0-9._-]+:\S/i.test(id)) return id;
  return `${collection}:${id.trim()}`;
}

function textList(f: JsonFields, key: string, split: RegExp): string[] | null {
  const v = f.data[key];
  if (typeof v === 'string') return v.split(split).map((s) => s.trim()).filter(Boolean);
  return f.strList(key)?.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean) ?? null;
}

/**
 * `year` (a number or numeric text) as a date. A year that is not plausible (real corpora hold a
 * few, e.g. 801) is ignored rather than rejecting the whole paper; a non-number is a problem.
 */
function yearDate(f: JsonFields): string | null {
  const v = f.data['year'];
  if (v == null) return null;
  const y = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
  if (y == null) return f.fail('year', `expected a year, got ${JSON.stringify(v)}`);
  return Number.isInteger(y) && y >= 1000 && y <= 9999 ? `${y}-01-01T00:00:00.000Z` : null;
}

/** One JSON line as a PaperRecord (or the reason it is not one); `day` is its file's `listingDay`. */
export function lineRecord(value: unknown, raw: string, source: string, collection: string, day: string | null = null): ParseResult {
  const reject = (message: string): ParseResult => ({ ok: false, problem: { source, message } });
  if (!isObject(value)) return reject('expected a JSON object');
  const f = new JsonFields(value);
  const idText = f.need('id', { numbers: true });
  const title = normaliseTitle(f.need('title'));
  const abstract = normaliseText(f.str('abstract') ?? f.str('summary'));
  const authors = textList(f, 'authors', /\s*,\s*(?:and\s+)?|\s+and\s+/);
  const categories = textList(f, 'categories', /\s+/);
  const year = yearDate(f);
  const published = isoDate(f.str('published'));
  const id = idText ? paperId(idText, collection) : '';
  const listed = published ?? year ? null : listedDate(id, day);
  const record = {
    id,
    title: title ?? '',
    abstract,
    authors,
    categories,
    publishedAt: published ?? year ?? listed,
    ...(listed ? { publishedFrom: 'listing' as const } : {}),
    comment: normaliseText(f.str('comment')),
    pdfUrl: f.str('pdf'),
    absUrl: f.str('abs'),
    source: { name: 'jsonl' as const, origin: source, raw },
  };
  if (f.problem) return reject(f.problem);
  return { ok: true, record };
}

/**
 * Plain JSON lines with at least `id` and `title` (optional `abstract`/`summary`, `authors`, `year`,
 * `categories`, `published`, `comment`, `pdf`, `abs`): retrieval test collections and daily arXiv
 * feeds (dated by their file names, see `listedDate`). Streams line by line; a bad line is a problem
 * at `file:line`, blank lines are ignored.
 */
export const format: FileFormat = {
  name: 'jsonl',
  label: 'JSON lines with id and title',
  sniff(head) {
    const first = firstJsonObject(head);
    return first != null && 'id' in first && 'title' in first;
  },
  async *parse(input, origin) {
    const collection = collectionName(origin);
    const day = listingDay(origin);
    for await (const item of jsonLines(input, origin)) yield item.ok ? lineRecord(item.value, item.raw, item.source, collection, day) : item;
  },
};
