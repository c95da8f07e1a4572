import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../views/html.js';
import { layout } from '../views/layout.js';

function page(title: string, message: string): string {
  return layout({ title: `${title} · paperboy`, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the latest papers</a></p>` }).value;
}

/** The 404 page for any path no route serves. */
export async function notFoundShow(_req: FastifyRequest, reply: FastifyReply): Promise<string> {
  reply.code(404).type('text/html; charset=utf-8');
  return page('Not found', 'There is no page at this address.');
}

/**
 * The one place a thrown error becomes a response: client errors (bad request, too large) keep
 * their status; anything else is a bug or an outage, logged once and shown as a plain 500 page
 * that never reveals the error text.
 */
export async function errorShow(err: FastifyError, req: FastifyRequest, reply: FastifyReply): Promise<string> {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  reply.code(status).type('text/html; charset=utf-8');
  if (status === 500) {
    req.log.error({ err }, 'request failed');
    return page('Something went wrong', 'The server could not show this page. The error has been logged.');
  }
  return page('Bad request', 'The server could not understand this request.');
}
