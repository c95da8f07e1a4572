import { loadFeed } from './corpus.js';
import { html } from '../src/web/views/html.js';
import { linkedText } from '../src/web/views/linked-text.js';
import { preview } from '../src/web/views/format.js';
import { texText } from '../src/web/views/tex-text.js';
import type { BenchOptions } from './options.js';

// `npm run bench -- --only render`: what typesetting formulas costs a page. Every abstract and title of
// the real feed is rendered as a paper page shows it (abstract with links, title) and as a card shows
// it (preview), once with formulas typeset (texText) and once as escaped text only, the baseline, in
// the same run. The first typesetting pass pays KaTeX for every formula; the second finds them memoised.

type Render = (title: string, abstract: string) => string;

const escaped: Render = (title, abstract) => html`${title}${linkedText(abstract)}${preview(abstract)}`.value;
const plain = (t: string) => html`${t}`;
const typeset: Render = (title, abstract) =>
  html`${texText(title, plain)}${texText(abstract, linkedText)}${texText(preview(abstract) ?? '', plain)}`.value;

function time(papers: ReadonlyArray<readonly [string, string]>, render: Render): number {
  let bytes = 0;
  const t0 = performance.now();
  for (const [title, abstract] of papers) bytes += render(title, abstract).length;
  if (bytes === 0) throw new Error('nothing rendered');
  return (performance.now() - t0) / papers.length;
}

/** Runs the render benchmark and prints one line per figure, each next to the escaped-text baseline. */
export function renderBench(opts: BenchOptions, say: (line: string) => void): void {
  const feed = loadFeed(opts.dataDir);
  const papers = feed.papers.map((p) => {
    const r = JSON.parse(p.line) as { title: string; summary: string };
    return [r.title, r.summary] as const;
  });
  const math = papers.filter(([t, a]) => /\$[^$]+\$|\\\(|\\\[/.test(t + a));
  time(papers.slice(0, 2000), escaped); // warm both paths' code before measuring
  const base = time(papers, escaped);
  const cold = time(papers, typeset);
  const warm = time(papers, typeset);
  const baseMath = time(math, escaped);
  const warmMath = time(math, typeset);
  const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
  say(`render: ${papers.length.toLocaleString('en-US')} papers (${math.length.toLocaleString('en-US')} with formulas), title + abstract with links + card preview`);
  say(`  escaped text only (baseline)   ${us(base)} per paper`);
  say(`  typeset, first time            ${us(cold)} per paper (${(cold / base).toFixed(1)}x)`);
  say(`  typeset, formulas memoised     ${us(warm)} per paper (${(warm / base).toFixed(1)}x)`);
  say(`  papers with formulas           ${us(warmMath)} memoised against ${us(baseMath)} (${(warmMath / baseMath).toFixed(1)}x)`);
}
