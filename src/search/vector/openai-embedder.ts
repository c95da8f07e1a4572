import type { Problem } from '../../model/paper-record.js';

/** Vectors for texts, or why there are none: an endpoint failing is an expected event, not a crash. */
export type EmbedOutcome = { ok: true; vectors: Float32Array[] } | { ok: false; problem: Problem };

/** How to reach an OpenAI-compatible embeddings service (Ollama, vLLM, text-embeddings-inference, OpenAI). */
export interface EndpointOptions {
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** Texts per request. */
  batchSize?: number;
  /** Expected vector length, once known (a change means a different model answered). */
  dimensions?: number;
}

const MAX_CHARS = 8000;

/** `{base}/v1/embeddings`, or `{base}/embeddings` when the base already ends in /v1. */
export function embeddingsUrl(base: string): string {
  const b = base.replace(/\/+$/, '');
  return /\/v1$/.test(b) ? `${b}/embeddings` : `${b}/v1/embeddings`;
}

function unit(values: number[]): Float32Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(values, (v) => v / norm);
}

/**
 * Embeds texts with `POST /v1/embeddings {model, input: [...]}` in batches. Every failure (timeout,
 * refused connection, 429, 5xx, malformed JSON, wrong count or length of vectors) comes back as a
 * problem naming the endpoint, so callers can fall back to keyword search.
 */
export class OpenAiEmbedder {
  dimensions: number;
  private readonly url: string;

  constructor(readonly opts: EndpointOptions) {
    this.url = embeddingsUrl(opts.url);
    this.dimensions = opts.dimensions ?? 0;
  }

  async embed(texts: readonly string[]): Promise<EmbedOutcome> {
    const out: Float32Array[] = [];
    const size = this.opts.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      const r = await this.batch(texts.slice(i, i + size).map((t) => t.slice(0, MAX_CHARS) || ' '));
      if (!r.ok) return r;
      out.push(...r.vectors);
    }
    return { ok: true, vectors: out };
  }

  private fail(message: string): EmbedOutcome {
    return { ok: false, problem: { source: this.url, message } };
  }

  private async batch(input: string[]): Promise<EmbedOutcome> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
        body: JSON.stringify({ model: this.opts.model, input }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') return this.fail(`no answer within ${this.opts.timeoutMs} ms`);
      return this.fail(`unreachable: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    }
    let body: unknown;
    try {
      const text = await res.text();
      if (!res.ok) return this.fail(`HTTP ${res.status}${res.status === 429 ? ' (rate limited)' : ''}: ${text.slice(0, 200)}`);
      body = JSON.parse(text);
    } catch (err) {
      return this.fail(`malformed response: ${(err as Error).message}`);
    }
    const data = (body as { data?: unknown })?.data;
    if (!Array.isArray(data) || data.length !== input.length) return this.fail(`expected ${input.length} embeddings, got ${Array.isArray(data) ? data.length : 'none'}`);
    const rows = [...data].sort((a, b) => Number((a as { index?: number }).index ?? 0) - Number((b as { index?: number }).index ?? 0));
    const vectors: Float32Array[] = [];
    for (const row of rows) {
      const e = (row as { embedding?: unknown })?.embedding;
      if (!Array.isArray(e) || !e.length || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) return this.fail('an embedding is not a list of numbers');
      if (this.dimensions && e.length !== this.dimensions) return this.fail(`embedding has ${e.length} dimensions, expected ${this.dimensions}`);
      this.dimensions = e.length;
      vectors.push(unit(e as number[]));
    }
    return { ok: true, vectors };
  }
}
