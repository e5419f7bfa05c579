import { describe, expect, it } from 'vitest';
import type { ExpertTrace } from '../../../src/core/trace';
import '../../../src/ui/routing/load-bars';
import { expertColour } from '../../../src/ui/shared/palette';

/** A #rrggbb colour as the CSSOM writes it. */
const computed = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const expert = (index: number, demand: number, load = demand): ExpertTrace => ({ index, demand, load, params: 100 });

async function mount(experts: ExpertTrace[], capacity: number | null) {
  const el = document.createElement('load-bars');
  el.experts = experts;
  el.capacity = capacity;
  document.body.append(el);
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

  it('above 32 experts drops per-bar labels for ticks every 16 and a summarising label; no limit draws no line', async () => {
    const experts = Array.from({ length: 40 }, (_, i) => expert(i, i % 5));
    const el = await mount(experts, null);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('rect.bar')).toHaveLength(40);
    expect(root.querySelectorAll('text.value')).toHaveLength(0);
    expect([...root.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual(['E0', 'E16', 'E32']);
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
    expect([...root.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual([
      'E0',
      'E32',
      'E64',
      'E96',
      'E128',
      'E160',
      'E192',
      'E224',
    ]);
    const cap = root.querySelector('line.cap');
    expect(num(cap, 'x2')).toBeGreaterThan(num(root.querySelectorAll('rect.bar')[255], 'x'));
    expect(num(cap, 'y1')).toBeCloseTo(num(root.querySelectorAll('rect.bar')[0], 'y'));
    el.remove();
  });
});
