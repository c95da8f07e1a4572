import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import type { PaperRow } from '../../model/paper-row.js';
import { arxivId } from '../../model/normalise.js';
import { papersByIds } from '../../store/paper-batch-read.js';
import { citationKey, paperBibtex } from './bibtex-export.js';
import { paperMarkdown } from './markdown-export.js';
import { LIST_EXPORT_MAX } from '../views/list-export-links.js';

/** Citation keys kept apart in one file: a second `smith2025deep` becomes `smith2025deepb`, a third `...c`. */
function distinctKeys(papers: readonly PaperRow[]): string[] {
  const seen = new Map<string, number>();
  return papers.map((p) => {
    const key = citationKey(p);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n ? `${key}${String.fromCharCode(97 + Math.min(n, 25))}${n > 25 ? n : ''}` : key;
  });
}

const EXPORTS = {
  bib: {
    type: 'application/x-bibtex; charset=utf-8',
    render: (papers: readonly PaperRow[]) => {
      const keys = distinctKeys(papers);
      return papers.map((p, i) => paperBibtex(p, keys[i])).join('\n');
    },
  },
  md: {
    type: 'text/markdown; charset=utf-8',
    render: (papers: readonly PaperRow[], base: string) => papers.map((p) => paperMarkdown(p, base)).join('\n---\n\n'),
  },
} as const;

function plain(reply: FastifyReply, status: number, text: string): string {
  reply.code(status).type('text/plain; charset=utf-8');
  return `${text}\n`;
}

/**
 * `/export.bib?ids=` and `/export.md?ids=`: several papers in one file, in the order given (ids
 * separated by commas or spaces; versions and `arXiv:` dropped), for a reference manager or notes:
 * the papers of a search page, of recommendations, of a paper's similar papers, of a day. Ids the
 * site lacks are left out; none known is a 404, no ids or too many a 400 naming the parameter.
 */
function listExport(deps: WebDeps, kind: keyof typeof EXPORTS) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const raw = String((req.query as Record<string, unknown>)['ids'] ?? '');
    const ids = [...new Set(raw.split(/[\s,]+/).filter(Boolean).map((id) => arxivId(id) ?? id))];
    if (!ids.length) return plain(reply, 400, 'ids: list the papers to export, separated by commas (e.g. ?ids=2501.00001,2501.00002).');
    if (ids.length > LIST_EXPORT_MAX) return plain(reply, 400, `ids: at most ${LIST_EXPORT_MAX} papers per export (${ids.length} given).`);
    const found = new Map((await papersByIds(deps.db, ids)).map((p) => [p.paperId, p]));
    const papers = ids.flatMap((id) => found.get(id) ?? []);
    if (!papers.length) return plain(reply, 404, 'None of these papers is on this site.');
    reply.type(EXPORTS[kind].type).header('content-disposition', `inline; filename="papers.${kind}"`);
    return EXPORTS[kind].render(papers, deps.config.baseUrl);
  };
}

/** Registers the list exports beside the one-paper ones. */
export function registerListExports(app: FastifyInstance, deps: WebDeps): void {
  app.get('/export.bib', listExport(deps, 'bib'));
  app.get('/export.md', listExport(deps, 'md'));
}
