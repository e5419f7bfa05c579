/**
 * The dark theme (issue 13): `theme=dark` in the link, or Chromium's emulated prefers-color-scheme:
 * dark, paints the main page and the lesson pages dark with no axe colour-contrast violation; the
 * "Theme" switch changes it and the URL keeps `theme=`; `theme=light` wins over a dark system.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot, settleApp, sharedPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The body's background as [r, g, b] and its WCAG luminance-ish mean (0 dark … 255 light). */
async function bodyLightness(page: Page): Promise<number> {
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (bg.match(/\d+(\.\d+)?/g) ?? []).map(Number) as [number, number, number];
  return (r + g + b) / 3;
}

/** Waits for a page to show its content: the simulator settles, a lesson page shows its sections. */
async function ready(page: Page, path: string): Promise<void> {
  if (path === '') await settleApp(page);
  else await expect.poll(() => page.locator('section').count(), { timeout: 20000 }).toBeGreaterThan(1);
  await page.waitForTimeout(300);
}

const PAGES = ['', 'demos/capacity.html', 'demos/experts.html'];

describe('dark theme', () => {
  for (const path of PAGES) {
    it(`${path || 'index.html'} with ?theme=dark: dark, no contrast violations`, async () => {
      const { page, errors } = await openPage(browser, `${base}${path}?theme=dark`);
      await ready(page, path);
      expect(await bodyLightness(page)).toBeLessThan(40);
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
      expect(await axeViolations(page, `${path || 'index.html'}?theme=dark`)).toEqual([]);
      if (path === '') await screenshot(page, 'dark-1280x800');
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${path || 'index.html'} under prefers-color-scheme: dark: dark, no contrast violations`, async () => {
      const page = await sharedPage(browser, base);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${base}${path}`);
      await ready(page, path);
      expect(await bodyLightness(page)).toBeLessThan(40);
      expect(await axeViolations(page, `${path || 'index.html'} (system dark)`)).toEqual([]);
      await page.close();
    });
  }

  it('theme=light wins over a dark system, and the light page keeps its colours', async () => {
    const page = await sharedPage(browser, base);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${base}?theme=light`);
    await settleApp(page);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 246, 243)');
    await page.close();
  });

  it('the switch changes the theme, the URL keeps theme= and links carry it', async () => {
    const { page, errors } = await openPage(browser, `${base}?lang=zh`);
    await settleApp(page);
    expect(await bodyLightness(page)).toBeGreaterThan(200);
    const theme = page.getByRole('combobox', { name: '主题' });
    await theme.selectOption('dark');
    await expect.poll(() => bodyLightness(page)).toBeLessThan(40);
    await expect.poll(() => new URL(page.url()).searchParams.get('theme')).toBe('dark');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    // A change of view rewrites the address bar and keeps the theme.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(page.url()).searchParams.get('pos'), { timeout: 5000 }).toBe('1');
    expect(new URL(page.url()).searchParams.get('theme')).toBe('dark');
    // Links to the lesson pages carry it.
    const href = await page.locator('nav a[href*="capacity"]').first().getAttribute('href');
    expect(href).toContain('theme=dark');
    await theme.selectOption('system');
    await expect.poll(() => new URL(page.url()).searchParams.has('theme')).toBe(false);
    expect(await bodyLightness(page)).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('<moe-lab> in demos/embed.html follows a dark system, and the page theme=light wins over it', async () => {
    /** The background of the element's first panel (its tokens, not the page's body). */
    const panel = (page: Page) =>
      page.evaluate(() => getComputedStyle(document.querySelector('moe-lab')!.shadowRoot!.querySelector('section')!).backgroundColor);
    const lab = async (query: string) => {
      const page = await sharedPage(browser, base);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${base}demos/embed.html${query}`);
      await page.waitForFunction(
        () => (document.querySelector('moe-lab') as unknown as { trace: unknown } | null)?.trace != null,
        undefined,
        { timeout: 20000 },
      );
      return page;
    };
    const dark = await lab('');
    expect(await panel(dark)).toBe('rgb(30, 30, 30)');
    expect(await axeViolations(dark, 'demos/embed.html (system dark)')).toEqual([]);
    await dark.close();
    const light = await lab('?theme=light');
    expect(await panel(light)).toBe('rgb(255, 255, 255)');
    await light.close();
  });

  it('a theme= value not understood is said next to the switch', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/capacity.html?theme=purple`);
    await ready(page, 'demos/capacity.html');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ignored theme=purple' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
