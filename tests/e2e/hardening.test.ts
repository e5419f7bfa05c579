/**
 * Hardening checks on the built site: it works from a plain static file server (no special headers,
 * no vite), and text a user types is never turned into HTML.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type AppHandle } from './browser';
import { staticServer, type StaticServer } from './static-server';

let browser: Browser;
let plain: StaticServer;

beforeAll(async () => {
  browser = await launchBrowser();
  plain = await staticServer();
});
afterAll(async () => {
  await browser.close();
  await plain.close();
});

describe('the built site on a plain static server', () => {
  for (const page of [
    '',
    'demos/routers.html',
    'demos/scale.html',
    'demos/memory.html',
    'demos/training.html',
    'demos/balance.html',
    'demos/sparsity.html',
    'demos/experts.html',
  ]) {
    it(`serves ${page || 'index.html'} with everything local and no errors`, async () => {
      const { page: p, errors, offsite } = await openPage(browser, plain.url + page);
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(500);
      const text = await p.evaluate(() => {
        const walk = (n: Node): string =>
          n instanceof Element && n.shadowRoot
            ? walk(n.shadowRoot)
            : [...n.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : walk(c))).join(' ');
        return walk(document.body);
      });
      expect(text.length).toBeGreaterThan(200);
      expect(text).not.toContain('WebAssembly could not start');
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await p.close();
    });
  }
});

describe('user text', () => {
  it('is shown as text, never inserted as HTML', async () => {
    const base = inject('baseUrl');
    const { page, errors, offsite } = await openPage(browser, base);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const box = page.getByRole('textbox', { name: 'Sentence' });
    await box.fill('the <img src=x onerror=alert(1)> <b>bold</b> fox');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^token \d+: <[ ,]/ }).count(), { timeout: 20000 }).toBeGreaterThan(0);
    expect(await page.locator('moe-app img, token-strip img, token-strip b').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(requests.filter((u) => /\/x$/.test(u))).toEqual([]);
    const garbage = `${base}?text=${encodeURIComponent('<script>alert(2)</script>')}`;
    await page.goto(garbage);
    await expect.poll(() => page.getByRole('button', { name: /^token \d+: script[ ,]/ }).count(), { timeout: 20000 }).toBeGreaterThan(0);
    expect(await page.locator('moe-app script').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});

describe('a sentence typed while WebAssembly still loads', () => {
  it('waits for the backend, then routes it on wasm, with no error', async () => {
    const base = inject('baseUrl');
    // A slow network. The sentence is typed before the wasm backend's script arrives (0.8 s), its
    // binary comes 2.5 s after that, and the trained weights' file arrives while the binary is on its way.
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const delayed: string[] = [];
    const slowNetwork = async (page: Page): Promise<void> => {
      await page.route(/\/assets\/.*\.js$/, async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes('setWasmPaths')) {
          delayed.push('script');
          await wait(800);
        }
        await route.fulfill({ response, body });
      });
      await page.route(/\.wasm$/, async (route) => {
        delayed.push('binary');
        await wait(2500);
        await route.continue();
      });
      await page.route(/\.bin$/, async (route) => {
        delayed.push('weights');
        await wait(1500);
        await route.continue();
      });
    };
    const { page, errors } = await openPage(browser, base, undefined, { beforeLoad: slowNetwork });
    const box = page.getByRole('textbox', { name: 'Sentence' });
    await box.fill('the teacher reads a story');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^token \d+: story[ ,]/ }).count(), { timeout: 20000 }).toBeGreaterThan(0);
    await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).settled());
    expect(await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).diagnostics().backend)).toBe('wasm');
    expect(delayed).toContain('binary');
    expect(errors).toEqual([]);
  });
});

describe('malformed percent escapes in a link', () => {
  for (const page of [
    '',
    'demos/routers.html',
    'demos/scale.html',
    'demos/memory.html',
    'demos/training.html',
    'demos/balance.html',
    'demos/sparsity.html',
    'demos/experts.html',
  ]) {
    it(`do not stop ${page || 'index.html'} from starting`, async () => {
      const { page: p, errors } = await openPage(browser, `${inject('baseUrl')}${page}?e=%&k=%E0%A4%A&x=%zz`);
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(500);
      const text = await p.evaluate(() => {
        const walk = (n: Node): string =>
          n instanceof Element && n.shadowRoot
            ? walk(n.shadowRoot)
            : [...n.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : walk(c))).join(' ');
        return walk(document.body);
      });
      expect(text.length).toBeGreaterThan(200);
      expect(errors).toEqual([]);
      await p.close();
    });
  }
});
