import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { countParams } from '../../src/core/params';
import { PRESETS } from '../../src/core/presets';
import { encodeView } from '../../src/state/url';
import { defaultView } from '../../src/state/view';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const gallery = (page: Page) => page.getByRole('region', { name: '6. Every model, one count' });
const table = (page: Page) => gallery(page).getByRole('table', { name: 'Every model counted: weights, experts and key-value cache' });

/** Each body row of the table: its header cell, and the exact counts of its two <data> cells. */
async function tableRows(page: Page): Promise<{ name: string; counts: number[]; cells: string[] }[]> {
  const rows = table(page).locator('tbody tr');
  await expect.poll(() => rows.count(), { timeout: 20000 }).toBeGreaterThan(0);
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      name: (tr.querySelector('th')?.textContent ?? '').trim(),
      counts: [...tr.querySelectorAll('data')].map((d) => Number(d.getAttribute('value'))),
      cells: [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
    })),
  );
}

describe('demos/scale.html: the gallery of every model', () => {
  it('lists all 17 presets and the toy with the page’s counts; the chart names the table; axe clean at 1280×800', async () => {
    // The toy from a simulator link: 16 experts, top-1.
    const query = encodeView({ ...defaultView(), config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 1 } });
    const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html${query}`);
    const rows = await tableRows(page);
    expect(rows).toHaveLength(PRESETS.length + 1);
    expect(PRESETS).toHaveLength(17);
    for (const p of PRESETS) {
      const row = rows.find((r) => r.name === p.name);
      expect(row, p.name).toBeDefined();
      const c = countParams(p.config);
      expect(row!.counts).toEqual([c.total, c.active]);
    }
    const toy = rows.at(-1)!;
    expect(toy.name).toBe('Your toy model');
    expect(toy.cells.slice(4)).toEqual(['16', '1', '0', 'no attention']);
    expect(rows[0]!.name).toBe('Kimi K2');
    expect(rows.find((r) => r.name === 'DeepSeek-V3')!.cells).toEqual([
      'DeepSeek-V3',
      '671B',
      '37.6B',
      '5.6%',
      '256',
      '8',
      '1',
      '68.6 KiB (MLA)',
    ]);

    // The selected model's own count (section 2's headline) is the gallery's row for it, to the weight.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('mixtral-8x22b');
    const headline = page.getByRole('group', { name: 'Headline counts' });
    await expect.poll(() => headline.textContent()).toContain('140.6B');
    const shown = await headline.locator('data').evaluateAll((ds) => ds.map((d) => Number(d.getAttribute('value'))));
    expect(rows.find((r) => r.name === 'Mixtral 8x22B')!.counts).toEqual(shown);
    expect(rows.find((r) => r.name === 'Mixtral 8x22B')!.cells.slice(1, 3)).toEqual(['141B', '39.2B']);

    const img = gallery(page).getByRole('img', { name: /logarithmic scale/ });
    expect(await img.getAttribute('aria-label')).toContain('“Every model counted: weights, experts and key-value cache”');
    await gallery(page).scrollIntoViewIfNeeded();
    expect(await axeViolations(page, 'demos/scale.html gallery 1280×800')).toEqual([]);
    await screenshot(page, 'scale-gallery-1280x800');
    await gallery(page).screenshot({ path: 'test-results/screenshots/scale-gallery-section-1280x800.png' });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('at a phone’s width (390), dark: names whole, nothing wider than the screen but inside the table’s own scroll, axe clean, and in Chinese', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/scale.html?theme=dark`, { width: 390, height: 844 });
    const rows = await tableRows(page);
    expect(rows).toHaveLength(18);
    // Nothing in the gallery is wider than the screen, except inside the table's own scrolling box.
    const wide = await gallery(page).evaluate((section) => {
      const out: string[] = [];
      const walk = (root: Element | ShadowRoot): void => {
        for (const el of root.children) {
          if (el.classList.contains('scroll')) {
            if (el.getBoundingClientRect().right > 390) out.push('table box');
            continue;
          }
          if (el.getBoundingClientRect().right > 390) out.push(`${el.tagName}.${el.className}`);
          walk(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(section);
      return out;
    });
    expect(wide).toEqual([]);
    // Nor is the page: the parts table of section 2 scrolls in its own box too.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Every model name in the chart is shown whole (not cut off).
    const cut = await gallery(page)
      .locator('scale-gallery-chart .name')
      .evaluateAll((ns) => ns.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent));
    expect(cut).toEqual([]);
    expect(await axeViolations(page, 'demos/scale.html gallery 390 dark')).toEqual([]);
    await gallery(page).screenshot({ path: 'test-results/screenshots/scale-gallery-section-390.png' });
    const box = gallery(page).getByRole('region', { name: 'The table of every model (scrolls sideways)' });
    await box.evaluate((b) => b.scrollBy(200, 0));
    await box.screenshot({ path: 'test-results/screenshots/scale-gallery-table-390-scrolled.png' });

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    const zh = page.getByRole('region', { name: '6. 所有模型，同一种计数' });
    await expect.poll(() => zh.getByRole('table').locator('caption').textContent()).toContain('逐个模型计数');
    expect(await axeViolations(page, 'demos/scale.html gallery 390 dark zh')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
