import { describe, expect, it } from 'vitest';
import { buckets, tickText, trailingMean, type LossPoint, type LossSeries } from '../../../src/ui/training/loss-chart';
import '../../../src/ui/training/loss-chart';
import { textProblems } from '../shared/chart-text';

// 30 steps: the task loss falls by 0.04 a step from 4.00; the balance loss stays at 0.01.
const POINTS: LossPoint[] = Array.from({ length: 30 }, (_, i) => ({ step: i + 1, taskLoss: 4 - 0.04 * i, balanceLoss: 0.01, zLoss: 0 }));

async function mount(points: readonly LossPoint[], series: LossSeries[] = ['task']) {
  const el = document.createElement('loss-chart');
  el.points = points;
  el.series = series;
  el.style.width = '600px';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const ys = (p: Element) => [...p.getAttribute('d')!.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));

describe('<loss-chart>', () => {
  it('draws the falling task loss on a linear axis, names it, and says where it started and where it is now', async () => {
    const el = await mount(POINTS);
    const root = el.shadowRoot!;
    const line = root.querySelector('path.line-task')!;
    const y = ys(line);
    for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThan(y[i - 1]!); // SVG y grows downwards
    expect(root.querySelector('path.raw-task')).not.toBeNull(); // the thin per-step line under the trend
    const svg = root.querySelector('svg.chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Loss over steps 1 to 30 (linear scale). Task loss (next word): 3.82 at the start, 3.02 now. Start and now are each averaged over 10 steps.',
    );
    expect(root.querySelector('.legend-task')!.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Task loss (next word): 3.02 now, started at 3.82',
    );
    expect([...root.querySelectorAll('svg.chart > text')].map((t) => t.textContent)).toContain('4');
    el.remove();
  });

  it('has a table alternative: each row the mean over its steps, first to last', async () => {
    const el = await mount(POINTS);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual(['1–2', '3.98']);
    expect(rows[11]).toEqual(['28–30', '2.88']);
    expect(el.shadowRoot!.querySelector('summary')!.textContent).toContain('loss by step');
    el.remove();
  });

  it('puts several losses on a log axis by default and lets the reader choose linear', async () => {
    const el = await mount(POINTS, ['task', 'balance']);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('path.line')).toHaveLength(2);
    expect(root.querySelector('svg.chart')!.getAttribute('aria-label')).toContain(
      '(log scale). Task loss (next word): 3.82 at the start, 3.02 now. Balance loss: 0.0100 at the start, 0.0100 now.',
    );
    const labels = [...root.querySelectorAll('svg.chart > text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['0.01', '0.1', '1', '10']));
    const select = root.querySelector('select')!;
    expect(select.value).toBe('log');
    select.value = 'linear';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(root.querySelector('svg.chart')!.getAttribute('aria-label')).toContain('(linear scale)');
    el.remove();
  });

  it('says there is nothing yet before the first step', async () => {
    const el = await mount([]);
    expect(el.shadowRoot!.querySelector('svg.chart')).toBeNull();
    expect(el.shadowRoot!.querySelector('.empty')!.textContent).toBe('No training steps yet: press Train or Step.');
    el.remove();
  });

  it('averages buckets and trailing windows exactly', () => {
    const b = buckets(POINTS.slice(0, 4), 2);
    expect(b.map((x) => [x.from, x.to, x.step])).toEqual([
      [1, 2, 1.5],
      [3, 4, 3.5],
    ]);
    expect(b[0]!.values.taskLoss).toBeCloseTo(3.98, 10);
    const t = trailingMean(POINTS.slice(0, 3), 2);
    expect(t.map((p) => p.taskLoss)).toEqual([4, expect.closeTo(3.98, 10), expect.closeTo(3.94, 10)]);
    expect([0, 0.05, 2, 2.5, 0.0001].map(tickText)).toEqual(['0', '0.05', '2', '2.5', '1e−4']);
  });

  for (const [steps, width, presenter] of [
    [3, 600, false],
    [30, 320, false],
    [1000, 600, false],
    [12345, 260, false],
    [30, 900, true],
    [5000, 900, true],
  ] as const) {
    it(`${steps} steps at ${width} px${presenter ? ' in presenter mode' : ''}: axis labels inside the svg, none overlapping${presenter ? ', at least 20 px' : ''}`, async () => {
      document.documentElement.style.fontSize = presenter ? '140%' : '';
      try {
        const points = Array.from({ length: steps }, (_, i) => ({
          step: i + 1,
          taskLoss: 4 * Math.exp(-i / steps),
          balanceLoss: 0.012,
          zLoss: 0.0003,
        }));
        for (const series of [['task'], ['task', 'balance', 'z']] as LossSeries[][]) {
          const el = await mount(points, series);
          el.style.width = `${width}px`;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          await el.updateComplete;
          const root = el.shadowRoot!;
          expect(root.querySelectorAll('svg.chart > text').length).toBeGreaterThan(4);
          expect(textProblems(root)).toEqual([]);
          if (presenter)
            for (const t of root.querySelectorAll('svg.chart text'))
              expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(20);
          el.remove();
        }
      } finally {
        document.documentElement.style.fontSize = '';
      }
    });
  }
});
