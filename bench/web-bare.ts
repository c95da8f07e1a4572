import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

// The baseline of the web benchmark: plain node:http answering each path with bytes fetched
// from paperboy once, so the comparison measures only what paperboy does per request.

interface Page {
  path: string;
  file: string;
  contentType: string;
}

const manifest = process.argv[2];
if (!manifest) {
  process.stderr.write('this is a benchmark worker: run `npm run bench:web` instead\n');
  process.exit(2);
}
const pages = new Map<string, { body: Buffer; type: string }>();
for (const p of JSON.parse(readFileSync(manifest, 'utf8')) as Page[]) pages.set(p.path, { body: readFileSync(p.file), type: p.contentType });

const server = createServer((req, res) => {
  const page = pages.get(req.url ?? '');
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
  res.end(page.body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
