/** <moe-lab> in a plain page, set up and driven by its attributes. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trace } from '../../src/core/trace';
import { launchBrowser, openPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface Lab extends HTMLElement {
  trace: Trace | null;
  settled(): Promise<void>;
}

describe('<moe-lab> embedded by attributes (demos/embed.html)', () => {
  it('takes its setup from attributes, follows attribute changes, and leaves the page URL alone', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 20000 });
    const config = () => page.evaluate(() => (document.querySelector('moe-lab') as Lab).trace!.config);
    expect(await config()).toMatchObject({ routedExperts: 16, topK: 2, router: 'sigmoid-bias', seed: 3 });
    expect(await page.evaluate(() => (document.querySelector('moe-lab') as Lab).trace!.tokens.map((t) => t.text).join(' '))).toBe(
      'two red birds sing in the old tree .',
    );
    expect(await page.getByRole('spinbutton', { name: 'Seed' }).count()).toBe(0);
    const url = page.url();

    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('experts', '8'));
    await page.evaluate(() => (document.querySelector('moe-lab') as Lab).settled());
    await expect.poll(config).toMatchObject({ routedExperts: 8 });
    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('hide', ''));
    await expect.poll(() => page.getByRole('spinbutton', { name: 'Seed' }).count()).toBe(1);
    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('sentence', 'one cat sleeps .'));
    await expect.poll(() => page.evaluate(() => (document.querySelector('moe-lab') as Lab).trace!.tokens.length)).toBe(4);

    const status = page.getByRole('status').filter({ hasText: 'parameters' });
    await page.getByRole('button', { name: 'Next token' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toContain('“cat”');
    await page.waitForTimeout(400);
    expect(page.url()).toBe(url);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('follows attributes set while its model is still starting; Copy link only with a link-base, to that site', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 20000 });
    // The first element has no link-base: its view cannot be opened from the host page, so no Copy link.
    expect(await page.locator('moe-lab').first().getByRole('button', { name: 'Copy link' }).count()).toBe(0);
    await page.evaluate(() => {
      const lab = document.createElement('moe-lab');
      lab.setAttribute('experts', '4');
      lab.setAttribute('link-base', 'https://example.org/moe-lab/');
      document.querySelector('main')!.append(lab);
      // Changed in the same task, before the new element's model has run once.
      lab.setAttribute('experts', '12');
      lab.setAttribute('top-k', '3');
    });
    const second = page.locator('moe-lab').nth(1);
    await expect.poll(() => second.evaluate((el) => (el as Lab).trace?.config.routedExperts), { timeout: 20000 }).toBe(12);
    await expect.poll(() => second.evaluate((el) => (el as Lab).trace?.config.topK)).toBe(3);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await second.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^https:\/\/example\.org\/moe-lab\/\?.*e=12&k=3/);
    expect(errors).toEqual([]);
  });

  it('speaks Chinese with lang="zh", leaving the host page\'s own language and address alone', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 20000 });
    const url = page.url();
    // A host page in another language: the element must not change it.
    await page.evaluate(() => {
      document.documentElement.lang = 'fr';
      document.querySelector('moe-lab')!.setAttribute('lang', 'zh');
    });
    await expect.poll(() => page.locator('moe-lab').getByRole('button', { name: '下一个词元' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(page.url()).toBe(url);
    await page.evaluate(() => document.querySelector('moe-lab')!.removeAttribute('lang'));
    await expect.poll(() => page.locator('moe-lab').getByRole('button', { name: 'Next token' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reports a bad attribute by its name and keeps working', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 20000 });
    await page.evaluate(() => {
      const lab = document.createElement('moe-lab');
      lab.setAttribute('experts', 'many');
      lab.setAttribute('top-k', '3');
      document.querySelector('main')!.append(lab);
    });
    const second = page.locator('moe-lab').nth(1);
    await expect.poll(() => second.getByRole('alert').filter({ hasText: 'Ignored experts=many' }).count(), { timeout: 20000 }).toBe(1);
    await expect.poll(() => second.evaluate((el) => (el as Lab).trace?.config.topK)).toBe(3);
    expect(errors).toEqual([]);
  });
});
