import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import type { Problem } from '../../model/paper-record.js';
import { setLastModified } from '../http/conditional-get.js';
import { withQuery } from '../views/site-paths.js';
import { DAILY_FEED, entityFeedPath, SEARCH_FEED_PATH } from '../views/feed-links.js';
import { EPOCH, feedUpdated } from './feed-model.js';
import { renderRss, RSS_TYPE } from './rss.js';
import { renderAtom, ATOM_TYPE } from './atom.js';
import { dailyFeed, entityFeed, ENTITY_FEEDS, searchFeed, searchPagePath, type EntityKind, type FeedResult } from './feed-sources.js';
import { optionalChoice, optionalInt, requiredText } from './feed-params.js';
import { paperIdList, recommendFeed, recommendPagePath, RECOMMEND_FEED_DAYS, RECOMMEND_FEED_PATH } from './recommend-feed.js';

const FORMATS = {
  rss: { render: renderRss, type: RSS_TYPE },
  atom: { render: renderAtom, type: ATOM_TYPE },
} as const;

type Format = keyof typeof FORMATS;
type Query = Record<string, unknown>;

/** A 400 in plain text naming the parameter: feed readers show it, and people read it in a browser. */
export function badRequest(reply: FastifyReply, problem: Problem): string {
  reply.code(400).type('text/plain; charset=utf-8').header('cache-control', 'no-store');
  return `Bad request: ${problem.source} ${problem.message}\n`;
}

function send(reply: FastifyReply, format: Format, result: FeedResult): string {
  if (!result.ok) return badRequest(reply, result.problem);
  const updated = feedUpdated(result.feed);
  if (updated !== EPOCH) setLastModified(reply, updated);
  reply.type(FORMATS[format].type);
  return FORMATS[format].render(result.feed);
}

function daily(deps: WebDeps, format: Format) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const days = optionalInt((req.query as Query)['days'], 'days', 1, 14, 3);
    if (!days.ok) return badRequest(reply, days.problem);
    const selfPath = withQuery(`${DAILY_FEED.path}.${format}`, { days: days.value === 3 ? null : days.value });
    return send(reply, format, await dailyFeed(deps, { selfPath, htmlPath: '/' }, days.value));
  };
}

function search(deps: WebDeps, format: Format) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const query = req.query as Query;
    const q = requiredText(query['q'], 'q');
    if (!q.ok) return badRequest(reply, q.problem);
    const sort = optionalChoice(query['sort'], 'sort', ['date', 'relevance'] as const, 'date');
    if (!sort.ok) return badRequest(reply, sort.problem);
    const selfPath = withQuery(`${SEARCH_FEED_PATH}.${format}`, { q: q.value, sort: sort.value === 'date' ? null : sort.value });
    return send(reply, format, await searchFeed(deps, { selfPath, htmlPath: searchPagePath(q.value) }, q.value, sort.value));
  };
}

function recommend(deps: WebDeps, format: Format) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const query = req.query as Query;
    const positive = paperIdList(query['positive'], 'positive', true);
    if (!positive.ok) return badRequest(reply, positive.problem);
    const negative = paperIdList(query['negative'], 'negative', false);
    if (!negative.ok) return badRequest(reply, negative.problem);
    const days = optionalInt(query['days'], 'days', 1, RECOMMEND_FEED_DAYS.max, RECOMMEND_FEED_DAYS.fallback);
    if (!days.ok) return badRequest(reply, days.problem);
    const neg = negative.value.filter((id) => !positive.value.includes(id));
    const selfPath = withQuery(`${RECOMMEND_FEED_PATH}.${format}`, {
      positive: positive.value.join(','), negative: neg.join(',') || null, days: days.value === RECOMMEND_FEED_DAYS.fallback ? null : days.value,
    });
    return send(reply, format, await recommendFeed(deps, { selfPath, htmlPath: recommendPagePath(positive.value, neg) }, positive.value, neg, days.value, new Date()));
  };
}

function entity(deps: WebDeps, kind: EntityKind, format: Format) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const name = requiredText((req.params as Query)['name'], 'name');
    if (!name.ok) return badRequest(reply, name.problem);
    const selfPath = `${entityFeedPath(kind, name.value)}.${format}`;
    return send(reply, format, await entityFeed(deps, { selfPath, htmlPath: ENTITY_FEEDS[kind].page(name.value) }, kind, name.value));
  };
}

/**
 * Every feed in both formats: /feeds/daily, /feeds/search?q=, /feeds/recommend?positive=,
 * /feeds/categories/:cat, /feeds/orgs/:name, /feeds/authors/:name, each with `.rss` and `.atom`.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: WebDeps): void {
  for (const format of Object.keys(FORMATS) as Format[]) {
    app.get(`${DAILY_FEED.path}.${format}`, daily(deps, format));
    app.get(`${SEARCH_FEED_PATH}.${format}`, search(deps, format));
    app.get(`${RECOMMEND_FEED_PATH}.${format}`, recommend(deps, format));
    for (const kind of Object.keys(ENTITY_FEEDS) as EntityKind[]) app.get(`/feeds/${kind}/:name.${format}`, entity(deps, kind, format));
  }
}
