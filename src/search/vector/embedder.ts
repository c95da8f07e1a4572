/**
 * Turns texts into vectors whose cosine similarity says how alike the texts are in meaning: the one
 * seam semantic search and "similar papers" use, so a trained-on-the-corpus model and a packaged
 * neural model are interchangeable.
 */
export interface Embedder {
  /** Length of every vector `embed` returns. */
  readonly dimensions: number;
  /** One unit-length vector per text, in order (the zero vector for a text with no known word). */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The text a paper is embedded from: the title twice (it says more per word than the abstract), then the abstract. */
export function paperText(title: string, abstract: string | null | undefined): string {
  return `${title}\n${title}\n${abstract ?? ''}`;
}

/**
 * A `paperText` with its title once, for counts that must see each word as often as the paper
 * has it (residual idf); any other text is returned as it is.
 */
export function titleOnce(text: string): string {
  for (let end = text.indexOf('\n'); end >= 0 && 2 * end + 1 < text.length; end = text.indexOf('\n', end + 1)) {
    if (text[2 * end + 1] === '\n' && text.startsWith(text.slice(0, end + 1), end + 1)) return text.slice(end + 1);
  }
  return text;
}
