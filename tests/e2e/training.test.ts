import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, within } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The loop's step counter, read from the page's shell. */
function stepOf(page: Page): Promise<number> {
  return within(
    page.evaluate(() => document.querySelector('training-page')?.training?.step ?? -1),
    'the training step',
  );
}

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), { timeout: 20000 }).toBe(true);
  await expect.poll(() => page.locator('specialisation-map .value').count(), { timeout: 20000 }).toBe(1);
  await expect.poll(() => page.getByRole('button', { name: /^token \d+:/ }).count(), { timeout: 20000 }).toBeGreaterThan(0);
}

describe('demos/training.html', () => {
  it('trains in the page: the loss falls, the map and the simulator views change, the page stays responsive', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/training.html`);
    await ready(page);
    const specBefore = squash(await page.locator('specialisation-map table').textContent());
    const scoreBefore = squash(await page.locator('specialisation-map .value').textContent());
    const chips = page.getByRole('button', { name: /^token \d+:/ });
    const chipsBefore = await chips.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    const routerBefore = squash(await page.locator('router-panel .panel').textContent());
    await screenshot(page, 'training-start-1280x800');

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const t0 = Date.now();
    const s0 = await stepOf(page);
    // Responsive while training: the Pause button answers, and the readout moves.
    await expect.poll(() => stepOf(page), { timeout: 30000, interval: 250 }).toBeGreaterThanOrEqual(120);
    const s1 = await stepOf(page);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`training in Chromium: ${(s1 - s0) / seconds} steps/s (${s1 - s0} steps in ${seconds.toFixed(1)} s, default config)`);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).count()).toBe(1);

    const status = page.getByRole('status', { name: 'Training progress' });
    const step = Number(squash(await status.locator('.step').textContent()).replace(/,/g, ''));
    expect(step).toBeGreaterThan(0);
    expect(Number(squash(await status.locator('.tokens').textContent()).replace(/,/g, ''))).toBeGreaterThan(step * 10);

    // The loss fell: first row of the table alternative against the last.
    const rows = page.locator('loss-chart tbody tr');
    const firstLoss = Number(await rows.first().locator('td').first().textContent());
    const lastLoss = Number(await rows.last().locator('td').first().textContent());
    expect(firstLoss).toBeGreaterThan(lastLoss + 0.3);
    expect(await page.locator('loss-chart svg.chart').getAttribute('aria-label')).toMatch(
      /^Loss over steps 1 to \d+ \(linear scale\)\. Task loss \(next word\): [\d.]+ at the start, [\d.]+ now/,
    );

    // The specialisation map changed, and so did the score.
    await expect.poll(async () => squash(await page.locator('specialisation-map table').textContent())).not.toBe(specBefore);
    const scoreAfter = squash(await page.locator('specialisation-map .value').textContent());
    expect(Number(scoreAfter)).toBeGreaterThan(Number(scoreBefore.replace('−', '-')));
    expect(squash(await page.locator('specialisation-map .words').textContent())).toMatch(/it was −?\d\.\d\d before training/);

    // The simulator's views were re-rendered from the trained weights.
    expect(Number(await page.locator('.trace-step').textContent())).toBeGreaterThan(0);
    const chipsAfter = await chips.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(chipsAfter).toHaveLength(chipsBefore.length);
    expect(chipsAfter).not.toEqual(chipsBefore);
    expect(squash(await page.locator('router-panel .panel').textContent())).not.toBe(routerBefore);

    // Load history and updated parameters are drawn.
    expect(await page.locator('load-history .max-mean').textContent()).toMatch(/^\d\.\d\d$/);
    expect(squash(await page.locator('updated-params .headline').textContent())).toMatch(
      /^Step \d+ updated [\d,]+ of [\d,]+ parameters \(\d+\.\d%\)\.$/,
    );

    // The current token moves with Next token and with a click on a chip.
    await page.getByRole('button', { name: 'Next token' }).click();
    await expect.poll(() => chips.nth(1).getAttribute('aria-current')).toBe('true');
    await chips.nth(3).click();
    await expect.poll(() => page.locator('#router-h').textContent()).toContain(squash(await chips.nth(3).locator('.word').textContent()));

    // A step at a time.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepOf(page)).toBe(step + 1);

    // The view is in the URL.
    await expect.poll(() => new URL(page.url()).searchParams.get('pos')).toBe('3');
    await screenshot(page, 'training-1280x800');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await screenshot(page, 'training-768x1024');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('bias balancing switches the router with a note; a refused seed keeps the last good model', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/training.html?L=2&z=0.001`);
    await ready(page);
    await page.getByRole('combobox', { name: 'Balancing' }).selectOption('bias');
    await expect.poll(() => page.getByRole('combobox', { name: 'Router' }).inputValue()).toBe('sigmoid-bias');
    expect(squash(await page.locator('training-controls .note').textContent())).toBe(
      'The router was switched from softmax top-k to sigmoid with bias (DeepSeek-V3), the only one with a balancing bias. Training restarted from step 0.',
    );
    expect(await page.getByRole('slider', { name: 'Bias update speed (γ)' }).isEnabled()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Balance loss α' }).isEnabled()).toBe(false);

    // Two layers: a layer selector, and the per-layer views follow it.
    await page.getByRole('combobox', { name: 'Layer shown' }).selectOption('1');
    await expect.poll(() => page.locator('#spec-h').textContent()).toBe('Specialisation map, layer 2');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepOf(page)).toBe(3);
    await expect.poll(() => page.locator('updated-params .layer').count()).toBe(2);
    // The z-loss is on, so its line is drawn next to the task loss (log scale with two losses).
    await expect.poll(() => page.locator('loss-chart path.line').count()).toBe(2);

    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect
      .poll(() => page.locator('training-controls').getByRole('alert').textContent())
      .toBe('seed (-3) must be between 0 and 4294967295');
    expect(await stepOf(page)).toBe(3);
    await page.getByRole('button', { name: 'Reset training' }).click();
    await expect.poll(() => stepOf(page)).toBe(0);
    await screenshot(page, 'training-bias-2-layers-1280x800');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('leaks no tensors: a step adds none once Adam has its moments, and "Reset training" returns to the first render', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/training.html`);
    await ready(page);
    const diagnostics = () => page.evaluate(() => document.querySelector('training-page')!.diagnostics());
    const first = await diagnostics();
    expect(first.tensors).toBeGreaterThan(0);
    expect(first.bytes).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => stepOf(page), { timeout: 30000, interval: 100 }).toBeGreaterThanOrEqual(50);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).count()).toBe(1);
    const trained = await diagnostics();
    // Adam's moments for the weights that have been trained: more tensors than at the start, then no more per step.
    expect(trained.tensors).toBeGreaterThan(first.tensors);
    const step = await stepOf(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepOf(page)).toBe(step + 1);
    expect(await diagnostics()).toEqual(trained);
    await page.getByRole('button', { name: 'Reset training' }).click();
    await expect.poll(() => stepOf(page)).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
    expect(await diagnostics()).toEqual(first);
    expect(errors).toEqual([]);
  });
});
