import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { arxivId } from '../../model/normalise.js';
import { getPaper } from '../../store/papers-read.js';
import type { PaperRow } from '../../model/paper-row.js';
import { setLastModified } from '../http/conditional-get.js';
import { paperMarkdown } from './markdown-export.js';
import { paperBibtex } from './bibtex-export.js';

/** The export formats of one paper: file extension, media type, renderer. */
const EXPORTS = {
  md: { type: 'text/markdown; charset=utf-8', render: (p: PaperRow, base: string) => paperMarkdown(p, base) },
  bib: { type: 'application/x-bibtex; charset=utf-8', render: (p: PaperRow) => paperBibtex(p) },
} as const;

type ExportKind = keyof typeof EXPORTS;

/** The stored id a URL names: versions (`v2`) and `arXiv:` prefixes are dropped, other ids kept as given. */
function paperIdOf(params: Record<string, string | undefined>): string {
  const raw = params['archive'] ? `${params['archive']}/${params['num'] ?? ''}` : params['id'] ?? '';
  return arxivId(raw) ?? raw;
}

function exportHandler(deps: WebDeps, kind: ExportKind) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const id = paperIdOf(req.params as Record<string, string | undefined>);
    const paper = id.length <= 300 ? await getPaper(deps.db, id) : null;
    if (!paper) {
      reply.code(404).type('text/plain; charset=utf-8');
      return 'No paper with this id.\n';
    }
    setLastModified(reply, paper.updatedAt ?? paper.publishedAt);
    const file = `${paper.paperId.replace(/[^A-Za-z0-9.-]/g, '_')}.${kind}`;
    reply.type(EXPORTS[kind].type).header('content-disposition', `inline; filename="${file}"`);
    return EXPORTS[kind].render(paper, deps.config.baseUrl);
  };
}

/**
 * `/papers/:id.md` and `/papers/:id.bib`, also for old-style ids with a slash
 * (`/papers/hep-th/9901001.bib`). The suffix is part of the route, so these never clash with
 * the paper page route `/papers/:id`.
 */
export function registerPaperExports(app: FastifyInstance, deps: WebDeps): void {
  for (const kind of Object.keys(EXPORTS) as ExportKind[]) {
    app.get(`/papers/:id.${kind}`, exportHandler(deps, kind));
    app.get(`/papers/:archive/:num.${kind}`, exportHandler(deps, kind));
  }
}
