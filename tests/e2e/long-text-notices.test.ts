/**
 * Issue 12, items 7 and 8 in the built site: every page names the link keys it did not understand
 * (lang= and backend= included) in its own language, a bad backend= is not copied into links, an
 * embedded element keeps its last good value for a bad attribute, a 10,000-level JSON paste gets a
 * line and column, text past the limit from a script is cut with a notice, and one 2,000-character
 * word never makes a page wider than the window.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trace } from '../../src/core/trace';
import { launchBrowser, openPage, settleApp } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const WORD = 'a'.repeat(2000);

/** Whether some text node anywhere (shadow roots included) holds `text`. */
function shows(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const walk = (n: Node): boolean =>
      (n.nodeType === 3 && (n.textContent ?? '').includes(t)) ||
      (n instanceof Element && n.shadowRoot !== null && walk(n.shadowRoot)) ||
      [...n.childNodes].some(walk);
    return walk(document.body);
  }, text);
}

async function pageWidth(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

/** Every link's href on the page (shadow roots included). */
function hrefs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot): void =>
      root.querySelectorAll('*').forEach((e) => {
        if (e instanceof HTMLAnchorElement) out.push(e.href);
        if (e.shadowRoot) walk(e.shadowRoot);
      });
    walk(document);
    return out;
  });
}

describe('one 2,000-character word', () => {
  for (const path of ['', 'demos/sparsity.html', 'demos/experts.html', 'demos/capacity.html', 'demos/training.html']) {
    it(`from the link does not widen ${path || 'index.html'}`, async () => {
      const { page, errors } = await openPage(browser, `${base}${path}?text=${WORD}`);
      await expect.poll(() => shows(page, WORD), { timeout: 30000 }).toBe(true);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const { scroll, viewport } = await pageWidth(page);
      expect(scroll).toBeLessThanOrEqual(viewport);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('typed into the memory page does not widen it', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/memory.html`);
    const box = page.getByRole('textbox', { name: 'Sentence' });
    await box.fill(WORD);
    await box.press('Enter');
    await expect.poll(() => shows(page, WORD), { timeout: 30000 }).toBe(true);
    await page.waitForTimeout(500);
    const { scroll, viewport } = await pageWidth(page);
    expect(scroll).toBeLessThanOrEqual(viewport);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('text past the limit set by a script', () => {
  it('is cut to 2,000 characters with a notice, and the address stays short', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    await page.evaluate(() => {
      const input = document.querySelector('moe-app')!.shadowRoot!.querySelector<HTMLInputElement>('.sentence input[type="text"]')!;
      input.value = 'word '.repeat(40_000); // 200 KB, past the box's maxlength
      input.dispatchEvent(new Event('change'));
    });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'The sentence was cut to its first 2000 characters' }).count())
      .toBe(1);
    await page.waitForTimeout(600); // the address bar follows at most four times a second
    expect(page.url().length).toBeLessThan(3 * 2000);
    expect((await hrefs(page)).every((h) => h.length < 3 * 2000)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('text past the limit set by a script on the memory page', () => {
  it('is cut to 2,000 characters with a notice', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/memory.html`);
    await page.getByRole('textbox', { name: 'Sentence' }).waitFor();
    await page.evaluate(() => {
      const input = document.querySelector('memory-page')!.shadowRoot!.querySelector<HTMLInputElement>('.sentence input[type="text"]')!;
      input.value = 'word '.repeat(40_000);
      input.dispatchEvent(new Event('change'));
    });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'The sentence was cut to its first 2000 characters' }).count())
      .toBe(1);
    expect(await page.evaluate(() => (document.querySelector('memory-page') as HTMLElement & { sentence: string }).sentence.length)).toBe(
      2000,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('link notices on the routers, memory and embedding pages', () => {
  for (const path of ['demos/routers.html', 'demos/memory.html', 'demos/embed.html']) {
    it(`${path} names unknown keys, lang= and backend=, and links do not carry the bad backend`, async () => {
      // 8,000 characters: a long value that still fits the test server's request-header limit.
      const { page, errors } = await openPage(browser, `${base}${path}?zz=1&lang=xx&backend=${'g'.repeat(8000)}`);
      const box = page.getByRole('alert').filter({ hasText: 'Some settings in the link were not understood' });
      await expect.poll(() => box.count(), { timeout: 20000 }).toBe(1);
      const text = await box.innerText();
      expect(text).toContain('Ignored unknown setting "zz" in the link.');
      expect(text).toContain('Ignored lang=xx: the languages are en (English) and zh (Simplified Chinese). Using English.');
      expect(text).toContain(`Ignored backend=${'g'.repeat(24)}…: the backends are cpu, wasm. Using wasm.`);
      const links = await hrefs(page);
      expect(links.length).toBeGreaterThan(0);
      for (const h of links) expect(h).not.toContain('backend=');
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${path} says so in Chinese with lang=zh, and keeps a good backend in its links`, async () => {
      const { page, errors } = await openPage(browser, `${base}${path}?lang=zh&zz=1&backend=cpu`);
      const box = page.getByRole('alert').filter({ hasText: '链接中有些设置无法识别' });
      await expect.poll(() => box.count(), { timeout: 20000 }).toBe(1);
      expect(await box.innerText()).toContain('已忽略链接中的未知设置 "zz"。');
      const home = (await hrefs(page)).find((h) => h.includes('index.html'));
      expect(home).toMatch(/[?&]backend=cpu(&|$)/);
      const bad = await openPage(browser, `${base}${path}?lang=zh&backend=gpu`);
      await expect
        .poll(() => bad.page.getByRole('alert').filter({ hasText: '已忽略 backend=gpu：可选后端为 cpu, wasm。现使用 wasm。' }).count(), {
          timeout: 20000,
        })
        .toBe(1);
      expect([...errors, ...bad.errors]).toEqual([]);
      await bad.page.close();
      await page.close();
    });
  }
});

interface Lab extends HTMLElement {
  trace: Trace | null;
  settled(): Promise<void>;
}

describe('<moe-lab> attributes changed after start', () => {
  it('a bad value shows a notice naming the attribute and keeps the last good value', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(() => (document.querySelector('moe-lab') as Lab | null)?.trace != null, undefined, { timeout: 20000 });
    const experts = () => page.evaluate(() => (document.querySelector('moe-lab') as Lab).trace!.config.routedExperts);
    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('experts', '12'));
    await expect.poll(experts).toBe(12);
    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('experts', 'lots'));
    const box = page.locator('moe-lab').getByRole('alert').filter({ hasText: 'Ignored experts=lots' });
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.innerText()).toContain('Using 12.');
    await page.evaluate(() => (document.querySelector('moe-lab') as Lab).settled());
    expect(await experts()).toBe(12);
    await page.evaluate(() => document.querySelector('moe-lab')!.setAttribute('experts', '8'));
    await expect.poll(experts).toBe(8);
    await expect.poll(() => box.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a 10,000-level nested JSON paste on the scale page', () => {
  it('gets a line and column, and no stack overflow', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/scale.html`);
    const deep = `{\n  "model_type": "mixtral",\n  "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}`;
    await page.getByRole('textbox', { name: 'Paste a config.json' }).fill(deep);
    await expect.poll(() => shows(page, 'nested deeper than 100 levels'), { timeout: 20000 }).toBe(true);
    expect(await shows(page, 'Line 3, column 107:')).toBe(true);
    expect(await shows(page, 'Cannot count this config: objects and lists are nested deeper than 100 levels here')).toBe(true);
    expect(await shows(page, 'Maximum call stack')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
