/**
 * The guided tour on the built main page: every lesson run to its end by keyboard alone (predictions
 * made with the keyboard too, answered by the live model), axe on every state the tour reaches, links
 * that open a step, presenter mode at 1920×1080, and the tour in Chinese.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatLessonRef, LESSONS, stepOf, type StepRef } from '../../src/state/lessons';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';
import { findUntranslated } from './untranslated';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** What has the keyboard focus, looking through shadow roots: tag, type and text or name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const label = el.closest('label')?.textContent ?? '';
    return `${el.tagName.toLowerCase()}|${(el as HTMLInputElement).type ?? ''}|${(el.textContent ?? '').trim() || label.trim()}`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused control matches; fails after 60 presses. */
async function tabTo(page: Page, match: RegExp, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (match.test(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`no control matching ${match} reached by keyboard; focus is on ${await focused(page)}`);
}

function tourHeading(page: Page) {
  return page.getByRole('heading', { level: 2 }).filter({ hasText: /^Lesson \d of 8/ });
}

describe('guided tour', () => {
  it('runs every lesson to the end by keyboard, with axe clean on every step', async () => {
    const { page, errors, offsite } = await openPage(browser, base);
    await settleApp(page);
    await tabTo(page, /^button\|submit\|Start the guided tour$/);
    await page.keyboard.press('Enter');

    const refs: StepRef[] = LESSONS.flatMap((l, lesson) => l.steps.map((_, step) => ({ lesson, step })));
    const problems: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const step = stepOf(ref);
      await expect.poll(() => tourHeading(page).textContent()).toContain(`Lesson ${ref.lesson + 1} of 8`);
      await expect.poll(() => page.evaluate(() => location.search)).toContain(`lesson=${formatLessonRef(ref)}`);
      await settleApp(page);
      // The step is announced, and its panel is marked in words as well as by the outline.
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: `Lesson ${ref.lesson + 1}, step ${ref.step + 1} of` })
            .count(),
        )
        .toBe(1);
      expect(await page.getByText('The tour is about this panel').count()).toBe(step.panel ? 1 : 0);

      if (step.predict) {
        const p = step.predict.position;
        // Before checking, the asked-about token shows no experts in the strip.
        const chip = page.getByRole('button', { name: new RegExp(`^token ${p + 1}: cat$`) });
        expect(await chip.count()).toBe(1);
        await tabTo(page, /^input\|radio\|E\d+$/, true);
        await page.keyboard.press('ArrowRight'); // moves to E1 and selects it
        await page.keyboard.press('Space');
        await tabTo(page, /^button\|submit\|Check$/);
        await page.keyboard.press('Enter');
        const result = page.locator('lesson-tour p.result');
        await expect.poll(() => result.count()).toBe(1);
        await settleApp(page);
        const answer = await page.evaluate(
          (at) => (document.querySelector('moe-app') as AppHandle).trace!.layers[0]!.tokens[at]!.experts,
          p,
        );
        expect(await result.textContent()).toMatch(new RegExp(`^(Right|Close|Not this time): .*E${answer[0]}`));
        expect(await page.getByRole('button', { name: new RegExp(`^token ${p + 1}: cat E${answer[0]}`) }).count()).toBe(1);
      }

      problems.push(...(await axeViolations(page, `lesson ${formatLessonRef(ref)}`)));
      const last = i === refs.length - 1;
      const label = last ? 'Finish the tour' : ref.step === LESSONS[ref.lesson]!.steps.length - 1 ? 'Next lesson' : 'Next';
      await tabTo(page, new RegExp(`^button\\|submit\\|${label}$`));
      await page.keyboard.press('Enter');
    }
    expect(problems).toEqual([]);
    await expect.poll(() => page.getByText('You have finished the tour.').count()).toBe(1);
    expect(await focused(page)).toBe('button|submit|Start the guided tour');
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('lesson=');
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  }, 240000);

  it('opens the step a link names, with its settings, and goes back and forth', async () => {
    const { page, errors } = await openPage(browser, `${base}?lesson=4.2`);
    await settleApp(page);
    expect(await tourHeading(page).textContent()).toBe('Lesson 4 of 8: Capacity and dropped tokens');
    const layer = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.layers[0]!);
    expect(layer.capacity).not.toBeNull();
    expect(layer.droppedChoices).toBeGreaterThan(0);
    // The step's words quote the live trace.
    expect(await page.getByText(`${layer.droppedChoices} of ${layer.tokens.length * 2} choices here`).count()).toBe(1);
    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Each expert has a capacity' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Lesson' }).selectOption({ label: '7. Compressed memory' });
    await expect.poll(() => tourHeading(page).textContent()).toBe('Lesson 7 of 8: Compressed memory');
    expect(await page.getByText(/1,998,848 numbers per token/).count()).toBe(1);
    await page.getByRole('button', { name: 'Close the tour' }).click();
    expect(await tourHeading(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps a view copied mid-lesson, and says so when a lesson link names no step', async () => {
    const { page, errors } = await openPage(browser, `${base}?lesson=1.2&e=16&k=3`);
    await settleApp(page);
    expect(await tourHeading(page).textContent()).toContain('Lesson 1 of 8');
    const cfg = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config);
    expect([cfg.routedExperts, cfg.topK]).toEqual([16, 3]);
    await page.goto(`${base}?lesson=9.1`);
    await settleApp(page);
    expect(await page.getByRole('alert').filter({ hasText: 'Ignored lesson=9.1' }).count()).toBe(1);
    expect(await tourHeading(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("presenter mode at 1920×1080: large type, the teacher's bar and only the panels the lesson needs, kept in the URL", async () => {
    const { page, errors } = await openPage(browser, `${base}?lesson=5.1&present=1`, { width: 1920, height: 1080 });
    await settleApp(page);
    const look = await page.evaluate(() => {
      const app = document.querySelector('moe-app')!;
      const shown = (sel: string) => getComputedStyle(app.shadowRoot!.querySelector(sel)!).display !== 'none';
      return {
        rootFont: getComputedStyle(document.documentElement).fontSize,
        controls: shown('section.controls'),
        load: shown('section.load'),
        matrix: shown('section.matrix'),
        router: shown('section[aria-labelledby="router-h"]'),
      };
    });
    // The controls stay as the teacher's bar (issue 14): Previous, Next, Play and the two sliders only.
    expect(look).toEqual({ rootFont: '22.4px', controls: true, load: true, matrix: false, router: true });
    expect(await page.getByRole('slider', { name: 'Routed experts' }).count()).toBe(1);
    expect(await page.getByRole('slider', { name: 'Shared experts' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Router' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Presenter mode' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'presenter-1920x1080');
    expect(await axeViolations(page, 'presenter mode')).toEqual([]);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('present=');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    expect(errors).toEqual([]);
  });

  it('speaks Chinese when asked, and switches back to English in place', async () => {
    const { page, errors } = await openPage(browser, `${base}?lang=zh&lesson=2.2`);
    await settleApp(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    const heading = page.getByRole('heading', { level: 2 }).filter({ hasText: /^第 2 课/ });
    expect(await heading.count()).toBe(1);
    expect(await findUntranslated(page)).toEqual([]);
    await screenshot(page, 'lesson-2.2-zh');
    await page.getByRole('combobox', { name: 'Language · 语言' }).selectOption('en');
    await expect.poll(() => tourHeading(page).textContent()).toContain('Lesson 2 of 8');
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('lang=');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
  });
});
