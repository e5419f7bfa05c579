/**
 * Old links keep working, in the browser: every link form the README and the lessons use opens its
 * page with no notice (nothing "Ignored", nothing "not understood"), no error, and the settings it
 * names on screen. (tests/state/link-forms.test.ts checks the same links decode to the state they
 * mean, and pins each page's canonical link.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeView } from '../../src/state/url';
import { formatLessonRef, LESSONS, lessonView } from '../../src/state/lessons';
import { launchBrowser, openPage, sharedPage } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A notice about the link, in either language. */
const NOTICE = /Ignored|not understood|已忽略|无法识别/;

/** Waits for the page's shell to finish its first run (its settled(), where it has one) and the training pages' first view. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(async () => {
    const shell = [...document.body.querySelectorAll('*')].find((el) => typeof (el as { settled?: unknown }).settled === 'function');
    if (shell) await (shell as unknown as { settled(): Promise<void> }).settled();
  });
}

/** [page and query, a text the page shows because of the link (or null)] */
const LINKS: [string, RegExp | null][] = [
  ['index.html?lesson=4.2', null],
  ['index.html?lesson=3', null],
  ['index.html?present=1', null],
  ['index.html?present=0', null],
  ['index.html?lang=zh', null],
  ['index.html?theme=dark', null],
  ['index.html?backend=cpu', null],
  ['index.html?backend=wasm', null],
  ['index.html?hide=router,seed', null],
  ['index.html?gn=all', null],
  ['index.html?lesson=4.2&present=1&lang=zh&theme=dark&backend=cpu', null],
  ['demos/capacity.html?e=16&k=3&cf=1.25&r=noisy-topk&seed=7&text=two+red+birds&lang=zh', /two red birds/],
  ['demos/experts.html?e=16&k=4&s=1&m=2&seed=7&text=the+red+fox', /the red fox/],
  ['demos/sparsity.html?e=16&k=4&s=1&m=2&seed=7&text=the+red+fox', /the red fox/],
  ['demos/training.html?L=2&z=0.001', null],
  ['demos/balance.html?left=switch&right=bias%2Bseq&e=6', null],
  ['demos/routers.html?lang=zh&theme=dark&backend=cpu', null],
  ['demos/memory.html?lang=zh&theme=dark&backend=cpu', null],
  ['demos/scale.html?lang=zh&theme=dark&backend=cpu', null],
  ['demos/embed.html?lang=zh', null],
];

describe('link forms of the README and the lessons', () => {
  for (const [path, shows] of LINKS) {
    it(`${path} opens with no notice and no error`, async () => {
      const { page, errors } = await openPage(browser, base + path);
      await settle(page);
      await expect.poll(() => page.getByText(NOTICE).count(), { timeout: 2000 }).toBe(0);
      if (shows)
        await expect
          .poll(async () => (await page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).join(' '))
          .toMatch(shows);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a tour step copied mid-lesson (its view, lesson= and present=1) opens with no notice and no error: the first and last step of each lesson (tests/state/link-forms.test.ts decodes every step)', async () => {
    const page = await sharedPage(browser, base);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const steps = LESSONS.flatMap((l, lesson) =>
      [0, l.steps.length - 1].map((i) => ({ step: l.steps[i]!, ref: formatLessonRef({ lesson, step: i }) })),
    );
    expect(steps.length).toBe(2 * LESSONS.length);
    for (const { step, ref } of steps) {
      await page.goto(`${base}index.html${encodeView(lessonView(step))}&lesson=${ref}&present=1`);
      await settle(page);
      expect(await page.getByText(NOTICE).count(), ref).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
