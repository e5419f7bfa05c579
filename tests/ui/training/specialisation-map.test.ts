import { describe, expect, it } from 'vitest';
import type { SpecialisationMap } from '../../../src/core/specialisation';
import { formatScore } from '../../../src/ui/training/specialisation-map';
import '../../../src/ui/training/specialisation-map';

const MAP: SpecialisationMap = {
  categories: ['animal', 'verb', 'colour'],
  counts: [
    [5, 0, 1],
    [0, 4, 0],
    [1, 1, 3],
  ],
  score: 0.456,
};

async function mount(map: SpecialisationMap | null, step = 50, startScore: number | null = -0.012) {
  const el = document.createElement('specialisation-map');
  el.map = map;
  el.step = step;
  el.startScore = startScore;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<specialisation-map>', () => {
  it('shows the score in numbers and words, against the score before training, with a caption on 0 and 1', async () => {
    const el = await mount(MAP);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('.value'))).toBe('0.46');
    expect(text(root.querySelector('.words'))).toBe('clearly specialised; it was −0.01 before training.');
    expect(text(root.querySelector('.caption'))).toContain(
      "0 = the experts say no more about a word's category than chance; 1 = each category has experts of its own.",
    );
    el.remove();
  });

  it('is a table of category × expert counts, darker for a larger share of the row, the favourite outlined', async () => {
    const el = await mount(MAP);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('caption'))).toBe('Words of each category by first-choice expert, layer 1, after step 50');
    expect([...root.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual(['Category', 'E0', 'E1', 'E2']);
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows.map((r) => [...r.children].map((c) => text(c)))).toEqual([
      ['animal (6)', '5', '0', '1'],
      ['verb (4)', '0', '4', '0'],
      ['colour (5)', '1', '1', '3'],
    ]);
    expect([...root.querySelectorAll('td.top')].map((c) => c.textContent)).toEqual(['5', '4', '3']);
    expect(root.querySelectorAll('td.zero')).toHaveLength(3);
    const bg = (td: Element) => (td as HTMLElement).style.background;
    // #08519c mixed with white by the row's share: 100% is the full colour, 17% is mostly white.
    expect(bg(rows[1]!.children[2]!)).toBe(`rgb(8, 81, 156)`); // verb: all four words on E1
    expect(bg(rows[0]!.children[3]!)).toBe(`rgb(213, 225, 238)`); // animal on E2: 1 of 6 → tint 17%
    el.remove();
  });

  it('before training, does not compare with itself; without a map, says it is measuring', async () => {
    const el = await mount({ ...MAP, score: -0.004 }, 0);
    expect(text(el.shadowRoot!.querySelector('.words'))).toBe('no more than chance.');
    expect(text(el.shadowRoot!.querySelector('.value'))).toBe('0.00');
    el.remove();
    const none = await mount(null);
    expect(text(none.shadowRoot!.querySelector('.empty'))).toBe('Measuring…');
    none.remove();
    expect([0.123, -0.2, -0.001].map(formatScore)).toEqual(['0.12', '−0.20', '0.00']);
  });
});
