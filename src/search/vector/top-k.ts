/**
 * The k best (score, id) pairs of a stream, kept in a min-heap of typed arrays: a scan over a
 * million vectors offers every score, and almost all are rejected by one comparison with the root.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.ids = new Int32Array(Math.max(1, k));
  }

  /** The score a new pair must beat once the heap is full. */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  offer(score: number, id: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, id, p)) break;
        this.scores[i] = this.scores[p]!; this.ids[i] = this.ids[p]!;
        i = p;
      }
      this.scores[i] = score; this.ids[i] = id;
      return;
    }
    if (!this.worse(this.scores[0]!, this.ids[0]!, -1, score, id)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let w = -1;
      if (l < this.size && this.worse(this.scores[l]!, this.ids[l]!, -1, score, id)) w = l;
      if (r < this.size && this.worse(this.scores[r]!, this.ids[r]!, -1, w < 0 ? score : this.scores[l]!, w < 0 ? id : this.ids[l]!)) w = r;
      if (w < 0) break;
      this.scores[i] = this.scores[w]!; this.ids[i] = this.ids[w]!;
      i = w;
    }
    this.scores[i] = score; this.ids[i] = id;
  }

  /** a is worse than b (lower score; on ties the higher id), with b given by heap slot or by value. */
  private worse(sa: number, ia: number, slot: number, sb?: number, ib?: number): boolean {
    const s = slot >= 0 ? this.scores[slot]! : sb!;
    const id = slot >= 0 ? this.ids[slot]! : ib!;
    return sa < s || (sa === s && ia > id);
  }

  /** The pairs, best first (ties by lower id). */
  sorted(): Array<{ id: number; score: number }> {
    const out = Array.from({ length: this.size }, (_, i) => ({ id: this.ids[i]!, score: this.scores[i]! }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
