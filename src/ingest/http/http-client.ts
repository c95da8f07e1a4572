import type { Problem } from '../../model/paper-record.js';
import { sharedLimiter, sleep } from './rate-limiter.js';
import { USER_AGENT } from './user-agent.js';

/** How politely and how persistently to fetch. */
export interface HttpOptions {
  /** Minimum milliseconds between the starts of two requests to the same host. */
  delayMs: number;
  /** Per attempt, headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** Attempts in all, the first included. Default 4. */
  attempts?: number;
  /** Wait before the first retry; doubles on each further retry. Default 5 s. */
  backoffMs?: number;
  /** Upper bound on any single wait (backoff or Retry-After). Default 5 min. */
  maxWaitMs?: number;
  /** Cancels waiting and the request in flight; the abort reason is thrown. */
  signal?: AbortSignal;
}

/** A response (any status the caller must judge, e.g. arXiv's 400 error feed) or why there is none. */
export type FetchOutcome =
  | { readonly ok: true; readonly status: number; readonly body: string; readonly url: string }
  | { readonly ok: false; readonly problem: Problem };

type Attempt = { done: true; status: number; body: string } | { done: false; reason: string; retryAfterMs: number | null };

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

async function attempt(url: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'follow',
    });
    const body = await res.text();
    if (res.status === 429 || res.status >= 500) {
      return { done: false, reason: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    }
    return { done: true, status: res.status, body };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return { done: false, reason: describe(err, timeoutMs), retryAfterMs: null };
  }
}

/**
 * GETs a URL as text through the host's shared rate limiter. Timeouts, network errors, 429 and 5xx
 * are retried with exponential backoff (a Retry-After holds the whole host that long); after the
 * last attempt the outcome names the URL and the last reason. Never throws except on abort.
 */
export async function fetchText(url: string, opts: HttpOptions): Promise<FetchOutcome> {
  const limiter = sharedLimiter(new URL(url).host, opts.delayMs);
  const attempts = Math.max(1, opts.attempts ?? 4);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxWait = opts.maxWaitMs ?? 300_000;
  let backoff = opts.backoffMs ?? 5_000;
  let reason = '';
  for (let i = 1; i <= attempts; i++) {
    const a = await limiter.run(() => attempt(url, timeoutMs, opts.signal), opts.signal);
    if (a.done) return { ok: true, status: a.status, body: a.body, url };
    reason = a.reason;
    if (i === attempts) break;
    const wait = Math.min(maxWait, a.retryAfterMs ?? backoff);
    if (a.retryAfterMs != null) limiter.deferFor(wait);
    backoff *= 2;
    await sleep(wait, opts.signal);
  }
  return { ok: false, problem: { source: url, message: `request failed after ${attempts} attempt(s): ${reason}` } };
}
