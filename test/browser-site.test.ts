import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { seedDays, seedSite, showcaseRecords, siteApp } from './helpers/site-seed.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env['PAPERBOY_SKIP_BROWSER'] === '1';
const SHOTS = 'docs/screenshots';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!existsSync(CHROMIUM) && !SKIP) {
  throw new Error(`browser tests need Chromium at ${CHROMIUM} (apt-get install chromium); set PAPERBOY_SKIP_BROWSER=1 to skip them explicitly`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

describe('the site in a real browser', { skip: SKIP ? 'PAPERBOY_SKIP_BROWSER=1' : false }, () => {
  let fresh: FreshDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const d = seedDays();

  before(async () => {
    fresh = await backends()[0]!.create();
    app = await siteApp(fresh, await seedSite(fresh, new Date(), showcaseRecords()));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fresh?.drop();
  });

  /** A fresh browser context on a page; `done()` checks the page logged no errors and closes it. */
  async function open(path: string, opts: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; done(): Promise<void> }> {
    const context: BrowserContext = await browser.newContext({ baseURL: base, ...opts });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`); });
    await page.goto(path);
    return {
      page,
      async done() {
        await context.close();
        assert.deepEqual(errors, [], `browser errors after opening ${path}`);
      },
    };
  }

  it('navigates between days with previous and next', async () => {
    const { page, done } = await open('/');
    await page.click('.period-nav a[rel=prev]');
    await page.waitForURL(`**/papers?date=${d.middle}`);
    assert.equal(await page.locator('.paper h2 a').first().textContent(), 'Diffusion transformers for protein design');
    await page.click('.period-nav a[rel=prev]');
    await page.waitForURL(`**/papers?date=${d.older}`);
    await page.click('.period-nav a[rel=next]');
    await page.click('.period-nav a[rel=next]');
    await page.waitForURL(`**/papers?date=${d.latest}`);
    await page.fill('#pick-date', d.gap);
    await page.click('.date-picker button');
    await page.waitForURL(`**/papers?date=${d.gap}`);
    assert.match(await page.locator('.empty').textContent() ?? '', /No papers were featured/);
    await done();
  });

  it('searches from the header, then opens a result', async () => {
    const { page, done } = await open('/');
    await page.fill('#site-q', 'transformers');
    await page.press('#site-q', 'Enter');
    await page.waitForURL('**/search?q=transformers');
    assert.equal(await page.inputValue('#q'), 'transformers');
    assert.ok(await page.locator('.paper mark').count() >= 2);
    await page.click('.paper h2 a >> text=Diffusion');
    await page.waitForURL('**/papers/2503.00010');
    assert.equal(await page.locator('h1').textContent(), 'Diffusion transformers for protein design');
    await page.click('a.author >> text=Grace Hopper');
    await page.waitForURL('**/authors/Grace%20Hopper');
    assert.equal(await page.locator('.paper').count(), 1);
    await done();
  });

  it('shows similar papers on a paper page and opens one', async () => {
    const { page, done } = await open('/papers/2503.00031');
    const similar = page.locator('section.similar li.similar-paper a.similar-title');
    assert.ok(await similar.count() >= 1, 'similar papers are listed');
    const title = await similar.first().textContent();
    await similar.first().click();
    await page.waitForURL(/\/papers\/(?!2503\.00031)/);
    assert.equal(await page.locator('h1').textContent(), title);
    await done();
  });

  it('links the addresses an abstract gives', async () => {
    const { page, done } = await open('/papers/2503.00030');
    const links = page.locator('.abstract-full a');
    assert.equal(await links.count(), 1);
    assert.equal(await links.first().getAttribute('href'), 'https://github.com/openlab/verifiers');
    assert.equal(await links.first().getAttribute('rel'), 'nofollow ugc noopener');
    // The sentence's full stop stays text, after the link.
    assert.match(await page.locator('.abstract-full').textContent() ?? '', /Code: https:\/\/github\.com\/openlab\/verifiers\.$/);
    await done();
  });

  it('typesets the formulas of titles and abstracts, showing no TeX source', async () => {
    const { page, done } = await open('/papers/2503.00010');
    const math = page.locator('.abstract-full math');
    assert.equal(await math.count(), 1);
    const box = (await math.boundingBox())!;
    assert.ok(box.width > 10 && box.height > 5, `the formula is laid out: ${JSON.stringify(box)}`);
    const shown = await page.locator('.abstract-full').innerText();
    assert.doesNotMatch(shown, /\\mathcal|\$/, 'no TeX source or dollar signs on screen');
    // \mathcal{O} is shown in its script form (Chromium ignores MathML's mathvariant, so the letter itself is 𝒪).
    assert.match(shown.replace(/\s+/g, ''), /hold(for)?𝒪\(\p{L}\)residues\.$/u);
    await done();
  });

  it('chooses a search mode without JavaScript', async () => {
    const { page, done } = await open('/search?q=speech', { javaScriptEnabled: false });
    assert.equal(await page.isChecked('input[name=mode][value=hybrid]'), true);
    await page.check('input[name=mode][value=semantic]');
    await page.click('.search-main button[type=submit]');
    await page.waitForURL(/mode=semantic/);
    assert.equal(await page.isChecked('input[name=mode][value=semantic]'), true);
    assert.ok(await page.locator('.paper').count() >= 1);
    await page.check('input[name=mode][value=keyword]');
    await page.click('.search-main button[type=submit]');
    await page.waitForURL(/mode=keyword/);
    assert.equal(await page.locator('.degraded').count(), 0);
    await done();
  });

  it('switches the theme, remembers it, and hides the toggle without JavaScript', async () => {
    const { page, done } = await open('/', { colorScheme: 'light' });
    const bg = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    const toggle = page.locator('[data-theme-toggle]');
    assert.equal(await toggle.isVisible(), true);
    const label = page.locator('[data-theme-toggle] .theme-label');
    assert.equal(await label.textContent(), 'Theme: auto');
    await toggle.click();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
    await toggle.click();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.notEqual(await bg(), light);
    await page.reload();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await label.textContent(), 'Theme: dark');
    assert.equal(await page.locator('[data-theme-toggle] .theme-icon').textContent(), '\u263E');
    await toggle.click();
    assert.equal(await page.getAttribute('html', 'data-theme'), null);
    assert.equal(await bg(), light);
    await done();

    const noScript = await open('/', { javaScriptEnabled: false, colorScheme: 'dark' });
    assert.equal(await noScript.page.locator('[data-theme-toggle]').isVisible(), false);
    assert.notEqual(await noScript.page.evaluate(() => getComputedStyle(document.body).backgroundColor), light);
    assert.ok(await noScript.page.locator('.paper').count() >= 2);
    await noScript.done();
  });

  it('works from the keyboard alone', async () => {
    const { page, done } = await open('/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    let onPaper = false;
    for (let i = 0; i < 40 && !onPaper; i++) {
      await page.keyboard.press('Tab');
      onPaper = await page.evaluate(() => document.activeElement?.matches('.paper h2 a') ?? false);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      const what = await page.evaluate(() => document.activeElement!.outerHTML.slice(0, 80));
      assert.notEqual(outline, 'none', `the focused element shows a focus ring: ${what}`);
    }
    assert.ok(onPaper, 'Tab reaches the first paper link');
    const title = await page.evaluate(() => document.activeElement!.textContent);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/papers/**');
    assert.equal(await page.locator('h1').textContent(), title);
    await done();
  });

  it('fits a 360 px phone without horizontal scrolling', async () => {
    for (const path of ['/', `/papers?date=${d.middle}`, '/papers/2503.00010', '/papers/2503.00012', '/search?q=speech', '/trending', '/orgs/acme']) {
      const { page, done } = await open(path, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll! <= client!, `${path}: content is ${scroll}px wide on a ${client}px screen`);
      await done();
    }
  });

  it('has no serious or critical accessibility violations, and saves screenshots', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const pages: Array<[string, string]> = [['home', '/'], ['paper', '/papers/2503.00030'], ['search', '/search?q=speech+recognition']];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, path] of pages) {
        const { page, done } = await open(path, { colorScheme, viewport: { width: 1024, height: 900 }, bypassCSP: true });
        assert.deepEqual(await seriousViolations(page), [], `${name} (${colorScheme})`);
        await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png`, fullPage: true });
        await done();
      }
    }
    // Every other kind of page, without screenshots: in the light theme, and those with elements of
    // their own (forms, code blocks, tables) in the dark one too (the shared parts are checked above).
    const others = ['/trending', `/papers?week=${d.latest.slice(0, 4)}-W01`, '/search', '/search?q=9999.99999', '/orgs', '/orgs/acme',
      '/categories', '/categories/cs.CL', '/authors/Ada%20Lovelace', '/subscribe', '/api/docs', '/recommend?positive=2503.00030%0A2503.00011',
      '/papers/add?id=9999.99999'];
    const darkToo = new Set(['/search', '/orgs', '/categories/cs.CL', '/subscribe', '/api/docs', '/recommend?positive=2503.00030%0A2503.00011',
      '/papers/add?id=9999.99999']);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of others.filter((p) => colorScheme === 'light' || darkToo.has(p))) {
        const { page, done } = await open(path, { colorScheme, viewport: { width: 1024, height: 900 }, bypassCSP: true });
        assert.deepEqual(await seriousViolations(page), [], `${path} (${colorScheme})`);
        await done();
      }
    }
    const mobile = await open('/', { colorScheme: 'light', viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
    assert.deepEqual(await seriousViolations(mobile.page), [], 'home (mobile)');
    await mobile.page.screenshot({ path: `${SHOTS}/home-mobile.png` });
    await mobile.done();
  });
});
