/**
 * The training pages train in a module Web Worker; where the worker cannot start (here its script is
 * blocked), they train on the page's own thread instead, with the same results.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Trains 5 steps with "Step" and returns the rows of the loss table (step and loss). */
async function fiveSteps(page: Page): Promise<string[]> {
  await expect.poll(() => page.getByRole('button', { name: 'Step', exact: true }).isEnabled(), { timeout: 30000 }).toBe(true);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.querySelector('training-page')?.training?.step)).toBe(5);
  await expect.poll(() => page.locator('loss-chart tbody tr').count()).toBe(5);
  return page.locator('loss-chart tbody tr').allTextContents();
}

describe('the training worker', () => {
  it('trains in a worker; with the worker blocked, in the page, to the same losses', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/training.html`);
    const inWorker = await fiveSteps(page);
    expect(inWorker).toHaveLength(5);
    expect(inWorker.every((row) => /^\s*\d+\s*\d+\.\d+\s*$/.test(row))).toBe(true);
    expect(
      page
        .workers()
        .map((w) => w.url())
        .some((u) => /training-worker/.test(u)),
    ).toBe(true);
    expect((await page.evaluate(() => document.querySelector('training-page')!.diagnostics())).tensors).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    const blocked = await browser.newPage();
    const blockedErrors: string[] = [];
    blocked.on('pageerror', (e) => blockedErrors.push(e.message));
    await blocked.route(/training-worker[^/]*\.js$/, (route) => route.abort());
    await blocked.goto(`${base}demos/training.html`);
    expect(await fiveSteps(blocked)).toEqual(inWorker);
    expect(blocked.workers()).toEqual([]);
    expect((await blocked.evaluate(() => document.querySelector('training-page')!.diagnostics())).tensors).toBeGreaterThan(0);
    expect(blockedErrors).toEqual([]);
    await blocked.close();
  });

  it('?backend=cpu: the worker trains on the cpu backend and says so', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/training.html?backend=cpu`);
    const losses = await fiveSteps(page);
    expect(losses).toHaveLength(5);
    expect(await page.locator('training-page').getByText('Backend: cpu').count()).toBe(1);
    expect(
      page
        .workers()
        .map((w) => w.url())
        .some((u) => /training-worker/.test(u)),
    ).toBe(true);
    expect(errors).toEqual([]);
  });
});
