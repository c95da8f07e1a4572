import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { PaperRow } from '../src/model/paper-row.js';
import type { DigestCandidate } from '../src/store/digest-candidates.js';
import { digestPeriod } from '../src/email/digest-period.js';
import { digestMail } from '../src/email/digest-message.js';

// Writes docs/screenshots/digest-light.png and digest-dark.png: a rendered digest as Chromium shows
// it with prefers-color-scheme light and dark (`node dist/bench/digest-screenshots.js`).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env['PAPERBOY_CHROMIUM'] ?? '/usr/bin/chromium';

function paper(id: string, f: Partial<PaperRow> & { org?: string }): DigestCandidate {
  const row: PaperRow = {
    paperId: id, title: '', abstract: null, authors: [], primaryCategory: 'cs.LG', categories: ['cs.LG'], versions: [], latestVersion: 1,
    publishedAt: '2025-03-17T17:59:00Z', publishedFrom: 'source', updatedAt: null, comment: null, journalRef: null, doi: null, reportNo: null, license: null,
    absUrl: null, pdfUrl: null, githubRepo: null, githubStars: null, projectPage: null, organization: null, aiSummary: null, aiKeywords: null,
    upvotes: 0, numComments: 0, votesKnown: true, thumbnail: null, ...f,
  };
  return { ...row, rowId: 0, organizationName: f.org ?? null, organizationFullname: f.org ?? null, organizationAvatar: null, score: 0 };
}

const top = [
  paper('2503.10001', { title: 'Scaling test-time compute with learned verifiers', upvotes: 87, org: 'Open Research Lab', githubRepo: 'https://github.com/openlab/verifiers',
    authors: ['Mira Okafor', 'Jonas Lindqvist', 'Priya Raman', 'Tomás Herrera', 'Lea Vogel', 'Kenji Sato'],
    abstract: 'Spending more computation at inference time can improve the accuracy of language models on reasoning tasks, but only when the extra samples can be told apart. We train lightweight verifiers that score intermediate steps and use them to allocate compute adaptively across problems. On math and code benchmarks, adaptive allocation matches best-of-64 sampling at a quarter of the cost.' }),
  paper('2503.10002', { title: 'A field guide to evaluating multilingual speech recognition', upvotes: 41, authors: ['Amara Diallo', 'Wei Zhang', 'Sofia Rossi'],
    abstract: 'Word error rate hides as much as it shows. We collect 40 languages of conversational speech and compare eleven systems with error measures that account for script, segmentation and dialect, and release the evaluation kit.' }),
];
const forYou = [{
  ...paper('2503.10007', { title: 'Tokenizers without vocabularies: byte-level models for low-resource languages', upvotes: 12, authors: ['Edsger Dijkstra', 'Barbara Liskov'],
    githubRepo: 'https://github.com/example/bytelm', abstract: 'Byte-level language models avoid the vocabulary mismatch that hurts low-resource languages. We show that with a small hierarchical encoder they match subword models at equal compute.' }),
  reasons: ['cs.CL', 'tokenization'],
}];

async function main(): Promise<void> {
  const mail = digestMail({
    baseUrl: 'https://papers.example.org', secret: 'screenshot-secret-long-enough', period: digestPeriod('daily', '2025-03-18'),
    selection: { top, forYou }, to: { id: 1, email: 'reader@example.org', tokenVersion: 1 }, messageId: '<shot@example.org>', now: new Date('2025-03-19T07:00:00Z'),
  });
  const out = join(root, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme, viewport: { width: 720, height: 900 } });
      await page.setContent(mail.html ?? '', { waitUntil: 'load' });
      await page.screenshot({ path: join(out, `digest-${colorScheme}.png`), fullPage: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${join(out, 'digest-light.png')} and digest-dark.png\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`digest-screenshots: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
