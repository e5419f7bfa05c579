/**
 * Bad links in the browser: 30 links to the simulator (index.html) generated deterministically
 * (fast-check with a fixed seed: 16 garbage queries, 4 valid views, 10 chosen by hand; each at
 * most 8,000 characters), opened one after another in one Chromium page. (The codec itself is
 * fuzzed in Node at volume: tests/state/url.prop.test.ts.) For each: no page error and no console error; the notice
 * (role=alert, "…not understood…") exactly when the link's query holds something the codec (or the main page: lesson=, lang=, present=) ignores,
 * listing what decodeView says; the model the page runs is the one decodeView gives. Every fifth
 * link also has its "Routed experts" slider moved by its accessible name, and the meter must follow.
 */
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { updateConfig, type MoeConfig } from '../../src/core/config';
import { langProblem } from '../../src/state/lang';
import { decodeView, encodeView } from '../../src/state/url';
import { garbageQuery, validView } from '../arbitraries';
import { tourFromQuery } from '../../src/ui/simulator/tour-controller';
import { launchBrowser, openPage, type WatchedPage, settleApp, type AppHandle } from './browser';
import { en } from '../words';

const SEED = 20260808;
/**
 * Longest link tried, as the browser sends it: servers refuse longer request lines before the page
 * is ever reached (vite preview at 16 KB, nginx by default at 8 KB), so the page cannot be tested on them.
 */
const MAX_LINK = 8000;
const fits = (q: string): boolean => new URL(`http://127.0.0.1:65535/${q}`).href.length <= MAX_LINK;
const asQuery = (q: string): string => (q.startsWith('?') ? q : `?${q}`);
/** Valid views, with few bias updates: the page replays each one on load (see the report of issue 8). */
const VALID = fc
  .sample(validView, { seed: SEED + 1, numRuns: 60 })
  .map((v) => encodeView({ ...v, biasSteps: v.biasSteps % 20 }))
  .filter(fits)
  .slice(0, 4);
const BY_HAND = [
  '?e=256&d=256&h=1024&L=4&k=16&s=4', // every field at its own maximum: far too big to build, refused with a notice
  '?e=86&d=128&h=256&L=4', // just over the weight budget
  '?e=85&d=128&h=256&L=4&seed=7', // just under it: runs, no notice
  '?e=1&seed=5&L=2', // e=1 clashes with the default top-2 only: e is dropped, seed and L stay
  '?e=4&e=16&hide=router&hide=seed', // a key twice; hide lists joined
  `?text=${'a'.repeat(1999)}${encodeURIComponent('🦊🦊')}`, // cut to 2000 characters without halving an emoji
  '?text=%00%01%E2%80%8B%EF%BB%BF%CC%81', // only characters that draw nothing: no tokens
  '?e=%&k=%E0%A4%A&text=100%', // malformed percent escapes: tfjs-core used to throw on them while loading
  '?gamma=-0&seed=-0&pos=1e400&layer=NaN&speed=Infinity&bs=-1',
  '?%=%&%%=%E0%A4%A&__proto__=1&constructor=2&e=%3Cimg%20src=x%20onerror=alert(1)%3E',
];
const LINK_COUNT = 30;
const GARBAGE = fc
  .sample(garbageQuery, { seed: SEED, numRuns: 60 })
  .map(asQuery)
  .filter(fits)
  .slice(0, LINK_COUNT - VALID.length - BY_HAND.length);
const LINKS = [...GARBAGE, ...VALID, ...BY_HAND];

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The meter's live-region text and what the page's own trace says it should be. */
function meterAgainstTrace(page: Page): Promise<{ shown: string; expected: string; experts: number }> {
  return page.evaluate(() => {
    const app = document.querySelector('moe-app') as AppHandle;
    const t = app.trace!;
    const strip = app.shadowRoot!.querySelector('token-strip')!;
    const current = Number(strip.getAttribute('current') ?? (strip as unknown as { current: number }).current);
    const cost = t.perToken[current];
    const meter = app.shadowRoot!.querySelector('param-meter')!.shadowRoot!.querySelector('[role="status"]')!;
    const shown = meter.textContent!.replace(/\s+/g, ' ').trim();
    if (!cost) return { shown, expected: 'No tokens to route.', experts: t.config.routedExperts };
    const pct = ((cost.activeParams / t.params.total) * 100).toFixed(1);
    const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    return {
      shown,
      expected: `active ${fmt.format(cost.activeParams)} of ${fmt.format(t.params.total)} parameters (${pct}%)`,
      experts: t.config.routedExperts,
    };
  });
}

/** A routed-experts count the slider can reach that fits the rest of the config, other than the current one. */
function otherExperts(config: MoeConfig): number | null {
  for (const e of [12, 16, 6, 32, 24, 4, 64, 2, 128, 1, ...Array.from({ length: 256 }, (_, i) => i + 1)]) {
    if (e !== config.routedExperts && updateConfig(config, { routedExperts: e }).ok) return e;
  }
  return null;
}

describe('30 garbage links on the simulator', () => {
  it('each opens with no error, a notice exactly when something was ignored, and the model decodeView gives', async () => {
    expect(LINKS).toHaveLength(LINK_COUNT);
    const watched: WatchedPage = await openPage(browser, base);
    const { page, errors, offsite } = watched;
    await settleApp(page, 30000);
    // Any request the server answers with an error (the page's own files, the link itself).
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url().slice(0, 200)}`);
    });
    let noticed = 0;
    let slid = 0;
    for (const [i, link] of LINKS.entries()) {
      errors.length = 0;
      const where = `link ${i}: ${JSON.stringify(link).slice(0, 300)}`;
      try {
        await page.goto(`${base}${link}`);
        await settleApp(page, 30000);
      } catch (e) {
        throw new Error(`${where}: ${String(e)} (failed responses: ${JSON.stringify(failed)})`, { cause: e });
      }
      // What the page decoded: the query of the URL as the browser parsed it (before the page rewrites it).
      const navigated = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.name);
      const search = new URL(navigated).search;
      const { view, notices } = decodeView(search);
      // The main page's own keys are checked by the page: a lesson that names no step, an unknown
      // language, a presenter mode other than 0/1 are ignored with a line in the same notice.
      const present = new URLSearchParams(search).get('present');
      const pageIgnored =
        tourFromQuery(search).problem !== null || langProblem(search) !== null || (present !== null && present !== '0' && present !== '1');
      const notice = page.getByRole('alert').filter({ hasText: 'not understood' });
      if (notices.length > 0 || pageIgnored) {
        noticed++;
        await expect.poll(() => notice.count(), { message: where }).toBe(1);
        const text = (await notice.textContent()) ?? '';
        for (const n of notices.slice(0, 8)) expect(text, where).toContain(en(n));
      } else {
        expect(await notice.count(), where).toBe(0);
      }
      const config = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config);
      expect(config, where).toEqual(view.config);

      if (i % 5 === 4) {
        const slider = page.getByRole('slider', { name: 'Routed experts', exact: true });
        if (view.hide.includes('experts')) {
          expect(await slider.count(), where).toBe(0);
        } else {
          const e = otherExperts(view.config);
          expect(e, where).not.toBeNull();
          await slider.evaluate((el, v) => {
            const input = el as HTMLInputElement;
            input.value = String(v);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }, e!);
          await settleApp(page, 30000);
          await expect.poll(async () => (await meterAgainstTrace(page)).experts, { message: where }).toBe(e);
          const m = await meterAgainstTrace(page);
          expect(m.shown, where).toContain(m.expected);
          expect(await slider.getAttribute('aria-valuetext'), where).toBe(String(e));
          slid++;
        }
      }
      expect(errors, where).toEqual([]);
      expect(failed, where).toEqual([]);
    }
    expect(offsite).toEqual([]);
    // The sample holds both kinds of link, and the slider was moved on most of the six.
    expect(noticed).toBeGreaterThan(LINK_COUNT / 2);
    expect(noticed).toBeLessThan(LINK_COUNT);
    expect(slid).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
