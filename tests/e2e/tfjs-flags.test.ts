/**
 * tfjs-core reads `?tfjsflags=` as it loads; the build rewrites that away (build/tfjs-no-url-flags.ts).
 * Every page opens with each form of the key, says the key was ignored, and really ignores it: no
 * page error, no "feature override from URL" from tfjs, and with WASM_HAS_SIMD_SUPPORT:false the
 * SIMD build of the wasm backend still loads.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sharedPage } from './browser';

const PAGES = [
  '',
  'demos/routers.html',
  'demos/sparsity.html',
  'demos/experts.html',
  'demos/capacity.html',
  'demos/training.html',
  'demos/balance.html',
  'demos/scale.html',
  'demos/memory.html',
  'demos/embed.html',
];
/** Each form that blanked a page before: no colon, no value, only a comma, an escaped key, early-evaluated flags, a flag that loads. */
const FAMILY = [
  '?tfjsflags=x',
  '?tfjsflags',
  '?tfjsflags=,',
  '?%74fjsflags=x',
  '?tfjsflags=DEBUG:true',
  '?tfjsflags=PROD:true,IS_BROWSER:false',
  '?tfjsflags=WASM_HAS_SIMD_SUPPORT:false',
];

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('tfjsflags links', () => {
  for (const path of PAGES) {
    it(`open ${path || 'index.html'} in every form, reported as ignored and ignored`, async () => {
      const page = await sharedPage(browser, base);
      const errors: string[] = [];
      const overrides: string[] = [];
      const wasm: string[] = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
        if (/feature override from URL/i.test(m.text())) overrides.push(m.text());
      });
      page.on('request', (r) => {
        if (r.url().endsWith('.wasm')) wasm.push(r.url());
      });
      // Every page with the two forms that threw in different places; the main page with all of them.
      const family = path === '' ? FAMILY : ['?tfjsflags=x', '?tfjsflags=DEBUG:true', '?tfjsflags=WASM_HAS_SIMD_SUPPORT:false'];
      for (const query of family) {
        const where = `${path || 'index.html'}${query}`;
        errors.length = 0;
        wasm.length = 0;
        await page.goto(`${base}${path}${query}`);
        const notice = page.getByRole('alert').filter({ hasText: 'tfjsflags' });
        await expect.poll(() => notice.count(), { message: where, timeout: 20000 }).toBeGreaterThan(0);
        const text = await page.evaluate(() => {
          const walk = (n: Node): string =>
            n instanceof Element && n.shadowRoot
              ? walk(n.shadowRoot)
              : [...n.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : walk(c))).join(' ');
          return walk(document.body);
        });
        expect(text.length, where).toBeGreaterThan(200);
        if (query.includes('WASM_HAS_SIMD_SUPPORT') && path !== 'demos/scale.html') {
          await expect.poll(() => wasm.length, { message: where, timeout: 20000 }).toBeGreaterThan(0);
          expect(
            wasm.every((u) => /simd/.test(u)),
            `${where}: ${wasm.join(' ')}`,
          ).toBe(true);
        }
        expect(errors, where).toEqual([]);
      }
      expect(overrides).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
