import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaperRecord, Problem } from '../src/model/paper-record.js';
import { FILE_FORMATS } from '../src/ingest/formats.js';
import { listFiles, openText, readHead } from '../src/ingest/read-file.js';
import { collectionName, lineRecord, paperId } from '../src/ingest/jsonl/format.js';
import { listedDate, listingDay } from '../src/ingest/jsonl/listing-day.js';
import { parseJson } from '../src/ingest/json-position.js';
import { entryRecord } from '../src/ingest/hf-daily/entry-record.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));

/** Sniffs and parses one fixture the way `import` does. */
async function parseFixture(rel: string): Promise<{ format: string | null; records: PaperRecord[]; problems: Problem[] }> {
  const { files } = await listFiles([join(FIXTURES, rel)]);
  assert.equal(files.length, 1);
  const file = files[0]!;
  const head = await readHead(file);
  const fmt = FILE_FORMATS.find((f) => f.sniff(head, basename(file.path)));
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  if (fmt) for await (const r of fmt.parse(openText(file), file.path)) r.ok ? records.push(r.record) : problems.push(r.problem);
  return { format: fmt?.name ?? null, records, problems };
}

describe('hf-daily format', () => {
  it('tidies the blanks of organization and submitter names typed by hand', () => {
    const entry = {
      paper: { id: '2506.90003', title: 'T', submittedOnDailyBy: { user: 'u', fullname: '  Ana   Ruiz ' } },
      organization: { name: 'shanghai-ailab', fullname: 'shanghai ailab ' },
    };
    const r = entryRecord(entry, { origin: 'day.json', index: 0, line: 1, fileDay: '2025-06-10' });
    assert.ok(r.ok);
    assert.equal(r.record.organization!.fullname, 'shanghai ailab');
    assert.equal(r.record.listing!.submitterName, 'Ana Ruiz');
    const blank = entryRecord({ ...entry, organization: { name: 'x', fullname: '   ' } }, { origin: 'day.json', index: 1, line: 2, fileDay: null });
    assert.ok(blank.ok);
    assert.equal(blank.record.organization!.fullname, null);
  });

  it('maps every daily_papers field of a good file', async () => {
    const { format, records, problems } = await parseFixture('hf-daily/2025-06-10.json');
    assert.equal(format, 'hf-daily');
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    const r = records[0]!;
    assert.equal(r.id, '2506.90001');
    assert.equal(r.title, 'Sparse Mixtures for Tiny Language Models');
    assert.match(r.abstract!, /^We study sparse mixtures of experts for language models with fewer than one hundred/);
    assert.ok(!r.abstract!.includes('\n'));
    assert.deepEqual(r.authors, ['Mira Okafor', 'Tomas Lindqvist']);
    assert.equal(r.publishedAt, '2025-06-09T17:30:00.000Z');
    assert.equal(r.upvotes, 42);
    assert.equal(r.githubRepo, 'https://github.com/example/sparse-tiny');
    assert.equal(r.githubStars, 310);
    assert.equal(r.projectPage, 'https://sparse-tiny.example.org/');
    assert.equal(r.aiSummary, 'Frequency-routed sparse experts match dense small language models at lower compute.');
    assert.deepEqual(r.aiKeywords, ['mixture of experts', 'small language models', 'token routing']);
    assert.deepEqual(r.organization, { name: 'Example-Lab', fullname: 'Example Lab', avatarUrl: 'https://cdn-avatars.example.org/example-lab.png' });
    assert.equal(r.numComments, 3);
    assert.equal(r.thumbnail, 'https://cdn-thumbnails.example.org/papers/2506.90001.png');
    assert.deepEqual(r.listing, { day: '2025-06-10', submittedBy: 'tlindqvist', submitterName: 'Tomas Lindqvist', submittedAt: '2025-06-10T01:15:42.100Z', position: 0 });
    assert.equal(r.source.name, 'hf-daily');
    assert.equal(r.source.origin, `${join(FIXTURES, 'hf-daily/2025-06-10.json')}:2`);
    assert.equal(JSON.parse(r.source.raw).paper.id, '2506.90001');
    const r2 = records[1]!;
    assert.equal(r2.organization, null);
    assert.equal(r2.githubRepo, null);
    assert.equal(r2.listing?.submittedBy, 'praman');
    assert.match(r2.source.origin, /2025-06-10\.json:88$/);
  });

  it('takes the listing day from submittedOnDailyAt when the file name has no date', async () => {
    const { records } = await parseFixture('hf-undated/trending.json');
    assert.equal(records[0]!.listing?.day, '2025-06-12');
    assert.equal(records[0]!.listing?.submittedBy, 'iduarte');
  });

  it('reads entries saved as Python-repr strings, plain or wrapped in {status, data}', async () => {
    const plain = await parseFixture('hf-daily/2024-12-11.json');
    assert.equal(plain.format, 'hf-daily');
    assert.deepEqual(plain.problems, []);
    assert.deepEqual(plain.records.map((r) => r.id), ['2412.90010', '2412.90011']);
    const [r] = plain.records;
    assert.equal(r!.title, 'A Broken Archive Entry');
    assert.deepEqual(r!.authors, ['Lena Vogt']);
    assert.equal(r!.upvotes, 9);
    assert.equal(r!.numComments, 1);
    assert.equal(r!.thumbnail, null);
    assert.equal(r!.listing?.day, '2024-12-11');
    assert.equal(r!.listing?.submittedBy, 'lvogt');
    assert.match(r!.source.origin, /2024-12-11\.json:2$/);
    assert.equal((JSON.parse(r!.source.raw) as { isAuthorParticipating: unknown }).isAuthorParticipating, true);
    const wrapped = await parseFixture('hf-daily/2025-01-10.json');
    assert.deepEqual(wrapped.problems, []);
    assert.deepEqual(wrapped.records.map((x) => [x.id, x.title, x.listing?.day]), [['2501.90020', 'Wrapped And Broken', '2025-01-10']]);
  });

  it('decodes quotes, backslashes and escapes of repr strings, and JSON text saved as a string', async () => {
    const { records } = await parseFixture('hf-repr/2024-12-20.json');
    const [r, json] = records;
    assert.equal(r!.title, "Don't Stop: <b>Bold</b> & \\LaTeX $\\alpha < 1$");
    assert.deepEqual(r!.authors, ["Zo\u00eb O'Brien", 'Wei "Will" Zhang']);
    assert.match(r!.abstract ?? '', /^Line one\s+line two, tab\s+here \u2014 caf\u00e9\.$/);
    assert.deepEqual(r!.aiKeywords, ['repr', 'recovery']);
    assert.equal(r!.githubStars, null);
    assert.equal(r!.listing?.submitterName, "Zo\u00eb O'Brien");
    assert.deepEqual([json!.id, json!.title, json!.abstract], ['2412.90031', 'Saved as JSON text', 'Double encoded.']);
  });

  it('rejects a string entry that is not a literal, naming file:line and the character, and keeps the rest', async () => {
    const file = join(FIXTURES, 'hf-repr/2024-12-20.json');
    const { records, problems } = await parseFixture('hf-repr/2024-12-20.json');
    assert.equal(records.length, 2);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.source, `${file}:4`);
    const third = (JSON.parse(readFileSync(file, 'utf8')) as string[])[2]!;
    assert.equal(problems[0]!.message,
      `entry #2: a string that is neither JSON nor a Python literal (unexpected "d" at character ${third.indexOf('datetime.') + 1})`);
  });

  it('rejects bad entries naming the entry and field, keeping the good ones', async () => {
    const { records, problems } = await parseFixture('hf-bad/2025-06-11.json');
    assert.deepEqual(records.map((r) => r.id), ['2506.90003']);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!.source, /2025-06-11\.json:15$/);
    assert.equal(problems[0]!.message, 'entry #1: paper.id: missing');
    assert.match(problems[1]!.source, /2025-06-11\.json:27$/);
    assert.equal(problems[1]!.message, 'entry #2: paper.upvotes: expected a number, got a string');
  });

  it('reports invalid JSON at its line and column', async () => {
    const { records, problems } = await parseFixture('hf-bad/2025-06-12.json');
    assert.equal(records.length, 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.source, /2025-06-12\.json:7:5$/);
    assert.match(problems[0]!.message, /^invalid JSON/);
  });
});

describe('arxiv-snapshot format', () => {
  it('maps snapshot lines with versions, categories and parsed authors', async () => {
    const { format, records, problems } = await parseFixture('snapshot/arxiv-metadata-oai-snapshot.json');
    assert.equal(format, 'arxiv-snapshot');
    assert.deepEqual(problems, []);
    const [a, b, c] = records;
    assert.equal(a!.id, '2506.90001');
    assert.equal(a!.title, 'Sparse Mixtures for Tiny Language Models');
    assert.deepEqual(a!.authors, ['Mira Okafor', 'Tomas Lindqvist']);
    assert.deepEqual(a!.categories, ['cs.CL', 'cs.LG']);
    assert.equal(a!.primaryCategory, 'cs.CL');
    assert.deepEqual(a!.versions, [{ version: 1, date: '2025-06-09T17:30:00.000Z' }, { version: 2, date: '2025-06-13T08:00:00.000Z' }]);
    assert.equal(a!.publishedAt, '2025-06-09T17:30:00.000Z');
    assert.equal(a!.updatedAt, '2025-06-13T08:00:00.000Z');
    assert.equal(a!.comment, '12 pages, 4 figures');
    assert.equal(a!.license, 'http://creativecommons.org/licenses/by/4.0/');
    assert.match(a!.abstract!, /^We study sparse mixtures/);
    assert.match(a!.source.origin, /arxiv-metadata-oai-snapshot\.json:1$/);
    assert.equal(b!.id, 'hep-th/9912345');
    assert.deepEqual(b!.authors, ['R. Alvarez', 'J. König', 'P. Smith Jr']);
    assert.equal(b!.journalRef, 'J. Toy Phys. 12 (2000) 345-367');
    assert.equal(b!.doi, '10.0000/jtp.2000.345');
    assert.equal(b!.reportNo, 'TOY-TH-99-01');
    assert.equal(b!.primaryCategory, 'hep-th');
    assert.deepEqual(c!.authors, ['Ana Silva', 'Bo Chen']);
  });
});

describe('jsonl format', () => {
  it('prefixes non-arXiv ids with the collection and reports bad lines at file:line', async () => {
    const { format, records, problems } = await parseFixture('minicacm/corpus.jsonl');
    assert.equal(format, 'jsonl');
    assert.deepEqual(records.map((r) => r.id), ['minicacm:1', 'minicacm:2', 'minicacm:4']);
    assert.deepEqual(records[0]!.authors, ['Doe, J. Q.', 'Roe, R.']);
    assert.equal(records[0]!.abstract, null);
    assert.equal(records[0]!.publishedAt, '1958-01-01T00:00:00.000Z');
    assert.equal(records[1]!.abstract, 'A method for digital computers.');
    assert.deepEqual(records[2]!.authors, ['A. One', 'B. Two', 'C. Three']);
    assert.deepEqual(problems.map((p) => p.source.slice(FIXTURES.length)), ['minicacm/corpus.jsonl:3', 'minicacm/corpus.jsonl:6']);
    assert.match(problems[0]!.message, /^invalid JSON/);
    assert.equal(problems[1]!.message, 'title: expected a string, got a number');
  });

  it('keeps arXiv ids and maps the daily feed fields', async () => {
    const { records } = await parseFixture('daily/2025-06-10.jsonl');
    const r = records[0]!;
    assert.equal(r.id, '2506.90001');
    assert.deepEqual(r.categories, ['cs.CL', 'cs.LG']);
    assert.equal(r.pdfUrl, 'https://arxiv.org/pdf/2506.90001');
    assert.equal(r.absUrl, 'https://arxiv.org/abs/2506.90001');
    assert.equal(r.comment, '12 pages, 4 figures');
    assert.equal(records[1]!.comment, null);
    assert.equal(records[1]!.abstract, 'Towel folding with learned policies.');
    // The feed's records carry no date: the file is named after the day arXiv listed them.
    assert.deepEqual(records.map((x) => x.publishedAt), ['2025-06-10T00:00:00.000Z', '2025-06-10T00:00:00.000Z']);
    assert.deepEqual(records.map((x) => x.publishedFrom), ['listing', 'listing']);
  });

  it('dates a record by its file name only where that listing can be the first announcement', () => {
    assert.equal(listingDay('/feeds/2025-03-18.jsonl.gz'), '2025-03-18');
    assert.equal(listingDay('2025-03-18_cs.jsonl'), '2025-03-18');
    for (const name of ['/2025-03-18/corpus.jsonl', 'corpus.jsonl', 'feed-2025-03-18.jsonl', '2025-02-30.jsonl', '2025-03-180.jsonl', '20250318.jsonl']) {
      assert.equal(listingDay(name), null, name);
    }
    assert.equal(listedDate('2503.11731', '2025-03-18'), '2025-03-18T00:00:00.000Z');
    // Submitted at the end of March, announced in the first days of April.
    assert.equal(listedDate('2503.11731', '2025-04-02'), '2025-04-02T00:00:00.000Z');
    // Listed again later (a new version, a cross-list): that day is not when the paper appeared.
    assert.equal(listedDate('2503.11731', '2025-04-09'), null);
    assert.equal(listedDate('2401.00001', '2025-03-18'), null);
    // Listed before its id's month can exist: a misnamed file, not a date.
    assert.equal(listedDate('2503.11731', '2025-02-27'), null);
    assert.equal(listedDate('hep-th/9901001', '1999-01-05'), '1999-01-05T00:00:00.000Z');
    assert.equal(listedDate('cacm:12', '1999-01-05'), null);
    assert.equal(listedDate('2503.11731', null), null);
    // A date the line states wins over the file's.
    const stated = lineRecord({ id: '2503.11731', title: 'T', published: '2025-03-14T09:00:00Z' }, '', 'f:1', 'c', '2025-03-18');
    assert.ok(stated.ok && stated.record.publishedAt === '2025-03-14T09:00:00.000Z' && stated.record.publishedFrom === undefined);
  });

  it('derives ids from the directory name and arXiv forms', () => {
    assert.equal(collectionName('/data/eval/CACM/corpus.jsonl'), 'cacm');
    assert.equal(paperId('12', 'cacm'), 'cacm:12');
    assert.equal(paperId('arXiv:2501.00001v2', 'cacm'), '2501.00001');
    assert.equal(paperId('cisi:7', 'cacm'), 'cisi:7');
  });

  it('ignores an implausible year but rejects one of the wrong type', () => {
    const odd = lineRecord({ id: 7, title: 'T', year: 801 }, '', 'f.jsonl:1', 'c');
    assert.ok(odd.ok && odd.record.id === 'c:7' && odd.record.publishedAt == null);
    const text = lineRecord({ id: '8', title: 'T', year: '1999' }, '', 'f.jsonl:2', 'c');
    assert.ok(text.ok && text.record.publishedAt === '1999-01-01T00:00:00.000Z');
    const bad = lineRecord({ id: '9', title: 'T', year: 'soon' }, '', 'f.jsonl:3', 'c');
    assert.deepEqual(bad, { ok: false, problem: { source: 'f.jsonl:3', message: 'year: expected a year, got "soon"' } });
  });
});

describe('format detection', () => {
  it('leaves files no format owns unclaimed', async () => {
    const { format } = await parseFixture('unknown/notes.txt');
    assert.equal(format, null);
  });

  it('locates JSON errors by line and column', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": tru\n}');
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual([r.line, r.column], [3, 8]);
    const end = parseJson('[1, 2');
    if (!end.ok) assert.deepEqual([end.line, end.column], [1, 6]);
  });
});
