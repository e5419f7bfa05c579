/**
 * Shared end-to-end helpers: launch Debian's Chromium with the flags this machine needs, and open
 * pages that record console errors, page errors and any request that leaves the site's origin.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser-args';
import type { Trace } from '../../src/core/trace';
import { CHROMIUM } from './chromium-path';

export { CHROMIUM_ARGS };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const contexts = new WeakMap<Browser, Promise<BrowserContext>>();

/**
 * One browser context per browser for the pages openPage opens: they share the HTTP cache and V8's
 * code cache, so a page after the first loads warm (a fresh context per page cost about twice the
 * CPU of a load, most of the end-to-end stage on two cores). The site keeps nothing in cookies or
 * storage, so pages cannot see each other; a test that needs its own settings (colour scheme,
 * reduced motion, touch) makes its own context.
 *
 * The context also keeps one idle page of the site's origin open (a 404 page: no script), never
 * closed by the tests: while a page of the site is alive, Chromium puts the next page of the same
 * site in that page's renderer process instead of starting a new one (and ending it when the page
 * closes). Measured with bench/load-cpu.ts over all of Chromium's processes, one opened, settled
 * and closed main page cost about 2.0 s of CPU alone (--mode=new-page-alone) and 1.2 s beside the
 * idle page (--mode=new-page). The site's pages then share that renderer's main thread, like tabs
 * of one site in a user's browser: two pages a test holds at once take turns on it.
 */
function sharedContext(browser: Browser, url: string): Promise<BrowserContext> {
  let context = contexts.get(browser);
  if (!context) {
    context = browser.newContext().then(async (c) => {
      // Only for a page of the site (a test may start on about:blank and navigate itself).
      if (/^https?:/.test(url)) {
        const idle = await c.newPage();
        await idle.goto(new URL('/idle-page-of-the-site', url).href);
      }
      return c;
    });
    contexts.set(browser, context);
  }
  return context;
}

/** Pages openPage opened that are still open: the setup file closes them after each test. */
const opened = new Set<Page>();

/**
 * Closes every page openPage opened (run after each test by ./close-pages.ts). A page left open
 * keeps its timers, animation and training running beside the next test's pages, on the same two
 * cores.
 */
export async function closeOpenedPages(): Promise<void> {
  const pages = [...opened];
  opened.clear();
  await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
}

/**
 * A new page in the shared context, not yet navigated (for a test that watches the page its own way
 * from the first load on); closed after the test, like openPage's pages. `url` is any URL of the site.
 */
export async function sharedPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const opening = (await sharedContext(browser, url)).newPage();
  // A page that arrives after the wait gave up is closed, not left running beside later tests.
  const page = await within(opening, 'a new page', 30000).catch((e: unknown) => {
    void opening.then((late) => late.close()).catch(() => undefined);
    throw e;
  });
  opened.add(page);
  page.on('close', () => opened.delete(page));
  await within(page.setViewportSize(viewport), "the new page's viewport", 30000);
  return page;
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to any origin other than the site's. */
  offsite: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
  options: { allowErrors?: RegExp; initScript?: string; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<WatchedPage> {
  const page = await sharedPage(browser, url, viewport);
  // Runs in the page before any of its own scripts (e.g. a PerformanceObserver that must see the load).
  if (options.initScript) await page.addInitScript(options.initScript);
  // Set-up of the page itself before it loads (e.g. routes that slow some of its files down).
  await options.beforeLoad?.(page);
  const errors: string[] = [];
  const offsite: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' && !options.allowErrors?.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  page.on('crash', () => errors.push('the page crashed'));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) offsite.push(u);
  });
  await page.goto(url);
  return { page, errors, offsite };
}

/**
 * `p`, or an error naming `what` when it has not settled after `ms`. For reads with no timeout of
 * their own (page.evaluate, locator.count): a page whose thread hangs fails the test with a message
 * that says which read it hung in, instead of running into the test's timeout unexplained.
 */
export function within<T>(p: Promise<T>, what: string, ms = 10000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the page within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Saves the whole page (or, with `fullPage: false`, what the reader sees: the viewport) as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** The main page's shell as the tests see it: its trace and its settled() (src/ui/simulator/moe-app.ts). */
export interface AppHandle extends HTMLElement {
  settled(): Promise<void>;
  diagnostics(): { tensors: number; bytes: number; backend: string };
  trace: Trace | null;
}

/** Waits until the main page has routed its first sentence and every panel has rendered it. */
export async function settleApp(page: Page, timeout = 20000): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('moe-app') as AppHandle | null)?.trace != null, undefined, { timeout });
  await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).settled());
}
