import { afterEach, describe, expect, it } from 'vitest';
import type { ExpertTrace } from '../../../src/core/trace';
import '../../../src/ui/routing/load-bars';
import { expertColour } from '../../../src/ui/shared/palette';
import { textCount, textProblems } from '../shared/chart-text';

/** A #rrggbb colour as the CSSOM writes it. */
const computed = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const expert = (index: number, demand: number, load = demand): ExpertTrace => ({ index, demand, load, params: 100 });

let box: HTMLDivElement | null = null;
afterEach(() => {
  box?.remove();
  document.documentElement.style.fontSize = '';
});

/** Mounts the chart in a box of the given width and waits for it to measure itself and render. */
async function mount(experts: ExpertTrace[], capacity: number | null, width = 600, fontSize = '16px') {
  box = document.createElement('div');
  box.style.width = `${width}px`;
  // Presenter mode: the page's root font grows to 140 % (page.css), so every rem and the host's font grow.
  document.documentElement.style.fontSize = fontSize === '22.4px' ? '140%' : '';
  const el = document.createElement('load-bars');
  el.experts = experts;
  el.capacity = capacity;
  box.append(el);
  document.body.append(box);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
  return el;
}

const num = (el: Element | null | undefined, attr: string) => Number(el?.getAttribute(attr));

describe('<load-bars>', () => {
  it('draws bars proportional to demand, hatches the dropped part and puts the capacity line at its height', async () => {
    const el = await mount([expert(0, 4, 3), expert(1, 2), expert(2, 0), expert(3, 3)], 3);
    const root = el.shadowRoot!;
    const bars = [...root.querySelectorAll('rect.bar')];
    const drops = [...root.querySelectorAll('rect.drop')];
    expect(bars).toHaveLength(4);
    expect(drops).toHaveLength(1);
    const total = (i: number) => num(bars[i], 'height') + (i === 0 ? num(drops[0], 'height') : 0);
    const unit = total(1) / 2;
    expect(unit).toBeGreaterThan(0);
    expect(total(0)).toBeCloseTo(4 * unit);
    expect(total(2)).toBe(0);
    expect(total(3)).toBeCloseTo(3 * unit);
    expect(num(drops[0], 'height')).toBeCloseTo(1 * unit);
    // The capacity line sits exactly on top of the bar that holds capacity (3) tokens, and on the kept part of the full one.
    const cap = root.querySelector('line.cap');
    expect(num(cap, 'y1')).toBeCloseTo(num(bars[3], 'y'));
    expect(num(cap, 'y1')).toBeCloseTo(num(bars[0], 'y'));
    expect(root.querySelector('text.cap-label')?.textContent).toBe('capacity 3');
    expect([...root.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['4', '2', '0', '3']);
    expect([...root.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual(['E0', 'E1', 'E2', 'E3']);
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Tokens per expert. E0: 4, E1: 2, E2: 0, E3: 3. Capacity 3; 1 expert over it',
    );
    el.remove();
  });

  it('fills each bar with its expert’s colour, patterned from expert 8 on (each pattern defined once)', async () => {
    const el = await mount(
      Array.from({ length: 16 }, (_, i) => expert(i, 1 + (i % 3))),
      null,
    );
    const root = el.shadowRoot!;
    const bars = [...root.querySelectorAll<SVGRectElement>('rect.bar')];
    expect(bars[1]!.style.fill).toBe(computed(expertColour(1)));
    expect(bars[9]!.style.fill).toBe('url("#lb-e9")');
    expect([...root.querySelectorAll('pattern[id^="lb-e"]')].map((p) => p.id)).toEqual(Array.from({ length: 8 }, (_, i) => `lb-e${i + 8}`));
    el.remove();
  });

  it('offers a table alternative with demand, load and dropped per expert', async () => {
    const el = await mount([expert(0, 4, 3), expert(1, 2)], 3);
    const rows = [...el.shadowRoot!.querySelectorAll('details table tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['E0', '4', '3', '1'],
      ['E1', '2', '2', '0'],
    ]);
    el.remove();
  });

  it('above 32 experts: numbers only where they all fit, a thinned axis and a summarising label; no limit draws no line', async () => {
    const experts = Array.from({ length: 40 }, (_, i) => expert(i, i % 5));
    const el = await mount(experts, null, 320);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('rect.bar')).toHaveLength(40);
    expect(root.querySelectorAll('text.value')).toHaveLength(0);
    // d3's round ticks that fit (every 5th at 320 px), the last expert in place of the tick it would crowd.
    expect([...root.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual([
      'E0',
      'E5',
      'E10',
      'E15',
      'E20',
      'E25',
      'E30',
      'E39',
    ]);
    box!.style.width = '1600px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
    expect(root.querySelectorAll('text.value')).toHaveLength(40);
    box!.style.width = '320px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
    expect(root.querySelector('line.cap')).toBeNull();
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Tokens per expert. 40 experts, from 0 to 4 tokens each; 8 got none. No capacity limit',
    );
    expect(root.querySelectorAll('details tbody tr')).toHaveLength(40);
    el.remove();
  });

  it('keeps the capacity line visible among 256 thin bars', async () => {
    const experts = Array.from({ length: 256 }, (_, i) => expert(i, i % 7 === 0 ? 5 : 1, i % 7 === 0 ? 2 : 1));
    const el = await mount(experts, 2);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('rect.drop')).toHaveLength(37);
    const names = [...root.querySelectorAll('text.name')].map((t) => t.textContent);
    expect(names[0]).toBe('E0');
    expect(names.at(-1)).toBe('E255');
    expect(root.querySelectorAll('text.value')).toHaveLength(0);
    expect(textProblems(root)).toEqual([]);
    const cap = root.querySelector('line.cap');
    expect(num(cap, 'x2')).toBeGreaterThan(num(root.querySelectorAll('rect.bar')[255], 'x'));
    expect(num(cap, 'y1')).toBeCloseTo(num(root.querySelectorAll('rect.bar')[0], 'y'));
    el.remove();
  });

  for (const n of [1, 8, 64, 256]) {
    for (const [width, font] of [
      [600, '16px'],
      [320, '16px'],
      [1800, '22.4px'],
    ] as const) {
      it(`${n} experts at ${width} px (page text ${font}): no two texts overlap, all inside the svg, numbers on all bars or none`, async () => {
        const experts = Array.from({ length: n }, (_, i) => expert(i, i === n - 1 ? 12 : (i * 7) % 5, i === n - 1 ? 9 : (i * 7) % 5));
        const el = await mount(experts, 9, width, font);
        const root = el.shadowRoot!;
        expect(textCount(root)).toBeGreaterThan(2);
        expect(textProblems(root)).toEqual([]);
        const values = [...root.querySelectorAll('text.value')].map((t) => t.textContent);
        if (values.length > 0) expect(values).toHaveLength(n);
        if (font === '22.4px')
          for (const t of root.querySelectorAll('text')) expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(20);
      });
    }
  }
});
