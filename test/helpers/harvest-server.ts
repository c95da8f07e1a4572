import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

/** The recorded responses the harvest tests replay (written by us in the sources' real formats). */
export const HARVEST_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/harvest/', import.meta.url));

/** Reads one fixture file as text. */
export function fixture(path: string): string {
  return readFileSync(`${HARVEST_FIXTURES}${path}`, 'utf8');
}

/** How the server answers one request. */
export interface Reply {
  status?: number;
  /** A fixture path (relative to test/fixtures/harvest/) or literal body text. */
  file?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Wait before answering (to provoke timeouts). */
  delayMs?: number;
  /** Drop the connection without an answer. */
  destroy?: boolean;
  /** Never answer (the client must time out). */
  hang?: boolean;
}

/** One request as the server saw it. */
export interface Seen {
  url: URL;
  userAgent: string | undefined;
  start: number;
  end: number;
  /** Requests in flight when this one arrived, itself included. */
  concurrent: number;
}

/** A local server replaying fixtures, recording timing and concurrency of every request. */
export interface FixtureServer {
  base: string;
  seen: Seen[];
  maxConcurrent: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 and a free port; `route` picks the reply for each request. */
export async function startFixtureServer(route: (url: URL, n: number) => Reply | Promise<Reply>): Promise<FixtureServer> {
  let inFlight = 0;
  const state: FixtureServer = { base: '', seen: [], maxConcurrent: 0, close: async () => undefined };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', state.base);
    inFlight++;
    state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
    const seen: Seen = { url, userAgent: req.headers['user-agent'], start: Date.now(), end: 0, concurrent: inFlight };
    state.seen.push(seen);
    const done = (): void => { if (!seen.end) { seen.end = Date.now(); inFlight--; } };
    res.on('close', done);
    const reply = await route(url, state.seen.length);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.hang) return;
    if (reply.destroy) { req.socket.destroy(); return; }
    let body: string;
    try {
      body = reply.file ? fixture(reply.file) : reply.body ?? '';
    } catch {
      res.writeHead(404).end(`no fixture ${reply.file}`);
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/xml; charset=utf-8', ...reply.headers });
    res.end(body);
  };
  const server: Server = createServer((req, res) => { void handle(req, res); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

/** Knobs for the replayed sources: failures to inject into an otherwise healthy server. */
export interface SourceBehaviour {
  /** Resumption tokens answered once with badResumptionToken, as if expired. */
  expireTokens?: Set<string>;
  /** OAI `from` days answered with the out-of-datestamp-order page the first time. */
  unorderedFrom?: Set<string>;
  /** Replies to use instead for requests this function picks (n counts all requests). */
  override?: (url: URL, n: number) => Reply | undefined | Promise<Reply | undefined>;
}

/**
 * Routes like the real services: /api/query (Atom, by start=), /oai (ListRecords by from= or
 * resumptionToken=), /rss/<cats>, /api/daily_papers?date=.
 */
export function sourceRoutes(b: SourceBehaviour = {}): (url: URL, n: number) => Reply | Promise<Reply> {
  return async (url, n) => {
    const o = await b.override?.(url, n);
    if (o) return o;
    const q = url.searchParams;
    if (url.pathname === '/api/query') {
      if (q.get('id_list') === '2506.x') return { status: 400, file: 'atom/error-bad-id.xml' };
      if (q.get('id_list') === '0000.0000') return { file: 'atom/empty.xml' };
      return { file: `atom/cs.CL-start-${q.get('start')}.xml` };
    }
    if (url.pathname === '/oai') {
      const token = q.get('resumptionToken');
      if (token && b.expireTokens?.delete(token)) return { file: 'oai/error-badResumptionToken.xml' };
      if (token) return { file: `oai/raw-token-${token.replace('|', '-')}.xml` };
      const from = q.get('from') ?? 'none';
      if (b.unorderedFrom?.delete(from)) return { file: `oai/raw-unordered-from-${from}.xml` };
      if (from === '2024-01-01' || from === '2024-01-02') return { file: `oai/raw-from-${from}.xml` };
      return { file: 'oai/error-noRecordsMatch.xml' };
    }
    if (url.pathname.startsWith('/rss/')) return { file: `rss/${decodeURIComponent(url.pathname.slice(5))}.xml` };
    if (url.pathname === '/api/daily_papers') {
      const day = q.get('date') ?? '';
      const json = { 'content-type': 'application/json' };
      return /^2025-06-(09|10)$/.test(day) ? { file: `hf/${day}.json`, headers: json } : { body: '[]', headers: json };
    }
    return { status: 404, body: 'not found' };
  };
}

/** The configuration that points every source at a fixture server, with short delays. */
export function harvestConfig(base: string, arxivDelayMs = 20) {
  return {
    arxivApiUrl: `${base}/api/query`,
    arxivOaiUrl: `${base}/oai`,
    arxivRssUrl: `${base}/rss`,
    hfApiUrl: `${base}/api/daily_papers`,
    arxivDelayMs,
  };
}
