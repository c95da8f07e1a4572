import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PaperRecord, ParseResult } from '../src/model/paper-record.js';
import { parseAtomPage } from '../src/ingest/arxiv-api/atom-page.js';
import { parseOaiPage } from '../src/ingest/arxiv-oai/oai-page.js';
import { OAI_ERRORS } from '../src/ingest/arxiv-oai/oai-errors.js';
import { splitAuthorList } from '../src/ingest/arxiv-oai/author-list.js';
import { parseRss } from '../src/ingest/arxiv-rss/rss-page.js';
import { rssAbstract } from '../src/ingest/arxiv-rss/rss-item.js';
import { format as apiFormat } from '../src/ingest/arxiv-api/format.js';
import { format as oaiFormat } from '../src/ingest/arxiv-oai/format.js';
import { format as rssFormat } from '../src/ingest/arxiv-rss/format.js';
import type { FileFormat } from '../src/ingest/format.js';
import { fixture } from './helpers/harvest-server.js';

function records(results: readonly ParseResult[]): PaperRecord[] {
  return results.map((r) => {
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    return r.record;
  });
}

async function* oneChunk(text: string): AsyncIterable<string> {
  yield text;
}

async function parseFile(format: FileFormat, path: string): Promise<ParseResult[]> {
  const text = fixture(path);
  assert.ok(format.sniff(text.slice(0, 65536), path), `${format.name} owns ${path}`);
  const out: ParseResult[] = [];
  for await (const r of format.parse(oneChunk(text), path)) out.push(r);
  return out;
}

describe('arXiv API (Atom)', () => {
  it('maps every field of an entry', () => {
    const page = parseAtomPage(fixture('atom/cs.CL-start-0.xml'), 'http://x/api?start=0');
    assert.equal(page.error, undefined);
    assert.deepEqual([page.totalResults, page.startIndex, page.itemsPerPage], [5, 0, 2]);
    const [a, b] = records(page.results);
    assert.equal(a!.id, '2506.01005');
    assert.equal(a!.title, 'Sparse Mixtures of Tokenizers for Low-Resource Translation');
    assert.match(a!.abstract!, /^We study tokenizer choice for translation between languages with little parallel data\. A sparse/);
    assert.deepEqual(a!.authors, ['Amara Okafor', 'Jonas Brandt', 'Mei-Ling Chou']);
    assert.deepEqual(a!.categories, ['cs.CL', 'cs.LG']);
    assert.equal(a!.primaryCategory, 'cs.CL');
    assert.deepEqual(a!.versions, [{ version: 1, date: '2025-06-02T08:00:11.000Z' }, { version: 3, date: '2025-06-09T17:45:02.000Z' }]);
    assert.equal(a!.publishedAt, '2025-06-02T08:00:11.000Z');
    assert.equal(a!.updatedAt, '2025-06-09T17:45:02.000Z');
    assert.equal(a!.comment, '12 pages, 4 figures; v3: fixed Table 2');
    assert.equal(a!.journalRef, 'Proceedings of WMT 2025, pp. 101-113');
    assert.equal(a!.doi, '10.18653/v1/2025.wmt-1.9');
    assert.equal(a!.absUrl, 'https://arxiv.org/abs/2506.01005');
    assert.equal(a!.pdfUrl, 'https://arxiv.org/pdf/2506.01005');
    assert.equal(a!.source.name, 'arxiv-api');
    assert.equal(a!.source.origin, 'http://x/api?start=0#1');
    assert.ok(a!.source.raw.startsWith('<entry>') && a!.source.raw.includes('<arxiv:affiliation>University of Lagos'));
    assert.deepEqual(b!.versions, [{ version: 1, date: '2025-06-02T07:31:50.000Z' }]);
  });

  it('turns the error feed into a clear error and an empty result into zero records', () => {
    const err = parseAtomPage(fixture('atom/error-bad-id.xml'), 'u');
    assert.deepEqual(err.results, []);
    assert.equal(err.error?.message, 'arXiv API error: incorrect id format for 2506.x');
    const empty = parseAtomPage(fixture('atom/empty.xml'), 'u');
    assert.deepEqual([empty.results.length, empty.totalResults, empty.error], [0, 0, undefined]);
    assert.match(parseAtomPage('<html><body>503</body></html>', 'u').error!.message, /not an Atom feed/);
  });

  it('imports a saved feed as a file format', async () => {
    const results = await parseFile(apiFormat, 'atom/cs.CL-start-2.xml');
    assert.deepEqual(records(results).map((r) => r.id), ['2506.01003', '2506.01002']);
    assert.equal(records(results)[1]!.primaryCategory, 'cs.AI');
    const err = await parseFile(apiFormat, 'atom/error-bad-id.xml');
    assert.ok(!err[0]!.ok && /incorrect id format/.test(err[0]!.problem.message));
    assert.equal(apiFormat.sniff(fixture('rss/cs.AI+cs.CL.xml'), 'x.xml'), false);
  });
});

describe('arXiv OAI-PMH', () => {
  it('maps arXivRaw records: author line, every version, several DOIs', () => {
    const page = parseOaiPage(fixture('oai/raw-from-2024-01-01.xml'), 'http://x/oai');
    assert.deepEqual(page.datestamps, ['2024-01-01', '2024-01-02']);
    assert.deepEqual(page.resumptionToken, { token: '7110|1001', cursor: 0, completeListSize: 6 });
    assert.equal(page.responseDate, '2024-01-06T10:00:00Z');
    const [a, b] = records(page.results);
    assert.equal(a!.title, 'Counting Words in Very Large Corpora');
    assert.deepEqual(a!.authors, ['Ada Byron', 'Charles Babbage', 'Mary Somerville']);
    assert.equal(a!.abstract, 'We count words in corpora of a trillion tokens using a sketch that fits in one megabyte.');
    assert.equal(a!.license, 'http://creativecommons.org/licenses/by/4.0/');
    assert.equal(a!.source.name, 'arxiv-oai-raw');
    assert.equal(b!.id, '2401.00102');
    assert.deepEqual(b!.versions, [{ version: 1, date: '2024-01-01T11:00:00.000Z' }, { version: 2, date: '2024-01-02T09:30:00.000Z' }]);
    assert.deepEqual([b!.publishedAt, b!.updatedAt], ['2024-01-01T11:00:00.000Z', '2024-01-02T09:30:00.000Z']);
    assert.deepEqual(b!.categories, ['cs.DS', 'cs.DC']);
    assert.equal(b!.primaryCategory, 'cs.DS');
    assert.deepEqual([b!.reportNo, b!.journalRef, b!.doi], ['TR-2024-07', 'J. Parallel Algorithms 3 (2024) 1-20', '10.1000/jpa.2024.1']);
    assert.ok(b!.source.raw.includes('<doi>10.1000/jpa.2024.1 10.1000/jpa.2024.1e</doi>'));
    const last = parseOaiPage(fixture('oai/raw-token-7110-1003.xml'), 'u');
    assert.equal(last.resumptionToken, undefined, 'an empty token ends the list');
    assert.equal(records(last.results)[0]!.id, 'cs/9901001');
  });

  it('maps arXiv records: structured authors, created/updated, deleted records skipped', () => {
    const page = parseOaiPage(fixture('oai/arxiv-list.xml'), 'u');
    assert.deepEqual(page.datestamps, ['2024-03-04', '2024-03-04', '2024-03-05']);
    const [a, b] = records(page.results);
    assert.equal(page.results.length, 2);
    assert.deepEqual(a!.authors, ['Planck Collaboration', 'Elena García-Márquez', 'Martin L. King Jr']);
    assert.equal(a!.title, 'Horizon Entropy from Boundary Conditions');
    assert.equal(a!.abstract, 'We derive the entropy of a horizon from boundary conditions & symmetry alone, with no reference to the interior.');
    assert.deepEqual([a!.publishedAt, a!.updatedAt], ['2024-02-28T00:00:00.000Z', '2024-03-03T00:00:00.000Z']);
    assert.deepEqual([a!.reportNo, a!.doi, a!.primaryCategory], ['CERN-TH-2024-031', '10.1103/PhysRevD.109.064001', 'hep-th']);
    assert.equal(a!.source.name, 'arxiv-oai');
    assert.equal(b!.id, 'hep-th/9901001');
    assert.equal(b!.absUrl, 'https://arxiv.org/abs/hep-th/9901001');
  });

  it('explains every OAI-PMH error code; noRecordsMatch is zero records', async () => {
    for (const code of Object.keys(OAI_ERRORS)) {
      const page = parseOaiPage(fixture(`oai/error-${code}.xml`), 'u');
      assert.equal(page.error?.code, code);
      assert.match(page.error!.message, new RegExp(`^OAI-PMH error ${code}: .+ \\(repository said: ".+"\\)$`));
      assert.deepEqual(page.results, []);
    }
    assert.match(parseOaiPage(fixture('oai/error-cannotDisseminateFormat.xml'), 'u').error!.message, /--prefix arXiv or arXivRaw/);
    assert.deepEqual(await parseFile(oaiFormat, 'oai/error-noRecordsMatch.xml'), []);
    const bad = await parseFile(oaiFormat, 'oai/error-badVerb.xml');
    assert.ok(!bad[0]!.ok && /badVerb/.test(bad[0]!.problem.message));
  });

  it('imports saved responses of both formats as one file format', async () => {
    const raw = records(await parseFile(oaiFormat, 'oai/raw-from-2024-01-02.xml'));
    assert.deepEqual(raw.map((r) => [r.id, r.source.name, r.source.origin]), [
      ['2401.00102', 'arxiv-oai-raw', 'oai/raw-from-2024-01-02.xml#1'],
      ['2401.00103', 'arxiv-oai-raw', 'oai/raw-from-2024-01-02.xml#2'],
      ['2401.00104', 'arxiv-oai-raw', 'oai/raw-from-2024-01-02.xml#3'],
    ]);
    assert.deepEqual(records(await parseFile(oaiFormat, 'oai/arxiv-list.xml')).map((r) => r.source.name), ['arxiv-oai', 'arxiv-oai']);
  });

  it('splits author lines without breaking affiliations', () => {
    assert.deepEqual(splitAuthorList('A. One, B. Two (MIT, Cambridge), and C. Three'), ['A. One', 'B. Two', 'C. Three']);
    assert.deepEqual(splitAuthorList('Valeria M. Rosa and Patricio S.\n  Letelier'), ['Valeria M. Rosa', 'Patricio S. Letelier']);
    assert.deepEqual(splitAuthorList(''), []);
  });
});

describe('arXiv RSS', () => {
  it('maps items with announce types, abstracts, authors and categories', () => {
    const page = parseRss(fixture('rss/cs.AI+cs.CL.xml'), 'http://x/rss/cs.AI+cs.CL');
    assert.equal(page.error, undefined);
    assert.deepEqual(page.announceTypes, ['new', 'cross', 'replace', 'replace-cross']);
    const [neu, cross, replace] = records(page.results);
    assert.equal(neu!.id, '2506.07001');
    assert.match(neu!.abstract!, /^Language agents plan poorly when the world is only partly visible\. We add a belief state that the agent updates after/);
    assert.deepEqual(neu!.authors, ['Sofia Rossi', 'Kwame Asante', 'Yuki Tanaka']);
    assert.deepEqual(neu!.versions, [{ version: 1, date: null }]);
    assert.equal(neu!.publishedAt, '2025-06-10T04:00:00.000Z');
    // The feed's pubDate is the announcement, so the record says the date is a listing's.
    assert.deepEqual([neu!.publishedFrom, replace!.publishedFrom], ['listing', undefined]);
    assert.equal(neu!.license, 'http://creativecommons.org/licenses/by/4.0/');
    assert.deepEqual([cross!.categories, cross!.primaryCategory], [['eess.AS', 'cs.CL', 'cs.SD'], 'eess.AS']);
    assert.equal(cross!.abstract, 'We compare eleven speech tokenizers on forty languages & find none best everywhere.');
    assert.deepEqual(replace!.versions, [{ version: 3, date: null }]);
    assert.deepEqual([replace!.publishedAt, replace!.updatedAt], [null, '2025-06-10T04:00:00.000Z']);
    assert.deepEqual([replace!.doi, replace!.journalRef], ['10.1162/tacl_a_00999', 'Transactions of the ACL 13 (2025) 1-18']);
    assert.deepEqual(replace!.authors, ['Dana Levi', 'Marco Bianchi', 'Chen Jie']);
    assert.equal(replace!.source.name, 'arxiv-rss');
    assert.ok(replace!.source.raw.includes('<arxiv:announce_type>replace</arxiv:announce_type>'));
  });

  it('extracts the abstract from the description and imports a saved feed', async () => {
    assert.equal(rssAbstract('arXiv:2504.17830v1 Announce Type: new \nAbstract: We introduce\n a thing.'), 'We introduce a thing.');
    const results = records(await parseFile(rssFormat, 'rss/cs.AI+cs.CL.xml'));
    assert.equal(results.length, 4);
    assert.equal(rssFormat.sniff(fixture('oai/arxiv-list.xml'), 'x.xml'), false);
  });
});
