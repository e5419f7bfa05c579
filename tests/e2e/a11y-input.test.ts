/**
 * Accessibility beyond axe, in Chromium: the main page driven by keyboard alone with a visible focus ring on every stop, no motion when the reader asks for less, and tap-to-step on a touch tablet.
 *
 * axe runs through tests/e2e/axe.ts, injected as axe-core's own script (the CSP stays on).
 * (The accessibility tests are three files so that they run beside the others, not after them.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, settleApp, sharedPage, type AppHandle } from './browser';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function pageExists(path: string): Promise<boolean> {
  const res = await fetch(`${base}${path}`);
  return res.ok && (await res.text()).includes('<script');
}

/** What has the keyboard focus, followed down through shadow roots, and how its focus is drawn. */
interface FocusInfo {
  tag: string;
  role: string | null;
  name: string;
  path: string;
  outline: string;
  outlineWidth: number;
  boxShadow: string;
  box: { width: number; height: number };
}

function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const hosts: string[] = [];
    while (el?.shadowRoot?.activeElement) {
      hosts.push(el.tagName.toLowerCase());
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: label.replace(/\s+/g, ' ').trim().slice(0, 60),
      path: [...hosts, el.tagName.toLowerCase()].join(' > '),
      outline: `${s.outlineStyle} ${s.outlineColor}`,
      outlineWidth: parseFloat(s.outlineWidth),
      boxShadow: s.boxShadow,
      box: { width: r.width, height: r.height },
    };
  });
}

const shownPosition = (page: Page) =>
  page.evaluate(() =>
    Number((document.querySelector('moe-app')!.shadowRoot!.querySelector('token-strip') as unknown as { current: number }).current),
  );

describe('keyboard', () => {
  it('Tab reaches every control of the main page, each with a visible focus ring', async () => {
    const { page, errors } = await openPage(browser, `${base}?r=sigmoid-bias&e=64&g=4&tg=2&gamma=0.05`);
    await settleApp(page);
    const stops: FocusInfo[] = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f) break;
      if (stops.length > 0 && f.path === stops[0]!.path && f.name === stops[0]!.name) break;
      stops.push(f);
    }
    console.log(`keyboard: ${stops.length} Tab stops on the main page`);
    const noRing = stops.filter((f) => !(f.outline.startsWith('solid') && f.outlineWidth >= 2) && f.boxShadow === 'none');
    expect(noRing.map((f) => `${f.path} “${f.name}”: outline ${f.outline} ${f.outlineWidth}px, box-shadow ${f.boxShadow}`)).toEqual([]);
    expect(stops.filter((f) => f.box.width === 0 || f.box.height === 0).map((f) => f.path)).toEqual([]);
    const names = stops.map((f) => f.name);
    for (const control of [
      'Routed experts',
      'Active experts per token (top-k)',
      'Shared experts',
      'Expert granularity',
      'MoE layers',
      'Router',
      'Expert groups',
      'Groups per token',
      'Capacity factor',
      'Bias update speed (γ)',
      'Seed',
      'Play speed',
      'Sentence',
      'Presets',
    ]) {
      expect(
        names.some((n) => n.startsWith(control)),
        control,
      ).toBe(true);
    }
    for (const button of ['Previous token', 'Next token', 'Play', 'Reset', 'Apply bias update']) expect(names, button).toContain(button);
    expect(names.filter((n) => /^token \d+:/.test(n))).toHaveLength(10);
    expect(stops.filter((f) => f.tag === 'summary').length).toBeGreaterThanOrEqual(2);
    expect(stops.filter((f) => f.tag === 'a').length).toBeGreaterThanOrEqual(5);
    // The compact router view's table can be scrolled from the keyboard.
    expect(stops.some((f) => f.role === 'region' && f.path.includes('router-panel'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('arrow keys move sliders; Enter and Space press buttons; Space opens a table', async () => {
    const { page, errors } = await openPage(browser, base);
    await settleApp(page);
    const experts = page.getByRole('slider', { name: 'Routed experts', exact: true });
    await experts.focus();
    await page.keyboard.press('ArrowRight');
    await settleApp(page);
    expect(await experts.inputValue()).toBe('9');
    expect(await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config.routedExperts)).toBe(9);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await settleApp(page);
    expect(await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config.routedExperts)).toBe(7);
    // The arrows moved the slider, not the token.
    expect(await shownPosition(page)).toBe(0);

    const topk = page.getByRole('slider', { name: 'Active experts per token (top-k)' });
    await topk.focus();
    await page.keyboard.press('End');
    await settleApp(page);
    expect(await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config.topK)).toBe(7);

    const next = page.getByRole('button', { name: 'Next token' });
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shownPosition(page)).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => shownPosition(page)).toBe(2);
    const previous = page.getByRole('button', { name: 'Previous token' });
    await previous.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => shownPosition(page)).toBe(1);

    // Space on Play presses it once (the page's own Space shortcut does not toggle it back).
    await page.getByRole('button', { name: 'Play' }).focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);

    // A token chip by keyboard.
    await page.getByRole('button', { name: /^token 4:/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shownPosition(page)).toBe(3);

    // Space on a table's summary opens it (and does not start playing).
    const summary = page.locator('load-bars summary');
    await summary.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('load-bars details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('reduced motion', () => {
  /** Transition and animation durations of every element, shadow roots included, that has any. */
  function moving(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const walk = (root: Document | ShadowRoot): Element[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? walk(el.shadowRoot) : [])]);
      const long = (list: string) => list.split(',').some((d) => parseFloat(d) > 0);
      return walk(document).flatMap((el) => {
        const s = getComputedStyle(el);
        return long(s.transitionDuration) || long(s.animationDuration)
          ? [
              `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}: ${s.transitionProperty} ${s.transitionDuration}, animation ${s.animationDuration}`,
            ]
          : [];
      });
    });
  }

  it('the token chips and the meter move normally, and not at all when reduced motion is asked for', async () => {
    const { page } = await openPage(browser, base);
    await settleApp(page);
    const chip = page.getByRole('button', { name: /^token 1:/ });
    const fill = page.locator('param-meter .fill');
    expect(await chip.evaluate((el) => getComputedStyle(el).transitionDuration)).not.toMatch(/^0s(, 0s)*$/);
    expect(await fill.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0.25s');
    expect((await moving(page)).length).toBeGreaterThan(0);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await chip.evaluate((el) => getComputedStyle(el).transitionDuration)).toMatch(/^0s(, 0s)*$/);
    expect(await fill.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    expect(await moving(page)).toEqual([]);
    await page.close();
  });

  it('nothing on any page moves under reduced motion', async () => {
    for (const path of [
      '',
      'demos/routers.html',
      'demos/scale.html',
      'demos/memory.html',
      'demos/capacity.html',
      'demos/training.html',
      'demos/balance.html',
      'demos/sparsity.html',
      'demos/experts.html',
    ]) {
      if (path && !(await pageExists(path))) continue;
      const page = await sharedPage(browser, base);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(`${base}${path}`);
      await page.waitForTimeout(1500);
      expect(await moving(page), path || 'index.html').toEqual([]);
      await page.close();
    }
  });
});

describe('touch', () => {
  it('on a tablet: tap a token chip, tap "Next token", tap a row of the sentence matrix', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await settleApp(page);
    const status = page.getByRole('status').filter({ hasText: 'parameters' });
    await page.getByRole('button', { name: /^token 3:/ }).tap();
    await expect.poll(() => status.textContent()).toContain('“brown”');
    await page.getByRole('button', { name: 'Next token' }).tap();
    await expect.poll(() => status.textContent()).toContain('“fox”');
    await page
      .locator('assignment-matrix')
      .getByRole('button', { name: /^6 over:/ })
      .tap();
    await expect.poll(() => status.textContent()).toContain('“over”');
    // Buttons are big enough to hit with a finger (WCAG 2.5.8: at least 24 × 24 CSS px). The matrix's
    // row labels are smaller, but every one has a full-size equivalent: its token chip (2.5.8's exception).
    const small = await page.getByRole('button').evaluateAll((els) =>
      els.flatMap((el) => {
        const r = el.getBoundingClientRect();
        if ((el.getRootNode() as ShadowRoot).host?.tagName === 'ASSIGNMENT-MATRIX') return [];
        return r.width > 0 && (r.width < 24 || r.height < 24)
          ? [`${el.getAttribute('aria-label') ?? el.textContent}: ${r.width}×${r.height}`]
          : [];
      }),
    );
    expect(small).toEqual([]);
    await screenshot(page, 'touch-tablet-1024x768');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a tablet: drag a slider with a finger, and run the tour by tapping', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await settleApp(page);
    const slider = page.getByRole('slider', { name: 'Routed experts' });
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    // A real finger drag: touchStart on the thumb (at value 8 of 1…256, near the left end), moves, touchEnd.
    const cdp = await context.newCDPSession(page);
    const y = box.y + box.height / 2;
    const x0 = box.x + 8;
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', x0);
    for (let i = 1; i <= 10; i++) await touch('touchMove', x0 + (box.width * 0.4 * i) / 10);
    await touch('touchEnd', x0 + box.width * 0.4);
    await settleApp(page);
    const experts = await page.evaluate(() => (document.querySelector('moe-app') as AppHandle).trace!.config.routedExperts);
    expect(experts).toBeGreaterThan(50);
    expect(Number(await slider.inputValue())).toBe(experts);

    await page.getByRole('button', { name: 'Start the guided tour' }).tap();
    await expect.poll(() => page.getByRole('heading', { name: /^Lesson 1 of 8/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await expect.poll(() => page.evaluate(() => location.search)).toContain('lesson=1.2');
    await screenshot(page, 'touch-tablet-tour');
    expect(errors).toEqual([]);
    await context.close();
  });
});
