/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) of every API request and response body. Objects are closed
 * (`additionalProperties: false`) so the tests that validate real responses against them catch
 * any field the server adds or drops without the document saying so.
 */

import { RECOMMEND_DEFAULT_LIMIT, RECOMMEND_MAX_IDS, RECOMMEND_MAX_LIMIT } from './recommend.js';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const day: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

function nullable(type: string, extra: Schema = {}): Schema {
  return { type: [type, 'null'], ...extra };
}

function object(properties: Record<string, Schema>, optional: readonly string[] = [], description?: string): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const organization = object({
  name: { type: 'string', description: 'The organization slug (as in Hugging Face URLs).' },
  fullname: str,
  avatar: nullable('string', { description: 'Avatar URL (the hosted API\'s field name).' }),
  avatarUrl: nullable('string', { description: 'The same avatar URL.' }),
});

const paperProperties: Record<string, Schema> = {
  id: { type: 'string', description: 'arXiv id without version, e.g. 2506.01005.' },
  title: str,
  summary: nullable('string', { description: 'The abstract, plain text (may contain LaTeX).' }),
  authors: { type: 'array', items: object({ name: str }) },
  publishedAt: nullable('string', { description: 'First publication on arXiv (ISO-8601).' }),
  publishedFrom: {
    type: ['string', 'null'], enum: ['version', 'source', 'listing', null],
    description: "Where publishedAt comes from: arXiv's v1 date, a date a source gave, or only the day of a daily listing the paper appeared in (a day or few after submission); null when unknown.",
  },
  upvotes: int,
  numComments: int,
  githubRepo: nullable('string'),
  githubStars: nullable('integer'),
  projectPage: nullable('string'),
  ai_summary: nullable('string'),
  ai_keywords: { type: ['array', 'null'], items: str },
  organization: ref('Organization'),
  thumbnail: nullable('string'),
  primaryCategory: nullable('string'),
  categories: { type: 'array', items: str },
  versions: { type: 'array', items: object({ version: int, date: nullable('string') }) },
  latestVersion: nullable('integer'),
  updatedAt: nullable('string'),
  comment: nullable('string'),
  journalRef: nullable('string'),
  doi: nullable('string'),
  reportNo: nullable('string'),
  license: nullable('string'),
  absUrl: nullable('string'),
  pdfUrl: nullable('string'),
};

const listingProperties: Record<string, Schema> = {
  day,
  submittedBy: nullable('string'),
  submitterName: nullable('string'),
  submittedAt: nullable('string'),
};

const searchHitProperties: Record<string, Schema> = {
  paper: ref('Paper'),
  publishedAt: nullable('string'),
  title: str,
  summary: nullable('string'),
  thumbnail: nullable('string'),
  numComments: int,
  organization: ref('Organization'),
  isAuthorParticipating: { type: 'boolean', const: false },
  score: { ...num, description: 'Higher is more relevant; comparable only within one response.' },
};

/** The `components.schemas` section of the document. */
export const API_SCHEMAS: Readonly<Record<string, Schema>> = {
  Organization: organization,
  Paper: object(paperProperties, ['organization'], 'A paper: the hosted API\'s fields, then what paperboy stores beyond them.'),
  PaperDetail: object({ ...paperProperties, listings: { type: 'array', items: object(listingProperties) } }, ['organization'],
    'A paper and every day it was featured, oldest first.'),
  ListedPaper: object({
    ...paperProperties,
    submittedOnDailyAt: nullable('string'),
    submittedOnDailyBy: object({ user: nullable('string'), fullname: nullable('string') }),
  }, ['organization'], 'The `paper` object of a listing entry.'),
  DailyEntry: object({
    paper: ref('ListedPaper'),
    publishedAt: nullable('string'),
    title: str,
    summary: nullable('string'),
    thumbnail: nullable('string'),
    numComments: int,
    submittedBy: object({ name: nullable('string'), fullname: nullable('string') }),
    organization: ref('Organization'),
    isAuthorParticipating: { type: 'boolean', const: false },
    day: { ...day, description: 'The listing day of this entry (useful for week and month lists).' },
  }, ['organization'], 'One featured paper, shaped as the hosted daily_papers API returns it.'),
  SearchHit: object(searchHitProperties, ['organization'], 'One search result, best first.'),
  MatchExplanation: object({
    terms: { type: 'array', items: str, description: 'Index terms (stemmed words) both papers weigh highly.' },
    topics: { type: 'array', items: str, description: 'Topics both papers belong to, each named by its top words.' },
  }, [], 'Why a paper matched.'),
  RankedHit: object({ ...searchHitProperties, explanation: ref('MatchExplanation') }, ['organization', 'explanation'],
    'A similar or recommended paper: a search hit and, when the ranking can tell, why it matched.'),
  RecommendRequest: object({
    positive: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, minItems: 1, maxItems: RECOMMEND_MAX_IDS, description: 'Ids of papers of interest (a versioned id or an arXiv, Hugging Face or alphaXiv address is read as the paper).' },
    negative: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: RECOMMEND_MAX_IDS, description: 'Ids of papers to steer away from (none by default).' },
    limit: { type: 'integer', minimum: 1, maximum: RECOMMEND_MAX_LIMIT, default: RECOMMEND_DEFAULT_LIMIT, description: 'How many papers to return.' },
  }, ['negative', 'limit'], 'An interest profile: liked and disliked papers.'),
  Recommendations: object({
    results: { type: 'array', items: ref('RankedHit'), description: 'Best first; the given papers are left out.' },
    unknown: { type: 'array', items: str, description: 'Given ids the server does not have (they were ignored).' },
  }),
  PaperPage: object({
    papers: { type: 'array', items: ref('Paper') },
    nextCursor: nullable('string', { description: 'Pass as `cursor` for the next page; null at the end.' }),
  }),
  Error: object({
    error: { type: 'string', description: 'What is wrong, in words.' },
    parameter: { type: 'string', description: 'The parameter at fault.' },
  }, ['parameter']),
  OpenApiDocument: { type: 'object', required: ['openapi', 'info', 'paths'] },
};
