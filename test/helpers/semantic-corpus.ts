import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { PaperRecord } from '../../src/model/paper-record.js';
import { buildApp } from '../../src/web/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../../src/store/papers-write.js';
import type { Backend, FreshDb } from './databases.js';
import { paperRecord } from './paper-records.js';

/** Markup and LaTeX in a paper that similar lists and explanations must show as text. */
export const HOSTILE_SIMILAR = {
  title: '<script>alert(7)</script> Protein folding & design "><img src=x onerror=alert(8)> with $\\alpha$-helices',
  abstract: 'Protein structure design with diffusion models </textarea><script>alert(9)</script> over residue backbones: ' +
    'folding, binding and amino acid sequence recovery when $a < b && c > d$.',
} as const;

interface Topic {
  name: string;
  category: string;
  /** Words the generated papers of the topic are written from. */
  words: string[];
  papers: Array<[title: string, abstract: string]>;
}

/**
 * Four research topics of five written papers each (and generated ones), so papers of one topic share vocabulary and
 * papers of different topics share little: a ranking by meaning must keep each topic together.
 */
const TOPICS: Topic[] = [
  {
    name: 'protein', category: 'q-bio.BM',
    words: ['protein', 'folding', 'residue', 'backbone', 'amino', 'sequence', 'binder', 'structure', 'enzyme', 'antibody', 'ligand', 'docking', 'peptide', 'mutation'],
    papers: [
      ['Diffusion models for protein backbone design', 'We generate protein backbones with a denoising diffusion model over residue frames. Designed proteins fold as predicted and bind their targets, and amino acid sequences recovered for the backbones express well.'],
      ['Protein structure prediction from single sequences', 'A language model over amino acid sequences predicts protein structure without multiple sequence alignments. Folding accuracy approaches alignment based methods on orphan proteins and designed binders.'],
      ['Inverse folding of protein backbones with graph networks', 'Given a protein backbone, we predict amino acid sequences that fold into it. Residue contacts are encoded as a graph, and sequence recovery improves on designed and natural proteins.'],
      ['Scoring protein binders with structure prediction', 'Designed protein binders are filtered by predicted structure confidence. Folding predictions of the binder and target complex separate successful designs from failures in wet lab binding assays.'],
      [HOSTILE_SIMILAR.title, HOSTILE_SIMILAR.abstract],
    ],
  },
  {
    name: 'speech', category: 'eess.AS',
    words: ['speech', 'audio', 'acoustic', 'speaker', 'recognition', 'transcription', 'microphone', 'phoneme', 'accent', 'noise', 'utterance', 'spoken', 'voice', 'prosody'],
    papers: [
      ['Robust speech recognition in noisy rooms', 'Automatic speech recognition degrades with reverberation and background noise. We train acoustic models on simulated room impulse responses and reduce word error rate on far field recordings.'],
      ['Multilingual speech recognition for low resource languages', 'We pretrain a speech encoder on untranscribed audio in many languages and fine tune it for recognition. Word error rate drops sharply for low resource languages with a few hours of transcribed speech.'],
      ['Streaming speech recognition with low latency', 'A streaming acoustic model emits words while audio arrives. Chunked attention keeps latency under two hundred milliseconds with a small loss in word error rate on conversational speech.'],
      ['Speaker diarization for meeting transcripts', 'Meeting audio mixes several speakers. We cluster speaker embeddings over short audio windows and combine them with speech recognition to produce transcripts that say who spoke when.'],
      ['Self supervised audio representations for speech tasks', 'Audio encoders trained to predict masked speech frames transfer to recognition, speaker identification and emotion detection, matching supervised encoders with a fraction of the labelled audio.'],
    ],
  },
  {
    name: 'graphs', category: 'cs.DS',
    words: ['graph', 'vertex', 'edge', 'algorithm', 'shortest', 'flow', 'matching', 'spanning', 'tree', 'planar', 'bipartite', 'approximation', 'complexity', 'cut'],
    papers: [
      ['Faster shortest paths on sparse graphs', 'We give an algorithm for single source shortest paths on sparse directed graphs with nonnegative edge weights that beats the sorting barrier, using a recursive partition of vertices by distance.'],
      ['Approximate maximum flow in near linear time', 'Maximum flow in undirected graphs is approximated in near linear time with electrical flows and a multiplicative weights update over edge capacities, improving earlier algorithms on dense graphs.'],
      ['Dynamic connectivity with polylogarithmic update time', 'We maintain connectivity of a graph under edge insertions and deletions. A hierarchy of spanning forests gives polylogarithmic amortized update time and constant time queries for vertices.'],
      ['Graph coloring in the streaming model', 'Coloring a graph whose edges arrive as a stream needs memory close to the number of vertices. We give a streaming algorithm using degree plus one colors and a matching lower bound.'],
      ['Minimum spanning trees in parallel', 'A parallel algorithm computes minimum spanning trees of weighted graphs with linear work and logarithmic depth by contracting edges in random rounds across vertices.'],
    ],
  },
  {
    name: 'galaxies', category: 'astro-ph.GA',
    words: ['galaxy', 'halo', 'stellar', 'dark', 'matter', 'redshift', 'quasar', 'cluster', 'gas', 'accretion', 'telescope', 'luminosity', 'supernova', 'cosmic'],
    papers: [
      ['Dark matter halos of dwarf galaxies', 'Rotation curves of dwarf galaxies constrain the inner density of dark matter halos. We fit cored and cusped profiles to stellar kinematics and find cores in most galaxies of our sample.'],
      ['Star formation quenching in galaxy clusters', 'Galaxies falling into clusters stop forming stars. Using spectra of cluster members we date the quenching of star formation and relate it to ram pressure stripping of cold gas.'],
      ['Supermassive black hole growth at high redshift', 'Luminous quasars at high redshift host black holes of a billion solar masses. We model accretion onto seed black holes in early galaxies and the gas supply their growth requires.'],
      ['Stellar streams as probes of the Milky Way halo', 'Tidal streams of disrupted star clusters trace the gravitational potential of the galaxy. Perturbations in stream density reveal dark matter subhalos passing through the stellar halo.'],
      ['Gas accretion onto disk galaxies', 'Disk galaxies keep forming stars by accreting cold gas from their halos. Simulations of galaxy formation show how gas cools, settles into the disk and feeds star formation over cosmic time.'],
    ],
  },
];

/** Papers of each topic written from its word list, so the corpus is large enough to train on. */
const GENERATED_PER_TOPIC = 9;

/** A plain paper of a topic, its words picked by a fixed stride so every generated paper differs. */
function generated(topic: Topic, i: number): [string, string] {
  const w = (k: number): string => topic.words[(i * 5 + k * 3) % topic.words.length]!;
  const title = `${w(0)[0]!.toUpperCase()}${w(0).slice(1)} ${w(1)} with ${w(2)} ${w(3)}`;
  const abstract = `We study ${w(0)} ${w(1)} and ${w(2)} ${w(3)}. Our ${w(4)} method models ${w(5)} and ${w(6)} ` +
    `jointly, and improves ${w(7)} ${w(8)} over earlier ${w(9)} work on ${w(10)} and ${w(11)} benchmarks.`;
  return [title, abstract];
}

/**
 * The corpus (56 papers, enough for the semantic model to train), ids `2504.0TTPP` for topic T
 * and paper P, with the topic each belongs to and the id of the hostile paper.
 */
export function semanticCorpus(): { records: PaperRecord[]; topicOf: Map<string, string>; hostileId: string } {
  const records: PaperRecord[] = [];
  const topicOf = new Map<string, string>();
  let hostileId = '';
  const papers = (topic: Topic): Array<[string, string]> =>
    [...topic.papers, ...Array.from({ length: GENERATED_PER_TOPIC }, (_, i) => generated(topic, i))];
  TOPICS.forEach((topic, t) => papers(topic).forEach(([title, abstract], p) => {
    const id = `2504.0${t + 1}${String(p + 1).padStart(2, '0')}`;
    topicOf.set(id, topic.name);
    if (title === HOSTILE_SIMILAR.title) hostileId = id;
    records.push(paperRecord(id, {
      title, abstract, categories: [topic.category], primaryCategory: topic.category,
      authors: [`Author ${t}${p}`, `Coauthor ${t}`],
      versions: [{ version: 1, date: `2025-0${t + 4}-${String(p + 1).padStart(2, '0')}T12:00:00.000Z` }],
    }));
  }));
  return { records, topicOf, hostileId };
}

/** The real app over the corpus with its semantic model trained and every paper embedded. */
export interface SemanticSite {
  readonly app: FastifyInstance;
  readonly fresh: FreshDb;
  readonly engine: SemanticEngine;
  readonly topicOf: Map<string, string>;
  readonly hostileId: string;
}

/**
 * Registers hooks that store the corpus (plus `extra`) on `backend`, index it, run the embedding
 * job once and build the app before a suite's tests, and tear everything down after.
 */
export function semanticSite(backend: Backend, extra: readonly PaperRecord[] = []): SemanticSite {
  const site = {} as { -readonly [K in keyof SemanticSite]: SemanticSite[K] };
  before(async () => {
    const corpus = semanticCorpus();
    site.topicOf = corpus.topicOf;
    site.hostileId = corpus.hostileId;
    site.fresh = await backend.create();
    await upsertRecords(site.fresh.db, [...corpus.records, ...extra]);
    const keyword = new KeywordIndex(site.fresh.db);
    await keyword.indexPending();
    const config = loadConfig({ DATABASE_URL: site.fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
    site.engine = createSemanticSearch({ db: site.fresh.db, keyword, config });
    const run = await site.engine.embedPending();
    assert.equal(run.problem, undefined, `the embedding job ran: ${run.problem}`);
    assert.ok((await site.engine.status()).ready, 'the semantic model is ready');
    site.app = await buildApp({ config, db: site.fresh.db, keyword, semantic: site.engine, logger: createLogger(config) });
  });
  after(async () => {
    await site.app?.close();
    await site.engine?.close();
    await site.fresh?.drop();
  });
  return site;
}
