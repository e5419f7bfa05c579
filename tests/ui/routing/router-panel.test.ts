import { afterEach, describe, expect, it } from 'vitest';
import type { TokenRouting, TokenTrace } from '../../../src/core/trace';
import '../../../src/ui/routing/router-panel';
import type { RouterPanel } from '../../../src/ui/routing/router-panel';
import { expertColour } from '../../../src/ui/shared/palette';
import { textCount, textProblems } from '../shared/chart-text';

/** A #rrggbb colour as the CSSOM writes it. */
const computed = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const token: TokenTrace = { index: 2, text: 'cat', id: 7, category: 'animal', unknown: false };

/** A hand-made routing: scores per expert, the chosen ones with weights, some dropped. */
function routing(
  scores: number[],
  experts: number[],
  weights: number[],
  dropped = experts.map(() => false),
  extra: Partial<TokenRouting> = {},
): TokenRouting {
  const used = dropped.filter((d) => !d).length;
  return { logits: scores.map(Math.log), scores, experts, weights, dropped, used, skipped: used === 0, ...extra };
}

const SOFTMAX = routing([0.05, 0.3, 0.1, 0.05, 0.2, 0.1, 0.15, 0.05], [1, 4], [0.62, 0.38]);

let box: HTMLDivElement | null = null;
afterEach(() => {
  box?.remove();
  document.documentElement.style.fontSize = '';
});

/** Mounts a panel in a box of the given width and waits for it to measure itself and render. */
async function mount(props: Partial<RouterPanel>, width = 800, fontSize = '16px'): Promise<RouterPanel> {
  box = document.createElement('div');
  box.style.width = `${width}px`;
  // Presenter mode: the page's root font grows to 140 % (page.css), so every rem and the host's font grow.
  document.documentElement.style.fontSize = fontSize === '22.4px' ? '140%' : '';
  const el = document.createElement('router-panel');
  Object.assign(el, { token, ...props });
  box.append(el);
  document.body.append(box);
  await settle(el);
  return el;
}

async function settle(el: RouterPanel): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
}

const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<router-panel>', () => {
  it('softmax top-k: one bar per expert, the chosen ones marked with their gate weights, formula and caption', async () => {
    const el = await mount({ routing: SOFTMAX, router: 'softmax-topk' });
    const rows = $$(el, 'li.row');
    expect(rows).toHaveLength(8);
    const chosen = $$(el, 'li.row.chosen');
    expect(chosen.map((r) => r.querySelector('.e')!.textContent)).toEqual(['E1', 'E4']);
    expect(chosen[0]!.textContent).toContain('chosen #1 · weight 0.62');
    expect(chosen[1]!.textContent).toContain('chosen #2 · weight 0.38');
    expect(rows[1]!.querySelector('.v')!.textContent).toBe('0.300');
    // Bars are scaled to the largest score: E1 (0.30) fills the track, E4 (0.20) two thirds of it.
    const fill = (i: number) => rows[i]!.querySelector<HTMLElement>('.fill')!.getBoundingClientRect().width;
    expect(fill(4) / fill(1)).toBeCloseTo(2 / 3, 2);
    // Chosen bars in their experts' colours, the others in the idle grey.
    const colour = (i: number) => getComputedStyle(rows[i]!.querySelector('.fill')!).backgroundColor;
    expect([colour(1), colour(4)]).toEqual([computed(expertColour(1)), computed(expertColour(4))]);
    expect(colour(0)).not.toBe(colour(1));
    expect(text(el)).toContain('g = softmax(top-k(x·W))');
    expect(text(el)).toContain('Mixtral, GShard');
    expect(text(el)).toContain('Router scores for “cat” (token 3), 8 experts');
    expect(text(el)).toContain('Chosen: E1 (weight 0.62), E4 (weight 0.38).');
  });

  it('marks a choice dropped over capacity, and a token with no expert left', async () => {
    const el = await mount({ routing: routing(SOFTMAX.scores, [1, 4], [0.62, 0.38], [false, true]), router: 'softmax-topk' });
    const dropped = $$(el, 'li.row.dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.textContent).toContain('E4');
    expect(dropped[0]!.textContent).toContain('dropped (over capacity)');
    el.routing = routing(SOFTMAX.scores, [1, 4], [0.62, 0.38], [true, true]);
    await el.updateComplete;
    expect($$(el, 'li.row.dropped')).toHaveLength(2);
    expect(text(el)).toContain('the token rides the residual connection');
  });

  it('sigmoid-bias: shows each bias beside the score, the biased score, and shades the kept groups', async () => {
    const scores = [0.6, 0.55, 0.7, 0.2, 0.9, 0.85, 0.3, 0.4];
    const bias = [0.05, -0.02, 0, 0.1, -0.3, 0.01, 0.02, -0.04];
    const biased = scores.map((s, e) => s + (bias[e] as number));
    // 4 groups of 2; kept groups 2 (E4, E5) then 0 (E0, E1); top-2 on biased inside them: E5, E0.
    const r = routing(scores, [5, 0], [0.85 / 1.45, 0.6 / 1.45], [false, false], { biased, keptGroups: [2, 0] });
    const el = await mount({ routing: r, router: 'sigmoid-bias', bias, groupSize: 2 });
    expect($$(el, 'li.row')).toHaveLength(8);
    const groups = $$(el, 'li.group');
    expect(groups.map((g) => g.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Group 0: kept (rank 2 of 2)',
      'Group 1: not kept, its experts cannot be picked',
      'Group 2: kept (rank 1 of 2)',
      'Group 3: not kept, its experts cannot be picked',
    ]);
    expect($$(el, 'li.row.kept').map((x) => x.querySelector('.e')!.textContent)).toEqual(['E0', 'E1', 'E4', 'E5']);
    // Shaded: kept rows have a background, the others do not.
    const bg = (x: HTMLElement) => getComputedStyle(x).backgroundColor;
    expect(bg($$(el, 'li.row.kept')[0]!)).not.toBe(bg($$(el, 'li.row.out')[0]!));
    const row = (e: number) => $$(el, 'li.row').find((x) => x.querySelector('.e')!.textContent === `E${e}`)!;
    expect(row(4).querySelector('.v')!.textContent).toBe('0.900 − 0.300 = 0.600');
    expect(row(3).querySelector('.v')!.textContent).toBe('0.200 + 0.100 = 0.300');
    expect(row(4).querySelector('.tick')).not.toBeNull();
    expect(row(5).textContent).toContain('chosen #1 · weight 0.59');
    expect(row(0).textContent).toContain('chosen #2 · weight 0.41');
    expect(text(el)).toContain('DeepSeek-V3');
    expect(text(el)).toContain('Kept groups, best first: 2, 0 of 4');
  });

  it('noisy top-k: shows the noise added to each logit as a number and a mark', async () => {
    const noise = [0.83, -1.2, 0.1, 0, -0.4, 0.6, -0.05, 1.5];
    const el = await mount({ routing: routing(SOFTMAX.scores, [1, 4], [0.62, 0.38], [false, false], { noise }), router: 'noisy-topk' });
    const rows = $$(el, 'li.row');
    expect(rows[0]!.querySelector('.v')!.textContent).toBe('0.050 · noise +0.83');
    expect(rows[1]!.querySelector('.v')!.textContent).toBe('0.300 · noise −1.20');
    const mark = (i: number) => rows[i]!.querySelector<HTMLElement>('.noise > span')!.getBoundingClientRect().width;
    expect(mark(7)).toBeGreaterThan(mark(0));
    expect(mark(7) / mark(1)).toBeCloseTo(1.5 / 1.2, 1);
    expect(text(el)).toContain('Shazeer et al. 2017');
  });

  it('256 experts, top-8: compact chart that fits 800 px, chosen ones labelled, a sorted top-scores table', async () => {
    const E = 256;
    const scores = Array.from({ length: E }, (_, e) => 0.001 + ((e * 37) % 101) / 30000);
    const experts = [12, 200, 13, 77, 140, 255, 0, 99];
    const weights = [0.41, 0.33, 0.08, 0.06, 0.05, 0.04, 0.02, 0.01];
    for (const e of experts) scores[e] = 0.02 + (weights[experts.indexOf(e)] as number) / 10;
    const dropped = experts.map((e) => e === 99);
    const el = await mount({ routing: routing(scores, experts, weights, dropped), router: 'softmax-topk' }, 800);
    expect(box!.scrollWidth).toBeLessThanOrEqual(box!.clientWidth);
    expect(el.scrollWidth).toBeLessThanOrEqual(el.clientWidth);
    expect($$(el, 'li.row')).toHaveLength(0);
    const svg = $$(el, 'svg')[0]!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 800 /);
    expect(svg.getBoundingClientRect().width).toBeLessThanOrEqual(800);
    expect(svg.getAttribute('aria-label')).toContain('256 experts');
    expect(svg.getAttribute('aria-label')).toContain('E12 (weight 0.41)');
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    for (const e of experts) expect(labels).toContain(`E${e}`);
    expect(labels).toContain('0.41');
    expect(labels).toContain('✕ drop');
    const table = $$(el, 'tbody tr');
    expect(table[0]!.textContent).toContain('E12');
    expect(table[0]!.textContent).toContain('chosen · weight 0.41'.replace('chosen', 'chosen #1'));
    expect(table.find((r) => r.textContent!.includes('E99'))!.textContent).toContain('dropped (over capacity)');
    expect(table.length).toBeGreaterThanOrEqual(8);
    expect(text(el)).toContain('Chosen: E12 (weight 0.41), E200 (weight 0.33)');
    // Chosen bars in their experts' colours and patterns: E0 solid, E12 striped (round 1), E255 grid (round 31).
    const fills = [...svg.querySelectorAll<SVGRectElement>('rect')].map((r) => r.style.fill);
    expect(fills).toContain('url("#rp-e12")');
    expect(fills).toContain('url("#rp-e255")');
    expect(fills).toContain(computed(expertColour(0)));
    expect(svg.querySelector('#rp-e255')!.getAttribute('data-pattern')).toBe('grid');
  });

  it('the compact chart also fits a 300 px column', async () => {
    const scores = Array.from({ length: 256 }, (_, e) => (e % 7) / 1000 + 0.001);
    const el = await mount({ routing: routing(scores, [3, 4, 5, 6, 10, 11, 12, 13], [0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]) }, 300);
    expect(box!.scrollWidth).toBeLessThanOrEqual(box!.clientWidth);
    expect($$(el, 'svg')[0]!.getAttribute('viewBox')).toMatch(/^0 0 300 /);
  });

  it('the labelled rows fit a 300 px column too (numbers and result move under the bar)', async () => {
    const scores = [0.6, 0.55, 0.7, 0.2, 0.9, 0.85, 0.3, 0.4];
    const biased = scores.map((s) => s + 0.1);
    const r = routing(scores, [4, 5], [0.51, 0.49], [false, true], { biased, keptGroups: [2, 0] });
    const el = await mount({ routing: r, router: 'sigmoid-bias', bias: scores.map(() => 0.1), groupSize: 2 }, 300);
    expect(box!.scrollWidth).toBeLessThanOrEqual(box!.clientWidth);
    for (const li of $$(el, 'li')) expect(li.getBoundingClientRect().right).toBeLessThanOrEqual(box!.getBoundingClientRect().right + 0.5);
    expect($$(el, 'li.row.dropped')[0]!.textContent).toContain('dropped (over capacity)');
  });

  it('re-renders when the routing changes', async () => {
    const el = await mount({ routing: SOFTMAX, router: 'softmax-topk' });
    el.routing = routing(SOFTMAX.scores, [6, 2], [0.7, 0.3]);
    await el.updateComplete;
    expect($$(el, 'li.row.chosen').map((r) => r.querySelector('.e')!.textContent)).toEqual(['E2', 'E6']);
    expect(text(el)).toContain('Chosen: E6 (weight 0.70), E2 (weight 0.30).');
    el.routing = null;
    await el.updateComplete;
    expect(text(el)).toContain('No token selected.');
  });
});

describe('<router-panel> gate-weight rule', () => {
  it('says in words when the weights are the probabilities over all experts (the Switch rule)', async () => {
    const el = document.createElement('router-panel');
    el.routing = {
      experts: [1],
      weights: [0.4],
      dropped: [false],
      scores: [0.1, 0.4, 0.3, 0.2],
      logits: [0, 1.4, 1.1, 0.7],
    } as unknown as typeof el.routing;
    el.router = 'softmax-topk';
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.gate-all')).toBeNull();
    el.gateNorm = 'all';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.gate-all')?.textContent).toContain('probability over all experts');
    el.router = 'expert-choice';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.gate-all')).toBeNull();
    el.remove();
  });
});

/** A routing of E experts where the experts in `chosen` won with falling weights, the 2nd one dropped. */
function many(E: number, chosen: number[], extra: (scores: number[]) => Partial<TokenRouting> = () => ({})): TokenRouting {
  const scores = Array.from({ length: E }, (_, e) => 0.001 + ((e * 37) % 101) / 30000);
  const weights = chosen.map((_, i) => (chosen.length - i) / ((chosen.length * (chosen.length + 1)) / 2));
  chosen.forEach((e, i) => (scores[e] = 0.02 + (weights[i] as number) / 10));
  return routing(
    scores,
    chosen,
    weights,
    chosen.map((_, i) => i === 1),
    extra(scores),
  );
}

const spaced = (E: number, k: number) => Array.from({ length: Math.min(E, k) }, (_, i) => Math.floor((i * E) / Math.min(E, k)));
const adjacent = (E: number, k: number) => Array.from({ length: Math.min(E, k) }, (_, i) => i + Math.floor(E / 2) - Math.min(E, k) + 1);

describe('<router-panel> chart text at 1 to 256 experts', () => {
  for (const E of [1, 8, 64, 256]) {
    for (const [width, font] of [
      [800, '16px'],
      [320, '16px'],
      [1800, '22.4px'],
    ] as const) {
      it(`${E} experts at ${width} px (page text ${font}): no two chart texts overlap and all lie inside the svg`, async () => {
        for (const [router, r] of [
          ['softmax-topk', many(E, spaced(E, 8))],
          ['softmax-topk', many(E, adjacent(E, 16))],
          ['noisy-topk', many(E, spaced(E, 4), (s) => ({ noise: s.map((_, e) => ((e % 5) - 2) / 10) }))],
          ['sigmoid-bias', many(E, spaced(E, 8), (s) => ({ biased: s, keptGroups: [0, 3] }))],
        ] as const) {
          const el = await mount({ routing: r, router, groupSize: E >= 8 ? E / 8 : 0, bias: r.scores.map(() => 0) }, width, font);
          const root = el.shadowRoot!;
          if (E > 32) {
            expect(textCount(root)).toBeGreaterThan(2);
            expect(textProblems(root)).toEqual([]);
            if (font === '22.4px')
              for (const t of root.querySelectorAll('svg text'))
                expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(20);
          } else {
            expect(root.querySelector('svg')).toBeNull();
            expect($$(el, 'li.row')).toHaveLength(E);
            if (font === '22.4px')
              for (const t of $$(el, '.rows li > span')) expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(20);
          }
          box!.remove();
        }
      });
    }
  }
});
