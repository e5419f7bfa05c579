import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, settleApp, openPage, screenshot } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('main page (built site)', () => {
  it('carries a strict Content-Security-Policy in the page itself (the server sends none) and runs under it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(base);
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    const csp = await page.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
    );
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:/);
    await expect.poll(() => page.getByText('Backend: wasm').count(), { timeout: 20000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('routes the default sentence on wasm and steps through tokens', async () => {
    const { page, errors, offsite } = await openPage(browser, base);
    const status = page.getByRole('status').filter({ hasText: 'parameters' });
    await expect.poll(() => status.textContent(), { timeout: 20000 }).toContain('active');
    await expect.poll(() => page.getByText('Backend: wasm').count()).toBe(1);

    const first = await status.textContent();
    expect(first).toMatch(/“the”: active [\d,]+ of [\d,]+ parameters \(\d+\.\d%\)/);

    await page.getByRole('button', { name: 'Next token' }).click();
    await expect.poll(() => status.textContent()).toContain('“quick”');
    await page.keyboard.press('End');
    await expect.poll(() => status.textContent()).toContain('“.”');
    await page.keyboard.press('Home');
    await expect.poll(() => status.textContent()).toContain('“the”');

    await expect.poll(() => page.getByRole('button', { name: /^token \d+:/ }).count()).toBe(10);
    await screenshot(page, 'main-1280x800');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('keeps a word outside the lexicon in the strip, classed from its context and marked so', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    const box = page.getByRole('textbox', { name: 'Sentence' });
    await box.fill('the zebra sees a red ball');
    await box.press('Enter');
    await settleApp(page);
    await expect.poll(() => page.getByRole('button', { name: /zebra .*not in the lexicon, classed from context as noun/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /unknown \(not in the vocabulary/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('falls back to the cpu backend with a visible notice when wasm cannot load', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*.wasm', (r) => r.abort());
    await page.goto(base);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'WebAssembly could not start' }).count(), { timeout: 30000 }).toBe(1);
    await expect.poll(() => page.getByText('Backend: cpu').count()).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'parameters' }).textContent()).toContain('active');
    expect(errors).toEqual([]);
  });
});
