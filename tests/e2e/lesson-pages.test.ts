/**
 * The two lesson pages against the built site: demos/sparsity.html ("Only a fraction is active") and
 * demos/experts.html ("More, smaller experts, and shared experts"). Each loads without console
 * errors or requests to other origins, shows the core functions' numbers, answers the keyboard
 * (numbers and URL change), survives a bad link with a notice, refuses a bad change next to its
 * control, and shows no English with lang=zh. Screenshots in English and Chinese, desktop and phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import {
  combinations,
  expertSets,
  granularityRows,
  realSparsity,
  sharedSweep,
  sparsitySweep,
  tokenBreakdown,
} from '../../src/core/lesson-math';
import { toyParams } from '../../src/core/params';
import { OPEN_EMBEDDING_ROWS } from '../../src/core/open-vocab';
import { VOCAB } from '../../src/core/tokenizer';
import type { Trace } from '../../src/core/trace';
import type { GranularityRun } from '../../src/state/lesson-runs';
import { CATALOGUE } from '../../src/ui/i18n/all';
import { launchBrowser, openPage, screenshot } from './browser';
import { findUntranslated } from './untranslated';

let browser: Browser;
const base = inject('baseUrl');
/** The sparsity page runs the main page's model: the open vocabulary (its rows and class table). */
const OPEN = OPEN_EMBEDDING_ROWS;
/** The experts page's runs use the toy vocabulary. */
const V = VOCAB.words.length;
const en = CATALOGUE.en.lessonPages;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface Settles extends HTMLElement {
  settled(): Promise<void>;
}

async function settle(page: Page, tag: 'sparsity-page' | 'experts-page'): Promise<void> {
  await page.waitForFunction((t) => typeof (document.querySelector(t) as Settles | null)?.settled === 'function', tag, { timeout: 20000 });
  await page.evaluate((t) => (document.querySelector(t) as Settles).settled(), tag);
}

function squash(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** The query of the page's address, as a map. */
async function query(page: Page): Promise<URLSearchParams> {
  return new URL(page.url()).searchParams;
}

describe('demos/sparsity.html', () => {
  const url = `${base}demos/sparsity.html`;

  async function trace(page: Page): Promise<Trace> {
    return page.evaluate(() => (document.querySelector('sparsity-page') as unknown as { trace: Trace }).trace);
  }

  it('shows each token’s active parameters from the live trace, the sweep and the real models, as the core counts them', async () => {
    const { page, errors, offsite } = await openPage(browser, url);
    await settle(page, 'sparsity-page');
    expect(await page.title()).toBe(en.sparsity.pageTitle);
    const t = await trace(page);
    const p = toyParams(DEFAULT_CONFIG, OPEN);
    expect(t.params.total).toBe(p.total);

    // (a) Per token: the table's cells are tokenBreakdown of the trace; the default routes 2 of 8, nothing dropped.
    const parts = tokenBreakdown(t);
    const rows = page.locator('token-active-table tbody tr');
    expect(await rows.count()).toBe(t.tokens.length);
    for (let i = 0; i < parts.length; i++) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map(squash);
      const b = parts[i]!;
      expect(cells.slice(1, 7)).toEqual(
        [b.embedding, b.routers, b.shared, b.routed, b.active].map(en.count).concat(en.percent(b.active / p.total)),
      );
      expect(b.active).toBe(p.activeNominal);
    }
    expect(squash(await page.locator('token-active-table #average').textContent())).toBe(
      en.sparsity.average(
        en.count(Math.round(t.params.activeMean)),
        en.count(p.total),
        en.percent(t.params.activeMean / p.total),
        t.tokens.length,
      ),
    );

    // (b) The sweep: every cell is sparsitySweep's fraction; the current setting (8, 2) is marked with text.
    const sweep = sparsitySweep(DEFAULT_CONFIG, OPEN);
    for (const row of sweep) {
      for (const cell of row) {
        if (!cell.possible) continue;
        const td = page.locator(`sparsity-sweep td[data-e="${cell.experts}"][data-k="${cell.topK}"]`);
        expect(squash(await td.locator('.frac').textContent())).toBe(en.percent(cell.fraction));
      }
    }
    const current = page.locator('sparsity-sweep td.current');
    expect(await current.count()).toBe(1);
    expect(squash(await current.textContent())).toContain(`★ ${en.yours}`);
    expect(await current.getAttribute('data-e')).toBe('8');
    expect(await current.getAttribute('data-k')).toBe('2');

    // (c) Real models, counted by countParams, to 3 significant figures.
    for (const r of realSparsity()) {
      const cells = (await page.locator(`real-sparsity tr[data-id="${r.id}"] td`).allTextContents()).map(squash);
      expect(cells.slice(1, 4)).toEqual([en.big(r.total), en.big(r.active), en.percent(r.fraction)]);
    }
    const v3 = squash(await page.locator('real-sparsity tr[data-id="deepseek-v3"]').textContent());
    expect(v3).toContain('671B');
    expect(v3).toContain('37.6B');
    expect(v3).toContain('5.60%');
    expect(squash(await page.locator('real-sparsity tr[data-id="mixtral-8x7b"]').textContent())).toMatch(/46\.7B.*12\.9B.*27\.6%/);
    expect(squash(await page.locator('real-sparsity tr[data-id="deepseek-v2"]').textContent())).toMatch(/236B.*21\.4B.*9\.07%/);

    await screenshot(page, 'sparsity-en-1280x800');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('answers the keyboard: sliders change the numbers and the URL; a refused change is explained next to its control', async () => {
    const { page, errors, offsite } = await openPage(browser, url);
    await settle(page, 'sparsity-page');
    const experts = page.getByRole('slider', { name: en.controls.experts });
    await experts.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await query(page)).get('e')).toBe('9');
    await settle(page, 'sparsity-page');
    const t = await trace(page);
    const p = toyParams({ ...DEFAULT_CONFIG, routedExperts: 9 }, OPEN);
    expect(t.params.total).toBe(p.total);
    expect(squash(await page.locator('token-active-table #average').textContent())).toContain(`of ${en.count(p.total)} parameters`);
    // E = 9 is not on the sweep's axis: it is added and marked.
    expect(await page.locator('sparsity-sweep td.current').getAttribute('data-e')).toBe('9');

    // Shared experts and granularity by keyboard.
    await page.getByRole('slider', { name: en.controls.shared }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('combobox', { name: en.controls.granularity }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => `${(await query(page)).get('s')},${(await query(page)).get('m')}`).toBe('1,2');
    await settle(page, 'sparsity-page');
    const t2 = await trace(page);
    const p2 = toyParams({ ...DEFAULT_CONFIG, routedExperts: 9, sharedExperts: 1, granularity: 2 }, OPEN);
    expect(t2.params.total).toBe(p2.total);
    expect(t2.perToken.every((c) => c.activeParams === p2.activeNominal)).toBe(true);
    expect(t2.layers[0]?.sharedLoad).toEqual([t2.tokens.length]);

    // top-k to its end (16) is more than 9 experts: refused, said next to the slider, the old value kept.
    const topk = page.getByRole('slider', { name: en.controls.topK });
    await topk.focus();
    await page.keyboard.press('End');
    const problem = page.locator('lesson-controls [role="alert"]');
    await expect.poll(() => problem.textContent()).toContain('top-k (16) cannot exceed the number of routed experts (9)');
    expect(await topk.getAttribute('aria-describedby')).toBe('sp-topk-problem');
    expect(await topk.inputValue()).toBe('2');
    await page.waitForTimeout(400);
    expect((await query(page)).get('k')).toBe('2');

    // A bad seed typed in the box.
    const seed = page.getByRole('spinbutton', { name: en.controls.seed });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect.poll(() => problem.textContent()).toContain('seed (-3) must be between 0 and 4294967295');
    expect(await seed.inputValue()).toBe('1');

    // The sentence box.
    const sentence = page.getByRole('textbox', { name: en.controls.sentence });
    await sentence.fill('the red fox sings');
    await sentence.press('Enter');
    await expect.poll(async () => (await query(page)).get('text')).toBe('the red fox sings');
    await settle(page, 'sparsity-page');
    expect(await page.locator('token-active-table tbody tr').count()).toBe(4);
    await screenshot(page, 'sparsity-en-1280x800-changed');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('shows a notice for a bad link and works with the defaults', async () => {
    const { page, errors } = await openPage(browser, `${url}?e=abc&k=99&lang=xx`);
    await settle(page, 'sparsity-page');
    const notice = squash(await page.getByRole('alert').filter({ hasText: 'not understood' }).textContent());
    expect(notice).toContain('Ignored e=abc');
    expect(notice).toContain('Ignored k=99');
    const t = await trace(page);
    expect(t.config.routedExperts).toBe(8);
    expect(t.config.topK).toBe(2);
    expect(await page.locator('token-active-table tbody tr').count()).toBe(t.tokens.length);
    // The notices, the ignored lang= value among them, are worded again in the language chosen on the page.
    expect(notice).toContain(CATALOGUE.en.common.langIgnored('xx'));
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh');
    const zhNotice = page.getByRole('alert').filter({ hasText: CATALOGUE.zh.common.linkNotUnderstood });
    await expect.poll(async () => squash(await zhNotice.textContent())).toContain(CATALOGUE.zh.common.langIgnored('xx'));
    expect(squash(await zhNotice.textContent())).not.toContain('Ignored');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lang=zh: Chinese throughout, the way home keeps the language; screenshots on a phone', async () => {
    for (const [w, h] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page, errors, offsite } = await openPage(browser, `${url}?s=1&m=2&lang=zh`, { width: w, height: h });
      await settle(page, 'sparsity-page');
      expect(await page.title()).toBe(CATALOGUE.zh.lessonPages.sparsity.pageTitle);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
      expect(await findUntranslated(page)).toEqual([]);
      const home = page.getByRole('link', { name: CATALOGUE.zh.common.home });
      expect(await home.getAttribute('href')).toMatch(/^\.\.\/index\.html\?.*s=1.*m=2.*&lang=zh$/);
      // Nothing wider than the phone's screen but the tables' own scrolling frames.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await screenshot(page, `sparsity-zh-${w}x${h}`);
      if (w === 390) {
        const en390 = await openPage(browser, url, { width: w, height: h });
        await settle(en390.page, 'sparsity-page');
        expect(await en390.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
        await screenshot(en390.page, 'sparsity-en-390x844');
        await en390.page.close();
      }
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await page.close();
    }
  });
});

describe('demos/experts.html', () => {
  const url = `${base}demos/experts.html`;

  async function runs(page: Page): Promise<GranularityRun[]> {
    return page.evaluate(() => [
      ...(document.querySelector('experts-page') as unknown as { granularityRuns: GranularityRun[] }).granularityRuns,
    ]);
  }

  it('shows the exact combinations and, measured live, equal routed-expert work at every m', async () => {
    const { page, errors, offsite } = await openPage(browser, url);
    await settle(page, 'experts-page');
    expect(await page.title()).toBe(en.experts.pageTitle);

    // (a) Counted: C(8,2) = 28, C(16,4) = 1,820, C(32,8) = 10,518,300, C(64,16) = 488,526,937,079,580.
    const rows = granularityRows(DEFAULT_CONFIG, V);
    const expectedC = ['28', '1,820', '10,518,300', '488,526,937,079,580'];
    for (const [i, r] of rows.entries()) {
      const cells = (await page.locator(`granularity-table tr[data-m="${r.m}"] td`).allTextContents()).map(squash);
      expect(cells.slice(0, 6)).toEqual([r.experts, r.hidden, r.perExpert, r.topK, r.activeRouted, r.router].map(en.count));
      expect(cells[6]?.startsWith(expectedC[i]!)).toBe(true);
      expect(r.combinations).toBe(combinations(8 * r.m, 2 * r.m));
      expect(cells[4]).toBe('12,288');
    }
    expect(squash(await page.locator('granularity-table tr.current th').textContent())).toBe(`1 ★ ${en.yours}`);

    // (b) Measured: the page's cells are expertSets and the trace's routed weights per token.
    const live = await runs(page);
    expect(live.map((r) => r.m)).toEqual([1, 2, 4, 8]);
    for (const r of live) {
      const t = r.trace!;
      const row = page.locator(`granularity-live tr[data-m="${r.m}"]`);
      expect(squash(await row.locator('.sets-used').textContent())).toBe(String(expertSets(t)));
      expect(squash(await row.locator('.routed').textContent())).toBe('12,288');
      expect(t.layers[0]!.tokens.every((tok) => tok.used === 2 * r.m)).toBe(true);
    }
    expect(squash(await page.locator('granularity-live #verdict').textContent())).toBe(en.experts.equal('12,288'));

    await screenshot(page, 'experts-en-1280x800');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('answers the keyboard: granularity and shared experts change the numbers and the URL', async () => {
    const { page, errors, offsite } = await openPage(browser, url);
    await settle(page, 'experts-page');
    await page.getByRole('combobox', { name: en.controls.granularity }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await query(page)).get('m')).toBe('2');
    expect(squash(await page.locator('granularity-table tr.current th').textContent())).toBe(`2 ★ ${en.yours}`);

    // Shared experts: two steps right → s = 2; both processed every token in the live model.
    await page.getByRole('slider', { name: en.controls.shared }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await query(page)).get('s')).toBe('2');
    await settle(page, 'experts-page');
    const t = (await runs(page)).find((r) => r.m === 2)!.trace!;
    const n = t.tokens.length;
    expect(t.layers[0]?.sharedLoad).toEqual([n, n]);
    const sharedRows = page.locator('shared-usage tr.shared-row');
    expect(await sharedRows.count()).toBe(2);
    for (let j = 0; j < 2; j++)
      expect((await sharedRows.nth(j).locator('td').allTextContents()).map(squash).slice(0, 3)).toEqual(['shared', String(n), '100%']);
    // Shared experts are S0, S1, … and routed ones E0, …, as on the main page.
    expect((await sharedRows.locator('th').allTextContents()).map(squash)).toEqual(['S0', 'S1']);
    expect((await page.locator('shared-usage tr.routed-row th').allTextContents()).map(squash).every((l) => /^E\d+$/.test(l))).toBe(true);
    const maxRouted = Math.max(...t.layers[0]!.experts.map((e) => e.load));
    expect(squash(await page.locator('shared-usage #shared-verdict').textContent())).toBe(en.experts.allTokens(2, n, maxRouted));
    const sweep = sharedSweep({ ...DEFAULT_CONFIG, granularity: 2, sharedExperts: 2 }, V);
    const cur = (await page.locator('shared-usage tr.current td').allTextContents()).map(squash);
    expect(cur).toEqual([en.count(sweep[2]!.total), en.count(sweep[2]!.active), en.percent(sweep[2]!.fraction)]);

    // E to 256 at m = 2 is 512 experts: refused next to the slider, the config kept.
    await page.getByRole('slider', { name: en.controls.experts }).focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('lesson-controls [role="alert"]').first().textContent()).toContain('256 × 2 = 512');
    await page.waitForTimeout(400);
    expect((await query(page)).get('e')).toBe('8');
    await screenshot(page, 'experts-en-1280x800-changed');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('shows a notice for a bad link and works; a granularity too big to run says why', async () => {
    const { page, errors } = await openPage(browser, `${url}?e=abc&k=99&lang=xx`);
    await settle(page, 'experts-page');
    const notice = squash(await page.getByRole('alert').filter({ hasText: 'not understood' }).textContent());
    expect(notice).toContain('Ignored e=abc');
    expect(notice).toContain('Ignored k=99');
    expect((await runs(page)).every((r) => r.trace !== null)).toBe(true);
    // The notices, the ignored lang= value among them, are worded again in the language chosen on the page.
    expect(notice).toContain(CATALOGUE.en.common.langIgnored('xx'));
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh');
    const zhNotice = page.getByRole('alert').filter({ hasText: CATALOGUE.zh.common.linkNotUnderstood });
    await expect.poll(async () => squash(await zhNotice.textContent())).toContain(CATALOGUE.zh.common.langIgnored('xx'));
    expect(squash(await zhNotice.textContent())).not.toContain('Ignored');
    await page.close();

    const big = await openPage(browser, `${url}?e=64&k=2`);
    await settle(big.page, 'experts-page');
    expect(squash(await big.page.locator('granularity-live tr[data-m="8"]').textContent())).toContain('64 × 8 = 512');
    expect(squash(await big.page.locator('granularity-live #verdict').textContent())).toBe(en.experts.notEqual);
    expect(errors).toEqual([]);
    expect(big.errors).toEqual([]);
    await big.page.close();
  });

  it('lang=zh: Chinese throughout; screenshots on a phone', async () => {
    for (const [w, h] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page, errors, offsite } = await openPage(browser, `${url}?s=1&m=4&lang=zh`, { width: w, height: h });
      await settle(page, 'experts-page');
      expect(await page.title()).toBe(CATALOGUE.zh.lessonPages.experts.pageTitle);
      expect(await findUntranslated(page)).toEqual([]);
      expect(await page.getByRole('link', { name: CATALOGUE.zh.common.home }).getAttribute('href')).toMatch(/&lang=zh$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await screenshot(page, `experts-zh-${w}x${h}`);
      if (w === 390) {
        const en390 = await openPage(browser, url, { width: w, height: h });
        await settle(en390.page, 'experts-page');
        expect(await en390.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
        await screenshot(en390.page, 'experts-en-390x844');
        await en390.page.close();
      }
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await page.close();
    }
  });

  it('switches language in place and keeps the URL’s settings', async () => {
    const { page, errors } = await openPage(browser, `${url}?s=1`);
    await settle(page, 'experts-page');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh');
    await expect.poll(() => page.title()).toBe(CATALOGUE.zh.lessonPages.experts.pageTitle);
    expect((await query(page)).get('lang')).toBe('zh');
    expect((await query(page)).get('s')).toBe('1');
    expect(await findUntranslated(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
