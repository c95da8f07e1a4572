import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { parse, type HTMLElement } from 'node-html-parser';

/** Parses a page so tests assert by selectors; <pre> and <textarea> are parsed as markup too. */
export function parseHtml(body: string): HTMLElement {
  return parse(body, { blockTextElements: { script: true, style: true } });
}

/** Requests a page in-process, checks status and type, and returns its parsed document. */
export async function htmlPage(app: FastifyInstance, url: string, status = 200): Promise<HTMLElement> {
  const res = await app.inject(url);
  assert.equal(res.statusCode, status, `${url}: ${res.statusCode}`);
  assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/, url);
  return parseHtml(res.body);
}

/** The titles of the paper cards on a page, in order. */
export function cardTitles(doc: HTMLElement): string[] {
  return doc.querySelectorAll('.paper h2 a').map((a) => a.text);
}

/**
 * The text of an element as its source wrote it: each typeset formula (KaTeX's `.katex`, MathML
 * with the TeX as annotation) read back as `$TeX$`, so tests compare against the stored text.
 */
export function sourceText(el: HTMLElement): string {
  const copy = parseHtml(el.outerHTML);
  for (const k of copy.querySelectorAll('.katex')) {
    const tex = k.querySelector('annotation[encoding="application/x-tex"]')!.text;
    k.replaceWith(`$${tex}$`);
  }
  return copy.text;
}
