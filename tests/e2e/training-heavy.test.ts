/**
 * The training pages stay responsive at the heaviest valid link: one step there is about a second of
 * tfjs work, which runs in a worker, so the page answers input while it trains. Measured in Chromium
 * while training runs: every task of the page's main thread, from a trace (its CPU time must stay
 * under the budget; its wall time, which another busy process on the machine stretches, is printed
 * with the 'longtask' entries), and the delay from each key press to its handler. The measured
 * steps/s is shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');
const HEAVY = 'e=32&k=8&L=4&d=128&h=256';
/** The most main-thread work one task may do while training runs, and the typical wait of a key press. */
const BUDGET_MS = 100;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Runs `during` with Chromium tracing the page: the main thread's tasks, longest by wall and by CPU time (ms). */
async function mainThreadTasks(page: Page, during: () => Promise<void>): Promise<{ count: number; wall: number; cpu: number }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let buffer: Buffer;
  try {
    await during();
  } finally {
    buffer = await browser.stopTracing();
  }
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  // Every renderer's main thread in the trace (a navigation may have left another one behind): the
  // page's is the one that ran the most tasks.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (m: TraceEvent) =>
    events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'RunTask' && e.dur !== undefined);
  const tasks = mains.map(tasksOf).reduce<TraceEvent[]>((best, t) => (t.length > best.length ? t : best), []);
  return {
    count: tasks.length,
    wall: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
    cpu: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Infinity;

interface Watch {
  longTasks: { start: number; duration: number }[];
  inputDelays: number[];
}

/** Installed before the page's own scripts: long tasks, and the wait of every key press before its handler runs. */
function watchMainThread(): void {
  const w = { longTasks: [], inputDelays: [] } as Watch;
  (globalThis as unknown as { __watch: Watch }).__watch = w;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', (e) => w.inputDelays.push(performance.now() - e.timeStamp), true);
}

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, 'about:blank');
  await page.addInitScript(watchMainThread);
  await page.goto(`${base}${path}`);
  return { page, errors };
}

/** Main-thread figures from `since` (page time, ms): long tasks and key delays. */
async function figures(page: Page, since: number): Promise<{ longest: number; tasks: number; inputs: number[] }> {
  return page.evaluate((t0) => {
    const w = (globalThis as unknown as { __watch: Watch }).__watch;
    const tasks = w.longTasks.filter((t) => t.start >= t0);
    return { longest: Math.max(0, ...tasks.map((t) => t.duration)), tasks: tasks.length, inputs: w.inputDelays };
  }, since);
}

/** Presses → and ← on the learning-rate slider (applied from the next step) every 400 ms until `done()`. */
async function pressKeysWhile(page: Page, done: () => Promise<boolean>, timeout = 120000): Promise<void> {
  const end = Date.now() + timeout;
  await page.getByRole('slider', { name: 'Learning rate' }).focus();
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting for training steps');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(400);
  }
}

/** The steps/s shown in the progress readout ('' when there is none). */
async function shownRate(page: Page): Promise<string> {
  const rate = page.getByRole('status', { name: 'Training progress' }).locator('.steps-rate');
  return (await rate.count()) ? ((await rate.textContent()) ?? '').trim() : '';
}

/** The heaviest link (about a second a step) and the default one (tens of steps a second, so many redraws). */
const TRAINING_LINKS: [string, string, number][] = [
  ['heavy', `demos/training.html?${HEAVY}`, 6],
  ['default', 'demos/training.html', 150],
];

describe('heavy training links stay responsive', () => {
  it.each(TRAINING_LINKS)(
    `%s training link (%s): no main-thread task over ${BUDGET_MS} ms of work while training, keys answered, steps/s shown`,
    async (kind, path, target) => {
      const { page, errors } = await open(path);
      const step = () => page.evaluate(() => document.querySelector('training-page')?.training?.step ?? -1);
      await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), { timeout: 60000 }).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: /^token \d+:/ }).count(), { timeout: 60000 }).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      const t0 = await page.evaluate(() => performance.now());
      const wall = Date.now();
      // Keys while training: their handlers must run at once, and no task may hold the page.
      const trace = await mainThreadTasks(page, async () => {
        await page.getByRole('button', { name: 'Train', exact: true }).click();
        await pressKeysWhile(page, async () => (await step()) >= target);
      });
      const steps = await step();
      const seconds = (Date.now() - wall) / 1000;
      const f = await figures(page, t0);
      const rate = await shownRate(page);
      console.log(
        `${kind} training link: ${(steps / seconds).toFixed(2)} steps/s (${steps} in ${seconds.toFixed(1)} s), shown "${rate}"; ` +
          `main-thread tasks: longest ${trace.cpu.toFixed(0)} ms CPU, ${trace.wall.toFixed(0)} ms wall (${f.tasks} 'longtask' entries, longest ${f.longest.toFixed(0)} ms); ` +
          `key delays ${f.inputs.map((c) => c.toFixed(0)).join(', ')} ms`,
      );
      expect(trace.count).toBeGreaterThan(10);
      expect(trace.cpu).toBeLessThanOrEqual(BUDGET_MS);
      expect(f.inputs.length).toBeGreaterThan(3);
      expect(median(f.inputs)).toBeLessThanOrEqual(BUDGET_MS);
      expect(Number(rate)).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).count(), { timeout: 20000 }).toBe(1);
      expect(errors).toEqual([]);
    },
    180000,
  );

  it(`demos/balance.html?${HEAVY}: no main-thread task over ${BUDGET_MS} ms of work while both train, steps/s shown`, async () => {
    const { page, errors } = await open(`demos/balance.html?${HEAVY}`);
    const steps = () =>
      page.evaluate(() => {
        const t = document.querySelector('balance-compare')?.training;
        return t ? Math.min(t.left.step, t.right.step) : -1;
      });
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).isEnabled(), { timeout: 60000 }).toBe(true);
    await page.waitForTimeout(500);
    const t0 = await page.evaluate(() => performance.now());
    const wall = Date.now();
    const trace = await mainThreadTasks(page, async () => {
      await page.getByRole('button', { name: 'Train both' }).click();
      await pressKeysWhile(page, async () => (await steps()) >= 3);
    });
    const n = await steps();
    const seconds = (Date.now() - wall) / 1000;
    const f = await figures(page, t0);
    const rate = await shownRate(page);
    console.log(
      `heavy balance link: ${((2 * n) / seconds).toFixed(2)} steps/s over both models, shown "${rate}"; ` +
        `main-thread tasks: longest ${trace.cpu.toFixed(0)} ms CPU, ${trace.wall.toFixed(0)} ms wall (${f.tasks} 'longtask' entries, longest ${f.longest.toFixed(0)} ms); ` +
        `key delays ${f.inputs.map((c) => c.toFixed(0)).join(', ')} ms`,
    );
    expect(n).toBeGreaterThanOrEqual(3);
    expect(trace.count).toBeGreaterThan(10);
    expect(trace.cpu).toBeLessThanOrEqual(BUDGET_MS);
    expect(f.inputs.length).toBeGreaterThan(3);
    expect(median(f.inputs)).toBeLessThanOrEqual(BUDGET_MS);
    expect(Number(rate)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause both' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Train both' }).count(), { timeout: 30000 }).toBe(1);
    expect(errors).toEqual([]);
  }, 240000);
});
