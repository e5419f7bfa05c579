/**
 * Tiny pasted configs that once froze the real-scale page (issue 12, item 2): a million experts, a
 * million groups, a top-k of a million, 2^26 experts of width 1, 8192 × 8192. Each is pasted into the
 * config box of a fresh page; the page must show its figures or a clear message, log no console
 * error, and never run a main-thread task of 200 ms or more. The longest task is measured in
 * Chromium by a PerformanceObserver for 'longtask', installed before the page loads and reset once the
 * page has started, so the paste, the count, the routing and the rendering are all seen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { MIXTRAL, V3 } from '../real-config-fixtures';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Keeps the longest main-thread task the page has run in window.__longestTask (ms). */
const LONGEST_TASK = `
  window.__longestTask = 0;
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longestTask = Math.max(window.__longestTask, e.duration);
      window.__longTasks.push(Math.round(e.startTime) + ' ms: ' + Math.round(e.duration) + ' ms');
    }
  }).observe({ type: 'longtask', buffered: true });
`;
const LONG_TASK_MS = 200;

/** What the page must show: a located count problem, a routed token, or counts with a routing message. */
type Expect = { refused: string; field: string } | { routed: string } | { unroutable: string };
const CASES: { name: string; config: Record<string, unknown>; expect: Expect }[] = [
  {
    name: 'mixtral, 1,000,000 experts, top-k 1,000,000',
    config: { ...MIXTRAL, num_local_experts: 1_000_000, num_experts_per_tok: 1_000_000 },
    expect: {
      field: 'num_local_experts',
      refused: '"num_local_experts" (1000000) is more routed experts than this page handles (at most 4,096',
    },
  },
  {
    name: 'mixtral, 100,000 experts, top-k 100,000',
    config: { ...MIXTRAL, num_local_experts: 100_000, num_experts_per_tok: 100_000 },
    expect: { field: 'num_local_experts', refused: '"num_local_experts" (100000) is more routed experts' },
  },
  {
    name: 'DeepSeek-V3, 2^20 experts in 2^20 groups',
    config: { ...V3, n_routed_experts: 2 ** 20, n_group: 2 ** 20, topk_group: 2 ** 20 },
    expect: { field: 'n_routed_experts', refused: '"n_routed_experts" (1048576) is more routed experts' },
  },
  {
    name: 'DeepSeek-V3, 65,536 experts in 65,536 groups, width 1024',
    config: { ...V3, hidden_size: 1024, n_routed_experts: 65_536, n_group: 65_536, topk_group: 65_536 },
    expect: { field: 'n_routed_experts', refused: '"n_routed_experts" (65536) is more routed experts' },
  },
  {
    name: 'mixtral, 67,108,864 experts of width 1',
    config: {
      ...MIXTRAL,
      hidden_size: 1,
      num_attention_heads: 1,
      num_key_value_heads: 1,
      num_local_experts: 2 ** 26,
      num_experts_per_tok: 2,
    },
    expect: { field: 'num_local_experts', refused: '"num_local_experts" (67108864) is more routed experts' },
  },
  {
    name: 'mixtral, 8192 experts of width 8192',
    config: { ...MIXTRAL, hidden_size: 8192, num_attention_heads: 64, num_local_experts: 8192, num_experts_per_tok: 2 },
    expect: { field: 'num_local_experts', refused: '"num_local_experts" (8192) is more routed experts' },
  },
  {
    name: 'DeepSeek-V3, 4096 experts in 4096 groups',
    config: { ...V3, n_routed_experts: 4096, n_group: 4096, topk_group: 4096 },
    expect: { field: 'n_group', refused: '"n_group" (4096) is more groups than this page handles (at most 256' },
  },
  {
    name: 'mixtral, 4096 experts, top-k 4096',
    config: { ...MIXTRAL, num_local_experts: 4096, num_experts_per_tok: 4096 },
    expect: {
      field: 'num_experts_per_tok',
      refused: '"num_experts_per_tok" (4096) is more experts per token than this page handles (at most 64',
    },
  },
  {
    name: 'at the limits: DeepSeek-V3, 4096 experts in 256 groups, top-k 64, width 1024',
    config: { ...V3, hidden_size: 1024, n_routed_experts: 4096, n_group: 256, topk_group: 256, num_experts_per_tok: 64 },
    expect: { routed: 'The router scored all 4,096 experts with 4,194,304 multiply-adds' },
  },
  {
    name: 'at the limits, every expert drawn: mixtral, 2048 experts of width 2048, top-k 64',
    config: { ...MIXTRAL, hidden_size: 2048, num_local_experts: 2048, num_experts_per_tok: 64 },
    expect: { routed: 'The router scored all 2,048 experts with 4,194,304 multiply-adds' },
  },
  {
    name: 'counted but too wide to route: mixtral, 4096 experts of width 16384',
    config: { ...MIXTRAL, hidden_size: 16384, num_local_experts: 4096, num_experts_per_tok: 2 },
    expect: {
      unroutable: 'Cannot route a token here: this router needs 67,108,864 multiply-adds per token; the page routes at most 4,194,304',
    },
  },
];

const headline = (page: Page) => page.getByRole('group', { name: 'Headline counts' });
const configBox = (page: Page) => page.getByRole('textbox', { name: 'Paste a config.json' });

/**
 * Pastes the text as a user does (clipboard, Ctrl+V): one input event. (locator.fill types a
 * multi-line text as one input event per line, all in one task, which no user does.)
 */
async function paste(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await configBox(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  expect(await configBox(page).inputValue()).toBe(text);
}
const routeResult = (page: Page) => page.getByRole('status').filter({ hasText: /multiply-adds|Cannot route/ });

/** The line (from 1) on which `"field":` stands in the text. */
const lineOf = (text: string, field: string): number => text.slice(0, text.indexOf(`"${field}":`)).split('\n').length;

describe('demos/scale.html with huge pasted configs', () => {
  it.each(CASES)('$name: figures or a clear message, no task of 200 ms or more', async ({ config, expect: want }) => {
    const { page, errors, offsite } = await openPage(browser, `${base}demos/scale.html`, undefined, { initScript: LONGEST_TASK });
    await expect.poll(() => headline(page).textContent(), { timeout: 20000 }).toContain('671.0B');
    // Only what the paste and the routing cost counts: the page's own start-up is not under test here.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    await page.evaluate(() => {
      const w = window as unknown as { __longestTask: number; __longTasks: string[] };
      w.__longestTask = 0;
      w.__longTasks = [];
    });
    const text = JSON.stringify(config, null, 2);
    await paste(page, text);

    if ('refused' in want) {
      const alert = page.getByRole('alert').filter({ hasText: 'Cannot count' });
      await expect.poll(() => alert.textContent()).toContain(want.refused);
      expect(await alert.textContent()).toContain(`Line ${lineOf(text, want.field)}, column`);
      // The last good model stays.
      expect(await headline(page).textContent()).toContain('671.0B');
    } else if ('routed' in want) {
      await expect.poll(() => routeResult(page).textContent(), { timeout: 20000 }).toContain('Token 1: chosen');
      expect(await routeResult(page).textContent()).toContain(want.routed);
      await page.getByRole('button', { name: 'Route a token' }).click();
      await expect.poll(() => routeResult(page).textContent()).toContain('Token 2: chosen');
    } else {
      await expect.poll(() => routeResult(page).textContent()).toContain(want.unroutable);
      expect(await headline(page).textContent()).not.toContain('671.0B');
    }

    // Let the last frame paint, then read the longest task.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    const { longest, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __longestTask: number; __longTasks: string[] };
      return { longest: w.__longestTask, tasks: w.__longTasks };
    });
    console.log(`longest main-thread task: ${Math.round(longest)} ms (tasks over 50 ms, start: length: ${tasks.join(', ')})`);
    expect(longest).toBeLessThan(LONG_TASK_MS);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });
});
