import { describe, expect, it } from 'vitest';
import type { LatentErrors } from '../../../src/core/latent-attention';
import '../../../src/ui/memory/error-chart';

const point = (dc: number, out: number, moved: number): LatentErrors => ({
  dc,
  attentionMoved: moved,
  attentionMaxDiff: moved * 2,
  outputError: out,
  kvError: out,
  energyKept: dc / 4,
  cacheFull: 16,
  cacheLatent: dc,
});
const POINTS = [point(1, 0.9, 0.3), point(2, 0.6, 0.2), point(3, 0.3, 0.1), point(4, 0, 0)];

async function mount(current = 2) {
  const el = document.createElement('error-chart');
  el.points = POINTS;
  el.current = current;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<error-chart>', () => {
  it('draws two lines that fall to the axis at full rank, marks the chosen d_c and names it all', async () => {
    const el = await mount(2);
    const root = el.shadowRoot!;
    const lines = [...root.querySelectorAll('path.line')];
    expect(lines).toHaveLength(2);
    const ys = (p: Element) => [...p.getAttribute('d')!.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    for (const l of lines) {
      const y = ys(l);
      for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThan(y[i - 1]!); // SVG y grows downwards
    }
    expect(ys(lines[0]!)[3]).toBe(ys(lines[1]!)[3]);
    const cur = root.querySelector('line.current')!;
    const xs = [...lines[0]!.getAttribute('d')!.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(Number(cur.getAttribute('x1'))).toBeCloseTo(xs[1]!, 0);
    expect(root.querySelector('svg')!.getAttribute('role')).toBe('img');
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Error of the latent version against latent size d_c, from 1 to 4. Output off by 90% at d_c = 1, falling to 0% at d_c = 4; attention moved 30% falling to 0%. At the chosen d_c = 2: output off by 60.0%, attention moved 20.0%.',
    );
    el.remove();
  });

  it('has a table alternative with every d_c, the chosen one highlighted', async () => {
    const el = await mount(3);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['1', '1 of 16', '30.0%', '0.600', '90.0%', '90.0%'],
      ['2', '2 of 16', '20.0%', '0.400', '60.0%', '60.0%'],
      ['3', '3 of 16', '10.0%', '0.200', '30.0%', '30.0%'],
      ['4', '4 of 16', '0.0%', '0.000', '0.0%', '0.0%'],
    ]);
    expect(rows[2]!.className).toBe('current');
    el.remove();
  });

  it('renders nothing without points', async () => {
    const el = document.createElement('error-chart');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg')).toBeNull();
    el.remove();
  });
});
