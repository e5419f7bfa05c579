import { describe, expect, it } from 'vitest';
import { columns, heatColour, loadFigures } from '../../../src/ui/training/load-history';
import '../../../src/ui/training/load-history';

// Four experts, 40 steps: 20 evenly balanced steps, then 20 where every token goes to E0.
const EVEN = [5, 5, 5, 5];
const COLLAPSED = [20, 0, 0, 0];
const LOADS = [...Array.from({ length: 20 }, () => EVEN), ...Array.from({ length: 20 }, () => COLLAPSED)];

async function mount(loads: number[][] = LOADS, hideFigure = false) {
  const el = document.createElement('load-history');
  el.loads = loads;
  el.firstStep = 1;
  el.hideFigure = hideFigure;
  el.style.width = '500px';
  document.body.append(el);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  return el;
}

/** The colour drawn at (x, y) in CSS pixels. */
function pixel(canvas: HTMLCanvasElement, x: number, y: number): string {
  const dpr = canvas.width / (canvas.clientWidth - 2);
  const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data;
  return `rgb(${r},${g},${b})`;
}

describe('<load-history>', () => {
  it('gives the current max/mean over the last 20 steps, the quietest expert and the idle ones', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    expect(root.querySelector('.max-mean')!.textContent).toBe('4.00');
    expect(root.querySelector('.sub')!.textContent).toBe(
      'over the last 20 steps (400 expert choices); 1.00 = perfectly even. Quietest expert 0.00× the mean; 3 experts got no tokens.',
    );
    const canvas = root.querySelector('canvas')!;
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe(
      'Expert load over training: share of the expert choices that each of 4 experts got, steps 1 to 40. Over the last 20 steps the busiest expert got 4.00 times the mean, the quietest 0.00 times; 3 got none.',
    );
    el.remove();
  });

  it('paints even steps pale, then the favourite expert red and the starved ones blue', async () => {
    const el = await mount();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const w = canvas.clientWidth - 2;
    const rh = 18; // 240 / 4 experts, capped at 18 px
    expect(pixel(canvas, 2, rh / 2)).toBe(heatColour(1));
    expect(pixel(canvas, 2, 2.5 * rh)).toBe(heatColour(1));
    expect(pixel(canvas, w - 2, rh / 2)).toBe(heatColour(4)); // E0: 4× an even share, drawn as the darkest red
    expect(pixel(canvas, w - 2, 2.5 * rh)).toBe(heatColour(0)); // E2: no tokens, darkest blue
    expect([heatColour(0), heatColour(1), heatColour(3), heatColour(9)]).toEqual([
      'rgb(33,102,172)',
      'rgb(247,247,247)',
      'rgb(178,24,43)',
      'rgb(178,24,43)',
    ]);
    el.remove();
  });

  it('has a table alternative with the share of each expert by step', async () => {
    const el = await mount();
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['E0', '25%', '25%', '25%', '25%', '100%', '100%', '100%', '100%']);
    expect(rows[1]).toEqual(['E1', '25%', '25%', '25%', '25%', '0%', '0%', '0%', '0%']);
    const heads = [...el.shadowRoot!.querySelectorAll('thead th')].map((c) => c.textContent);
    expect(heads.slice(0, 3)).toEqual(['Expert', 'steps 1–5', 'steps 6–10']);
    el.remove();
  });

  it('can leave the figure to the page, and says when there is nothing yet', async () => {
    const bare = await mount(LOADS, true);
    expect(bare.shadowRoot!.querySelector('.figure')).toBeNull();
    expect(bare.shadowRoot!.querySelector('canvas')).not.toBeNull();
    bare.remove();
    const empty = await mount([]);
    expect(empty.shadowRoot!.querySelector('.empty')!.textContent).toBe('No training steps yet: press Train or Step.');
    empty.remove();
  });

  it('smooths columns over the trailing steps', () => {
    const loads = [
      [4, 0],
      [0, 4],
      [0, 4],
      [0, 4],
    ];
    expect(columns(loads, 1, 4).map((c) => c.share)).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(columns(loads, 1, 4, 2).map((c) => c.share)).toEqual([
      [1, 0],
      [0.5, 0.5],
      [0, 1],
      [0, 1],
    ]);
    expect(
      loadFigures(
        [
          [2, 2],
          [4, 0],
        ],
        1,
      ),
    ).toEqual({ maxOverMean: 2, minOverMean: 0, idle: 1, steps: 1, choices: 4 });
    expect(loadFigures([])).toBeNull();
  });

  for (const E of [1, 8, 16, 64, 256]) {
    for (const presenter of [false, true]) {
      it(`${E} experts${presenter ? ' in presenter mode' : ''}: the expert names never overlap, lie beside the strip, E0 first${presenter ? ', at least 20 px' : ''}`, async () => {
        document.documentElement.style.fontSize = presenter ? '140%' : '';
        try {
          const loads = Array.from({ length: 12 }, (_, s) => Array.from({ length: E }, (_, e) => (e + s) % 3));
          const el = await mount(loads);
          const root = el.shadowRoot!;
          const canvas = root.querySelector('canvas')!.getBoundingClientRect();
          const names = [...root.querySelectorAll<HTMLElement>('.names span')];
          expect(names[0]!.textContent).toBe('E0');
          if (E <= 16 && !presenter) expect(names).toHaveLength(E);
          const boxes = names.map((n) => n.getBoundingClientRect());
          for (const b of boxes) {
            expect(b.top).toBeGreaterThanOrEqual(canvas.top - 0.5);
            expect(b.bottom).toBeLessThanOrEqual(canvas.bottom + 0.5);
            expect(b.right).toBeLessThanOrEqual(canvas.left + 0.5);
          }
          for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 0.5);
          if (presenter)
            for (const t of [...names, ...root.querySelectorAll('.axis span')])
              expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(20);
          el.remove();
        } finally {
          document.documentElement.style.fontSize = '';
        }
      });
    }
  }
});
