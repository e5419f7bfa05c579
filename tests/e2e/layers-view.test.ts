/**
 * "All layers at once" on the main page (issue 14): with three MoE layers the page shows the
 * sentence once per layer, each word with the expert the trace says processed it first; clicking a
 * word of a layer's row makes it the current token.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Per layer, the expert numbers on the view's chips and the trace's first kept expert of every token. */
function shownAndTraced(page: Page) {
  return page.evaluate(() => {
    const app = document.querySelector('moe-app') as AppHandle;
    const t = app.trace!;
    const view = app.shadowRoot!.querySelector('layers-view')!;
    const rows = [...view.shadowRoot!.querySelectorAll('ol[data-layer]')];
    const shown = rows.map((r) =>
      [...r.querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim().split(' ').at(-1)),
    );
    const traced = t.layers.map((l) =>
      l.tokens.map((r) => {
        const j = r.dropped.findIndex((d) => !d);
        return j < 0 ? 'none' : `E${r.experts[j]}`;
      }),
    );
    return { shown, traced, layers: t.layers.length, words: t.tokens.map((w) => w.text) };
  });
}

/** The current token: the one the token strip marks. */
function current(page: Page) {
  return page.evaluate(() => {
    const app = document.querySelector('moe-app')!;
    const strip = app.shadowRoot!.querySelector('token-strip') as unknown as { current: number };
    const view = app.shadowRoot!.querySelector('layers-view') as unknown as { current: number };
    return { strip: strip.current, view: view.current };
  });
}

describe('all layers at once', () => {
  it('shows one row per layer whose expert numbers match the trace; clicking a word follows it', async () => {
    const { page, errors } = await openPage(browser, `${base}?L=3`);
    await settleApp(page);
    const { shown, traced, layers, words } = await shownAndTraced(page);
    expect(layers).toBe(3);
    expect(shown).toHaveLength(3);
    expect(shown).toEqual(traced);
    expect(await page.getByRole('heading', { name: 'All layers at once' }).isVisible()).toBe(true);
    expect(await page.locator('layers-view svg path.hit').count()).toBe(words.length);

    const before = await current(page);
    const target = before.strip === words.length - 1 ? 0 : words.length - 1;
    await page.locator('layers-view ol[data-layer="1"] button').nth(target).click();
    await settleApp(page);
    expect(await current(page)).toEqual({ strip: target, view: target });
    expect(await page.locator('layers-view ol[data-layer="2"] button').nth(target).getAttribute('aria-current')).toBe('true');
    expect(await page.locator('layers-view .path').textContent()).toContain(`“${words[target]}”`);

    // A line of the picture selects its word too.
    await page.locator('layers-view path.hit[data-token="1"]').dispatchEvent('click');
    await settleApp(page);
    expect((await current(page)).strip).toBe(1);

    await screenshot(page, 'layers-view-1280');
    const section = page.locator('section.layers');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: resolve(import.meta.dirname, '../../test-results/screenshots/layers-view-section-1280.png') });
    expect(errors).toEqual([]);
  });

  it('is not there with one layer', async () => {
    const { page } = await openPage(browser, base);
    await settleApp(page);
    expect(await page.locator('layers-view').count()).toBe(0);
  });
});
