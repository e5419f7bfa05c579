import type { Browser, Page } from 'playwright-core';
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

function steps(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const t = document.querySelector('balance-compare')?.training;
    return t ? [t.left.step, t.right.step] : [-1, -1];
  });
}

describe('demos/balance.html', () => {
  it('trains both models in turn; no balancing and bias balancing end up with different max/mean', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/balance.html`);
    const left = page.getByRole('region', { name: 'Left model: no balancing' });
    const right = page.getByRole('region', { name: 'Right model: DeepSeek-V3 bias' });
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled(), { timeout: 20000 }).toBe(true);
    expect(await left.getByRole('combobox', { name: 'Balancing' }).inputValue()).toBe('none');
    expect(await right.getByRole('combobox', { name: 'Balancing' }).inputValue()).toBe('bias');
    // α is for the Switch loss, which neither side uses yet; γ moves the right side's bias.
    expect(await page.getByRole('slider', { name: 'Balance loss α' }).isDisabled()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Bias update speed (γ)' }).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Train both' }).click();
    const t0 = Date.now();
    await expect.poll(async () => Math.min(...(await steps(page))), { timeout: 40000, interval: 250 }).toBeGreaterThanOrEqual(100);
    const [l, r] = await steps(page);
    console.log(`balance page in Chromium: ${((l + r) / ((Date.now() - t0) / 1000)).toFixed(1)} steps/s over both models (${l} + ${r})`);
    await page.getByRole('button', { name: 'Pause both' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).count()).toBe(1);

    const [ls, rs] = await steps(page);
    expect(ls).toBeGreaterThan(0);
    expect(rs).toBeGreaterThan(0);
    // They take turns: never more than a step apart.
    expect(Math.abs(ls - rs)).toBeLessThanOrEqual(1);
    const lm = Number(await left.locator('.max-mean .num').textContent());
    const rm = Number(await right.locator('.max-mean .num').textContent());
    expect(lm).toBeGreaterThanOrEqual(1);
    expect(rm).toBeGreaterThanOrEqual(1);
    expect(lm).not.toBe(rm);
    // Both have a loss chart and a specialisation score that moved off chance.
    for (const side of [left, right]) {
      expect(Number(await side.locator('.score .num').textContent())).toBeGreaterThan(0.05);
      expect(await side.locator('loss-chart tbody tr').count()).toBeGreaterThan(1);
      expect(await side.locator('load-history canvas').getAttribute('aria-label')).toMatch(
        /expert load over training: share of the expert choices/,
      );
    }
    await expect.poll(() => new URL(page.url()).searchParams.get('right')).toBe('bias');
    await screenshot(page, 'balance-1280x800');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await screenshot(page, 'balance-768x1024');

    // Changing one side's balancing restarts both from the seed.
    await left.getByRole('combobox', { name: 'Balancing' }).selectOption('switch');
    await expect.poll(() => page.getByRole('region', { name: 'Left model: Switch balance loss' }).count()).toBe(1);
    await expect.poll(() => steps(page)).toEqual([0, 0]);
    await expect.poll(() => new URL(page.url()).searchParams.get('left')).toBe('switch');
    expect(await page.getByRole('slider', { name: 'Balance loss α' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('reads its settings from the link and says what it ignored', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/balance.html?left=switch&right=bias%2Bseq&r=softmax-topk&e=6`);
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled(), { timeout: 20000 }).toBe(true);
    expect(await page.getByRole('region', { name: 'Left model: Switch balance loss' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Right model: bias + sequence-wise loss' }).count()).toBe(1);
    expect(await page.getByRole('slider', { name: 'Routed experts' }).inputValue()).toBe('6');
    expect(await page.getByRole('alert').textContent()).toContain('Ignored r=softmax-topk');
    expect(errors).toEqual([]);
  });
});
