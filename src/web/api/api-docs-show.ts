import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { openApiDocument } from './openapi-document.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

/** Prose with `code` spans: each piece is escaped by the tag, backticked ones wrapped in <code>. */
function prose(v: unknown): Html {
  const parts = text(v).split('`');
  return html`${parts.map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
}

/** A schema in a few words: `#/components/schemas/Paper` → Paper, arrays as "array of X". */
function typeName(schema: unknown): Html {
  const s = obj(schema);
  if (typeof s['$ref'] === 'string') {
    const name = s['$ref'].split('/').pop()!;
    return html`<a href="#schema-${name}">${name}</a>`;
  }
  if (s['type'] === 'array' || (Array.isArray(s['type']) && s['type'].includes('array'))) return html`array of ${typeName(s['items'])}`;
  const type = Array.isArray(s['type']) ? s['type'].join(' or ') : text(s['type'] ?? 'any');
  const enums = Array.isArray(s['enum']) ? html` (${s['enum'].map(text).join(', ')})` : '';
  return html`${type}${enums}`;
}

function parameterRows(params: unknown[]): Html {
  return html`<table>
<thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">Description</th></tr></thead>
<tbody>${params.map((raw) => {
    const p = obj(raw);
    const schema = obj(p['schema']);
    return html`<tr><td><code>${text(p['name'])}</code>${p['required'] ? ' (required)' : ''}</td><td>${text(p['in'])}</td>
<td>${typeName(schema)}</td><td>${schema['default'] !== undefined ? html`<code>${text(schema['default'])}</code>` : ''}</td><td>${prose(p['description'])}</td></tr>`;
  })}</tbody>
</table>`;
}

/** The example request of an operation: its path with example values filled in. */
function exampleUrl(path: string, params: unknown[]): string {
  let url = path;
  const query = new URLSearchParams();
  for (const raw of params) {
    const p = obj(raw);
    if (p['example'] === undefined) continue;
    if (p['in'] === 'path') url = url.replace(`{${text(p['name'])}}`, encodeURIComponent(text(p['example'])));
    else query.set(text(p['name']), text(p['example']));
  }
  const qs = query.toString();
  return qs ? `${url}?${qs}` : url;
}

/** The example command of an operation: a GET of its example URL, or a request with its example JSON body. */
function exampleCommand(path: string, method: string, params: unknown[], op: Obj): Html {
  const url = `http://localhost:8080${exampleUrl(path, params)}`;
  const body = obj(obj(obj(op['requestBody'])['content'])['application/json']);
  if (body['example'] === undefined) return html`curl '${url}'`;
  return html`curl -X ${method.toUpperCase()} -H 'content-type: application/json' -d '${JSON.stringify(body['example'])}' '${url}'`;
}

function requestBody(op: Obj): Html | '' {
  const body = obj(obj(obj(op['requestBody'])['content'])['application/json']);
  if (!body['schema']) return '';
  return html`<h3>Request body</h3><p><code>application/json</code>: ${typeName(body['schema'])}</p>`;
}

function operation(path: string, method: string, op: Obj): Html {
  const params = Array.isArray(op['parameters']) ? op['parameters'] : [];
  const responses = Object.entries(obj(op['responses']));
  const id = text(op['operationId']);
  return html`<section class="api-operation" aria-labelledby="op-${id}">
<h2 id="op-${id}"><code>${method.toUpperCase()} ${path}</code></h2>
<p><strong>${text(op['summary'])}</strong></p>
${op['description'] ? html`<p>${prose(op['description'])}</p>` : ''}
${params.length ? html`<h3>Parameters</h3>${parameterRows(params)}` : ''}
${requestBody(op)}
<h3>Responses</h3>
<ul>${responses.map(([status, r]) => {
    const content = obj(obj(r)['content']);
    const [type, media] = Object.entries(content)[0] ?? ['', {}];
    const headers = Object.keys(obj(obj(r)['headers']));
    return html`<li><code>${status}</code> ${text(obj(r)['description'])}${type ? html` (<code>${type}</code>: ${typeName(obj(media)['schema'])})` : ''}${headers.length ? html`; headers ${headers.map((h, i) => html`${i ? ', ' : ''}<code>${h}</code>`)}` : ''}</li>`;
  })}</ul>
<h3>Example</h3>
<pre tabindex="0"><code>${exampleCommand(path, method, params, op)}</code></pre>
</section>`;
}

function schemaSection(name: string, raw: unknown): Html {
  const s = obj(raw);
  const props = Object.entries(obj(s['properties']));
  const required = new Set(Array.isArray(s['required']) ? s['required'].map(text) : []);
  return html`<section class="api-schema" aria-labelledby="schema-${name}">
<h3 id="schema-${name}">${name}</h3>
${s['description'] ? html`<p>${prose(s['description'])}</p>` : ''}
${props.length ? html`<table>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Notes</th></tr></thead>
<tbody>${props.map(([field, p]) => html`<tr><td><code>${field}</code></td><td>${typeName(p)}</td>
<td>${required.has(field) ? '' : 'optional. '}${prose(obj(p)['description'])}</td></tr>`)}</tbody>
</table>` : ''}
</section>`;
}

/**
 * `GET /api/docs`: the OpenAPI document as a readable page, generated from the same object the
 * server serves at /api/openapi.json so the two cannot drift apart. Every value goes through the
 * escaping template.
 */
export async function apiDocsShow(_req: FastifyRequest, reply: FastifyReply): Promise<string> {
  const doc = openApiDocument();
  const info = obj(doc['info']);
  const ops = Object.entries(obj(doc['paths'])).flatMap(([path, methods]) =>
    Object.entries(obj(methods)).map(([method, op]) => operation(path, method, obj(op))));
  const schemas = Object.entries(obj(obj(doc['components'])['schemas'])).map(([name, s]) => schemaSection(name, s));
  const body = html`<article class="api-docs">
<h1>${text(info['title'])}</h1>
<p>${prose(info['description'])}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${text(doc['openapi'])}).</p>
${ops}
<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${schemas}</section>
</article>`;
  reply.type('text/html; charset=utf-8');
  return layout({ title: 'JSON API · paperboy', description: 'The paperboy JSON API', body }).value;
}
