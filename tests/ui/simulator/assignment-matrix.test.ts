import { describe, expect, it } from 'vitest';
import type { LayerTrace, TokenRouting, TokenTrace } from '../../../src/core/trace';
import type { TokenSelectEvent } from '../../../src/ui/shared/events';
import '../../../src/ui/simulator/assignment-matrix';
import { expertColour } from '../../../src/ui/shared/palette';

/** A #rrggbb colour as the CSSOM writes it. */
const computed = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const token = (index: number, text: string): TokenTrace => ({ index, text, id: index + 1, category: 'object', unknown: false });
const route = (experts: number[], weights: number[], dropped: boolean[]): TokenRouting => ({
  logits: [],
  scores: [],
  experts,
  weights,
  dropped,
  used: dropped.filter((d) => !d).length,
  skipped: dropped.every((d) => d),
});

function layer(routes: TokenRouting[], experts: number, capacity: number | null): LayerTrace {
  const demand = new Array<number>(experts).fill(0);
  const load = new Array<number>(experts).fill(0);
  for (const r of routes) r.experts.forEach((e, j) => ((demand[e] = demand[e]! + 1), r.dropped[j] || (load[e] = load[e]! + 1)));
  return {
    index: 0,
    tokens: routes,
    experts: demand.map((d, index) => ({ index, demand: d, load: load[index]!, params: 10 })),
    capacity,
    droppedChoices: routes.reduce((a, r) => a + r.dropped.filter(Boolean).length, 0),
    skippedTokens: routes.filter((r) => r.skipped).length,
    balance: { maxOverMean: 1, cv: 0 },
  };
}

// Four words, top-2 of four experts, capacity 2: "sat" loses E1; "down" loses both its choices.
const TOKENS = [token(0, 'cats'), token(1, 'sat'), token(2, 'down'), token(3, 'now')];
const ROUTES = [
  route([1, 0], [0.6, 0.4], [false, false]),
  route([2, 1], [0.7, 0.3], [false, false]),
  route([1, 2], [0.55, 0.45], [true, false]),
  route([1, 2], [0.8, 0.2], [true, true]),
];

async function mount(tokens: TokenTrace[], l: LayerTrace, current = 1) {
  const el = document.createElement('assignment-matrix');
  el.tokens = tokens;
  el.layer = l;
  el.current = current;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<assignment-matrix>', () => {
  it('draws one cell per choice in its expert column, marks dropped choices and highlights the current row', async () => {
    const el = await mount(TOKENS, layer(ROUTES, 4, 2));
    const root = el.shadowRoot!;
    const cells = [...root.querySelectorAll('svg.cells rect.cell')];
    expect(cells).toHaveLength(8);
    expect(cells.map((c) => c.getAttribute('x'))).toEqual(['25%', '0%', '50%', '25%', '25%', '50%', '25%', '50%']);
    const dropped = [...root.querySelectorAll('rect.cell.dropped')];
    expect(dropped).toHaveLength(3);
    expect(dropped.every((c) => c.getAttribute('fill') === 'url(#drop)')).toBe(true);
    // A larger gate weight is a darker cell.
    expect(Number(cells[0]!.getAttribute('fill-opacity'))).toBeGreaterThan(Number(cells[1]!.getAttribute('fill-opacity')));
    const labels = [...root.querySelectorAll('ol button')];
    expect(labels.map((b) => b.getAttribute('aria-current'))).toEqual(['false', 'true', 'false', 'false']);
    expect(labels[2]!.getAttribute('aria-label')).toBe('3 down: experts E2 0.45; dropped E1 0.55');
    expect(labels[3]!.textContent).toContain('no expert');
    // The name starts with the visible text (WCAG 2.5.3 label in name).
    expect(labels[3]!.getAttribute('aria-label')).toMatch(/^4 now no expert: dropped /);
    const band = root.querySelector('rect.current')!;
    const row = Number(band.getAttribute('height'));
    expect(Number(band.getAttribute('y'))).toBe(1 * row);
    expect([...root.querySelectorAll('svg.head text')].map((t) => t.textContent)).toEqual(['E0', 'E1', 'E2', 'E3']);
    // Under the names, a band in each expert's colour.
    expect([...root.querySelectorAll<SVGRectElement>('svg.head rect.band')].map((r) => r.style.fill)).toEqual(
      [0, 1, 2, 3].map((e) => computed(expertColour(e))),
    );
    expect(root.querySelector('svg.cells')!.getAttribute('aria-label')).toBe(
      'Assignments of 4 tokens to 4 experts in layer 1: 8 choices, 3 dropped, 1 token with no expert.',
    );
    el.remove();
  });

  it('sends token-select with the index from a row label (a real button) or a click on the row', async () => {
    const el = await mount(TOKENS, layer(ROUTES, 4, 2));
    const got: number[] = [];
    el.addEventListener('token-select', (e: TokenSelectEvent) => got.push(e.index));
    const labels = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('ol button');
    labels[2]!.click();
    const svg = el.shadowRoot!.querySelector('svg.cells')!;
    const box = svg.getBoundingClientRect();
    const row = box.height / TOKENS.length;
    svg.dispatchEvent(new MouseEvent('click', { clientX: box.left + 5, clientY: box.top + 3.5 * row, bubbles: true }));
    expect(got).toEqual([2, 3]);
    el.current = 3;
    await el.updateComplete;
    expect(labels[3]!.getAttribute('aria-current')).toBe('true');
    el.remove();
  });

  it('offers a table alternative with one row per token: experts with weights, and dropped choices', async () => {
    const el = await mount(TOKENS, layer(ROUTES, 4, 2));
    const rows = [...el.shadowRoot!.querySelectorAll('details table tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['1', 'cats', 'E1 0.60, E0 0.40', 'none'],
      ['2', 'sat', 'E2 0.70, E1 0.30', 'none'],
      ['3', 'down', 'E2 0.45', 'E1 0.55'],
      ['4', 'now', 'none: no expert', 'E1 0.80, E2 0.20'],
    ]);
    el.remove();
  });

  it('renders 64 tokens × 256 experts with only the non-empty cells and ticks every 32 experts', async () => {
    const T = 64;
    const E = 256;
    const tokens = Array.from({ length: T }, (_, t) => token(t, `w${t}`));
    const routes = tokens.map((_, t) => {
      const experts = Array.from({ length: 8 }, (_, j) => (t * 37 + j * 31) % E);
      return route(
        experts,
        experts.map(() => 1 / 8),
        experts.map((_, j) => j === 7 && t % 4 === 0),
      );
    });
    const el = await mount(tokens, layer(routes, E, 2), 40);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('rect.cell')).toHaveLength(T * 8);
    expect(root.querySelectorAll('rect.cell.dropped')).toHaveLength(16);
    expect(root.querySelectorAll('svg.cells *').length).toBeLessThanOrEqual(T * 16 + 20);
    expect([...root.querySelectorAll('svg.head text')].map((t) => t.textContent)).toEqual([
      'E0',
      'E32',
      'E64',
      'E96',
      'E128',
      'E160',
      'E192',
      'E224',
    ]);
    expect(root.querySelectorAll('ol button')).toHaveLength(T);
    expect(root.querySelectorAll('details tbody tr')).toHaveLength(T);
    el.remove();
  });
});
