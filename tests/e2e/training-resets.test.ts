/**
 * Overlapping resets on the training pages (issue 12, item 5): two `change` events on "Routed
 * experts" in one task, or "Reset training" five times in one task, throw nothing and the last
 * request wins.
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

/** Sets the slider to each value and fires `change` for each, all in one task. */
function changesInOneTask(page: Page, values: number[]): Promise<void> {
  return page.getByRole('slider', { name: 'Routed experts' }).evaluate((el, vs) => {
    const input = el as HTMLInputElement;
    for (const v of vs) {
      input.value = String(v);
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
  }, values);
}

describe('overlapping resets on the training pages', () => {
  it('demos/training.html: two changes of "Routed experts" and five resets in one task', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/training.html`);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect.poll(() => train.isEnabled(), { timeout: 30000 }).toBe(true);
    await train.click();
    await expect.poll(() => page.evaluate(() => document.querySelector('training-page')?.training?.step ?? 0)).toBeGreaterThan(3);
    await changesInOneTask(page, [4, 6]);
    await expect.poll(() => page.evaluate(() => document.querySelector('training-page')?.training?.config.routedExperts)).toBe(6);
    await page
      .getByRole('button', { name: /Pause|Train/ })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Reset training' }).evaluate((el) => {
      for (let i = 0; i < 5; i++) (el as HTMLButtonElement).click();
    });
    await expect.poll(() => page.getByRole('button', { name: 'Reset training' }).isEnabled()).toBe(true);
    // Training was running: it resumes after the last reset, on the last config.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('training-page')?.training?.step ?? 0), { timeout: 30000 })
      .toBeGreaterThan(3);
    expect(await page.getByRole('slider', { name: 'Routed experts' }).inputValue()).toBe('6');
    expect(await page.locator('training-page').getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('demos/balance.html: two changes of "Routed experts" in one task', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/balance.html`);
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled(), { timeout: 30000 }).toBe(true);
    await changesInOneTask(page, [4, 6]);
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled()).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const t = document.querySelector('balance-compare')?.training;
          return t ? [t.left.config.routedExperts, t.right.config.routedExperts] : null;
        }),
      )
      .toEqual([6, 6]);
    await page.getByRole('button', { name: 'Reset both' }).evaluate((el) => {
      for (let i = 0; i < 5; i++) (el as HTMLButtonElement).click();
    });
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Routed experts' }).inputValue()).toBe('6');
    expect(errors).toEqual([]);
  });
});
