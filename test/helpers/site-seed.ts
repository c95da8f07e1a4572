import type { FastifyInstance } from 'fastify';
import type { PaperRecord } from '../../src/model/paper-record.js';
import { buildApp } from '../../src/web/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { upsertRecords } from '../../src/store/papers-write.js';
import { before, after } from 'node:test';
import type { Backend, FreshDb } from './databases.js';
import { paperRecord } from './paper-records.js';
import { withSemantic } from './web-app.js';

/** Markup and text that must always come out as text. */
export const HOSTILE = {
  title: '<script>alert(1)</script> Robust "><img src=x onerror=alert(1)> parsing </textarea> with $\\mathcal{O}(n)$',
  abstract: 'We show </textarea><script>alert(2)</script> bounds of $\\mathcal{O}(n \\log n)$ when a < b && c > d. "><img src=x onerror=alert(3)>',
  author: '<script>alert(4)</script> Mallory "><img src=x onerror=alert(5)>',
  org: '"><img src=x onerror=alert(6)>',
} as const;

function dayBefore(today: string, n: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The days the seeded site lists, relative to today so trending (the last 7 days) has papers:
 * `older` (3 papers), `middle` (4, incl. the hostile one), `latest` (2); the day between
 * `middle` and `latest` has none.
 */
export function seedDays(now = new Date()): { older: string; middle: string; gap: string; latest: string } {
  const today = now.toISOString().slice(0, 10);
  return { older: dayBefore(today, 4), middle: dayBefore(today, 3), gap: dayBefore(today, 2), latest: dayBefore(today, 1) };
}

function listed(id: string, day: string, position: number, fields: Parameters<typeof paperRecord>[1] = {}): PaperRecord {
  return paperRecord(id, {
    sourceName: 'hf-daily', listing: { day, position, submittedAt: `${day}T0${position}:00:00.000Z`, submittedBy: 'akhaliq' },
    versions: [{ version: 1, date: `${dayBefore(day, 1)}T17:59:00.000Z` }], ...fields,
  });
}

/** A small site: three listed days, a hostile paper, an old-style id, an unlisted paper. */
export function siteRecords(now = new Date()): PaperRecord[] {
  const d = seedDays(now);
  return [
    listed('2503.00001', d.older, 1, { title: 'Sparse attention for long documents', upvotes: 5 }),
    listed('2503.00002', d.older, 2, { title: 'Speech recognition in noisy rooms', upvotes: 9, categories: ['eess.AS', 'cs.CL'], primaryCategory: 'eess.AS' }),
    listed('2503.00003', d.older, 3, { title: 'Graph transformers revisited', upvotes: 1 }),
    listed('2503.00010', d.middle, 1, {
      title: 'Diffusion transformers for protein design', upvotes: 42, numComments: 3,
      abstract: 'We train diffusion transformers on protein structures and show that transformer scaling laws hold for $\\mathcal{O}(n)$ residues.',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      organization: { name: 'acme', fullname: 'Acme Labs' }, categories: ['cs.LG', 'q-bio.BM'], primaryCategory: 'cs.LG',
      githubRepo: 'https://github.com/acme/protein-dit', githubStars: 1234, projectPage: 'https://acme.example/dit',
      aiSummary: 'Diffusion transformers design proteins.', aiKeywords: ['protein design', 'diffusion'],
      comment: '12 pages, 4 figures', journalRef: 'Nature 1 (2025) 2', doi: '10.1000/xyz123',
      versions: [{ version: 1, date: `${dayBefore(d.middle, 2)}T10:00:00.000Z` }, { version: 2, date: `${dayBefore(d.middle, 1)}T10:00:00.000Z` }],
    }),
    listed('2503.00011', d.middle, 2, { title: 'Retrieval augmented speech models', upvotes: 17, organization: { name: 'acme', fullname: 'Acme Labs' } }),
    listed('2503.00012', d.middle, 3, { title: HOSTILE.title, abstract: HOSTILE.abstract, authors: [HOSTILE.author, 'Eve'], upvotes: 8, organization: { name: 'evil-org', fullname: HOSTILE.org } }),
    listed('2503.00013', d.middle, 4, { title: 'Tokenizers without vocabularies', upvotes: 8 }),
    listed('2503.00020', d.latest, 1, { title: 'Small models that reason', upvotes: 30, githubRepo: 'https://github.com/x/small' }),
    listed('2503.00021', d.latest, 2, { title: 'Benchmarks for code agents', upvotes: 12 }),
    paperRecord('hep-th/9901001', { title: 'Strings on old-style identifiers', comment: 'Talk at Strings \\& Branes; slides: https://strings.example/talk.pdf.', categories: ['hep-th'], primaryCategory: 'hep-th', versions: [{ version: 1, date: '1999-01-04T00:00:00.000Z' }] }),
  ];
}

/** More papers on the latest day, with full abstracts, so screenshots show a realistic page. */
export function showcaseRecords(now = new Date()): PaperRecord[] {
  const d = seedDays(now);
  return [
    listed('2503.00030', d.latest, 3, {
      title: 'Scaling test-time compute with learned verifiers', upvotes: 87, numComments: 12,
      authors: ['Mira Okafor', 'Jonas Lindqvist', 'Priya Raman', 'Tomás Herrera', 'Lea Vogel', 'Kenji Sato'],
      organization: { name: 'openlab', fullname: 'Open Research Lab' }, categories: ['cs.LG', 'cs.AI'], primaryCategory: 'cs.LG',
      abstract: 'Spending more computation at inference time can improve the accuracy of language models on reasoning tasks, but only when the extra samples can be told apart. We train lightweight verifiers that score intermediate steps and use them to allocate compute adaptively across problems. On math and code benchmarks, adaptive allocation matches best-of-64 sampling at a quarter of the cost, and the verifiers transfer across model sizes without retraining. Code: https://github.com/openlab/verifiers.',
      githubRepo: 'https://github.com/openlab/verifiers', githubStars: 2480, projectPage: 'https://openlab.example/verifiers',
    }),
    listed('2503.00031', d.latest, 4, {
      title: 'A field guide to evaluating multilingual speech recognition', upvotes: 41, numComments: 4,
      authors: ['Amara Diallo', 'Wei Zhang', 'Sofia Rossi'], categories: ['cs.CL', 'eess.AS'], primaryCategory: 'cs.CL',
      abstract: 'Word error rate hides large differences between languages, accents and recording conditions. We collect 1,200 hours of read and spontaneous speech in 31 languages and propose a protocol that reports errors per condition with confidence intervals. Several systems that look equivalent on aggregate numbers differ by more than 40% relative on low-resource languages.',
    }),
    listed('2503.00032', d.latest, 5, {
      title: 'Compact world models for robotic manipulation from video', upvotes: 19, numComments: 1,
      authors: ['Daniel Brooks', 'Hana Kim'], organization: { name: 'acme', fullname: 'Acme Labs' }, categories: ['cs.RO', 'cs.CV'], primaryCategory: 'cs.RO',
      abstract: 'We learn a compact latent dynamics model from unlabelled manipulation videos and use it to plan grasps for unseen objects. The model needs 30x fewer parameters than pixel-space predictors and runs in real time on a single GPU.',
      githubRepo: 'https://github.com/acme/compact-wm', githubStars: 312,
    }),
  ];
}

/** Seeds the site and indexes it for search. */
export async function seedSite(fresh: FreshDb, now = new Date(), extra: readonly PaperRecord[] = []): Promise<KeywordIndex> {
  await upsertRecords(fresh.db, [...siteRecords(now), ...extra]);
  const keyword = new KeywordIndex(fresh.db);
  await keyword.indexPending();
  return keyword;
}

/** The real app over a fresh database (seeded or not). */
export async function siteApp(fresh: FreshDb, keyword = new KeywordIndex(fresh.db)): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
  return buildApp(withSemantic({ config, db: fresh.db, keyword, logger: createLogger(config) }));
}

/**
 * Registers hooks that seed a fresh site on `backend` before a suite's tests and tear it down
 * after; tests read `site.app` and `site.fresh` once the hooks ran.
 */
export function seededSite(backend: Backend): { readonly app: FastifyInstance; readonly fresh: FreshDb } {
  const site = {} as { app: FastifyInstance; fresh: FreshDb };
  before(async () => {
    site.fresh = await backend.create();
    site.app = await siteApp(site.fresh, await seedSite(site.fresh));
  });
  after(async () => {
    await site.app.close();
    await site.fresh.drop();
  });
  return site;
}
