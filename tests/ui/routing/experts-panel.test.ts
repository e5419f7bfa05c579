import { afterEach, describe, expect, it } from 'vitest';
import type { ExpertTrace, LayerTrace, TokenRouting } from '../../../src/core/trace';
import '../../../src/ui/routing/experts-panel';
import type { ExpertsPanel } from '../../../src/ui/routing/experts-panel';
import { expertColour } from '../../../src/ui/shared/palette';

/** A #rrggbb colour as getComputedStyle writes it. */
const computed = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** A hand-made token routing: the chosen experts with weights, some dropped. */
function route(experts: number[], weights: number[], dropped = experts.map(() => false)): TokenRouting {
  const used = dropped.filter((d) => !d).length;
  return { logits: [], scores: [], experts, weights, dropped, used, skipped: used === 0 };
}

/** A hand-made layer of E routed experts of `params` parameters each. */
function layer(E: number, params: number, tokens: TokenRouting[]): LayerTrace {
  const experts: ExpertTrace[] = Array.from({ length: E }, (_, index) => ({ index, demand: 1, load: 1, params }));
  return { index: 0, tokens, experts, capacity: null, droppedChoices: 0, skippedTokens: 0, balance: { maxOverMean: 1, cv: 0 } };
}

const EIGHT = layer(8, 6144, [route([1, 4], [0.62, 0.38]), route([6, 2], [0.7, 0.3]), route([3, 5], [0.55, 0.45], [false, true])]);

let box: HTMLDivElement | null = null;
afterEach(() => box?.remove());

async function mount(props: Partial<ExpertsPanel>, width = 800): Promise<ExpertsPanel> {
  box = document.createElement('div');
  box.style.width = `${width}px`;
  const el = document.createElement('experts-panel');
  Object.assign(el, props);
  box.append(el);
  document.body.append(box);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
  return el;
}

const blocks = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.blocks > .b')];
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const area = (b: HTMLElement) => {
  const r = b.getBoundingClientRect();
  return r.width * r.height;
};

describe('<experts-panel>', () => {
  it('one block per expert, shared first and always lit, the chosen ones lit with their weights', async () => {
    const el = await mount({ layer: EIGHT, current: 0, sharedExperts: 1, sharedParams: 6144 });
    const all = blocks(el);
    expect(all).toHaveLength(9);
    expect(all[0]!.classList.contains('shared')).toBe(true);
    expect(all[0]!.textContent).toContain('S0');
    expect(all[0]!.textContent).toContain('shared');
    const lit = all.filter((b) => b.classList.contains('on'));
    expect(lit.map((b) => b.dataset.label)).toEqual(['E1', 'E4']);
    expect(lit[0]!.textContent).toContain('0.62');
    expect(lit[1]!.textContent).toContain('0.38');
    // The larger weight has the longer bar: E1 (the largest) a full one, E4 a shorter one.
    const mix = (b: HTMLElement) => Number(b.dataset.strength);
    expect(mix(lit[0]!)).toBeGreaterThan(mix(lit[1]!));
    expect(text(el)).toContain('Lit: E1 (0.62), E4 (0.38)');
    expect(text(el)).toContain('Shared, always lit: S0');
    expect(text(el)).toContain('each block is an expert; its area is its parameter count'.replace('each', 'Each'));
    expect(el.shadowRoot!.querySelector('.blocks')!.getAttribute('role')).toBe('img');
    expect(el.shadowRoot!.querySelector('.blocks')!.getAttribute('aria-label')).toContain(
      'lit for this token: E1 weight 0.62, E4 weight 0.38',
    );
    // 1 shared + 2 routed of 9 equal experts at work.
    expect(text(el)).toContain('18,432 of 55,296 (33.3%)');
  });

  it('block areas are proportional to parameter counts', async () => {
    // Fine-grained routed experts (m = 4) beside a shared expert of four times their size.
    const el = await mount({ layer: layer(32, 1536, [route([0, 1], [0.5, 0.5])]), sharedExperts: 1, sharedParams: 6144 });
    const all = blocks(el);
    expect(area(all[0]!) / area(all[5]!)).toBeCloseTo(4, 1);
    expect(area(all[3]!)).toBeCloseTo(area(all[30]!), 3);
    expect(text(el)).toContain('shared: 6,144 parameters each; routed: 1,536 parameters each');
  });

  it('marks dropped choices and re-renders when the current token changes', async () => {
    const el = await mount({ layer: EIGHT, current: 0 });
    el.current = 1;
    await el.updateComplete;
    expect(
      blocks(el)
        .filter((b) => b.classList.contains('on'))
        .map((b) => b.dataset.label),
    ).toEqual(['E2', 'E6']);
    expect(text(el)).toContain('Lit: E6 (0.70), E2 (0.30)');
    el.current = 2;
    await el.updateComplete;
    const dropped = blocks(el).filter((b) => b.classList.contains('dropped'));
    expect(dropped.map((b) => b.dataset.label)).toEqual(['E5']);
    expect(dropped[0]!.textContent).toContain('✕');
    expect(text(el)).toContain('Dropped (over capacity): E5');
    expect(text(el)).toContain('Lit: E3 (0.55)');
  });

  it('256 experts fit 800 px without scrolling sideways and the lit ones are listed in words', async () => {
    const experts = [12, 200, 13, 77, 140, 255, 0, 99];
    const weights = [0.41, 0.33, 0.08, 0.06, 0.05, 0.04, 0.02, 0.01];
    const el = await mount({ layer: layer(256, 1536, [route(experts, weights)]), sharedExperts: 2, sharedParams: 1536 }, 800);
    expect(blocks(el)).toHaveLength(258);
    expect(box!.scrollWidth).toBeLessThanOrEqual(box!.clientWidth);
    expect(el.scrollWidth).toBeLessThanOrEqual(el.clientWidth);
    const right = Math.max(...blocks(el).map((b) => b.getBoundingClientRect().right));
    expect(right).toBeLessThanOrEqual(box!.getBoundingClientRect().right);
    expect(blocks(el).filter((b) => b.classList.contains('on'))).toHaveLength(8);
    expect(text(el)).toContain('Lit: E12 (0.41), E200 (0.33), E13 (0.08), E77 (0.06), E140 (0.05), E255 (0.04), E0 (0.02), E99 (0.01)');
    // The whole grid stays a reasonable height on a projector.
    expect(el.shadowRoot!.querySelector('.blocks')!.getBoundingClientRect().height).toBeLessThan(400);
  });

  it('lit blocks and the legend show the lit experts’ own colours, patterned from expert 8 on', async () => {
    const el = await mount({ layer: layer(16, 6144, [route([1, 9], [0.6, 0.4])]) });
    const lit = blocks(el).filter((b) => b.classList.contains('on'));
    const colours = [computed(expertColour(1)), computed(expertColour(9))];
    expect(lit.map((b) => getComputedStyle(b).backgroundColor)).toEqual(colours);
    // E1 and E9 share a colour; E9 is striped.
    expect(colours[0]).toBe(colours[1]);
    expect(getComputedStyle(lit[0]!).backgroundImage).not.toContain('repeating-linear-gradient');
    expect(getComputedStyle(lit[1]!).backgroundImage).toContain('repeating-linear-gradient');
    const swatches = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.legend .b.on')];
    expect(swatches.map((b) => b.dataset.label)).toEqual(['E1', 'E9']);
    expect(swatches.map((b) => getComputedStyle(b).backgroundColor)).toEqual(colours);
    expect(getComputedStyle(swatches[1]!).backgroundImage).toContain('repeating-linear-gradient');
  });

  it('says so when there is nothing to show', async () => {
    const el = await mount({ layer: null });
    expect(text(el)).toContain('No experts to show.');
  });
});
