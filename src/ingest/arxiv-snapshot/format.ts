import type { FileFormat } from '../format.js';
import type { PaperVersion, ParseResult } from '../../model/paper-record.js';
import { arxivId, arxivVersion, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { JsonFields, isObject } from '../json-fields.js';
import { firstJsonObject } from '../jsonl/first-object.js';
import { jsonLines } from '../jsonl/json-lines.js';

/** "First Last Suffix" from authors_parsed's [last, first, suffix]. */
function parsedAuthor(entry: unknown): string | null {
  if (!Array.isArray(entry) || !entry.every((p) => typeof p === 'string')) return null;
  const [last = '', first = '', suffix = ''] = entry as string[];
  return normaliseTitle([first, last, suffix].join(' '));
}

/** The `authors` string ("A. One, B. Two and C. Three") when authors_parsed is absent. */
function splitAuthors(text: string): string[] {
  return text.replace(/\s+/g, ' ').split(/,\s*(?:and\s+)?|\s+and\s+/).map((s) => s.trim()).filter(Boolean);
}

function versions(f: JsonFields): PaperVersion[] | null {
  const list = f.list('versions');
  if (!list) return null;
  const out: PaperVersion[] = [];
  list.forEach((v, i) => {
    if (!isObject(v) || typeof v['version'] !== 'string') return void f.fail(`versions[${i}]`, 'expected {version: "vN", created}');
    const n = arxivVersion(v['version']);
    if (n == null) return void f.fail(`versions[${i}].version`, `expected "vN", got ${JSON.stringify(v['version'])}`);
    out.push({ version: n, date: isoDate(typeof v['created'] === 'string' ? v['created'] : null) });
  });
  return out.sort((a, b) => a.version - b.version);
}

/** One line of the arXiv metadata snapshot as a PaperRecord (or the reason it is not one). */
export function snapshotRecord(value: unknown, raw: string, source: string): ParseResult {
  const reject = (message: string): ParseResult => ({ ok: false, problem: { source, message } });
  if (!isObject(value)) return reject('expected a JSON object');
  const f = new JsonFields(value);
  const idText = f.need('id', { numbers: true });
  const id = arxivId(idText);
  if (idText && !id) f.fail('id', `not an arXiv id (${JSON.stringify(idText)})`);
  const title = normaliseTitle(f.need('title'));
  const parsed = f.list('authors_parsed');
  const authorsText = f.str('authors');
  const fromParsed = parsed?.map(parsedAuthor);
  const authors = fromParsed && !fromParsed.includes(null) ? (fromParsed as string[]) : authorsText ? splitAuthors(authorsText) : null;
  const categories = f.str('categories')?.split(/\s+/).filter(Boolean) ?? null;
  const vs = versions(f);
  const last = vs?.length ? vs[vs.length - 1]! : null;
  const updateDate = f.str('update_date');
  if (f.problem) return reject(f.problem);
  return {
    ok: true,
    record: {
      id: id!,
      title: title!,
      abstract: normaliseText(f.str('abstract')),
      authors,
      categories,
      primaryCategory: categories?.[0] ?? null,
      versions: vs,
      publishedAt: vs?.find((v) => v.version === 1)?.date ?? null,
      updatedAt: last?.date ?? isoDate(updateDate),
      comment: normaliseText(f.str('comments')),
      journalRef: normaliseTitle(f.str('journal-ref')),
      doi: normaliseTitle(f.str('doi')),
      reportNo: normaliseTitle(f.str('report-no')),
      license: normaliseTitle(f.str('license')),
      source: { name: 'arxiv-snapshot', origin: source, raw },
    },
  };
}

/**
 * The public arXiv metadata snapshot (one JSON object per line, as Kaggle and the arXiv bulk
 * dataset publish it). Streams line by line, so the multi-gigabyte full snapshot imports in
 * bounded memory; a bad line is a problem at `file:line` and the rest still import.
 */
export const format: FileFormat = {
  name: 'arxiv-snapshot',
  label: 'arXiv metadata snapshot (JSON lines)',
  sniff(head) {
    const first = firstJsonObject(head);
    if (!first) return false;
    return 'authors_parsed' in first || ('versions' in first && 'update_date' in first);
  },
  async *parse(input, origin) {
    for await (const item of jsonLines(input, origin)) yield item.ok ? snapshotRecord(item.value, item.raw, item.source) : item;
  },
};
