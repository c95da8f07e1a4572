import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/web/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { importFiles } from '../src/ingest/import-files.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { schemaErrors } from './helpers/json-schema-check.js';
import { semanticCorpus } from './helpers/semantic-corpus.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/api/2025-06-02.json', import.meta.url));

type Obj = Record<string, any>;
interface Param { name: string; in: 'query' | 'path'; required?: boolean; example?: unknown; schema: Obj }

/**
 * Every (method, path) Fastify serves, read from its route tree (`:id` written as `{id}`). Routes
 * sharing a parameter position print as one node (`{id}|{archive}`): such a segment stands for
 * any of its names.
 */
function fastifyRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:[├└]── )?(\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4 + (line.includes('── ') ? 1 : 0);
    const parent = depth > 0 ? stack[depth - 1] ?? '' : '';
    const full = (parent.endsWith('/') && m[2]!.startsWith('/') ? parent.slice(0, -1) : parent) + m[2]!;
    stack[depth] = full;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      out.push({ method, path: full.replace(/:(\w+)/g, '{$1}') });
    }
  }
  return out;
}

/** The example JSON body of an operation, if it takes one. */
function bodyExample(op: Obj): { schema: Obj; example: unknown } | null {
  const media = op['requestBody']?.['content']?.['application/json'];
  return media ? { schema: media['schema'], example: media['example'] } : null;
}

/** Sends one operation: GETs as URLs, operations with a body as JSON (`body` overrides the example). */
function send(app: FastifyInstance, method: string, url: string, op: Obj, body?: unknown) {
  const example = bodyExample(op);
  if (!example) return app.inject({ method: method.toUpperCase() as 'GET', url });
  const payload = body === undefined ? JSON.stringify(example.example) : typeof body === 'string' ? body : JSON.stringify(body);
  return app.inject({ method: method.toUpperCase() as 'POST', url, payload, headers: { 'content-type': 'application/json' } });
}

/** The URL of an operation with example values; `extra` adds or overrides query parameters. */
function urlFor(path: string, params: Param[], extra: Record<string, string> = {}, onlyRequired = false): string {
  let url = path;
  const q = new URLSearchParams();
  for (const p of params) {
    if (p.in === 'path') url = url.replace(`{${p.name}}`, String(p.example));
    else if (p.example !== undefined && (!onlyRequired || p.required)) q.set(p.name, String(p.example));
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const qs = q.toString();
  return qs ? `${url}?${qs}` : url;
}

for (const backend of backends()) {
  describe(`OpenAPI document (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    let semantic: SemanticEngine;
    let doc: Obj;
    const operations: [string, string, Obj][] = [];
    before(async () => {
      fresh = await backend.create();
      const keyword = new KeywordIndex(fresh.db);
      await importFiles({ db: fresh.db, keyword }, [FIXTURE]);
      // The semantic corpus is large enough to train a model, so similar papers and recommendations rank by meaning.
      await upsertRecords(fresh.db, [paperRecord('hep-th/9901001', { title: 'Old style' }), ...semanticCorpus().records]);
      await keyword.indexPending();
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
      semantic = createSemanticSearch({ db: fresh.db, keyword, config });
      assert.equal((await semantic.embedPending()).problem, undefined);
      app = await buildApp({ config, db: fresh.db, keyword, semantic, logger: createLogger(config) });
      const res = await app.inject('/api/openapi.json');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      doc = res.json();
      for (const [path, methods] of Object.entries(doc['paths'] as Obj)) {
        for (const [method, op] of Object.entries(methods as Obj)) operations.push([path, method, op as Obj]);
      }
    });
    after(async () => {
      await app.close();
      await semantic.close();
      await fresh.drop();
    });

    /** A schema with its $ref followed. */
    function schemaOf(schema: Obj): Obj {
      const ref = schema['$ref'];
      return typeof ref === 'string' ? ref.slice(2).split('/').reduce((node: Obj, key) => node[key], doc) : schema;
    }

    function check(url: string, res: { statusCode: number; headers: Obj; body: string }, op: Obj): void {
      const declared = op['responses'][String(res.statusCode)];
      assert.ok(declared, `${url}: status ${res.statusCode} is not in the document (${res.body.slice(0, 200)})`);
      const [type, media] = Object.entries(declared.content as Obj)[0]!;
      assert.ok(String(res.headers['content-type']).startsWith(type), `${url}: content-type ${res.headers['content-type']}, declared ${type}`);
      if (type !== 'application/json') return;
      const errors = schemaErrors(JSON.parse(res.body), (media as Obj)['schema'], doc);
      assert.deepEqual(errors.slice(0, 10), [], url);
      for (const [name, h] of Object.entries((declared.headers ?? {}) as Obj)) {
        if (!/^Present only/.test(String((h as Obj)['description']))) assert.ok(res.headers[name.toLowerCase()] !== undefined, `${url}: header ${name}`);
      }
    }

    it('is OpenAPI 3.1 with valid examples', () => {
      assert.equal(doc['openapi'], '3.1.0');
      assert.ok(operations.length >= 6);
      for (const [path, method, op] of operations) {
        assert.ok(op['operationId'] && op['summary'] && op['responses']['200'], `${method} ${path}`);
        for (const p of (op['parameters'] ?? []) as Param[]) {
          for (const v of [p.example, ...(p.schema['examples'] ?? [])]) {
            if (v !== undefined) assert.deepEqual(schemaErrors(v, p.schema, doc), [], `${path} ${p.name}=${String(v)}`);
          }
          if (p.in === 'path') assert.ok(path.includes(`{${p.name}}`) && p.required && p.example !== undefined, `${path} ${p.name}`);
        }
        const body = bodyExample(op);
        if (body) assert.deepEqual(schemaErrors(body.example, body.schema, doc), [], `${method} ${path} body example`);
      }
    });

    it('answers every operation with its example parameters as documented', async () => {
      for (const [path, method, op] of operations) {
        const params = (op['parameters'] ?? []) as Param[];
        const url = urlFor(path, params);
        const res = await send(app, method, url, op);
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
        check(url, res, op);
        if (path === '/api/daily_papers' || path === '/api/papers/search' || path === '/api/papers') {
          assert.ok(JSON.stringify(res.json()).length > 10, `${url} returned data`);
        }
        for (const p of params.filter((x) => x.in === 'query')) {
          for (const v of (p.schema['examples'] ?? []) as unknown[]) {
            const one = urlFor(path, params, { [p.name]: String(v) }, true);
            const r = await app.inject(one);
            assert.equal(r.statusCode, 200, `${one}: ${r.body.slice(0, 200)}`);
            check(one, r, op);
          }
        }
      }
    });

    it('answers documented errors in the documented shape', async () => {
      for (const [path, method, op] of operations) {
        const body = bodyExample(op);
        if (body && op['responses']['400']) {
          const url = urlFor(path, (op['parameters'] ?? []) as Param[]);
          const props = Object.keys((schemaOf(body.schema) as Obj)['properties'] ?? {});
          for (const name of props) {
            const res = await send(app, method, url, op, { ...(body.example as Obj), [name]: 'nonsense' });
            assert.equal(res.statusCode, 400, `${url} ${name}`);
            check(url, res, op);
            assert.equal(res.json().parameter, name, `${url} ${name}`);
          }
          for (const bad of ['{"positive": [', '[]', '{"unexpected": 1}']) {
            const res = await send(app, method, url, op, bad);
            assert.equal(res.statusCode, 400, `${url} ${bad}`);
            check(url, res, op);
          }
        }
        const params = (op['parameters'] ?? []) as Param[];
        if (op['responses']['400']) {
          for (const p of params.filter((x) => x.in === 'query')) {
            const bad = p.schema['type'] === 'integer' ? 'many' : p.schema['enum'] || p.schema['pattern'] || p.schema['format'] ? 'nonsense' : '\u0000';
            const url = urlFor(path, params, { [p.name]: bad });
            const res = await app.inject(url);
            assert.equal(res.statusCode, 400, url);
            check(url, res, op);
            assert.equal(res.json().parameter, p.name, url);
          }
        }
        if (op['responses']['404']) {
          const missing = params.map((p) => (p.in === 'path' ? { ...p, example: `${String(p.example)}9` } : p));
          const url = urlFor(path, missing);
          const res = await app.inject(url);
          assert.equal(res.statusCode, 404, url);
          check(url, res, op);
        }
      }
    });

    it('describes every /api route Fastify serves, and nothing else', () => {
      const served = fastifyRoutes(app).filter((r) => r.path.startsWith('/api') && r.method !== 'HEAD');
      assert.ok(served.length >= 6, JSON.stringify(served));
      const pattern = (path: string): RegExp => new RegExp(`^${path.split('/').map((seg) => seg.includes('|')
        ? `\\{(${seg.split('|').map((alt) => alt.slice(1, -1)).join('|')})\\}`
        : seg.replace(/[.*+?^${}()[\]\\]/g, '\\$&')).join('/')}$`);
      const documented = (r: { method: string; path: string }): boolean =>
        operations.some(([path, method]) => method === r.method.toLowerCase() && pattern(r.path).test(path));
      for (const r of served) assert.ok(documented(r), `${r.method} ${r.path} is not in the document`);
      for (const [path, method] of operations) {
        assert.ok(served.some((r) => r.method.toLowerCase() === method && pattern(r.path).test(path)), `${method} ${path} is documented but not served`);
        assert.ok(app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${method} ${path} has no route`);
      }
    });

    it('renders the document as an escaped HTML page without external resources', async () => {
      const res = await app.inject('/api/docs');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
      for (const [path, method] of operations) assert.ok(res.body.includes(`${method.toUpperCase()} ${path}`), path);
      for (const name of Object.keys(doc['components']['schemas'])) assert.ok(res.body.includes(`id="schema-${name}"`), name);
      assert.match(res.body, /<code>hep-th%2F9901001<\/code>/);
      assert.match(res.body, /curl 'http:\/\/localhost:8080\/api\/daily_papers\?date=2025-06-02&amp;p=0/);
      assert.doesNotMatch(res.body, /<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
      assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    });
  });
}
