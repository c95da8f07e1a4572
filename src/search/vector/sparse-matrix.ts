/**
 * A sparse matrix in compressed rows (CSR): the term-document matrix of a corpus is mostly zeros,
 * and the SVD only ever multiplies it by thin dense matrices.
 */
export class SparseMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    /** Row r's entries are at indptr[r] .. indptr[r+1]. */
    readonly indptr: Uint32Array,
    readonly indices: Uint32Array,
    readonly values: Float32Array,
  ) {}

  /** Builds a matrix from one (column index -> value) map per row. */
  static fromRows(rows: ReadonlyArray<ReadonlyMap<number, number>>, cols: number): SparseMatrix {
    const nnz = rows.reduce((s, r) => s + r.size, 0);
    const indptr = new Uint32Array(rows.length + 1);
    const indices = new Uint32Array(nnz);
    const values = new Float32Array(nnz);
    let p = 0;
    rows.forEach((r, i) => {
      for (const [c, v] of [...r].sort((a, b) => a[0] - b[0])) { indices[p] = c; values[p++] = v; }
      indptr[i + 1] = p;
    });
    return new SparseMatrix(rows.length, cols, indptr, indices, values);
  }

  /** This x D, with D dense row-major (cols x k); the result is rows x k, row-major. */
  times(d: Float64Array, k: number): Float64Array {
    const out = new Float64Array(this.rows * k);
    for (let r = 0; r < this.rows; r++) {
      const o = r * k;
      for (let p = this.indptr[r]!; p < this.indptr[r + 1]!; p++) {
        const v = this.values[p]!, base = this.indices[p]! * k;
        for (let j = 0; j < k; j++) out[o + j]! += v * d[base + j]!;
      }
    }
    return out;
  }

  /** This-transposed x D, with D dense row-major (rows x k); the result is cols x k, row-major. */
  transposeTimes(d: Float64Array, k: number): Float64Array {
    const out = new Float64Array(this.cols * k);
    for (let r = 0; r < this.rows; r++) {
      const base = r * k;
      for (let p = this.indptr[r]!; p < this.indptr[r + 1]!; p++) {
        const v = this.values[p]!, o = this.indices[p]! * k;
        for (let j = 0; j < k; j++) out[o + j]! += v * d[base + j]!;
      }
    }
    return out;
  }
}
