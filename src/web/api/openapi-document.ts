import { API_SCHEMAS } from './openapi-schemas.js';
import { DAILY_DEFAULT_LIMIT, DAILY_MAX_LIMIT } from './daily-papers-list.js';
import { SEARCH_MAX_LIMIT, SEARCH_MAX_QUERY } from './papers-search.js';
import { SIMILAR_DEFAULT_LIMIT, SIMILAR_MAX_LIMIT } from './papers-similar.js';
import { NEGATIVE_WEIGHT } from '../../search/semantic/recommend-papers.js';
import { CURSOR_MAX_LIMIT } from './papers-cursor.js';

type Obj = Record<string, unknown>;

/**
 * One query or path parameter. `example` is what the docs page shows and what the tests send;
 * `schema.examples` are further valid values the tests also try one at a time.
 */
function param(name: string, where: 'query' | 'path', description: string, schema: Obj, example?: unknown): Obj {
  return { name, in: where, required: where === 'path', description, schema, ...(example !== undefined ? { example } : {}) };
}

const json = (schema: Obj): Obj => ({ content: { 'application/json': { schema } } });
const ref = (name: string): Obj => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string): Obj => ({ description, ...json(ref('Error')) });
const limitParam = (def: number, max: number, example?: number): Obj =>
  param('limit', 'query', `How many results to return (1 to ${max}).`, { type: 'integer', minimum: 1, maximum: max, default: def }, example);

const dailyPapers: Obj = {
  summary: 'Featured papers of a day, week or month',
  description: 'Compatible with the hosted Daily Papers API: an array of entries in its shape. Give at most one of ' +
    '`date`, `week`, `month`; with none, the newest day that has featured papers is listed. The header ' +
    '`X-Total-Count` holds the number of entries in the whole period.',
  parameters: [
    param('date', 'query', 'A listing day (YYYY-MM-DD).', { type: 'string', format: 'date', examples: ['2025-06-01'] }, '2025-06-02'),
    param('week', 'query', 'An ISO week (YYYY-Www, Monday to Sunday).', { type: 'string', pattern: '^\\d{4}-W\\d{2}$', examples: ['2025-W23'] }),
    param('month', 'query', 'A calendar month (YYYY-MM).', { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2025-06'] }),
    param('p', 'query', 'Page number, from 0.', { type: 'integer', minimum: 0, default: 0, examples: [1] }, 0),
    limitParam(DAILY_DEFAULT_LIMIT, DAILY_MAX_LIMIT, 10),
    param('sort', 'query', '`trending`: most upvoted first, ties in the hosted order. `publishedAt`: most recently listed first.',
      { type: 'string', enum: ['trending', 'publishedAt'], default: 'trending', examples: ['publishedAt'] }, 'trending'),
    param('submitter', 'query', 'Only entries submitted by this user name.', { type: 'string', examples: ['akhaliq'] }),
  ],
  responses: {
    200: { description: 'The entries, possibly none.', ...json({ type: 'array', items: ref('DailyEntry') }) },
    400: error('A parameter is malformed (the body names it).'),
  },
};

const paperShow: Obj = {
  summary: 'One paper',
  description: 'Everything stored about a paper, and the days it was featured. Versioned ids (`2506.01005v2`) ' +
    'and `arXiv:` prefixes are accepted; old-style ids may carry their slash encoded (`hep-th%2F9901001`).',
  parameters: [param('id', 'path', 'The arXiv id.', { type: 'string' }, '2506.01005')],
  responses: {
    200: { description: 'The paper.', ...json(ref('PaperDetail')) },
    400: error('The id is malformed.'),
    404: error('No paper has this id.'),
  },
};

const header = (description: string): Obj => ({ description, schema: { type: 'string' } });

const papersSearch: Obj = {
  summary: 'Search papers',
  description: 'Search over titles, abstracts and authors, best match first. `mode=keyword` ranks by the words, ' +
    '`semantic` by meaning (embeddings), `hybrid` (the default) fuses both. The query language supports ' +
    '`author:`, `category:`, `org:` (an organization, by account or full name), `has:code`, `year:` ranges, "phrases" and `-excluded` words, and its filters apply in every mode. ' +
    'A pasted abstract or paragraph finds papers about the same thing. When semantic ranking is unavailable ' +
    '(no model yet, embedding service failing) the search falls back to keyword ranking and says so in ' +
    '`X-Search-Degraded`. `X-Total-Count` holds the number of matches.',
  parameters: [
    { ...param('q', 'query', `The words to search for, or a passage of text (up to ${SEARCH_MAX_QUERY} characters).`,
      { type: 'string', minLength: 1, maxLength: SEARCH_MAX_QUERY, examples: ['"reward models"'] }, 'retrieval'), required: true },
    limitParam(50, SEARCH_MAX_LIMIT, 20),
    param('sort', 'query', 'Best match first, or newest first.', { type: 'string', enum: ['relevance', 'date'], default: 'relevance', examples: ['date'] }),
    param('mode', 'query', 'How results are ranked: by words, by meaning, or both fused.',
      { type: 'string', enum: ['keyword', 'semantic', 'hybrid'], default: 'hybrid', examples: ['keyword', 'semantic'] }),
  ],
  responses: {
    200: {
      description: 'The matching papers.',
      headers: {
        'X-Total-Count': header('How many papers match in all.'),
        'X-Search-Mode': header('The mode actually used: the one asked for, or `keyword` when semantic ranking was unavailable.'),
        'X-Search-Degraded': header('Present only when semantic or hybrid fell back to keyword ranking: the reason.'),
        'X-Search-Suggestion': header('Present only when words of the query are almost unused and a frequent word is a letter or two away: the query with them replaced ("did you mean").'),
      },
      ...json({ type: 'array', items: ref('SearchHit') }),
    },
    400: error('The query is missing or has nothing to search for, or a parameter is malformed (the body names it).'),
  },
};

const papersSimilar: Obj = {
  summary: 'Papers similar to one paper',
  description: 'The papers most like this one by meaning (title and abstract), best first, each with the shared ' +
    'terms and topics that explain the match. Ids are accepted as for `/api/papers/{id}`.',
  parameters: [
    param('id', 'path', 'The arXiv id.', { type: 'string' }, '2506.01005'),
    limitParam(SIMILAR_DEFAULT_LIMIT, SIMILAR_MAX_LIMIT, 5),
  ],
  responses: {
    200: { description: 'The similar papers, possibly none.', ...json({ type: 'array', items: ref('RankedHit') }) },
    400: error('The id or limit is malformed.'),
    404: error('No paper has this id.'),
  },
};

const recommend: Obj = {
  summary: 'Recommendations for an interest profile',
  description: 'Papers ranked for a set of liked (`positive`) and disliked (`negative`) papers, best first, the given ' +
    `papers left out. The method is Rocchio's: the profile is the mean embedding of the liked papers minus ${NEGATIVE_WEIGHT} ` +
    'times the mean of the disliked ones; candidates are ranked by cosine similarity to it, fused with a keyword ' +
    'search for the liked papers\' most distinctive words (those of disliked papers removed). Each result says which ' +
    'terms and topics it shares with the liked papers. Ids the server does not have are listed in `unknown` and ' +
    'ignored; the request still succeeds.',
  requestBody: {
    required: true,
    content: { 'application/json': { schema: ref('RecommendRequest'), example: { positive: ['2506.01005'], negative: [], limit: 5 } } },
  },
  responses: {
    200: { description: 'The recommended papers.', ...json(ref('Recommendations')) },
    400: error('The body is not JSON, or a field is malformed (the error\'s parameter names the field, or body).'),
    413: error('The body is larger than 64 KiB.'),
    415: error('The body is not sent as application/json.'),
  },
};

const papersCursor: Obj = {
  summary: 'All papers, page by page',
  description: 'Walks every stored paper in a stable order. Start without `cursor`, then pass `nextCursor` back ' +
    'until it is null; papers added meanwhile appear at the end.',
  parameters: [
    param('cursor', 'query', 'The `nextCursor` of the previous page.', { type: 'string', pattern: '^\\d{1,15}$' }),
    limitParam(100, CURSOR_MAX_LIMIT, 2),
  ],
  responses: {
    200: { description: 'A page of papers.', ...json(ref('PaperPage')) },
    400: error('The cursor or limit is malformed.'),
  },
};

/** The two path parameters of an old-style arXiv id (`hep-th/9901001`), shared by every such route. */
function oldStyleIdParams(): ReturnType<typeof param>[] {
  return [
    param('archive', 'path', 'The archive, e.g. hep-th.', { type: 'string' }, 'hep-th'),
    param('num', 'path', 'The number, e.g. 9901001.', { type: 'string' }, '9901001'),
  ];
}

/** The OpenAPI 3.1 description of the JSON API; served at /api/openapi.json and rendered at /api/docs. */
export function openApiDocument(): Obj {
  return {
    openapi: '3.1.0',
    info: {
      title: 'paperboy API',
      version: '1.0.0',
      description: 'Read-only JSON API of a paperboy server: daily featured papers (compatible with the hosted ' +
        'Daily Papers API), single papers, keyword, semantic and hybrid search, similar papers, recommendations ' +
        'for a set of papers, and a walk over all papers. Errors are JSON ' +
        '`{"error": "...", "parameter": "..."}` with status 400 (bad parameter) or 404 (unknown id).',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/daily_papers': { get: { operationId: 'dailyPapers', ...dailyPapers } },
      '/api/papers/{id}': { get: { operationId: 'paper', ...paperShow } },
      '/api/papers/{archive}/{num}': {
        get: {
          operationId: 'oldStylePaper', ...paperShow,
          summary: 'One paper with an old-style id',
          description: 'The same as `/api/papers/{id}` for ids with a slash, such as `hep-th/9901001`.',
          parameters: [
            ...oldStyleIdParams(),
          ],
        },
      },
      '/api/papers/{id}/similar': { get: { operationId: 'similarPapers', ...papersSimilar } },
      '/api/papers/{archive}/{num}/similar': {
        get: {
          operationId: 'oldStyleSimilarPapers', ...papersSimilar,
          summary: 'Papers similar to one paper with an old-style id',
          description: 'The same as `/api/papers/{id}/similar` for ids with a slash, such as `hep-th/9901001`.',
          parameters: [
            ...oldStyleIdParams(),
            limitParam(SIMILAR_DEFAULT_LIMIT, SIMILAR_MAX_LIMIT, 5),
          ],
        },
      },
      '/api/recommend': { post: { operationId: 'recommend', ...recommend } },
      '/api/papers/search': { get: { operationId: 'searchPapers', ...papersSearch } },
      '/api/papers': { get: { operationId: 'allPapers', ...papersCursor } },
      '/api/openapi.json': {
        get: { operationId: 'openApi', summary: 'This document', responses: { 200: { description: 'The OpenAPI document.', ...json(ref('OpenApiDocument')) } } },
      },
      '/api/docs': {
        get: {
          operationId: 'docs', summary: 'This document as a web page',
          responses: { 200: { description: 'HTML documentation.', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: { schemas: API_SCHEMAS },
  };
}
