import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { texText } from '../src/web/views/tex-text.js';
import { html } from '../src/web/views/html.js';
import { highlighter } from '../src/web/views/highlight.js';
import { linkedText } from '../src/web/views/linked-text.js';
import { parseHtml, sourceText } from './helpers/html-doc.js';

const plain = (t: string) => html`${t}`;
const render = (t: string, p = plain) => texText(t, p).value;
const formulas = (markup: string) => parseHtml(markup).querySelectorAll('.katex annotation').map((a) => a.text);

describe('texText', () => {
  it('typesets $…$, $$…$$, \\(…\\) and \\[…\\] as MathML that keeps the TeX as its annotation', () => {
    const out = render('We bound $D_{\\textrm{KL}}$ by $$a=b$$ and \\(c^2\\) or \\[d\\].');
    assert.deepEqual(formulas(out), ['D_{\\textrm{KL}}', 'a=b', 'c^2', 'd']);
    assert.equal((out.match(/<math /g) ?? []).length, 4);
    assert.equal((out.match(/display="block"/g) ?? []).length, 2);
    assert.equal(sourceText(parseHtml(`<p>${out}</p>`)), 'We bound $D_{\\textrm{KL}}$ by $a=b$ and $c^2$ or $d$.');
  });

  it('leaves prices and lone dollars as text, and shows an escaped dollar as a dollar', () => {
    for (const t of ['Costs $5 and $10 today', 'one $ alone', 'spaced $ x $ out', '$$']) {
      assert.equal(render(t), html`${t}`.value, t);
    }
    assert.equal(render('a \\$5 fee and \\$6 more'), 'a $5 fee and $6 more');
  });

  it('shows a formula KaTeX cannot read as written', () => {
    assert.equal(render('broken $\\frac{$ here'), 'broken $\\frac{$ here');
    assert.equal(render('$a < b && c > d$'), '$a &lt; b &amp;&amp; c &gt; d$');
  });

  it('escapes markup in text and formulas alike, and keeps \\href inert', () => {
    const out = render('<img src=x onerror=alert(1)> $<script>alert(2)</script>$ \\textbf{<i>x</i>} $\\href{javascript:alert(3)}{y}$');
    const doc = parseHtml(out);
    assert.equal(doc.querySelectorAll('img, script, i, a, [href]').length, 0);
    assert.doesNotMatch(out, /<script|<img|javascript:alert\(3\)"/);
    assert.match(out, /&lt;img src=x/);
  });

  it('turns \\textbf, \\textit, \\emph, \\texttt and \\textsc into elements, formulas inside included', () => {
    const out = render('A \\textbf{bold $x$ move}, \\emph{this}, \\textit{that}, \\texttt{code} and \\textsc{Caps}; \\textbf{unclosed');
    const doc = parseHtml(out);
    assert.equal(doc.querySelector('strong')!.querySelectorAll('.katex').length, 1);
    assert.deepEqual(doc.querySelectorAll('em').map((e) => e.text), ['this', 'that']);
    assert.equal(doc.querySelector('code')!.text, 'code');
    assert.equal(doc.querySelector('span.sc')!.text, 'Caps');
    assert.ok(out.endsWith('; \\textbf{unclosed'));
    // A command inside a formula is the formula's.
    assert.deepEqual(formulas(render('$\\textbf{v}$')), ['\\textbf{v}']);
  });

  it('passes the plain stretches to the caller: highlights and links still apply around formulas', () => {
    const marked = render('Diffusion with $\\alpha$ noise', highlighter('diffusion noise'));
    assert.equal(parseHtml(marked).querySelectorAll('mark').map((m) => m.text).join(','), 'Diffusion,noise');
    const linked = render('Code at https://x.org/a for $n$ nodes.', linkedText);
    assert.equal(parseHtml(linked).querySelector('a')!.getAttribute('href'), 'https://x.org/a');
    assert.equal(formulas(linked).length, 1);
  });

  it('shows text-mode escapes, quotes, ties and dashes as the characters they stand for', () => {
    assert.equal(render('accuracy 56.0\\% (R\\&D, snake\\_case, \\#1, \\{a\\})'), 'accuracy 56.0% (R&amp;D, snake_case, #1, {a})');
    assert.equal(render("so-called ``next-token prediction'' paradigm"), 'so-called \u201cnext-token prediction\u201d paradigm');
    assert.equal(render("the empty string '' stays"), 'the empty string &#39;&#39; stays');
    assert.equal(render('see Fig.~3 and pages 10--20 --- a dash; run --help'), 'see Fig.\u00a03 and pages 10\u201320 \u2014 a dash; run --help');
    // Escapes next to a formula, and inside a \textbf group, go too; the formula keeps its TeX.
    const mixed = render('up $x$ 5\\% and \\textbf{10\\%}');
    assert.deepEqual(formulas(mixed), ['x']);
    assert.match(mixed, /5% and <strong>10%<\/strong>$/);
  });

  it('turns \\url and \\href into visible addresses that links pick up, and leaves addresses and broken groups as written', () => {
    const linked = render('Code~\\url{https://github.com/a/b\\_c}. Data: \\href{https://x.org/d}{our set}, \\href{https://y.org}{https://y.org}.', linkedText);
    const doc = parseHtml(linked);
    assert.deepEqual(doc.querySelectorAll('a').map((a) => a.getAttribute('href')), ['https://github.com/a/b_c', 'https://x.org/d', 'https://y.org/']);
    assert.equal(doc.text, 'Code\u00a0https://github.com/a/b_c. Data: our set (https://x.org/d), https://y.org.');
    // A tilde or dashes inside an address belong to it.
    assert.equal(render('at https://x.org/~me/a--b~c now'), 'at https://x.org/~me/a--b~c now');
    // Hugging Face cut the closing brace of this one: shown as written.
    const broken = 'on \\href{https://hf.co/d{AM-v1 here';
    assert.equal(render(broken), html`${broken}`.value);
  });
});
