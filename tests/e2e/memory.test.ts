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

/** Waits until the toy has caught up with its inputs and rendered. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('memory-page')!.settled());
}

describe('demos/memory.html', () => {
  it('calculator: DeepSeek-V3 keeps 35,136 numbers per token; the context slider changes the total', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/memory.html`);
    const calc = page.locator('kv-calculator');
    const headline = calc.locator('.headline');
    await expect.poll(() => headline.textContent()).toContain('35,136 numbers per token');
    expect(await headline.textContent()).toContain('576 in each of 61 layers');
    expect(await calc.locator('.total').textContent()).toBe('8.58 GiB');
    const mla = calc.locator('tr[data-kind="mla"]');
    expect(await mla.textContent()).toContain('(512 + 64) · 61');
    expect(await calc.locator('tr[data-kind="mha"] td').nth(1).textContent()).toBe('32,768');

    // 2^15 = 32,768 tokens: a quarter of 8.58 GiB.
    const context = page.getByRole('slider', { name: 'Context length' });
    await context.fill('15');
    await expect.poll(() => calc.locator('.total').textContent()).toBe('2.14 GiB');
    expect(await context.getAttribute('aria-valuetext')).toBe('32,768 tokens');
    // Batch 8 and fp8: 35,136 × 32,768 × 8 × 1 byte = 8.58 GiB again.
    await page.getByRole('slider', { name: 'Batch size' }).fill('3');
    await page.getByRole('combobox', { name: 'Precision of each number' }).selectOption('fp8');
    await expect.poll(() => calc.locator('.total').textContent()).toBe('8.58 GiB');

    // A typed number out of range: a message next to the box, and the last good figure stays.
    const typed = page.getByRole('spinbutton', { name: 'Context length, or type a number' });
    await typed.fill('200000');
    await typed.press('Enter');
    await expect.poll(() => calc.getByRole('alert').textContent()).toBe('Context length must be from 1 to 131,072 tokens, not 200,000.');
    expect(await calc.locator('.total').textContent()).toBe('8.58 GiB');
    await typed.fill('65536');
    await typed.press('Enter');
    await expect.poll(() => calc.locator('.total').textContent()).toBe('17.2 GiB');
    expect(await calc.getByRole('alert').count()).toBe(0);

    await page.getByRole('combobox', { name: 'Model' }).selectOption('mixtral-8x7b');
    await expect.poll(() => headline.textContent()).toContain('65,536 numbers per token');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('toy: moving the d_c slider changes the latent cache figure and the error; full rank is exact', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/memory.html`);
    const toy = page.locator('latent-toy');
    await expect.poll(() => toy.locator('#cache-latent').textContent(), { timeout: 20000 }).toBe('8 numbers per token');
    expect(await toy.locator('#cache-full').textContent()).toBe('64 numbers per token');
    await expect.poll(() => toy.locator('error-chart path.line').count()).toBe(2);
    await settled(page);
    await screenshot(page, 'memory-1280x800');
    const errorAt8 = Number((await toy.locator('#output-error').textContent())!.replace('%', ''));
    expect(errorAt8).toBeGreaterThan(10);

    const slider = page.getByRole('slider', { name: 'Latent size d_c' });
    await slider.fill('20');
    await settled(page);
    expect(await toy.locator('#cache-latent').textContent()).toBe('20 numbers per token');
    expect(await slider.getAttribute('aria-valuetext')).toBe('20 numbers per token');
    expect(Number((await toy.locator('#output-error').textContent())!.replace('%', ''))).toBeLessThan(errorAt8);

    await slider.fill('32');
    await settled(page);
    expect(await toy.locator('#cache-latent').textContent()).toBe('32 numbers per token');
    expect(await toy.locator('#output-error').textContent()).toBe('0.0%');
    expect(await toy.locator('#moved').textContent()).toBe('0.0%');
    // The calculator's toy row follows the slider.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('toy');
    await expect.poll(() => page.locator('kv-calculator .headline').textContent()).toContain('32 numbers per token');

    await slider.fill('4');
    await settled(page);
    expect(await toy.locator('attention-map')).toBeTruthy();
    expect(await toy.locator('attention-map').count()).toBe(3);
    expect(await toy.locator('attention-map').nth(1).locator('figcaption').textContent()).toBe('Latent, dc = 4, head 1');

    // A bad seed: a message, and the toy keeps its last good state.
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect
      .poll(() => page.locator('memory-page').getByRole('alert').first().textContent())
      .toContain('Seed must be from 0 to 4,294,967,295, not -3.');
    expect(await toy.locator('#cache-latent').textContent()).toBe('4 numbers per token');

    await screenshot(page, 'memory-1280x800-after');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('lays out at 768×1024 and on the cpu backend', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/memory.html?backend=cpu`, { width: 768, height: 1024 });
    await expect.poll(() => page.locator('latent-toy #cache-latent').textContent(), { timeout: 20000 }).toBe('8 numbers per token');
    await settled(page);
    expect(await page.locator('memory-page .status').textContent()).toContain('cpu backend');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'memory-768x1024');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
