/**
 * Accessibility of the built site in Chromium: axe-core on every page and on the states the
 * simulator's controls reach (zero violations, looking inside every open shadow root), the main page
 * driven by keyboard alone with a visible focus ring on every stop, no motion when the reader asks
 * for less, and tap-to-step on a touch tablet.
 *
 * axe runs through tests/e2e/axe.ts, injected as axe-core's own script (the CSP stays on).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, openPage, screenshot, settleApp, type AppHandle } from './browser';

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

  it('demos/scale.html: default, the toy, and a pasted broken config', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/scale.html`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'multiply-adds' }).count(), { timeout: 20000 }).toBe(1);
    expect(await axeViolations(page, 'demos/scale.html')).toEqual([]);

    await page
      .getByRole('textbox', { name: 'Paste a config.json' })
      .fill('{\n  "model_type": "deepseek_v3",\n  "vocab_size": 129280\n  "hidden_size": 7168\n}');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not valid JSON' }).count()).toBe(1);
    expect(await axeViolations(page, 'demos/scale.html (broken config)')).toEqual([]);

    await page.getByRole('radio', { name: /Your toy model/ }).check();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing:' }).textContent()).toContain('Your toy model');
    expect(await axeViolations(page, 'demos/scale.html (toy)')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demos/memory.html, with the attention tables open', async () => {
    const { page, errors } = await openPage(browser, `${base}demos/memory.html`);
    await expect.poll(() => page.locator('attention-map').count(), { timeout: 20000 }).toBe(3);
    await page.evaluate(() => document.querySelector('memory-page')!.settled());
    expect(await axeViolations(page, 'demos/memory.html')).toEqual([]);
    // The tables behind the heat maps were built when their <details> opened.
    expect(await page.locator('attention-map table').count()).toBe(3);
    // A bad seed and its message.
    const seed = page.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Seed' }).count()).toBe(1);
    expect(await axeViolations(page, 'demos/memory.html (bad seed)')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('demos/capacity.html: default, factor 1 with drops, a bad link, a bad seed, expert choice, Chinese, a phone', async () => {
    const states: [string, { width: number; height: number }?][] = [
      [''],
      ['?cf=1'],
      ['?cf=abc&k=99&L=3'],
      ['?r=expert-choice&cf=0.5'],
      ['?lang=zh&cf=1'],
      ['?cf=1', { width: 390, height: 844 }],
    ];
    for (const [query, viewport] of states) {
      const { page, errors } = await openPage(browser, `${base}demos/capacity.html${query}`, viewport);
      await page.waitForFunction(() => customElements.get('capacity-page') !== undefined, undefined, { timeout: 20000 });
      await page.evaluate(() => (document.querySelector('capacity-page') as unknown as { settled(): Promise<void> }).settled());
      expect(await axeViolations(page, `demos/capacity.html${query}`)).toEqual([]);
      if (query === '?cf=1' && !viewport) {
        const seed = page.getByRole('spinbutton', { name: 'Seed' });
        await seed.fill('-3');
        await seed.press('Enter');
        await expect.poll(() => page.locator('#seed-problem').count()).toBe(1);
        expect(await axeViolations(page, 'demos/capacity.html (bad seed)')).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  for (const [path, tag, query] of [
    ['demos/sparsity.html', 'sparsity-page', ''],
    ['demos/sparsity.html', 'sparsity-page', '?e=abc&k=99&s=2&m=2&L=2&cf=1'],
    ['demos/experts.html', 'experts-page', ''],
    ['demos/experts.html', 'experts-page', '?e=abc&k=99&s=2&m=4'],
    ['demos/experts.html', 'experts-page', '?e=64&s=1&lang=zh'],
  ] as const) {
    it(`${path}${query}, and a refused change with its message`, async () => {
      const { page, errors } = await openPage(browser, `${base}${path}${query}`);
      const settled = () => page.evaluate((t) => (document.querySelector(t) as unknown as { settled(): Promise<void> }).settled(), tag);
      await page.waitForFunction(
        (t) => typeof (document.querySelector(t) as unknown as { settled?: unknown } | null)?.settled === 'function',
        tag,
        { timeout: 20000 },
      );
      await settled();
      expect(await axeViolations(page, `${path}${query}`)).toEqual([]);
      const seed = page.locator(`${tag} lesson-controls input[type="number"]`).first();
      await seed.fill('-3');
      await seed.press('Enter');
      await expect.poll(() => page.locator(`${tag} lesson-controls [role="alert"]`).count()).toBe(1);
      expect(await axeViolations(page, `${path}${query} (bad seed)`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  // The training pages are being written alongside this test: they are checked when they exist.
  for (const [path, train, pause] of [
    ['demos/training.html', /^Train$/, /^Pause$/],
    ['demos/balance.html', /^Train both$/, /^Pause both$/],
  ] as const) {
    it(`${path}: before and after a few seconds of training`, async (ctx) => {
      if (!(await pageExists(path))) {
        console.warn(`${path} is not in the build: skipped`);
        ctx.skip();
        return;
      }
      const { page, errors } = await openPage(browser, `${base}${path}`);
      const button = page.getByRole('button', { name: train });
      await expect.poll(() => button.isEnabled(), { timeout: 20000 }).toBe(true);
      expect(await axeViolations(page, path)).toEqual([]);
      await button.click();
      await page.waitForTimeout(3000);
      await page.getByRole('button', { name: pause }).click();
      await expect.poll(() => button.count()).toBe(1);
      expect(await axeViolations(page, `${path} (trained)`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

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
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
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
    await expect.poll(() => page.getByRole('heading', { name: /^Lesson 1 of 7/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await expect.poll(() => page.evaluate(() => location.search)).toContain('lesson=1.2');
    await screenshot(page, 'touch-tablet-tour');
    expect(errors).toEqual([]);
    await context.close();
  });
});
