/**
 * The main page's charts (issue 14): at 1 and 256 experts every text of the load chart and the
 * router chart lies inside its svg and no two overlap; in presenter mode at 1920×1080 the chart
 * text of the panels shown is at least 20 px. Screenshots of the two panels at 8 and 256 experts.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, settleApp } from './browser';

/** A panel's own screenshot, beside the full-page ones of ./browser.ts. */
function shot(name: string): string {
  const dir = resolve(import.meta.dirname, '../../test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, `${name}.png`);
}

/** Font sizes in px of the chart text of the given panels that are shown: svg texts, the router's rows, the load history's names and axis. */
function chartFontSizes(page: Page, hosts: string[]): Promise<{ host: string; text: string; px: number }[]> {
  return page.evaluate((names) => {
    const all = (root: Document | ShadowRoot, sel: string): Element[] => {
      const out = [...root.querySelectorAll(sel)];
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...all(el.shadowRoot, sel));
      return out;
    };
    return names.flatMap((name) =>
      all(document, name)
        .filter((h) => h.getBoundingClientRect().width > 0)
        .flatMap((h) =>
          all(h.shadowRoot!, 'svg text, .rows li > span, .names span, .axis span')
            .filter((t) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0)
            .map((t) => ({ host: name, text: t.textContent!.trim(), px: parseFloat(getComputedStyle(t).fontSize) })),
        ),
    );
  }, hosts);
}

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface ChartBoxes {
  host: string;
  svg: Box;
  texts: Box[];
}

/** Every svg of the given panels (found through the shadow roots), with the boxes of its visible texts. */
function chartBoxes(page: Page, hosts: string[]): Promise<ChartBoxes[]> {
  return page.evaluate((names) => {
    const all = (root: Document | ShadowRoot, sel: string): Element[] => {
      const out = [...root.querySelectorAll(sel)];
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...all(el.shadowRoot, sel));
      return out;
    };
    const box = (el: Element, text = ''): Box => {
      const r = el.getBoundingClientRect();
      return { text, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return names.flatMap((name) =>
      all(document, name).flatMap((host) =>
        all(host.shadowRoot!, 'svg').map((svg) => ({
          host: name,
          svg: box(svg),
          texts: [...svg.querySelectorAll('text')]
            .filter((t) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0)
            .map((t) => box(t, t.textContent!)),
        })),
      ),
    );
  }, hosts);
}

function problems(charts: ChartBoxes[]): string[] {
  const out: string[] = [];
  const eps = 0.5;
  for (const c of charts) {
    for (const t of c.texts) {
      if (t.left < c.svg.left - eps || t.right > c.svg.right + eps || t.top < c.svg.top - eps || t.bottom > c.svg.bottom + eps)
        out.push(`${c.host}: '${t.text}' outside its svg`);
    }
    c.texts.forEach((a, i) =>
      c.texts.slice(i + 1).forEach((b) => {
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > eps && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > eps;
        if (overlap) out.push(`${c.host}: '${a.text}' overlaps '${b.text}'`);
      }),
    );
  }
  return out;
}

const PANELS = ['load-bars', 'router-panel'];

describe('chart labels on the main page', () => {
  for (const [query, experts] of [
    ['?e=256&k=8', 256],
    ['?e=1&k=1', 1],
    ['?e=8&k=2', 8],
  ] as const) {
    it(`${experts} experts at 1280×800: every chart text inside its svg, none overlapping`, async () => {
      const { page, errors } = await openPage(browser, `${base}${query}`);
      await settleApp(page);
      const charts = await chartBoxes(page, PANELS);
      expect(charts.filter((c) => c.host === 'load-bars').length).toBeGreaterThan(0);
      if (experts > 32) expect(charts.filter((c) => c.host === 'router-panel').length).toBeGreaterThan(0);
      expect(charts.flatMap((c) => c.texts).length).toBeGreaterThan(0);
      expect(problems(charts)).toEqual([]);
      await screenshot(page, `chart-labels-${experts}-1280x800`);
      for (const name of ['load-panel', 'router-panel'])
        await page.locator(name).screenshot({ path: shot(`chart-labels-${experts}-${name}`) });
      expect(errors).toEqual([]);
    });
  }

  for (const experts of [8, 256]) {
    it(`presenter mode at 1920×1080, ${experts} experts: the chart text of the panels shown is at least 20 px`, async () => {
      const { page, errors } = await openPage(browser, `${base}?present=1&e=${experts}&k=8`, { width: 1920, height: 1080 });
      await settleApp(page);
      const sizes = await chartFontSizes(page, PANELS);
      expect(sizes.length).toBeGreaterThan(0);
      expect(sizes.filter((s) => s.px < 20)).toEqual([]);
      expect(problems(await chartBoxes(page, PANELS))).toEqual([]);
      await screenshot(page, `chart-labels-presenter-${experts}-1920x1080`);
      expect(errors).toEqual([]);
    });
  }

  it('training page in presenter mode at 1920×1080, 64 experts: loss, load history and router chart text at least 20 px, inside, not overlapping', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/training.html?present=1&e=64&k=4`, { width: 1920, height: 1080 });
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await expect.poll(() => step.isEnabled(), { timeout: 30000 }).toBe(true);
    for (let i = 0; i < 3; i++) await step.click();
    await expect.poll(() => page.locator('loss-chart svg.chart').count(), { timeout: 30000 }).toBe(1);
    await expect.poll(() => page.locator('load-history .names span').count(), { timeout: 30000 }).toBeGreaterThan(1);
    const hosts = ['loss-chart', 'load-history', 'router-panel'];
    const sizes = await chartFontSizes(page, hosts);
    expect(new Set(sizes.map((s) => s.host))).toEqual(new Set(hosts));
    expect(sizes.filter((s) => s.px < 20)).toEqual([]);
    expect(problems(await chartBoxes(page, hosts))).toEqual([]);
    await screenshot(page, 'chart-labels-training-presenter-1920x1080');
    expect(errors).toEqual([]);
  });
});
