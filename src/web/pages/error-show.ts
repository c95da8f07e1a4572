import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { missingPaper } from '../views/missing-paper.js';

function page(title: string, message: string | Html): string {
  const text = typeof message === 'string' ? html`<p>${message}</p>` : message;
  return layout({ title: `${title} · paperboy`, body: html`<h1>${title}</h1>${text}<p><a href="/">Back to the latest papers</a></p>` }).value;
}

/** The 404 page for any path no route serves. */
export async function notFoundShow(_req: FastifyRequest, reply: FastifyReply): Promise<string> {
  return paperNotFoundShow(reply, null);
}

/** The 404 page for a paper address, saying what is missing when the address names an arXiv paper. */
export async function paperNotFoundShow(reply: FastifyReply, arxivId: string | null, addable = false): Promise<string> {
  reply.code(404).type('text/html; charset=utf-8');
  return page('Not found', arxivId ? missingPaper(arxivId, addable) : 'There is no page at this address.');
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
