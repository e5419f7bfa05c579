/**
 * Accessibility of the main page in Chromium: axe-core on the states the simulator's controls reach, at tablet size, in <moe-lab> and on the routers page (zero violations, looking inside every open shadow root).
 *
 * axe runs through tests/e2e/axe.ts, injected as axe-core's own script (the CSP stays on).
 * (The accessibility tests are three files so that they run beside the others, not after them.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, openPage, settleApp, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('axe-core: no violations', () => {
  const simulatorStates: [string, string, ((page: Page) => Promise<void>)?][] = [
    ['default', ''],
    [
      'sigmoid-bias router with groups, after a bias update',
      '?r=sigmoid-bias&e=16&g=4&tg=2&gamma=0.05',
      async (page) => {
        await page.getByRole('button', { name: 'Apply bias update' }).click();
        await settleApp(page);
      },
    ],
    ['256 experts (compact router chart and its table)', '?e=256&k=8&r=sigmoid-bias&g=8&tg=4'],
    [
      'capacity factor 1 with dropped tokens, a dropped one selected',
      '?cf=1',
      async (page) => {
        const at = await page.evaluate(() => {
          const l = (document.querySelector('moe-app') as AppHandle).trace!.layers[0]!;
          return { dropped: l.droppedChoices, first: l.tokens.findIndex((r) => r.dropped.some(Boolean)) };
        });
        expect(at.dropped).toBeGreaterThan(0);
        await page.getByRole('button', { name: new RegExp(`^token ${at.first + 1}:`) }).click();
        await settleApp(page);
      },
    ],
    [
      '2 layers, layer 2 shown',
      '?L=2',
      async (page) => {
        await page.getByRole('combobox', { name: 'Layer shown' }).selectOption('1');
        await settleApp(page);
      },
    ],
    ['all layers at once: 3 layers of 64 experts, capacity factor 0.5 (words no expert ran)', '?L=3&e=64&cf=0.5'],
    ['a garbage URL and its notice', '?e=banana&k=-4&cf=%00&r=%3Cscript%3E&pos=NaN&zzz=1&hide=everything'],
    ['teacher mode hide=router,seed', '?hide=router,seed'],
    ['noisy top-k router', '?r=noisy-topk&noise=2'],
    ['expert choice router', '?r=expert-choice'],
    ['fine-grained and shared experts', '?e=32&k=2&s=2&m=4'],
    [
      'a refused change and its message',
      '?e=8&k=4',
      async (page) => {
        await page.getByRole('combobox', { name: 'Expert granularity' }).selectOption('8');
        await settleApp(page);
        await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
      },
    ],
  ];

  for (const [name, query, act] of simulatorStates) {
    it(`index.html: ${name}`, async () => {
      const { page, errors } = await openPage(browser, `${base}${query}`);
      await settleApp(page);
      await act?.(page);
      expect(await axeViolations(page, `index.html${query}`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('index.html at tablet size (768×1024)', async () => {
    const { page } = await openPage(browser, base, { width: 768, height: 1024 });
    await settleApp(page);
    expect(await axeViolations(page, 'index.html')).toEqual([]);
    await page.close();
  });

  it('demos/embed.html (<moe-lab> in a plain page)', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/embed.html`);
    await page.waitForFunction(
      () => (document.querySelector('moe-lab') as unknown as { trace: unknown } | null)?.trace != null,
      undefined,
      { timeout: 20000 },
    );
    expect(await axeViolations(page, 'demos/embed.html')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demos/routers.html', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/routers.html`);
    await expect.poll(() => page.getByRole('button', { name: /^token \d+:/ }).count(), { timeout: 20000 }).toBe(40);
    expect(await axeViolations(page, 'demos/routers.html')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
