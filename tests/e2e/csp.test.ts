/**
 * The built site carries its own Content-Security-Policy (build/csp.ts): every page has it in a
 * <meta> tag, since a plain static host (like this suite's server) sends no header, and dist/_headers
 * repeats it with frame-ancestors for hosts that read that file. Under it, every page loads and runs
 * (the main page stepped, training started) without a single policy violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../build/csp';
import { launchBrowser, openPage } from './browser';
import { DIST } from './static-server';

const PAGES = [
  'index.html',
  ...readdirSync(join(DIST, 'demos'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `demos/${f}`),
];

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const VIOLATIONS = `window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + String(e.blockedURI).slice(0, 80) + ' ' + (e.sample || '').slice(0, 80)));`;

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe('the Content-Security-Policy of the built site', () => {
  it('is in every page, first in <head>, with no inline script, no eval and no inline styles', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(10);
    for (const file of PAGES) {
      const html = readFileSync(join(DIST, file), 'utf8');
      const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      expect(meta, file).not.toBeNull();
      const policy = meta![1]!.replace(/&#39;/g, "'");
      expect(policy, file).toBe(CONTENT_SECURITY_POLICY);
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).toContain("style-src 'self'");
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle="/);
    }
    const headers = readFileSync(join(DIST, '_headers'), 'utf8');
    expect(headers).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`);
  });

  for (const file of PAGES) {
    it(`holds on ${file}: no violation while it loads and runs`, async () => {
      const { page, errors } = await openPage(browser, base + file, { width: 1280, height: 800 }, { initScript: VIOLATIONS });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600);
      if (file === 'index.html') {
        for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next token' }).click();
      }
      const train = page.getByRole('button', { name: 'Train', exact: true });
      if (file === 'demos/training.html') {
        await expect.poll(() => train.isEnabled(), { timeout: 20000 }).toBe(true);
        await train.click();
        await page.waitForTimeout(1500);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
      }
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
