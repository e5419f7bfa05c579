import { describe, expect, it } from 'vitest';
import '../../../src/ui/routing/layers-view';
import type { LayersView } from '../../../src/ui/routing/layers-view';
import type { TokenSelectEvent } from '../../../src/ui/shared/events';
import { handTrace, threeWords } from './layers-fixture';

/** Layer 1: the → E2, fox → E5, runs → E2. Layer 2: the → E1, fox → E0 (first choice E3 dropped), runs → none. */
const two = threeWords();

async function mount(trace = two, current = 1): Promise<LayersView> {
  const el = document.createElement('layers-view');
  el.trace = trace;
  el.current = current;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const text = (n: Node | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<layers-view>', () => {
  it('draws a row per layer, each word with its first-choice expert, the current word marked', async () => {
    const el = await mount();
    const rows = [...el.shadowRoot!.querySelectorAll('ol[data-layer]')];
    expect(rows).toHaveLength(2);
    const chips = rows.map((r) => [...r.querySelectorAll('button')].map((b) => text(b)));
    expect(chips).toEqual([
      ['the E2', 'fox E5', 'runs E2'],
      ['the E1', 'fox ✕3 E0', 'runs ✕ none'],
    ]);
    expect(rows.map((r) => [...r.querySelectorAll('button')].map((b) => b.dataset.expert))).toEqual([
      ['2', '5', '2'],
      ['1', '0', ''],
    ]);
    for (const r of rows)
      expect([...r.querySelectorAll('button')].map((b) => b.getAttribute('aria-current'))).toEqual(['false', 'true', 'false']);
    const fox2 = rows[1]!.querySelectorAll('button')[1]!;
    expect(fox2.getAttribute('aria-label')).toBe('token 2, layer 2: fox ✕3 E0 (gate weight 0.35; first choice E3 dropped, over capacity)');
    // The accessible name holds the visible text as it reads.
    for (const b of el.shadowRoot!.querySelectorAll('button')) expect(b.getAttribute('aria-label')).toContain(text(b));
    // One tab stop per word: the first row only.
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.tabIndex)).toEqual([0, 0, 0, -1, -1, -1]);
    el.remove();
  });

  it('draws the flow: one line per word, the current one bold, its path named in words', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('path.hit')).toHaveLength(3);
    expect(root.querySelectorAll('path.p.sel')).toHaveLength(1);
    const name = root.querySelector('svg')!.getAttribute('aria-label')!;
    expect(name).toContain('“fox”: layer 1 E5, layer 2 E0');
    expect(text(root.querySelector('.path'))).toBe('Path of “fox”: L1 E5 → L2 E0');
    const labels = [...root.querySelectorAll('svg text.expert')].map((t) => text(t)).sort();
    expect(labels).toEqual(['E0', 'E1', 'E2', 'E5', '✕ none']);
    el.remove();
  });

  it('sends token-select with the index when a word, a word of the picture or a line is clicked', async () => {
    const el = await mount();
    const got: number[] = [];
    el.addEventListener('token-select', (e: TokenSelectEvent) => got.push(e.index));
    el.shadowRoot!.querySelectorAll('ol[data-layer="1"] button')[2]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    el.shadowRoot!.querySelector<SVGPathElement>('path.hit[data-token="0"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    [...el.shadowRoot!.querySelectorAll('svg text.word')]
      .find((t) => text(t) === 'runs')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(got).toEqual([2, 0, 2]);
    el.current = 2;
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.path'))).toBe('Path of “runs”: L1 E2 → L2 ✕ none');
    el.remove();
  });

  it('has a table whose cells are the trace’s top expert and weight per word and layer', async () => {
    const el = await mount();
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    const cells = rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => text(c)));
    const expected = two.tokens.map((tok, i) => [
      tok.text,
      ...two.layers.map((layer) => {
        const r = layer.tokens[i]!;
        const j = r.dropped.findIndex((d) => !d);
        return j < 0 ? 'none' : `E${r.experts[j]} (${r.weights[j]!.toFixed(2)})`;
      }),
    ]);
    expect(cells).toEqual(expected);
    expect(cells).toEqual([
      ['the', 'E2 (0.60)', 'E1 (0.80)'],
      ['fox', 'E5 (0.70)', 'E0 (0.35)'],
      ['runs', 'E2 (0.55)', 'none'],
    ]);
    expect([...el.shadowRoot!.querySelectorAll('thead th')].map((c) => text(c))).toEqual(['Word', 'Layer 1', 'Layer 2']);
    el.remove();
  });

  it('renders nothing for a single layer', async () => {
    const one = handTrace(
      ['the', 'fox'],
      [
        [
          [[1], [1]],
          [[0], [1]],
        ],
      ],
    );
    const el = await mount(one, 0);
    expect(el.shadowRoot!.children).toHaveLength(0);
    expect(text(el.shadowRoot)).toBe('');
    el.trace = two;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('ol[data-layer]')).toHaveLength(2);
    el.remove();
  });
});
