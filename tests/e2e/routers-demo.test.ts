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

  it('fits a phone’s width (390): the sentence list shrinks to the screen, nothing scrolls sideways', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/routers.html`, { width: 390, height: 844 });
    await expect
      .poll(
        () =>
          page
            .getByRole('region', { name: 'Expert choice' })
            .getByRole('button', { name: /^token \d+:/ })
            .count(),
        { timeout: 20000 },
      )
      .toBe(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'routers-390');
    expect(errors).toEqual([]);
  });

  it('compares the routers on the weights each was trained with, and says why random weights look alike', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/routers.html`);
    const routers = ['Softmax top-k', 'Noisy top-k', 'Sigmoid with bias', 'Expert choice'];
    const chips = (name: string) => page.getByRole('region', { name }).locator('token-strip .experts').allTextContents();
    for (const name of routers)
      await expect
        .poll(() => page.getByRole('region', { name }).textContent(), { timeout: 20000 })
        .toContain('Weights trained with this router.');
    await expect.poll(() => page.getByText(/^Each router runs the weights that were trained with it/).count()).toBe(1);
    const trained = await Promise.all(routers.map(chips));
    expect(trained[0]).not.toEqual(trained[2]);

    await page.getByRole('radio', { name: 'Random' }).check();
    for (const name of routers)
      await expect.poll(() => page.getByRole('region', { name }).textContent(), { timeout: 20000 }).toContain('Random weights (seed 1).');
    await expect.poll(() => page.getByText(/^Random weights look alike across routers/).count()).toBe(1);
    // Softmax top-k and sigmoid with bias rank the experts by the same random scores: the same experts, token by token.
    const random = await Promise.all(routers.map(chips));
    expect(random[0]).toEqual(random[2]);
    await screenshot(page, 'routers-random-1280x800');

    const linked = await openPage(browser, `${base}demos/routers.html?w=random`);
    await expect
      .poll(() => linked.page.getByRole('region', { name: 'Softmax top-k' }).textContent(), { timeout: 20000 })
      .toContain('Random weights (seed 1).');
    expect(errors).toEqual([]);
    expect(linked.errors).toEqual([]);
  });
});
