import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOPIC_WORDS } from './topic-papers.js';

/** How the fake embeddings service answers the next requests. */
export type EndpointBehaviour = 'ok' | 'slow' | '429' | '500' | 'malformed' | 'wrong-dimensions' | 'wrong-count';

/** A local OpenAI-compatible `/v1/embeddings` service whose answers and failures a test controls. */
export interface EmbeddingServer {
  url: string;
  behaviour: EndpointBehaviour;
  requests: Array<{ path: string; model: string; inputs: number; auth: string | undefined }>;
  close(): Promise<void>;
}

const TOPICS = Object.values(TOPIC_WORDS).map((t) => new Set(t.words));

/** A 6-dimension vector: one count per topic vocabulary, plus two constant dimensions. */
function vectorOf(text: string): number[] {
  const v = [0, 0, 0, 0, 0.1, 0.1];
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) TOPICS.forEach((t, i) => { if (t.has(w)) v[i]! += 1; });
  return v;
}

/** Starts the service on 127.0.0.1, port 0. */
export async function startEmbeddingServer(): Promise<EmbeddingServer> {
  const state: EmbeddingServer = { url: '', behaviour: 'ok', requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; input: string[] };
      state.requests.push({ path: req.url ?? '', model: parsed.model, inputs: parsed.input.length, auth: req.headers.authorization });
      const send = (status: number, text: string): void => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(text); };
      const data = parsed.input.map((t, index) => ({ object: 'embedding', index, embedding: vectorOf(t) }));
      switch (state.behaviour) {
        case 'slow': setTimeout(() => send(200, JSON.stringify({ data })), 3000); return;
        case '429': send(429, '{"error":{"message":"rate limit"}}'); return;
        case '500': send(500, '{"error":"boom"}'); return;
        case 'malformed': send(200, '{"data": [ {"embedding": [0.1, '); return;
        case 'wrong-dimensions': send(200, JSON.stringify({ data: data.map((d) => ({ ...d, embedding: [...d.embedding, 1, 2] })) })); return;
        case 'wrong-count': send(200, JSON.stringify({ data: data.slice(1) })); return;
        default: send(200, JSON.stringify({ object: 'list', model: parsed.model, data: [...data].reverse() }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return state;
}
