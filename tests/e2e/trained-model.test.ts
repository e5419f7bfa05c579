/**
 * The trained model on the built main page (issue 15): a typed sentence of common words routes with
 * trained weights, none of its words unknown, over several experts; the random weights route it
 * otherwise; a word outside the lexicon is classed in context and marked; Chinese routes; a broken
 * checkpoint gives its message and the random model; a shape without a checkpoint trains in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trace } from '../../src/core/trace';
import { routeAsPage } from '../node-weights';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const trace = (page: Page): Promise<Trace> => page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!);
const firstChoices = (t: Trace): number[] => t.layers[0]!.tokens.map((r) => r.experts[0]!);
const status = (page: Page) => page.locator('weights-control [role="status"]');

async function type(page: Page, sentence: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /Sentence|句子/ });
  await box.fill(sentence);
  await box.press('Enter');
  await settleApp(page);
}

describe('trained weights on the main page', () => {
  it('route a typed sentence of common words: none unknown, three or more experts, as Node routes it; random weights route it otherwise', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    await expect
      .poll(() => status(page).textContent())
      .toMatch(/^Trained weights: 300 steps; held-out next-word loss 3\.\d\d \(random: 6\.\d\d\); specialisation 0\.\d\d/);
    const sentence = 'My sister bought three green apples at the market yesterday .';
    await type(page, sentence);
    const trained = await trace(page);
    expect(trained.tokens.map((t) => t.text)).toEqual(sentence.toLowerCase().split(' '));
    expect(trained.tokens.filter((t) => t.unknown)).toEqual([]);
    expect(new Set(firstChoices(trained)).size).toBeGreaterThanOrEqual(3);
    // The same routing as the shipped checkpoint gives in Node.
    const node = await routeAsPage(DEFAULT_CONFIG, sentence);
    expect(trained.layers[0]!.tokens.map((r) => r.experts)).toEqual(node.layers[0]!.tokens.map((r) => r.experts));
    await screenshot(page, 'trained-1280x800');

    await page.getByRole('radio', { name: 'Random' }).click();
    await settleApp(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('w')).toBe('random');
    await expect.poll(() => status(page).textContent()).toContain('Random weights: the router has learned nothing');
    const random = await trace(page);
    expect(random.layers[0]!.tokens.map((r) => r.experts)).not.toEqual(trained.layers[0]!.tokens.map((r) => r.experts));
    const nodeRandom = await routeAsPage(DEFAULT_CONFIG, sentence, 'random');
    expect(random.layers[0]!.tokens.map((r) => r.experts)).toEqual(nodeRandom.layers[0]!.tokens.map((r) => r.experts));

    // The link reproduces the random view; dropping w= gives the trained one again.
    const again = await openPage(browser, page.url());
    await settleApp(again.page);
    expect(firstChoices(await trace(again.page))).toEqual(firstChoices(random));
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it('classes a word outside the lexicon in context and says so', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    await type(page, 'The florbish cat sat on the mat .');
    const t = await trace(page);
    expect(t.tokens.filter((x) => x.unknown)).toEqual([]);
    expect(t.tokens.find((x) => x.text === 'florbish')).toMatchObject({ tagged: true, category: 'adjective' });
    await expect.poll(() => page.getByText(/Not in the lexicon, classed from context: .*florbish \(adjective\)/).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('routes a Chinese sentence on the page in Chinese', async () => {
    const { page, errors } = await openPage(browser, `${base}?lang=zh`);
    await settleApp(page);
    await type(page, '我的朋友今天在学校读书。');
    const t = await trace(page);
    expect(t.tokens.map((x) => x.text)).toEqual(['我', '的', '朋友', '今天', '在', '学校', '读', '书', '。']);
    expect(t.tokens.filter((x) => x.unknown)).toEqual([]);
    expect(new Set(firstChoices(t)).size).toBeGreaterThanOrEqual(3);
    await expect.poll(() => status(page).textContent()).toMatch(/^训练好的权重：300 步/);
    await screenshot(page, 'trained-zh-1280x800');
    expect(errors).toEqual([]);
  });

  it('a damaged checkpoint: its message, the random model, no error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*.bin', (r) => r.fulfill({ status: 200, body: 'not a checkpoint at all' }));
    await page.goto(base);
    await settleApp(page);
    await expect.poll(() => status(page).textContent()).toMatch(/^The trained weights could not be used: .+\. Showing the random model\.$/);
    const t = await trace(page);
    const node = await routeAsPage(DEFAULT_CONFIG, t.tokens.map((x) => x.text).join(' '), 'random');
    expect(firstChoices(t)).toEqual(firstChoices(node));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a shape without a checkpoint offers "Train this shape", trains with a progress bar, then routes with those weights', async () => {
    const { page, errors } = await openPage(browser, `${base}?e=9`);
    await settleApp(page);
    await expect.poll(() => status(page).textContent()).toContain('No trained weights ship for this shape.');
    const before = firstChoices(await trace(page));
    await page.getByRole('button', { name: 'Train this shape' }).click();
    await expect.poll(() => page.getByRole('progressbar', { name: 'Training this shape' }).count()).toBe(1);
    await expect.poll(() => status(page).textContent(), { timeout: 120_000 }).toMatch(/^Trained here just now: 120 steps/);
    await settleApp(page);
    expect(firstChoices(await trace(page))).not.toEqual(before);
    expect(errors).toEqual([]);
  });
});
