import type { PaperRecord } from '../../src/model/paper-record.js';
import { paperRecord } from './paper-records.js';

/** Words of four unrelated research topics; generated papers of one topic share vocabulary. */
export const TOPIC_WORDS: Record<string, { category: string; words: string[] }> = {
  translation: { category: 'cs.CL', words: ['translation', 'language', 'sentence', 'encoder', 'decoder', 'attention', 'multilingual', 'bilingual', 'corpus', 'token', 'vocabulary', 'parallel', 'alignment', 'fluency'] },
  protein: { category: 'q-bio.BM', words: ['protein', 'folding', 'residue', 'backbone', 'amino', 'enzyme', 'antibody', 'ligand', 'docking', 'peptide', 'mutation', 'binding', 'structure', 'molecule'] },
  galaxy: { category: 'astro-ph.GA', words: ['galaxy', 'halo', 'stellar', 'dark', 'matter', 'redshift', 'quasar', 'cluster', 'gas', 'accretion', 'telescope', 'luminosity', 'supernova', 'cosmic'] },
  graph: { category: 'cs.DS', words: ['graph', 'vertex', 'edge', 'shortest', 'flow', 'matching', 'spanning', 'tree', 'planar', 'bipartite', 'approximation', 'complexity', 'cut', 'coloring'] },
};

/** Papers per topic (4 topics: 80 papers, enough to train the semantic model). */
export const PER_TOPIC = 20;

/** The public id of paper i (0-based) of topic t (0-based). */
export function topicPaperId(t: number, i: number): string {
  return `2501.${String(t + 1)}${String(i).padStart(3, '0')}`;
}

/**
 * A small corpus written by formula: each paper uses a stride through its topic's words, so papers
 * of a topic share most words and topics share none; dates run through 2023 and 2024 by index.
 */
export function topicPapers(): { records: PaperRecord[]; topicOf: Map<string, string> } {
  const records: PaperRecord[] = [];
  const topicOf = new Map<string, string>();
  Object.entries(TOPIC_WORDS).forEach(([name, topic], t) => {
    for (let i = 0; i < PER_TOPIC; i++) {
      const w = (k: number): string => topic.words[(i * 5 + k * 3) % topic.words.length]!;
      const id = topicPaperId(t, i);
      topicOf.set(id, name);
      records.push(paperRecord(id, {
        title: `${w(0)} ${w(1)} and ${w(2)} for ${w(3)}`,
        abstract: `We study ${w(0)} ${w(1)} with ${w(2)} ${w(3)}. Our ${w(4)} method models ${w(5)} and ${w(6)} jointly and improves ${w(7)} ${w(8)} on ${w(9)} benchmarks.`,
        categories: [topic.category], primaryCategory: topic.category,
        authors: [`Writer ${name}${i % 3}`, `Second Author${t}`],
        versions: [{ version: 1, date: `${2023 + (i % 2)}-0${1 + (i % 9)}-15T12:00:00.000Z` }],
      }));
    }
  });
  return { records, topicOf };
}
