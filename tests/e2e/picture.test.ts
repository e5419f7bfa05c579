/**
 * The routing picture on the built main page (issue 14): above the fold, named for screen readers
 * with the current token's experts and weights, the dense and sparse counters growing by the trace's
 * own FLOPs, no motion under reduced motion, 256 experts with no overlapping labels, and presenter
 * mode keeping the teacher's tools on screen. Screenshots at three sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trace } from '../../src/core/trace';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const trace = (page: Page): Promise<Trace> => page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!);
const picture = (page: Page) => page.locator('flow-picture svg[role="img"]');

/** What the picture's name must say of token `i`: each expert that ran, with its weight. */
function ranOf(t: Trace, i: number): string[] {
  const r = t.layers[0]!.tokens[i]!;
  return r.experts.flatMap((e, j) => (r.dropped[j] ? [] : [`E${e} (weight ${r.weights[j]!.toFixed(2)})`]));
}

async function counters(page: Page): Promise<{ sparse: number; dense: number }> {
  const value = async (which: string) => Number(await page.locator(`flop-counters [data-counter="${which}"]`).getAttribute('data-value'));
  return { sparse: await value('sparse'), dense: await value('dense') };
}

describe('the routing picture', () => {
  it('is in the first viewport at 1280×800, names the token’s experts and weights, and the counters grow by the trace’s FLOPs', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    const box = await picture(page).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    expect(box!.width).toBeGreaterThan(600);

    const t = await trace(page);
    const name0 = (await picture(page).getAttribute('aria-label'))!;
    expect(name0).toContain(`“${t.tokens[0]!.text}”`);
    for (const item of ranOf(t, 0)) expect(name0).toContain(item);
    expect(await counters(page)).toEqual({ sparse: t.perToken[0]!.flops, dense: t.flops.densePerToken });
    // The router's input is drawn from the trace: one cell per number, its sign as its colour.
    const input = t.layers[0]!.tokens[0]!.input!;
    expect(input).toHaveLength(t.config.modelWidth);
    expect(await page.locator('flow-picture .embedding rect.pos').count()).toBe(input.filter((v) => v >= 0).length);
    expect(await page.locator('flow-picture .embedding rect.neg').count()).toBe(input.filter((v) => v < 0).length);

    await page.getByRole('button', { name: 'Next token' }).click();
    await settleApp(page);
    const name1 = (await picture(page).getAttribute('aria-label'))!;
    expect(name1).toContain(`“${t.tokens[1]!.text}”`);
    for (const item of ranOf(t, 1)) expect(name1).toContain(item);
    expect(await counters(page)).toEqual({ sparse: t.perToken[0]!.flops + t.perToken[1]!.flops, dense: 2 * t.flops.densePerToken });
    expect(await page.getByRole('img', { name: name1 }).count()).toBe(1);
    await screenshot(page, 'picture-1280x800');
    expect(errors).toEqual([]);
  });

  it('plays the flow on Next, and with reduced motion draws the final picture at once', async () => {
    const animating = (page: Page) =>
      page.evaluate(() => document.querySelector('moe-app')!.shadowRoot!.querySelector('flow-picture')!.animating);
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await browser.newContext({ reducedMotion, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(base);
      await settleApp(page);
      expect(await page.getByRole('checkbox', { name: 'Animate' }).isChecked()).toBe(reducedMotion === 'no-preference');
      await page.getByRole('button', { name: 'Next token' }).click();
      await settleApp(page);
      if (reducedMotion === 'reduce') {
        expect(await animating(page)).toBe(false);
        expect(await page.locator('flow-picture .glow').count()).toBeGreaterThan(0);
      } else {
        // The flow runs for 800 ms after the step, then stops by itself.
        expect(await animating(page)).toBe(true);
        await expect.poll(() => animating(page)).toBe(false);
      }
      await context.close();
    }
  });

  it('draws 256 experts with no two labels overlapping, and the whole sentence as bands', async () => {
    const { page, errors } = await openPage(browser, `${base}?e=256&k=8&r=sigmoid-bias&g=8&tg=4&s=1`);
    await settleApp(page);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 900)));
    const boxes = await page.locator('flow-picture svg text').evaluateAll((els) =>
      els.map((el) => {
        const b = el.getBoundingClientRect();
        return { text: el.textContent ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
      }),
    );
    const drawn = boxes.filter((b) => b.w > 0 && b.text.trim() !== '');
    expect(drawn.length).toBeGreaterThan(10);
    const overlaps = drawn.flatMap((a, i) =>
      drawn
        .slice(i + 1)
        .filter((b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
        .map((b) => `${a.text} / ${b.text}`),
    );
    expect(overlaps).toEqual([]);
    const t = await trace(page);
    expect(await page.locator('flow-picture .labels text').count()).toBe(ranOf(t, 0).length + 1);

    await page.getByRole('radio', { name: 'Whole sentence' }).click();
    const kept = t.layers[0]!.tokens.reduce((n, r) => n + r.experts.filter((_, j) => !r.dropped[j]).length, 0);
    await expect.poll(() => page.locator('flow-picture .band').count()).toBe(kept);
    expect(await picture(page).getAttribute('aria-label')).toContain(`All ${t.tokens.length} tokens`);
    await screenshot(page, 'picture-256-sentence');
    // The mode is in the link: opening it shows the whole sentence again.
    await expect.poll(() => page.url()).toContain('pic=sentence');
    const again = await openPage(browser, page.url());
    await settleApp(again.page);
    expect(await again.page.getByRole('radio', { name: 'Whole sentence' }).getAttribute('aria-checked')).toBe('true');
    expect(await again.page.locator('flow-picture .band').count()).toBe(kept);
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it('presenter mode at 1920×1080 keeps Previous, Next, Play and the two sliders on screen, and fills the width', async () => {
    const { page, errors } = await openPage(browser, `${base}?present=1`, { width: 1920, height: 1080 });
    await settleApp(page);
    const inView = async () => {
      const names = [
        page.getByRole('button', { name: 'Previous token' }),
        page.getByRole('button', { name: 'Next token' }),
        page.getByRole('button', { name: 'Play' }),
        page.getByRole('slider', { name: 'Routed experts' }),
        page.getByRole('slider', { name: 'Active experts per token (top-k)' }),
      ];
      const out: boolean[] = [];
      for (const l of names) {
        const b = await l.boundingBox();
        out.push(b !== null && b.y >= 0 && b.y + b.height <= 1080);
      }
      return out;
    };
    expect(await inView()).toEqual([true, true, true, true, true]);
    const box = await picture(page).boundingBox();
    expect(box!.width).toBeGreaterThan(1920 * 0.7);
    const smallest = await page
      .locator('flow-picture svg text')
      .evaluateAll((els) => Math.min(...els.map((el) => parseFloat(getComputedStyle(el).fontSize))));
    expect(smallest).toBeGreaterThanOrEqual(20);
    // Nothing on screen is smaller than 20 px (text in the accessibility tree only is not drawn).
    const small = await page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = texts.nextNode(); n; n = texts.nextNode()) {
          const el = n.parentElement;
          if (!el || !n.textContent?.trim() || el.closest('.vh')) continue;
          const box = el.getBoundingClientRect();
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (box.width > 0 && box.height > 0 && px < 19.95) out.push(`${px} px: ${n.textContent.trim().slice(0, 30)}`);
        }
        root.querySelectorAll('*').forEach((e) => e.shadowRoot && walk(e.shadowRoot));
      };
      walk(document);
      return out;
    });
    expect(small).toEqual([]);
    await screenshot(page, 'picture-presenter-1920x1080');
    await page.mouse.wheel(0, 900);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await inView()).toEqual([true, true, true, true, true]);
    expect(errors).toEqual([]);
  });

  it('comes first after the title on a phone', async () => {
    const { page, errors } = await openPage(browser, base, { width: 390, height: 844 });
    await settleApp(page);
    const pictureTop = (await page.locator('flow-picture').boundingBox())!.y;
    const controlsTop = (await page.getByRole('button', { name: 'Next token' }).boundingBox())!.y;
    expect(pictureTop).toBeLessThan(controlsTop);
    // First after the title: before the introduction, the tour's button and the lessons' links.
    const titleBottom = await page.getByRole('heading', { level: 1 }).evaluate((h) => h.getBoundingClientRect().bottom);
    expect(pictureTop).toBeGreaterThan(titleBottom);
    for (const after of [
      page.locator('moe-app header > p'),
      page.getByRole('button', { name: 'Start the guided tour' }),
      page.getByRole('navigation'),
    ]) {
      expect((await after.first().boundingBox())!.y).toBeGreaterThan(pictureTop);
    }
    await screenshot(page, 'picture-phone');
    expect(errors).toEqual([]);
  });
});
