import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { TEST_BASE_URL, webAppWith } from './helpers/web-app.js';
import { escapeBibtex, paperBibtex, citationKey } from '../src/web/feeds/bibtex-export.js';
import { escapeMarkdown, paperMarkdown } from '../src/web/feeds/markdown-export.js';
import { citationMeta } from '../src/web/views/citation-meta.js';
import { rowToPaper, type PaperRow } from '../src/model/paper-row.js';

const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> </textarea>';

function row(fields: Partial<PaperRow>): PaperRow {
  return {
    ...rowToPaper({ paper_id: '2501.00001', title: 'T', authors: '["Ada Lovelace","Alan Turing"]', categories: '["cs.CL"]', versions: '[]', upvotes: 0, num_comments: 0 }),
    ...fields,
  };
}

/** Whether braces balance the way BibTeX counts them (a `\{` escape is not a group). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') { i++; continue; }
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('BibTeX export', () => {
  it('escapes braces, backslashes, %, & and the other LaTeX specials', () => {
    assert.equal(escapeBibtex('50% & {x} \\cite $a_b^c$ #1 ~'), '50\\% \\& \\{x\\} \\textbackslash{}cite \\$a\\_b\\^{}c\\$ \\#1 \\textasciitilde{}');
  });

  it('writes @misc with arXiv eprint fields, and @article when there is a journal reference', () => {
    const misc = paperBibtex(row({ title: 'On {Unbalanced} $\\mathcal{O}(n)$ 100% & }', publishedAt: '2025-03-17T00:00:00.000Z', primaryCategory: 'cs.CL', doi: '10.1/x_{y}' }));
    assert.match(misc, /^@misc\{lovelace2025unbalanced,\n/);
    assert.match(misc, /  eprint\s+= \{2501\.00001\},/);
    assert.match(misc, /  archivePrefix = \{arXiv\},/);
    assert.match(misc, /  primaryClass\s+= \{cs\.CL\},/);
    assert.match(misc, /  author\s+= \{Ada Lovelace and Alan Turing\},/);
    assert.match(misc, /  month\s+= mar,/);
    assert.match(misc, /  doi\s+= \{10\.1\/x_y\},/);
    assert.match(misc, /  url\s+= \{https:\/\/arxiv\.org\/abs\/2501\.00001\}\n\}\n$/);
    assert.ok(balanced(misc), misc);
    const article = paperBibtex(row({ journalRef: 'Phys. Rev. D 12 & 13', authors: ['Smith and Wesson'] }));
    assert.match(article, /^@article\{/);
    assert.match(article, /  journal\s+= \{Phys\. Rev\. D 12 \\& 13\},/);
    assert.match(article, /  author\s+= \{\{Smith and Wesson\}\},/);
  });

  it('falls back to an id-based key when no author is named', () => {
    assert.equal(citationKey(row({ paperId: 'hep-th/9901001', authors: [], title: 'A' })), 'arxivhepth9901001');
    assert.equal(citationKey(row({ paperId: '2501.00001', authors: [], title: 'Analytical engines', publishedAt: '2025-01-02T00:00:00.000Z' })), 'arxiv250100001');
  });

  it('cites the month of the arXiv id when only a daily listing dated the paper, or nothing did', () => {
    // Submitted in December 2024 (id 2412.x), first listed on 2 January 2025.
    const listed = paperBibtex(row({ paperId: '2412.09999', publishedAt: '2025-01-02T00:00:00.000Z', publishedFrom: 'listing' }));
    assert.match(listed, /^@misc\{lovelace2024/);
    assert.match(listed, /  year\s+= \{2024\},\n  month\s+= dec,/);
    const sourced = paperBibtex(row({ paperId: '2412.09999', publishedAt: '2025-01-02T00:00:00.000Z', publishedFrom: 'source' }));
    assert.match(sourced, /  year\s+= \{2025\},\n  month\s+= jan,/);
    const undated = paperBibtex(row({ paperId: 'hep-th/9901001', publishedAt: null }));
    assert.match(undated, /  year\s+= \{1999\},\n  month\s+= jan,/);
    assert.doesNotMatch(paperBibtex(row({ paperId: 'cacm:12', publishedAt: null })), /year/);
  });
});

describe('Markdown export', () => {
  it('escapes Markdown and HTML so every character shows as written', () => {
    assert.equal(escapeMarkdown('*a* _b_ [c](d) <e> `f` \\g'), '\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\<e\\> \\`f\\` \\\\g');
    const md = paperMarkdown(row({ title: `Title ${HOSTILE}`, abstract: 'We show $x<y$.\n\n1. Not a list.', githubRepo: 'javascript:alert(1)' }), TEST_BASE_URL);
    assert.match(md, /^# Title \\<script\\>alert\\\(1\\\)\\<\/script\\>/);
    assert.match(md, /\*\*Authors:\*\* Ada Lovelace, Alan Turing/);
    assert.match(md, /- arXiv: <https:\/\/arxiv\.org\/abs\/2501\.00001>/);
    assert.match(md, /- paperboy: <https:\/\/papers\.example\.org\/papers\/2501\.00001>/);
    assert.doesNotMatch(md, /javascript:/);
    assert.match(md, /## Abstract\n\nWe show \\\$x\\<y\\\$\.\n\n1\\\. Not a list\.\n$/);
  });
});

describe('citation meta tags', () => {
  it('gives the tags Zotero reads, escaped, one citation_author per author', () => {
    const tags = citationMeta(row({ title: `A "quoted" ${HOSTILE}`, authors: ['Ada Lovelace', 'O\'Brien & Co'], publishedAt: '2025-03-17T17:59:00.000Z', doi: '10.1/abc', journalRef: 'Nature 1' })).value;
    const metas = [...tags.matchAll(/<meta name="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(metas.filter(([n]) => n !== 'citation_abstract' && n !== 'citation_online_date'), [
      ['citation_title', 'A &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;/textarea&gt;'],
      ['citation_author', 'Ada Lovelace'],
      ['citation_author', 'O&#39;Brien &amp; Co'],
      ['citation_publication_date', '2025/03/17'],
      ['citation_arxiv_id', '2501.00001'],
      ['citation_pdf_url', 'https://arxiv.org/pdf/2501.00001'],
      ['citation_doi', '10.1/abc'],
      ['citation_journal_title', 'Nature 1'],
    ]);
    assert.doesNotMatch(tags, /<script|<img/);
    assert.doesNotMatch(citationMeta(row({})).value, /citation_doi|citation_journal_title|citation_publication_date/);
  });
});

for (const backend of backends()) {
  describe(`paper export routes (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [
        paperRecord('2501.00001', { title: `Export ${HOSTILE}`, doi: '10.5555/x' }),
        paperRecord('hep-th/9901001', { title: 'Old style', journalRef: 'Nucl. Phys. B 1 (1999)' }),
      ]);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('serves Markdown and BibTeX with their types, for new- and old-style ids and versioned ids', async () => {
      const md = await app.inject('/papers/2501.00001.md');
      assert.equal(md.statusCode, 200);
      assert.equal(md.headers['content-type'], 'text/markdown; charset=utf-8');
      assert.match(md.body, /^# Export \\<script\\>/);
      const bib = await app.inject('/papers/2501.00001v2.bib');
      assert.equal(bib.statusCode, 200);
      assert.equal(bib.headers['content-type'], 'application/x-bibtex; charset=utf-8');
      assert.match(bib.body, /eprint\s+= \{2501\.00001\}/);
      assert.match(bib.headers['content-disposition'] as string, /filename="2501\.00001\.bib"/);
      const old = await app.inject('/papers/hep-th/9901001.bib');
      assert.equal(old.statusCode, 200);
      assert.match(old.body, /^@article\{/);
      assert.match(old.body, /eprint\s+= \{hep-th\/9901001\}/);
      assert.equal((await app.inject('/papers/hep-th%2F9901001.md')).statusCode, 200);
    });

    it('answers 404 for unknown ids', async () => {
      for (const url of ['/papers/2999.99999.md', '/papers/nope/0000000.bib', '/papers/%3Cscript%3E.bib']) {
        const res = await app.inject(url);
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, /<script/);
      }
    });
  });
}
