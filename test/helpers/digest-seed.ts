import type { PaperRecord } from '../../src/model/paper-record.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { upsertRecords } from '../../src/store/papers-write.js';
import { insertSubscriberRow } from '../../src/store/digest-subscribers.js';
import type { FreshDb } from './databases.js';
import { paperRecord } from './paper-records.js';

/** The digest tests' day: a Tuesday with a daily listing. */
export const DIGEST_DAY = '2025-03-18';
/** A Monday with no listing, whose papers are found by publication date. */
export const PUBLISHED_DAY = '2025-03-17';

function listed(id: string, position: number, fields: Parameters<typeof paperRecord>[1]): PaperRecord {
  return paperRecord(id, {
    sourceName: 'hf-daily', listing: { day: DIGEST_DAY, position, submittedAt: `${DIGEST_DAY}T0${position % 10}:00:00.000Z`, submittedBy: 'akhaliq' },
    versions: [{ version: 1, date: '2025-03-14T17:59:00.000Z' }], ...fields,
  });
}

/** Papers of the digest day (listed) and of the day before (published only), plus an old one. */
export function digestRecords(): PaperRecord[] {
  return [
    listed('2503.10001', 1, { title: 'Scaling test-time compute with learned verifiers', upvotes: 80, categories: ['cs.LG', 'cs.AI'], primaryCategory: 'cs.LG',
      authors: ['Mira Okafor', 'Jonas Lindqvist', 'Priya Raman', 'Tomás Herrera', 'Lea Vogel', 'Kenji Sato', 'Ada Lovelace'],
      organization: { name: 'openlab', fullname: 'Open Research Lab' }, githubRepo: 'https://github.com/openlab/verifiers',
      abstract: 'Spending more computation at inference time can improve accuracy on reasoning tasks. We train lightweight verifiers that score intermediate steps and allocate compute adaptively.' }),
    listed('2503.10002', 2, { title: 'Speech recognition in noisy rooms', upvotes: 40, categories: ['eess.AS', 'cs.CL'], primaryCategory: 'eess.AS', authors: ['Wei Zhang'] }),
    listed('2503.10003', 3, { title: 'Protein folding with diffusion models', upvotes: 30, categories: ['q-bio.BM'], primaryCategory: 'q-bio.BM', authors: ['Grace Hopper'],
      aiSummary: 'A diffusion model folds proteins from sequence alone and matches structure predictors on small domains.' }),
    listed('2503.10004', 4, { title: 'Quantum error correction for small codes', upvotes: 20, categories: ['quant-ph'], primaryCategory: 'quant-ph', authors: ['Alan Turing'] }),
    listed('2503.10005', 5, { title: '<script>alert(1)</script> Robust "><img src=x onerror=alert(2)> parsing', upvotes: 10, categories: ['cs.CL'],
      abstract: 'We show </p><script>alert(3)</script> that a < b && c > d.', authors: ['<b>Mallory</b>'], organization: { name: 'evil', fullname: '"><img src=x onerror=alert(4)>' },
      githubRepo: 'javascript:alert(5)' }),
    listed('2503.10006', 6, { title: 'Graph neural networks for molecules', upvotes: 5, categories: ['cs.LG', 'q-bio.BM'], authors: ['Barbara Liskov'] }),
    listed('2503.10007', 7, { title: 'Tokenizers without vocabularies for speech', upvotes: 3, categories: ['cs.CL'], authors: ['Edsger Dijkstra'] }),
    paperRecord('2503.20001', { title: 'Published only: sparse attention', categories: ['cs.CL'], versions: [{ version: 1, date: `${PUBLISHED_DAY}T10:00:00.000Z` }] }),
    paperRecord('2503.20002', { title: 'Published only: robot grasping', categories: ['cs.RO'], primaryCategory: 'cs.RO', versions: [{ version: 1, date: `${PUBLISHED_DAY}T11:00:00.000Z` }] }),
    paperRecord('2401.00001', { title: 'An old paper about speech', categories: ['cs.CL'], versions: [{ version: 1, date: '2024-01-02T10:00:00.000Z' }] }),
  ];
}

/** Seeds the digest papers and indexes them. */
export async function seedDigestPapers(fresh: FreshDb): Promise<KeywordIndex> {
  await upsertRecords(fresh.db, digestRecords());
  const keyword = new KeywordIndex(fresh.db);
  await keyword.indexPending();
  return keyword;
}

/** `n` active daily subscribers named s0@example.org .. s{n-1}@example.org; returns their addresses. */
export async function seedSubscribers(fresh: FreshDb, n: number, prefix = 's'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${prefix}${i}@example.org`;
    await insertSubscriberRow(fresh.db, { email, interests: i % 3 === 0 ? { categories: ['cs.CL'] } : i % 3 === 1 ? { topics: ['speech recognition'] } : {} });
    out.push(email);
  }
  return out;
}
