/**
 * Every page in Simplified Chinese (lang=zh): the document says so (<html lang="zh-Hans">), no
 * English is left in the text or the accessible names (tests/e2e/untranslated.ts), axe finds nothing,
 * and the page's own switch brings English back in place and takes `lang` out of the URL.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot } from './browser';
import { findUntranslated } from './untranslated';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const PAGES = [
  '',
  ...readdirSync(resolve(import.meta.dirname, '../../demos'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `demos/${f}`),
];

/** Waits until the page's components have rendered what its model computed (twice, 300 ms apart). */
async function rendered(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (let i = 0; i < 2; i++) {
    await page.evaluate(async () => {
      type Lit = Element & { updateComplete?: Promise<unknown>; settled?: () => Promise<void> };
      const walk = (root: Document | ShadowRoot): Lit[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el as Lit, ...(el.shadowRoot ? walk(el.shadowRoot) : [])]);
      const all = walk(document);
      await Promise.all(all.map((el) => el.settled?.()));
      await Promise.all(all.map((el) => el.updateComplete));
    });
    await page.waitForTimeout(300);
  }
}

describe('Simplified Chinese on every page', () => {
  for (const path of PAGES) {
    it(`${path || 'index.html'}`, async () => {
      const { page, errors, offsite } = await openPage(browser, `${base}${path}?lang=zh`);
      await rendered(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
      expect(await page.evaluate(() => /[\u4e00-\u9fff]/.test(document.title))).toBe(true);
      expect(await findUntranslated(page)).toEqual([]);
      expect(await axeViolations(page, `${path}?lang=zh`)).toEqual([]);
      await screenshot(page, `zh-${(path || 'index.html').replace(/[/.]/g, '-')}`);

      await page.getByRole('combobox', { name: 'Language · 语言' }).first().selectOption('en');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await rendered(page);
      await expect.poll(() => page.evaluate(() => location.search)).not.toContain('lang=');
      expect(await page.evaluate(() => /[\u4e00-\u9fff]/.test(document.title))).toBe(false);
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    }, 60000);
  }

  it('links from the main page keep the language', async () => {
    const { page, errors } = await openPage(browser, `${base}?lang=zh`);
    await rendered(page);
    const hrefs = await page
      .getByRole('navigation')
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(8);
    for (const href of hrefs) expect(new URL(href).searchParams.get('lang'), href).toBe('zh');
    expect(errors).toEqual([]);
  });
});
