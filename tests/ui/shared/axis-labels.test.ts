import { scaleBand } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { ChartFont } from '../../../src/ui/shared/chart-font';
import {
  allFit,
  chartFontPx,
  expertAxisLabels,
  labelWidth,
  placeLabel,
  thinLabels,
  type PlacedLabel,
} from '../../../src/ui/shared/axis-labels';

/** No two labels closer than `gap`, all inside [lo, hi], each as wide as its text. */
function check(labels: PlacedLabel[], font: number, lo: number, hi: number, gap = font / 2): void {
  for (const l of labels) {
    expect(l.left).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(l.right).toBeLessThanOrEqual(hi + 1e-9);
    expect(l.right - l.left).toBeCloseTo(labelWidth(l.text, font));
  }
  for (let i = 1; i < labels.length; i++) expect(labels[i]!.left - labels[i - 1]!.right).toBeGreaterThanOrEqual(gap - 1e-9);
}

const band = (n: number, lo: number, hi: number) => {
  const s = scaleBand<number>()
    .domain(Array.from({ length: n }, (_, i) => i))
    .range([lo, hi]);
  return (e: number) => (s(e) ?? 0) + s.bandwidth() / 2;
};

describe('axis labels', () => {
  it('estimates widths from the characters, CJK wider', () => {
    expect(labelWidth('E12', 10)).toBeCloseTo(3 * 0.66 * 10);
    expect(labelWidth('E12', 10, true)).toBeCloseTo(3 * 0.66 * 1.1 * 10);
    expect(labelWidth('专家', 10)).toBeCloseTo(2 * 1.6 * 0.66 * 10);
  });

  it('moves an end label inward instead of letting it hang over the edge; none when wider than the row', () => {
    const p = placeLabel(0, 'E0', 0, 10, 0, 100)!;
    expect(p.left).toBe(0);
    expect(p.x).toBeCloseTo(labelWidth('E0', 10) / 2);
    expect(placeLabel(9, 'E9', 100, 10, 0, 100)!.right).toBe(100);
    expect(placeLabel(0, 'a very long label', 5, 10, 0, 20)).toBeNull();
  });

  it('thins in order of importance and returns the kept ones from left to right', () => {
    const kept = thinLabels(
      [
        { index: 2, text: 'E2', x: 50 },
        { index: 1, text: 'E1', x: 45 },
        { index: 0, text: 'E0', x: 10 },
      ],
      10,
      0,
      100,
    );
    expect(kept.map((l) => l.index)).toEqual([0, 2]);
    expect(allFit([{ index: 0, text: 'E0', x: 10 }], 10, 0, 100)).toBe(true);
  });

  for (const n of [1, 2, 8, 16, 64, 100, 255, 256]) {
    for (const [width, font] of [
      [300, 12],
      [560, 12.8],
      [1800, 20],
    ] as const) {
      it(`${n} experts on ${width} px at ${font} px: no overlap, nothing outside, first expert labelled`, () => {
        const labels = expertAxisLabels(n, band(n, 0, width), font, 0, width);
        check(labels, font, 0, width);
        expect(labels.length).toBeGreaterThan(0);
        expect(labels[0]!.text).toBe('E0');
        for (const l of labels) expect(l.text).toBe(`E${l.index}`);
        expect(labels.map((l) => l.index)).toEqual([...labels.map((l) => l.index)].sort((a, b) => a - b));
      });
    }
  }

  it('labels every expert when they fit, round steps from d3 ticks when they do not, and the last expert when it has room', () => {
    expect(expertAxisLabels(8, band(8, 0, 600), 12.8, 0, 600).map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const many = expertAxisLabels(256, band(256, 0, 560), 12.8, 0, 560).map((l) => l.index);
    const steps = many.slice(1, -1).map((e, i) => e - many[i]!);
    expect(new Set(steps).size).toBe(1);
    expect([10, 20, 25, 50, 100]).toContain(steps[0]);
    expect(many.at(-1)).toBe(255);
    expect(expertAxisLabels(1, band(1, 0, 100), 12, 0, 100).map((l) => l.text)).toEqual(['E0']);
  });

  it('chart text: at least 12 px, and at least 20 px when the page text is presenter-sized', () => {
    expect(chartFontPx(16)).toBeCloseTo(12.8);
    expect(chartFontPx(10)).toBe(12);
    expect(chartFontPx(22.4)).toBeGreaterThanOrEqual(20);
    expect(chartFontPx(NaN)).toBeCloseTo(12.8);
  });

  it('a vertical axis: labels as tall as the text, every row named when the rows are that tall', () => {
    const font = 12.8;
    const rows = (rh: number, n: number) =>
      expertAxisLabels(n, (e) => (e + 0.5) * rh, font, 0, n * rh, { size: () => 1.15 * font, gap: 0 });
    expect(rows(15, 16)).toHaveLength(16);
    const thin = rows(2, 256);
    expect(thin.length).toBeLessThan(256 / 5);
    for (let i = 1; i < thin.length; i++) expect(thin[i]!.left).toBeGreaterThanOrEqual(thin[i - 1]!.right);
  });

  it('ChartFont reads the host font again when the width or presenter mode changes, not on every call', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const font = new ChartFont();
    try {
      expect(font.read(host, 500)).toBeCloseTo(12.8);
      document.documentElement.style.fontSize = '140%';
      expect(font.read(host, 500)).toBeCloseTo(12.8); // same width, same mode: the cached size
      document.documentElement.classList.add('presenter');
      expect(font.read(host, 500)).toBeGreaterThanOrEqual(20);
    } finally {
      document.documentElement.classList.remove('presenter');
      document.documentElement.style.fontSize = '';
      host.remove();
    }
  });
});
