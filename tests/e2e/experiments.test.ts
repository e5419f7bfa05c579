/**
 * demos/experiments.html in Chromium against the built site (issue 16): each experiment loads and its
 * result equals the same measurement run here in Node (same core code and weights, cpu backend on both
 * sides), the numbers on screen are the result's, the URL reproduces the view, bad links and typed
 * values keep the last good state with a message, keyboard use, axe, and no console errors.
 */
import { env, getBackend, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { runRoutingExperiment, type ExperimentResult } from '../../src/state/experiment-runs';
import { DEFAULT_EXPERIMENT_TEXT, DEFAULT_WORD, type ExperimentId, type ExperimentsView } from '../../src/state/experiments-url';
import { pageSweepModel } from '../node-weights';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
const base = inject('baseUrl');
const PAGE = `${base}demos/experiments.html`;

beforeAll(async () => {
  if (!getBackend()) {
    env().set('IS_TEST', true);
    await setBackend('cpu');
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface ExperimentsHandle extends HTMLElement {
  settled(): Promise<void>;
  result: ExperimentResult | null;
  view: ExperimentsView;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get('experiments-page') !== undefined, undefined, { timeout: 20000 });
  await page.evaluate(() => (document.querySelector('experiments-page') as ExperimentsHandle).settled());
}

const shownResult = (page: Page): Promise<ExperimentResult | null> =>
  page.evaluate(() => (document.querySelector('experiments-page') as ExperimentsHandle).result);

/** Text of the result's table (its <details> is in the page, open or not), cell by cell. */
const tableCells = (page: Page): Promise<string[][]> =>
  page.evaluate(() => {
    const root = document.querySelector('experiments-page')!.shadowRoot!.querySelector('experiment-result')!.shadowRoot!;
    return [...root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
  });

const meaning = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const root = document.querySelector('experiments-page')!.shadowRoot!.querySelector('experiment-result')!.shadowRoot!;
    return (root.querySelector('.meaning')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The same experiment in Node, with the page's trained weights. */
const inNode = async (experiment: ExperimentId) =>
  (
    await runRoutingExperiment({
      experiment,
      config: { ...DEFAULT_CONFIG },
      model: pageSweepModel('trained'),
      word: DEFAULT_WORD,
      text: DEFAULT_EXPERIMENT_TEXT,
    })
  ).result;

describe('demos/experiments.html', () => {
  it('experiments 1–4 and 6 on the trained weights: the page’s result equals Node’s, and the table shows its numbers; no errors, nothing offsite', async () => {
    for (const x of ['words', 'neighbours', 'together', 'knockout', 'same-word'] as const) {
      const { page, errors, offsite } = await openPage(browser, `${PAGE}?backend=cpu&x=${x}`);
      await settled(page);
      const shown = await shownResult(page);
      const node = await inNode(x);
      expect(shown, x).toEqual(node);
      const cells = await tableCells(page);
      if (node.experiment === 'words') {
        const c = node.first[0]!;
        expect(cells[0]!.slice(2)).toEqual(c.rows[0]!.shares.map(pct));
        // The trained router sorts words by class: one class takes one expert far above 1/E.
        expect(Math.max(...c.rows.flatMap((r) => r.shares))).toBeGreaterThan(0.9);
      }
      if (node.experiment === 'neighbours') {
        const n = node.layers[0]!;
        expect(cells[0]).toEqual([
          '1',
          'same first choice',
          n.sameFirst.pairs.toLocaleString('en'),
          pct(n.sameFirst.rate),
          pct(n.sameFirst.baseline),
          n.sameFirst.z.toFixed(1),
        ]);
        expect(pct(n.shareAny.baseline)).toBe(pct(1 - 15 / 28)); // 1 − C(6, 2)/C(8, 2)
        // The sentence says which side of chance the model is on.
        const side =
          n.sameFirst.z > 2 ? 'more often than chance' : n.sameFirst.z < -2 ? 'less often than chance' : 'about as often as chance';
        expect(await meaning(page)).toContain(side);
      }
      if (node.experiment === 'together') {
        const c = node.layers[0]!;
        expect(cells[0]).toEqual([
          'E1 + E2',
          c.counts[0]![1]!.toLocaleString('en'),
          pct(c.rate[0]![1]!),
          c.uniformRatio[0]![1]!.toFixed(2),
        ]);
        expect(cells).toHaveLength((8 * 7) / 2);
      }
      if (node.experiment === 'knockout') {
        expect(cells[0]).toEqual(['random baseline', pct(1 / 8), node.table.baseline.toFixed(3), '0']);
        const row = node.table.rows[0]!;
        expect(cells[1]).toEqual([
          'E1',
          pct(row.firstChoice),
          row.loss.toFixed(3),
          `${row.increase >= 0 ? '+' : ''}${row.increase.toFixed(3)}`,
        ]);
        expect(cells.slice(-2).map((c) => c[0])).toEqual(['each word’s 1 best off', 'each word’s 2 best off']);
      }
      if (node.experiment === 'same-word') {
        const s = node.layers[0]!;
        expect(cells.map((c) => c[0])).toEqual(s.occurrences.map((o) => o.context));
        expect(s.occurrences.map((o) => o.context)).toEqual(['they run to the shop .', 'she went for a run in the park .']);
      }
      await screenshot(page, `experiments-${x}`);
      expect(errors, x).toEqual([]);
      expect(offsite, x).toEqual([]);
      await page.close();
    }
  });

  // Experiments 5 and 7 train, so they run on the page's default backend (wasm, as a class uses it;
  // the cpu backend takes ten times longer); tests/state/experiment-training.test.ts checks that they
  // equal the core functions for the same seed.
  it(
    'experiment 5 trains from the seed with a progress bar and ends with OLMoE’s saturation curve, as its table shows',
    { timeout: 90000 },
    async () => {
      const { page, errors } = await openPage(browser, `${PAGE}?x=settles`);
      await page.waitForFunction(() => customElements.get('experiments-page') !== undefined, undefined, { timeout: 20000 });
      await expect.poll(() => page.getByRole('progressbar', { name: 'Progress of the experiment' }).count(), { timeout: 20000 }).toBe(1);
      await settled(page);
      expect(await page.getByRole('progressbar').count()).toBe(0);
      const shown = await shownResult(page);
      if (shown?.experiment !== 'settles') throw new Error('settles');
      expect(shown.steps).toBe(120);
      expect(shown.curve.steps).toEqual(Array.from({ length: 25 }, (_, i) => i * 5));
      expect(shown.curve.layers[0]!.at(-1)).toBe(1);
      expect(shown.curve.baseline).toBe(2 / 8);
      const cells = await tableCells(page);
      expect(cells.slice(0, -1)).toEqual(shown.curve.steps.map((s, i) => [String(s), pct(shown.curve.layers[0]![i]!)]));
      expect(cells.at(-1)).toEqual(['random baseline', pct(2 / 8)]);
      await screenshot(page, 'experiments-settles');
      expect(errors).toEqual([]);
    },
  );

  it(
    'experiment 7 draws both curves while it trains, with a running FLOP counter, then says which is ahead',
    { timeout: 90000 },
    async () => {
      const { page, errors } = await openPage(browser, `${PAGE}?x=compute`);
      await page.waitForFunction(() => customElements.get('experiments-page') !== undefined, undefined, { timeout: 20000 });
      // Part-way: a partial result with both arms, and the counter.
      await page.waitForFunction(
        () => {
          const r = (document.querySelector('experiments-page') as ExperimentsHandle).result;
          return r?.experiment === 'compute' && !r.done && r.dense.length >= 3;
        },
        undefined,
        { timeout: 30000 },
      );
      await expect.poll(() => page.getByText(/FLOPs so far: MoE \d/).count()).toBe(1);
      await settled(page);
      const r = await shownResult(page);
      if (r?.experiment !== 'compute') throw new Error('compute');
      expect(r.done).toBe(true);
      expect([r.moe.length, r.dense.length]).toEqual([120, 120]);
      // Equal compute: the two arms' FLOPs per step agree to within the router's share (under 1%).
      expect(Math.abs(r.moe[0]!.stepFlops / r.dense[0]!.stepFlops - 1)).toBeLessThan(0.01);
      expect(await meaning(page)).toMatch(/After [\d.e+]+ training FLOPs each/);
      await screenshot(page, 'experiments-compute');
      expect(errors).toEqual([]);
    },
  );

  it('the URL reproduces the view: experiment, seed, weights and layer chosen by keyboard and typing', async () => {
    const { page, errors } = await openPage(browser, `${PAGE}?backend=cpu`);
    await settled(page);
    // The experiment list is a radio group: arrow keys move the choice.
    await page.getByRole('radio', { name: /1\. Which words go to which expert/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: /3\. Experts that fire together/ }).isChecked()).toBe(true);
    await page.getByRole('spinbutton', { name: 'MoE layers' }).fill('2');
    await page.getByRole('spinbutton', { name: 'MoE layers' }).press('Enter');
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('5');
    await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
    await settled(page);
    await page.getByRole('combobox', { name: 'Layer shown' }).selectOption('1');
    await page.getByRole('radio', { name: 'Random' }).click();
    await settled(page);
    await page.waitForTimeout(400); // the URL is written at most every 250 ms
    const url = page.url();
    expect(new URL(url).search).toContain('x=together');
    expect(new URL(url).search).toContain('seed=5');
    expect(new URL(url).search).toContain('w=random');
    expect(new URL(url).search).toContain('layer=1');
    const first = await shownResult(page);
    expect(first?.experiment === 'together' && first.layers.length).toBe(2);

    const again = await openPage(browser, url);
    await settled(again.page);
    expect(await shownResult(again.page)).toEqual(first);
    expect(await again.page.getByRole('radio', { name: /3\. Experts that fire together/ }).isChecked()).toBe(true);
    expect(await again.page.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('5');
    expect(await again.page.getByRole('combobox', { name: 'Layer shown' }).inputValue()).toBe('1');
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it('the balanced checkpoint: choosing the sigmoid-bias router runs the experiment on the weights trained with bias balancing', async () => {
    const { page, errors } = await openPage(browser, `${PAGE}?backend=cpu&x=neighbours`);
    await settled(page);
    await page.getByRole('combobox', { name: /^Router/ }).selectOption('sigmoid-bias');
    await settled(page);
    // The URL is written at most every 250 ms, maybe after the page has settled.
    await expect.poll(() => new URL(page.url()).searchParams.get('r')).toBe('sigmoid-bias');
    expect(await page.getByText(/^Trained weights: 300 steps/).count()).toBe(1);
    const shown = await shownResult(page);
    const node = (
      await runRoutingExperiment({
        experiment: 'neighbours',
        config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias' },
        model: pageSweepModel('trained'),
        word: DEFAULT_WORD,
        text: DEFAULT_EXPERIMENT_TEXT,
      })
    ).result;
    expect(shown).toEqual(node);
    expect(errors).toEqual([]);
  });

  it('a bad link and a bad typed value: a message, the last good state kept, nothing thrown', async () => {
    const { page, errors } = await openPage(browser, `${PAGE}?backend=cpu&x=nonsense&k=99&layer=7&zoom=2`);
    await settled(page);
    expect(await page.locator('#link-notice').count()).toBe(1);
    expect(await page.getByText(/zoom=2/).count()).toBeGreaterThan(0);
    expect((await shownResult(page))?.experiment).toBe('words');
    const before = await shownResult(page);
    await page.getByRole('spinbutton', { name: 'Routed experts' }).fill('0');
    await page.getByRole('spinbutton', { name: 'Routed experts' }).press('Enter');
    await settled(page);
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await page.getByRole('spinbutton', { name: 'Routed experts' }).getAttribute('aria-invalid')).toBe('true');
    expect(await shownResult(page)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('axe finds nothing on each experiment (tables open), at 1280×800, 1920×1080 and a phone', async () => {
    for (const [x, viewport] of [
      ['words', { width: 1280, height: 800 }],
      ['neighbours', { width: 1920, height: 1080 }],
      ['together', { width: 390, height: 844 }],
      ['knockout', { width: 1280, height: 800 }],
      ['same-word', { width: 390, height: 844 }],
    ] as const) {
      const { page, errors } = await openPage(browser, `${PAGE}?backend=cpu&x=${x}`, viewport);
      await settled(page);
      expect(await axeViolations(page, `experiments ${x} ${viewport.width}`)).toEqual([]);
      // Nothing wider than the screen but the charts' own scrolling figures.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `experiments-${x}-${viewport.width}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
