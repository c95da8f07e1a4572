import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { paperPath } from '../views/site-paths.js';
import { arxivLinks } from '../../model/normalise.js';
import { paperReference } from '../../model/paper-reference.js';
import { formValue } from '../http/form-body.js';
import type { CsrfProtection } from '../http/csrf.js';
import { RateLimiter, type RateLimitOptions } from '../http/rate-limit.js';
import { papersByIds } from '../../store/paper-batch-read.js';
import { lookUpArxivPaper, type LookupOutcome } from '../../ingest/harvest/arxiv-lookup.js';
import { csrfField } from './subscribe-fields.js';
import { csrfRejected, messagePage, rateLimited } from './subscribe-messages.js';
import { clientKey, privatePage } from './subscribe-services.js';

/** Lookups per client address (10 per 10 minutes), and distinct papers waiting for arXiv at once. */
export const PAPER_ADD_LIMITS: Readonly<{ perIp: RateLimitOptions; waiting: number }> = Object.freeze({
  perIp: { limit: 10, windowMs: 10 * 60_000 },
  waiting: 4,
});

/** What the add-a-paper pages share within one app: the CSRF check, the per-client limit, the lookups under way. */
export interface PaperAddServices {
  csrf: CsrfProtection;
  perIp: RateLimiter;
  /** Lookups under way by paper id: a second request for the same paper waits for the first. */
  running: Map<string, Promise<LookupOutcome>>;
}

/** Builds the services once per app (the CSRF protection is the site's one, shared with the other forms). */
export function paperAddServices(csrf: CsrfProtection): PaperAddServices {
  return { csrf, perIp: new RateLimiter(PAPER_ADD_LIMITS.perIp), running: new Map() };
}

function formPage(reply: FastifyReply, status: number, token: string, value: string, notice?: Html): string {
  privatePage(reply, status);
  const body = html`<h1>Add a paper from arXiv</h1>
<p class="lede">A paper this site does not hold yet can be added by its arXiv id or address. paperboy asks arXiv's API once
for its title, abstract, authors and categories (a few seconds; arXiv allows one request every 3 seconds), then opens its page
here, with similar papers. The PDF stays on arXiv.</p>
${notice ?? ''}
<form class="add-paper" action="/papers/add" method="post">
${csrfField(token)}
<p class="form-field"><label for="f-id">arXiv id or address</label><br>
<input id="f-id" name="id" size="40" maxlength="200" required placeholder="e.g. 2501.00001 or https://arxiv.org/abs/2501.00001" value="${value}"></p>
<p><button type="submit">Add this paper</button></p>
</form>`;
  return layout({ title: 'Add a paper from arXiv · paperboy', body }).value;
}

function turnedOff(reply: FastifyReply, id: string | null): string {
  return messagePage(reply, 403, 'Adding papers is turned off', html`<p>This site does not add papers on request
(PAPERBOY_ARXIV_LOOKUP=false). Papers arrive as arXiv and Hugging Face Daily Papers list them.</p>
${id ? html`<p><a href="${arxivLinks(id).absUrl}">Open arXiv:${id} on arXiv</a></p>` : ''}`);
}

function problemNotice(text: Html): Html {
  return html`<div class="empty" role="alert"><p>${text}</p></div>`;
}

/** `GET /papers/add?id=`: the form, filled in with the id a "not here" page linked. */
export function paperAddForm(deps: WebDeps, s: PaperAddServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const raw = String((req.query as Record<string, unknown>)['id'] ?? '').slice(0, 200);
    const id = paperReference(raw);
    if (!deps.config.arxivLookup) return turnedOff(reply, id);
    return formPage(reply, 200, await s.csrf.token(req, reply), id ?? raw);
  };
}

/**
 * `POST /papers/add`: looks the paper up on arXiv and opens its page (303), or says why not: not an
 * arXiv id (400), arXiv has no such paper (404), arXiv failing (502), too many lookups from one
 * client (429) or waiting at once (503). A paper already here opens without asking arXiv.
 */
export function paperAddSubmit(deps: WebDeps, s: PaperAddServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const raw = (formValue(req.body, 'id') ?? '').trim().slice(0, 200);
    const id = paperReference(raw);
    if (!deps.config.arxivLookup) return turnedOff(reply, id);
    if (!(await s.csrf.check(req))) return csrfRejected(reply, `/papers/add${id ? `?id=${encodeURIComponent(id)}` : ''}`);
    const token = await s.csrf.token(req, reply);
    if (!id) return formPage(reply, 400, token, raw, problemNotice(html`<strong>That is not an arXiv id or address.</strong> Ids look like 2501.00001 or hep-th/9901001.`));
    if ((await papersByIds(deps.db, [id])).length) {
      reply.redirect(paperPath(id), 303);
      return '';
    }
    let running = s.running.get(id);
    if (!running) {
      if (s.running.size >= PAPER_ADD_LIMITS.waiting) {
        reply.header('retry-after', '30');
        return formPage(reply, 503, token, id, problemNotice(html`<strong>Several papers are being looked up on arXiv right now.</strong> Please try again in half a minute.`));
      }
      const allowed = s.perIp.hit(clientKey(req));
      if (!allowed.ok) return rateLimited(reply, allowed.retryAfterSeconds);
      running = lookUpArxivPaper({ db: deps.db, config: deps.config, keyword: deps.keyword }, id).finally(() => s.running.delete(id));
      s.running.set(id, running);
    }
    const outcome = await running;
    if (outcome.ok) {
      if (outcome.added) deps.logger.info({ paper: id }, 'paper added from arXiv on request');
      reply.redirect(paperPath(id), 303);
      return '';
    }
    if (outcome.kind === 'not-on-arxiv') {
      return formPage(reply, 404, token, id, problemNotice(html`<strong>arXiv has no paper ${id}.</strong> Check the id; new papers appear on arXiv when they are announced.`));
    }
    deps.logger.warn({ paper: id, problem: outcome.message }, 'arXiv lookup failed');
    return formPage(reply, 502, token, id, problemNotice(html`<strong>arXiv did not answer as expected</strong> (${outcome.message}). Nothing was added; please try again in a few minutes.`));
  };
}
