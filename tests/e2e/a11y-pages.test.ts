/**
 * Accessibility of the lesson pages in Chromium: axe-core on the scale, memory, capacity, sparsity, experts, training and balance pages and the states their controls reach (zero violations, looking inside every open shadow root).
 *
 * axe runs through tests/e2e/axe.ts, injected as axe-core's own script (the CSP stays on).
 * (The accessibility tests are three files so that they run beside the others, not after them.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, openPage, type WatchedPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function pageExists(path: string): Promise<boolean> {
  const res = await fetch(`${base}${path}`);
  return res.ok && (await res.text()).includes('<script');
}

describe('axe-core: no violations on the lesson pages', () => {
  it('demos/scale.html: default, the toy, and a pasted broken config', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/scale.html`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'multiply-adds' }).count(), { timeout: 20000 }).toBe(1);
    expect(await axeViolations(page, 'demos/scale.html')).toEqual([]);

    await page
      .getByRole('textbox', { name: 'Paste a config.json' })
      .fill('{\n  "model_type": "deepseek_v3",\n  "vocab_size": 129280\n  "hidden_size": 7168\n}');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not valid JSON' }).count()).toBe(1);
    expect(await axeViolations(page, 'demos/scale.html (broken config)')).toEqual([]);

    await page.getByRole('combobox', { name: 'Model' }).selectOption('toy');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent()).toContain('Your toy model');
    expect(await axeViolations(page, 'demos/scale.html (toy)')).toEqual([]);

    await page.getByRole('combobox', { name: 'Model' }).selectOption('llama-3.1-8b');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent()).toContain('Llama 3.1 8B');
    expect(await axeViolations(page, 'demos/scale.html (a dense model)')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demos/memory.html, with the attention tables open', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/memory.html`);
    await expect.poll(() => page.locator('attention-map').count(), { timeout: 20000 }).toBe(3);
    await page.evaluate(() => document.querySelector('memory-page')!.settled());
    expect(await axeViolations(page, 'demos/memory.html')).toEqual([]);
    // The tables behind the heat maps were built when their <details> opened.
    expect(await page.locator('attention-map table').count()).toBe(3);
    // A bad seed and its message.
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Seed' }).count()).toBe(1);
    expect(await axeViolations(page, 'demos/memory.html (bad seed)')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demos/capacity.html: default, factor 1 with drops, a bad link, a bad seed, expert choice, Chinese, a phone', async () => {
    const states: [string, { width: number; height: number }?][] = [
      [''],
      ['?cf=1'],
      ['?cf=abc&k=99&L=3'],
      ['?r=expert-choice&cf=0.5'],
      ['?lang=zh&cf=1'],
      ['?cf=1', { width: 390, height: 844 }],
    ];
    // One page, navigated from state to state (its errors counted per state).
    let watched: WatchedPage | null = null;
    for (const [query, viewport] of states) {
      const url = `${base}demos/capacity.html${query}`;
      const size = viewport ?? { width: 1280, height: 800 };
      if (!watched) watched = await openPage(browser, url, size);
      else {
        watched.errors.length = 0;
        await watched.page.setViewportSize(size);
        await watched.page.goto(url);
      }
      const { page, errors } = watched;
      await page.waitForFunction(() => customElements.get('capacity-page') !== undefined, undefined, { timeout: 20000 });
      await page.evaluate(() => (document.querySelector('capacity-page') as unknown as { settled(): Promise<void> }).settled());
      expect(await axeViolations(page, `demos/capacity.html${query}`)).toEqual([]);
      if (query === '?cf=1' && !viewport) {
        const seed = page.getByRole('spinbutton', { name: 'Seed' });
        await seed.fill('-3');
        await seed.press('Enter');
        await expect.poll(() => page.locator('#seed-problem').count()).toBe(1);
        expect(await axeViolations(page, 'demos/capacity.html (bad seed)')).toEqual([]);
      }
      expect(errors).toEqual([]);
    }
  });

  for (const [path, tag, query] of [
    ['demos/sparsity.html', 'sparsity-page', ''],
    ['demos/sparsity.html', 'sparsity-page', '?e=abc&k=99&s=2&m=2&L=2&cf=1'],
    ['demos/experts.html', 'experts-page', ''],
    ['demos/experts.html', 'experts-page', '?e=abc&k=99&s=2&m=4'],
    ['demos/experts.html', 'experts-page', '?e=64&s=1&lang=zh'],
  ] as const) {
    it(`${path}${query}, and a refused change with its message`, async () => {
      const { page, errors } = await openPage(browser, `${base}${path}${query}`);
      const settled = () => page.evaluate((t) => (document.querySelector(t) as unknown as { settled(): Promise<void> }).settled(), tag);
      await page.waitForFunction(
        (t) => typeof (document.querySelector(t) as unknown as { settled?: unknown } | null)?.settled === 'function',
        tag,
        { timeout: 20000 },
      );
      await settled();
      expect(await axeViolations(page, `${path}${query}`)).toEqual([]);
      const seed = page.locator(`${tag} lesson-controls input[type="number"]`).first();
      await seed.fill('-3');
      await seed.press('Enter');
      await expect.poll(() => page.locator(`${tag} lesson-controls [role="alert"]`).count()).toBe(1);
      expect(await axeViolations(page, `${path}${query} (bad seed)`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  // The training pages are being written alongside this test: they are checked when they exist.
  for (const [path, train, pause] of [
    ['demos/training.html', /^Train$/, /^Pause$/],
    ['demos/balance.html', /^Train both$/, /^Pause both$/],
  ] as const) {
    it(`${path}: before and after a few seconds of training`, async (ctx) => {
      if (!(await pageExists(path))) {
        console.warn(`${path} is not in the build: skipped`);
        ctx.skip();
        return;
      }
      const { page, errors } = await openPage(browser, `${base}${path}`);
      const button = page.getByRole('button', { name: train });
      await expect.poll(() => button.isEnabled(), { timeout: 20000 }).toBe(true);
      expect(await axeViolations(page, path)).toEqual([]);
      await button.click();
      await page.waitForTimeout(3000);
      await page.getByRole('button', { name: pause }).click();
      await expect.poll(() => button.count()).toBe(1);
      expect(await axeViolations(page, `${path} (trained)`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
