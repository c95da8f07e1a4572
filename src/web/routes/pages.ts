import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { papersList } from '../pages/papers-list.js';
import { paperShow } from '../pages/paper-show.js';
import { searchResults } from '../pages/search-results.js';
import type { SpellingIndex } from '../../search/keyword/spelling.js';
import { authorShow } from '../pages/author-show.js';
import { orgShow } from '../pages/org-show.js';
import { categoryShow } from '../pages/category-show.js';
import { categoryList } from '../pages/category-list.js';
import { orgList } from '../pages/org-list.js';
import { trendingList } from '../pages/trending-list.js';
import { subscriptionServices } from '../pages/subscribe-services.js';
import { formBody } from '../http/form-body.js';
import { subscribeForm, subscribeSubmit } from '../pages/subscribe-form.js';
import { recommendResults } from '../pages/recommend-results.js';
import { paperAddForm, paperAddServices, paperAddSubmit } from '../pages/paper-add.js';
import { confirmResend, confirmShow, confirmSubmit } from '../pages/subscribe-confirm.js';
import { unsubscribeOneClick, unsubscribeShow, unsubscribeSubmit } from '../pages/unsubscribe-show.js';
import { preferencesShow, preferencesSubmit } from '../pages/preferences-show.js';

/**
 * Every HTML page of the site (one handler file per page in src/web/pages/). The paper route is
 * a wildcard because old-style arXiv ids contain a slash (`/papers/hep-th/9901001`).
 */
export function registerPages(app: FastifyInstance, deps: WebDeps, spelling: SpellingIndex): void {
  app.get('/', papersList(deps));
  app.get('/papers', papersList(deps));
  app.get('/papers/*', paperShow(deps));
  app.get('/search', searchResults(deps, spelling));
  app.get('/recommend', recommendResults(deps));
  app.get('/authors/:name', authorShow(deps));
  app.get('/orgs', orgList(deps));
  app.get('/orgs/:name', orgShow(deps));
  app.get('/categories', categoryList(deps));
  app.get('/categories/:cat', categoryShow(deps));
  app.get('/trending', trendingList(deps));
  // Digest subscriptions: the form, then pages reached by signed links from emails (no login);
  // and adding a paper from arXiv. Their own scope, so only these routes parse HTML form posts
  // (the JSON API still answers 415).
  void app.register(async (scope) => {
    formBody(scope);
    const subs = subscriptionServices(scope, deps);
    // Adding a paper by its arXiv id: a form post like the others, with the site's one CSRF protection.
    const adds = paperAddServices(subs.csrf);
    scope.get('/papers/add', paperAddForm(deps, adds));
    scope.post('/papers/add', paperAddSubmit(deps, adds));
    scope.get('/subscribe', subscribeForm(deps, subs));
    scope.post('/subscribe', subscribeSubmit(deps, subs));
    scope.post('/subscribe/resend', confirmResend(deps, subs));
    scope.get('/subscribe/confirm/:token', confirmShow(deps, subs));
    scope.post('/subscribe/confirm/:token', confirmSubmit(deps, subs));
    scope.get('/unsubscribe/one-click/:token', unsubscribeShow(deps, subs));
    scope.post('/unsubscribe/one-click/:token', unsubscribeOneClick(deps, subs));
    scope.get('/unsubscribe/:token', unsubscribeShow(deps, subs));
    scope.post('/unsubscribe/:token', unsubscribeSubmit(deps, subs));
    scope.get('/preferences/:token', preferencesShow(deps, subs));
    scope.post('/preferences/:token', preferencesSubmit(deps, subs));
    // The same pages with the token in the query string (`/unsubscribe?token=...`).
    scope.get('/subscribe/confirm', confirmShow(deps, subs));
    scope.post('/subscribe/confirm', confirmSubmit(deps, subs));
    scope.get('/unsubscribe/one-click', unsubscribeShow(deps, subs));
    scope.post('/unsubscribe/one-click', unsubscribeOneClick(deps, subs));
    scope.get('/unsubscribe', unsubscribeShow(deps, subs));
    scope.post('/unsubscribe', unsubscribeSubmit(deps, subs));
    scope.get('/preferences', preferencesShow(deps, subs));
    scope.post('/preferences', preferencesSubmit(deps, subs));
  });
}
