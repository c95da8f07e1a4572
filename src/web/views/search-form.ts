import { html, type Html } from './html.js';
import { withQuery } from './site-paths.js';
import type { SearchMode } from '../../search/semantic/semantic-search.js';

/** How results are sorted on the search page. */
export const SEARCH_SORTS = ['relevance', 'date'] as const;

/** What the search form says, validated; `notes` explain any filter that was ignored. */
export interface SearchFormState {
  q: string;
  mode: SearchMode;
  from?: string;
  to?: string;
  category?: string;
  org?: string;
  code: boolean;
  sort: (typeof SEARCH_SORTS)[number];
  page: number;
  notes: string[];
}

/** The modes as the form offers them, the default first; each label says what it matches on. */
const MODES: ReadonlyArray<{ mode: SearchMode; label: string; hint: string }> = [
  { mode: 'hybrid', label: 'Words and meaning', hint: 'recommended' },
  { mode: 'keyword', label: 'Exact words', hint: 'every word must appear' },
  { mode: 'semantic', label: 'Meaning', hint: 'same topic, other words too' },
];

/** The mode's label as the form shows it, for notes and result counts. */
export function modeLabel(mode: SearchMode): string {
  return MODES.find((m) => m.mode === mode)!.label;
}

/**
 * The mode selector: plain radio buttons inside the search form, so choosing a mode and
 * submitting works without JavaScript and the choice is kept in the URL (`mode=`).
 */
function modeSelector(current: SearchMode): Html {
  return html`<fieldset class="modes"><legend>Match by</legend>
${MODES.map((m) => html`<label><input type="radio" name="mode" value="${m.mode}"${m.mode === current ? html` checked` : ''}> ${m.label} <small>${m.hint}</small></label>`)}
</fieldset>`;
}

/** The search page's form: the query, the mode, the filters and the sort, all kept from the request. */
export function searchFormView(f: SearchFormState): Html {
  return html`<form class="search-form" role="search" action="/search" method="get">
<div class="search-main">
<label class="visually-hidden" for="q">Search papers</label>
<input id="q" type="search" name="q" value="${f.q}" placeholder="e.g. diffusion author:hinton, or paste an abstract" autocomplete="off" aria-describedby="q-hint">
<button type="submit">Search</button>
</div>
<p id="q-hint" class="hint">Type words, or paste an abstract or a paragraph to find related papers: long text is matched by meaning.</p>
${modeSelector(f.mode)}
<fieldset class="filters"><legend class="visually-hidden">Filters</legend>
<label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
<label>Category <input type="text" name="category" value="${f.category ?? ''}" placeholder="cs.CL"></label>
<label>Organization <input type="text" name="org" value="${f.org ?? ''}" placeholder="e.g. google"></label>
<label>Sort <select name="sort">
<option value="relevance"${f.sort === 'relevance' ? html` selected` : ''}>Relevance</option>
<option value="date"${f.sort === 'date' ? html` selected` : ''}>Newest</option>
</select></label>
<label class="check"><input type="checkbox" name="code" value="1"${f.code ? html` checked` : ''}> Has code</label>
</fieldset>
</form>`;
}

/** Examples of the query language, shown for an empty query or with the reason a query could not run. */
export function searchHelp(problem?: string): Html {
  const ex = (q: string, what: string): Html => html`<li><a href="${withQuery('/search', { q })}"><code>${q}</code></a> ${what}</li>`;
  return html`<div class="empty search-help">
${problem ? html`<p class="problem"><strong>This search could not run:</strong> ${problem}.</p>` : html`<p>Type some words to search titles, abstracts and authors, paste an abstract to find papers like it, or paste an arXiv id or a paper's address (arXiv, Hugging Face) to open that paper.</p>`}
<p>Examples:</p>
<ul>
${ex('diffusion models', 'papers with both words')}
${ex('"large language model"', 'an exact phrase')}
${ex('retrieval -image', 'leave out a word')}
${ex('author:hinton', 'by author')}
${ex('transformer category:cs.CL year:2024', 'by category and year')}
${ex('agents org:"Zhejiang University" has:code', 'by organization (account or full name), with code')}
${ex('speech OR audio', 'either word')}
</ul>
</div>`;
}
