import { sphericalKmeans } from './kmeans.js';
import { seededRandom } from './seeded-random.js';
import { TopK } from './top-k.js';
import { VectorIndex, type RowMask } from './vector-index.js';
import type { PreparedQuery } from './dot-kernel.js';
import { nextTurn } from '../../progress/next-turn.js';

/** How an IVF quantiser is built. */
export interface IvfOptions {
  /** Lists (default: about sqrt(n)/8, between 16 and 256). */
  lists?: number;
  /** Vectors k-means trains on (default 20,000). */
  sample?: number;
  /** Mean recall@20 against the exact scan that probing must reach on sampled queries (default 0.98). */
  targetRecall?: number;
  /** Called between chunks of work so a server stays responsive while the index is built. */
  pause?: () => Promise<void>;
}

/**
 * Each slot's nearest centroid, taken one centroid at a time as a query through the index's scan
 * kernel (a slot's own scale does not change which centroid is nearest): at 2,700,000 papers and
 * 205 lists, seconds where a float loop over every slot and centroid took most of a minute.
 */
async function assignLists(index: VectorIndex, centroids: Float32Array, lists: number, pause: () => Promise<void>): Promise<Int32Array> {
  const d = index.dimensions, n = index.slots;
  const assign = new Int32Array(n), best = new Float32Array(n).fill(-Infinity), dots = new Float32Array(n);
  for (let c = 0; c < lists; c++) {
    await pause();
    index.dotsInto(index.prepare(centroids.subarray(c * d, c * d + d)), 0, n, dots);
    for (let s = 0; s < n; s++) if (dots[s]! > best[s]!) { best[s] = dots[s]!; assign[s] = c; }
  }
  return assign;
}

/**
 * An inverted-file coarse quantiser over a VectorIndex: k-means centroids split the vectors into
 * lists, and a query scans only the lists whose centroids are closest to it, plus the vectors added
 * since the build (the tail). The number of lists probed is calibrated at build time on sampled
 * papers until the ranking agrees with the exact scan (recall@20) at the target.
 */
export class IvfLists {
  nprobe: number;

  private constructor(
    readonly lists: number,
    readonly centroids: Float32Array,
    /** List c holds slots listStart[c] .. listStart[c+1] (the build orders the index so). */
    readonly listStart: Int32Array,
    /** Slots below this were assigned to lists; later ones are scanned one by one. */
    readonly covered: number,
  ) {
    this.nprobe = Math.min(lists, 8);
  }

  /** Builds the lists for the vectors an index holds now, then calibrates `nprobe`. */
  static async build(index: VectorIndex, opts: IvfOptions = {}): Promise<IvfLists> {
    const d = index.dimensions, n = index.slots;
    const pause = opts.pause ?? nextTurn;
    const lists = opts.lists ?? Math.max(16, Math.min(256, Math.round(Math.sqrt(n) / 8)));
    const rand = seededRandom(11);
    const m = Math.min(n, opts.sample ?? 20_000);
    const sample = new Float32Array(m * d);
    // The sample's codes again, in an index of their own, so k-means finds each row's nearest centroid
    // with the scan kernel: at 1,000,000 papers the float loop took 4 s of the serving thread.
    const sampled = new VectorIndex(d, m, { simd: index.kernel === 'simd' });
    for (let i = 0; i < m; i++) {
      const s = Math.floor(rand() * n);
      const scale = index.scales[s]!;
      for (let j = 0; j < d; j++) sample[i * d + j] = index.codes[s * d + j]! * scale;
      sampled.set(i, { codes: index.codes.subarray(s * d, s * d + d), scale });
    }
    const assignSample = (c: Float32Array): Promise<Int32Array> => assignLists(sampled, c, lists, pause);
    const centroids = await sphericalKmeans(sample, m, d, lists, 8, 7, pause, 'random', assignSample);
    const assign = await assignLists(index, centroids, lists, pause);
    const listStart = new Int32Array(lists + 1);
    for (let s = 0; s < n; s++) listStart[assign[s]! + 1]!++;
    for (let c = 0; c < lists; c++) listStart[c + 1]! += listStart[c]!;
    const fill = listStart.slice(0, lists);
    const order = new Int32Array(n);
    for (let s = 0; s < n; s++) order[fill[assign[s]!]!++] = s;
    // Synchronously, so no query sees a half-moved index: list c then holds slots listStart[c] .. listStart[c+1].
    index.permute(order);
    const ivf = new IvfLists(lists, centroids, listStart, n);
    await ivf.calibrate(index, opts.targetRecall ?? 0.98, pause);
    return ivf;
  }

  /** Raises `nprobe` until sampled papers' top 20 agree with the exact scan at the target recall. */
  private async calibrate(index: VectorIndex, target: number, pause: () => Promise<void>): Promise<void> {
    const rand = seededRandom(23);
    const pick = (): Float32Array | null => {
      const id = index.rowIds[Math.floor(rand() * index.slots)]!;
      return id >= 0 ? index.vectorOf(id) : null;
    };
    // Papers, and midpoints of two random papers: real queries rarely sit on a stored vector.
    const queries: Float32Array[] = [];
    for (let i = 0; i < 40 && index.live > 0; i++) {
      const a = pick(), b = pick();
      if (a) queries.push(a);
      if (!a || !b) continue;
      const mid = a.map((x, j) => x + b[j]!);
      const norm = Math.hypot(...mid) || 1;
      queries.push(mid.map((x) => x / norm));
    }
    const truth: Set<number>[] = [];
    for (const q of queries) {
      truth.push(new Set(index.exact(q, 20).map((h) => h.rowId)));
      await pause();
    }
    for (this.nprobe = Math.min(this.lists, 4); this.nprobe < this.lists; this.nprobe = Math.min(this.lists, Math.ceil(this.nprobe * 1.5))) {
      let sum = 0;
      for (const [i, q] of queries.entries()) {
        const got = this.search(index, index.prepare(q), 20, null);
        sum += got.filter((h) => truth[i]!.has(h.id)).length / Math.max(1, truth[i]!.size);
        if (i % 10 === 9) await pause();
      }
      if (sum / Math.max(1, queries.length) >= target) break;
    }
    // A margin over the sample: unseen queries spread a little wider than the calibration set.
    this.nprobe = Math.min(this.lists, Math.ceil(this.nprobe * 1.25));
  }

  /** The approximate top k; probes more lists when a mask leaves too few results. */
  search(index: VectorIndex, q: PreparedQuery, k: number, mask: RowMask): Array<{ id: number; score: number }> {
    const d = index.dimensions;
    const order = Array.from({ length: this.lists }, (_, c) => {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q.q16[j]! * this.centroids[c * d + j]!;
      return { c, dot };
    }).sort((a, b) => b.dot - a.dot);
    const top = new TopK(k);
    index.scanRange(q, this.covered, index.slots, top, mask);
    let probed = 0;
    for (let want = this.nprobe; ; want = Math.min(this.lists, want * 2)) {
      for (; probed < want; probed++) this.scanList(index, q, order[probed]!.c, top, mask);
      if (top.size >= k || probed >= this.lists) break;
    }
    return top.sorted();
  }

  private scanList(index: VectorIndex, q: PreparedQuery, c: number, top: TopK, mask: RowMask): void {
    index.scanRange(q, this.listStart[c]!, this.listStart[c + 1]!, top, mask);
  }
}
