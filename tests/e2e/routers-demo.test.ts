import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('demos/routers.html', () => {
  it('routes the sentence with all four routers; expert choice is perfectly balanced', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/routers.html`);
    for (const name of ['Softmax top-k', 'Noisy top-k', 'Sigmoid with bias', 'Expert choice']) {
      const region = page.getByRole('region', { name });
      await expect.poll(() => region.getByRole('button', { name: /^token \d+:/ }).count(), { timeout: 20000 }).toBe(10);
    }
    await expect.poll(() => page.getByRole('region', { name: 'Expert choice' }).textContent()).toContain('Busiest expert 1.00×');
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('seed (-3) must be between 0 and 4294967295');
    await screenshot(page, 'routers-1280x800');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
