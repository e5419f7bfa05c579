/**
 * The routing simulator (index.html) as a user drives it: every control by its accessible name,
 * stepping by buttons and keys, the URL reproducing the view, garbage links, three screen sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The meter's live-region text and what the page's own trace says it should be. */
async function meterAgainstTrace(page: Page): Promise<{ shown: string; expected: string }> {
  return page.evaluate(() => {
    const app = document.querySelector('moe-app') as AppHandle;
    const t = app.trace!;
    const strip = app.shadowRoot!.querySelector('token-strip')!;
    const current = Number(strip.getAttribute('current') ?? (strip as unknown as { current: number }).current);
    const cost = t.perToken[current]!;
    const pct = ((cost.activeParams / t.params.total) * 100).toFixed(1);
    const meter = app.shadowRoot!.querySelector('param-meter')!.shadowRoot!.querySelector('[role="status"]')!;
    const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    return {
      shown: meter.textContent!.replace(/\s+/g, ' ').trim(),
      expected: `active ${fmt.format(cost.activeParams)} of ${fmt.format(t.params.total)} parameters (${pct}%)`,
    };
  });
}

async function setSlider(page: Page, name: string, value: number): Promise<void> {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
  await settleApp(page);
}

describe('routing simulator', () => {
  it('moves every control by its accessible name; the meter always matches the trace', async () => {
    const { page, errors, offsite } = await openPage(browser, base);
    await settleApp(page);
    const check = async (what: string) => {
      const { shown, expected } = await meterAgainstTrace(page);
      expect(shown, what).toContain(expected);
    };
    await check('default');
    await setSlider(page, 'Routed experts', 64);
    await check('64 experts');
    expect(await page.getByRole('slider', { name: 'Routed experts' }).getAttribute('aria-valuetext')).toBe('64');
    await setSlider(page, 'Active experts per token (top-k)', 4);
    await check('top-4');
    await setSlider(page, 'Shared experts', 2);
    await check('2 shared');
    await page.getByRole('combobox', { name: 'Expert granularity' }).selectOption('2');
    await settleApp(page);
    await check('granularity 2');
    await setSlider(page, 'Capacity factor', 2);
    await check('capacity 1.0');
    await setSlider(page, 'MoE layers', 2);
    await check('2 layers');
    await page.getByRole('combobox', { name: 'Router' }).selectOption('noisy-topk');
    await settleApp(page);
    await setSlider(page, 'Router noise', 2);
    await check('noisy');
    await page.getByRole('combobox', { name: 'Router' }).selectOption('sigmoid-bias');
    await settleApp(page);
    await setSlider(page, 'Bias update speed (γ)', 0.05);
    await page.getByRole('button', { name: 'Apply bias update' }).click();
    await settleApp(page);
    await check('after a bias update');
    await page.getByRole('combobox', { name: 'Router' }).selectOption('expert-choice');
    await settleApp(page);
    await check('expert choice');
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('77');
    await seed.press('Enter');
    await settleApp(page);
    await check('seed 77');
    await setSlider(page, 'Play speed', 5);
    expect(await page.getByRole('slider', { name: 'Play speed' }).getAttribute('aria-valuetext')).toBe('5 tokens/s');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('keeps the last good state and shows why when a change is refused', async () => {
    const { page, errors } = await openPage(browser, `${base}?e=8&k=4`);
    await settleApp(page);
    await page.getByRole('combobox', { name: 'Expert granularity' }).selectOption('8');
    await settleApp(page);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'top-k × granularity (4 × 8 = 32) cannot exceed 16' }).count())
      .toBe(1);
    const t = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config.granularity);
    expect(t).toBe(1);
    expect(errors).toEqual([]);
  });

  it('steps with buttons and keys, plays and pauses', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    const status = page.getByRole('status').filter({ hasText: 'parameters' });
    await page.getByRole('button', { name: 'Next token' }).click();
    await expect.poll(() => status.textContent()).toContain('“quick”');
    await page.getByRole('button', { name: 'Previous token' }).click();
    await expect.poll(() => status.textContent()).toContain('“the”');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toContain('“brown”');
    await page.keyboard.press('End');
    await expect.poll(() => status.textContent()).toContain('“.”');
    await page.keyboard.press('Home');
    await expect.poll(() => status.textContent()).toContain('“the”');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await expect.poll(() => status.textContent(), { timeout: 5000 }).not.toContain('“the”');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('leaks no tensors: 50 token steps and slider moves there and back leave the tfjs tensor count as it was', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    const diagnostics = () => page.evaluate(() => (document.querySelector('moe-app') as AppHandle).diagnostics());
    const before = await diagnostics();
    expect(before.tensors).toBeGreaterThan(0);
    expect(before.bytes).toBeGreaterThan(0);
    const positions = await page.evaluate(async () => {
      const app = document.querySelector('moe-app') as AppHandle;
      const buttons = [...app.shadowRoot!.querySelector('control-panel')!.shadowRoot!.querySelectorAll('button')];
      const next = buttons.find((b) => b.textContent?.trim() === 'Next token')!;
      const prev = buttons.find((b) => b.textContent?.trim() === 'Previous token')!;
      const strip = app.shadowRoot!.querySelector('token-strip') as unknown as { current: number; tokens: unknown[] };
      const seen = new Set<number>();
      let forward = true;
      for (let i = 0; i < 50; i++) {
        if (strip.current >= strip.tokens.length - 1) forward = false;
        if (strip.current <= 0) forward = true;
        (forward ? next : prev).click();
        await app.settled();
        seen.add(strip.current);
      }
      return seen.size;
    });
    expect(positions).toBeGreaterThan(2);
    expect(await diagnostics()).toEqual(before);
    for (const [name, value] of [
      ['Routed experts', 16],
      ['Active experts per token (top-k)', 4],
      ['Routed experts', 8],
      ['Active experts per token (top-k)', 2],
    ] as const) {
      await setSlider(page, name, value);
    }
    expect(await diagnostics()).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('reproduces the exact view from its URL', async () => {
    const { page } = await openPage(browser, base);
    await settleApp(page);
    await setSlider(page, 'Routed experts', 16);
    await page.getByRole('combobox', { name: 'Router' }).selectOption('sigmoid-bias');
    await settleApp(page);
    await setSlider(page, 'Expert groups', 4);
    await setSlider(page, 'Groups per token', 2);
    await page.getByRole('button', { name: 'Apply bias update' }).click();
    await settleApp(page);
    const box = page.getByRole('textbox', { name: 'Sentence' });
    await box.fill('two red birds sing to the zebra');
    await box.press('Enter');
    await settleApp(page);
    await page.getByRole('button', { name: 'Next token' }).click();
    await page.getByRole('button', { name: 'Next token' }).click();
    await settleApp(page);
    await page.waitForTimeout(400);
    const url = page.url();
    expect(url).toContain('e=16');
    const before = await page.evaluate(() => JSON.stringify((document.querySelector('moe-app') as AppHandle).trace));
    const meter = (await meterAgainstTrace(page)).shown;

    const again = await openPage(browser, url);
    await settleApp(again.page);
    const after = await again.page.evaluate(() => JSON.stringify((document.querySelector('moe-app') as AppHandle).trace));
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
    expect((await meterAgainstTrace(again.page)).shown).toBe(meter);
    expect(meter).toContain('“birds”');
    expect(again.errors).toEqual([]);
  });

  it('opens a garbage URL with defaults, a notice, and working controls', async () => {
    const { page, errors, offsite } = await openPage(browser, `${base}?e=banana&k=-4&cf=%00&r=%3Cscript%3E&pos=NaN&zzz=1&hide=everything`);
    await settleApp(page);
    const notice = page.getByRole('alert').filter({ hasText: 'were not understood' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain('Ignored e=banana');
    const t = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config);
    expect(t.routedExperts).toBe(8);
    expect(t.topK).toBe(2);
    await setSlider(page, 'Routed experts', 12);
    expect((await meterAgainstTrace(page)).shown).toContain((await meterAgainstTrace(page)).expected);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('hides the controls a teacher lists', async () => {
    const { page } = await openPage(browser, `${base}?hide=router,seed`);
    await settleApp(page);
    expect(await page.getByRole('combobox', { name: 'Router' }).count()).toBe(0);
    expect(await page.getByRole('spinbutton', { name: 'Seed' }).count()).toBe(0);
    expect(await page.getByRole('slider', { name: 'Routed experts' }).count()).toBe(1);
  });

  it('lays out at laptop, tablet and projector sizes without horizontal scrolling', async () => {
    for (const [w, h, q] of [
      [1280, 800, ''],
      [768, 1024, ''],
      [1920, 1080, '?e=256&k=8&cf=1.25&r=sigmoid-bias&g=8&tg=4&s=1'],
    ] as const) {
      const { page, errors } = await openPage(browser, `${base}${q}`, { width: w, height: h });
      await settleApp(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${w}x${h}`).toBeLessThanOrEqual(0);
      await screenshot(page, `simulator-${w}x${h}`);
      expect(errors).toEqual([]);
    }
  });
});
