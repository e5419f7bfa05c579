import { afterEach, describe, expect, it } from 'vitest';
import { routeRandomToken } from '../../../src/core/real-route';
import { groupColumns } from '../../../src/ui/scale/layer-experts';
import { expertColour } from '../../../src/ui/shared/palette';
import type { RouteTokenEvent } from '../../../src/ui/scale/scale-events';
import { mount, preset, text, toy, unmountAll } from './scale-helpers';

afterEach(unmountAll);

const blocks = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.b[data-label]')];
const lit = (el: Element) =>
  blocks(el)
    .filter((b) => b.classList.contains('on'))
    .map((b) => b.dataset.label);

describe('groupColumns', () => {
  it('full rows, about twice as wide as tall', () => {
    expect([32, 20, 16, 7, 1, 12].map(groupColumns)).toEqual([8, 5, 4, 7, 1, 4]);
  });
});

describe('<layer-experts>', () => {
  it('DeepSeek-V3: 256 routed blocks in 8 groups plus 1 shared, the 8 chosen lit inside the 4 kept groups', async () => {
    const m = preset('deepseek-v3');
    const route = routeRandomToken(m, 5);
    const el = await mount('layer-experts', { model: m, route, elapsed: 3 }, 1100);
    expect(blocks(el)).toHaveLength(257);
    expect(el.shadowRoot!.querySelectorAll('.group[data-group]')).toHaveLength(8);
    expect(lit(el)).toHaveLength(8);
    expect(new Set(lit(el))).toEqual(new Set(route.chosen.map((e) => `E${e}`)));
    const kept = el.shadowRoot!.querySelectorAll('.group[data-group]:not(.dropped)');
    expect([...kept].map((g) => Number((g as HTMLElement).dataset.group)).sort()).toEqual([...route.keptGroups!].sort());
    for (const g of kept) expect(g.textContent).toContain(': kept');
    expect(blocks(el)[0]!.classList.contains('sh')).toBe(true);
    const t = text(el);
    expect(t).toContain(`Groups kept: ${route.keptGroups!.map((g) => g + 1).join(', ')} of 8.`);
    expect(t).toContain("9 of 257 experts ran: 3.5% of this layer's expert weights.");
    expect(t).toContain('1,835,008 multiply-adds in 3 ms here');
    expect(t).toContain('No real weights are loaded');
    expect(t).toContain("the groups and the work are DeepSeek-V3's real ones");
    expect(el.shadowRoot!.querySelector('[role=img]')!.getAttribute('aria-label')).toContain('256 routed experts in 8 groups and 1 shared');
  });

  it('the grid of groups fits the panel without sideways scrolling, at 1100 and 700 px', async () => {
    for (const width of [1100, 700]) {
      const m = preset('deepseek-v3');
      const el = await mount('layer-experts', { model: m, route: routeRandomToken(m, 1) }, width);
      const host = el.getBoundingClientRect();
      const right = Math.max(...[...el.shadowRoot!.querySelectorAll('.group')].map((g) => g.getBoundingClientRect().right));
      expect(right).toBeLessThanOrEqual(host.right + 0.5);
      // Four groups per row: two rows of groups.
      const tops = new Set(
        [...el.shadowRoot!.querySelectorAll('.group[data-group]')].map((g) => Math.round(g.getBoundingClientRect().top)),
      );
      expect(tops.size).toBe(2);
      unmountAll();
    }
  });

  it('Mixtral: 8 large blocks with the weights printed on the chosen two', async () => {
    const m = preset('mixtral-8x7b');
    const route = routeRandomToken(m, 2);
    const el = await mount('layer-experts', { model: m, route });
    expect(blocks(el)).toHaveLength(8);
    expect(el.shadowRoot!.querySelectorAll('.group')).toHaveLength(1);
    const on = blocks(el).filter((b) => b.classList.contains('on'));
    expect(on).toHaveLength(2);
    expect(on[0]!.textContent).toMatch(/0\.\d\d/);
    // Lit in their own colours; the legend's swatches are the chosen experts'.
    const colour = (e: number) => `rgb(${[1, 3, 5].map((i) => parseInt(expertColour(e).slice(i, i + 2), 16)).join(', ')})`;
    expect(on.map((b) => getComputedStyle(b).backgroundColor)).toEqual(on.map((b) => colour(Number(b.dataset.label!.slice(1)))));
    const swatches = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.legend .b.on')];
    expect(swatches.map((b) => Number(b.dataset.expert))).toEqual(route.chosen);
    expect(text(el)).toContain('The top 2 of the 8 router logits are chosen; gate weights: softmax over those 2.');
  });

  it('"Route a token" sends a RouteTokenEvent', async () => {
    const el = await mount('layer-experts', { model: toy(), route: null });
    const got: RouteTokenEvent[] = [];
    el.addEventListener('route-token', (e) => got.push(e));
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).toBe('Route a token');
    button.click();
    expect(got).toHaveLength(1);
    expect(text(el)).toContain('Press "Route a token".');
  });

  it('shows a routing problem instead of a result', async () => {
    const el = await mount('layer-experts', { model: preset('deepseek-v2'), route: null, problem: 'Cannot route a token here: too big.' });
    expect(el.shadowRoot!.querySelector('.problem')!.textContent).toBe('Cannot route a token here: too big.');
  });
});
