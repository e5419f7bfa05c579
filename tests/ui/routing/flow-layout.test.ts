/**
 * The routing picture of one token as a pure function of the trace (flow-layout.ts, flow-grid.ts):
 * left-to-right order of its columns, everything inside the picture, one link per choice as wide as
 * its gate weight × linkUnit, dropped choices stopping at the capacity wall, the lit experts, expert
 * squares and labels that never overlap from 1 to 256 experts. Hand-made traces (tests/flop-traces.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoeConfig } from '../../../src/core/config';
import type { Trace } from '../../../src/core/trace';
import { spreadLabels, type Box } from '../../../src/ui/routing/flow-grid';
import { flowLayout, type FlowLayout } from '../../../src/ui/routing/flow-layout';
import { handTrace, mixedTrace, type HandRoute } from '../../flop-traces';

/**
 * Picture sizes as <flow-picture> makes them (a phone scrolls a 600 px picture, the default page, a
 * wide page, presenter mode), and narrower ones the layout must still survive.
 */
const SIZES = [
  { width: 320, font: 13.6 },
  { width: 360, font: 13.6 },
  { width: 600, font: 13.6 },
  { width: 900, font: 13.6 },
  { width: 1280, font: 13.6 },
  { width: 1800, font: 20.4 },
].map((s) => ({ ...s, height: Math.round(Math.max(s.font * 15, Math.min(s.width * 0.3, s.font * 26))) }));

const EPS = 1e-6;

function layout(trace: Trace, position = 0, size = SIZES[3]!): FlowLayout {
  return flowLayout({ trace, layer: 0, position, width: size.width, height: size.height, fontSize: size.font });
}

const right = (b: Box) => b.x + b.w;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
const within = (b: Box, l: { width: number; height: number }) =>
  b.x >= -EPS && b.y >= -EPS && b.x + b.w <= l.width + EPS && b.y + b.h <= l.height + EPS && b.w > 0 && b.h > 0;
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x - EPS &&
  inner.y >= outer.y - EPS &&
  right(inner) <= right(outer) + EPS &&
  inner.y + inner.h <= outer.y + outer.h + EPS;

/** Every pair that overlaps, as "a/b" indices (empty when none); a sweep from left to right. */
function overlapping(boxes: Box[]): string[] {
  const out: string[] = [];
  const order = boxes.map((b, i) => ({ b, i })).sort((p, q) => p.b.x - q.b.x);
  for (let j = 0; j < order.length; j++)
    for (let k = j + 1; k < order.length && order[k]!.b.x < right(order[j]!.b); k++)
      if (overlaps(order[j]!.b, order[k]!.b)) out.push(`${order[j]!.i}/${order[k]!.i}`);
  return out;
}

/** Paths to every number in the layout that is not finite, and every path string holding NaN. */
function notFinite(value: unknown, at = 'layout'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at];
  if (typeof value === 'string') return /NaN|Infinity/.test(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => notFinite(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => notFinite(v, `${at}.${k}`));
  return [];
}

/** k distinct weights, decreasing, summing to `total`. */
function weights(k: number, total = 1): number[] {
  const raw = Array.from({ length: k }, (_, i) => k - i + 1);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => (r / sum) * total);
}

const route = (experts: number[], total = 1, dropped = experts.map(() => false)): HandRoute => ({
  experts,
  dropped,
  weights: weights(experts.length, total),
});

/** The checks every layout must pass, whatever the trace. */
function checkLayout(l: FlowLayout, trace: Trace, position: number): void {
  expect(notFinite(l)).toEqual([]);
  const routing = trace.layers[0]!.tokens[position];
  // Columns left to right: token → embedding → router → (wall) → experts → labels → sum → output.
  expect(right(l.token)).toBeLessThanOrEqual(l.embedding.x + EPS);
  expect(right(l.embedding)).toBeLessThanOrEqual(l.router.x + EPS);
  const expertsLeft = Math.min(...l.experts.map((x) => x.x));
  const expertsRight = Math.max(...l.experts.map(right));
  expect(right(l.router)).toBeLessThanOrEqual(expertsLeft + EPS);
  if (l.wall) {
    expect(right(l.router)).toBeLessThanOrEqual(l.wall.x + EPS);
    expect(l.wall.x).toBeLessThanOrEqual(expertsLeft + EPS);
  }
  const labelsRight = Math.max(expertsRight, ...l.labels.map(right));
  for (const b of l.labels) expect(b.x).toBeGreaterThanOrEqual(expertsRight - EPS);
  expect(labelsRight).toBeLessThanOrEqual(l.sum.cx - l.sum.r + EPS);
  expect(l.sum.cx + l.sum.r).toBeLessThanOrEqual(l.output.x + EPS);
  // Everything inside the picture.
  const sumBox = { x: l.sum.cx - l.sum.r, y: l.sum.cy - l.sum.r, w: 2 * l.sum.r, h: 2 * l.sum.r };
  for (const b of [l.token, l.embedding, l.router, l.output, sumBox, ...l.experts, ...l.labels, ...l.groups])
    expect(within(b, l)).toBe(true);
  for (const b of l.router.bars) {
    expect(b.x).toBeGreaterThanOrEqual(l.router.x - EPS);
    expect(right(b)).toBeLessThanOrEqual(right(l.router) + EPS);
    expect(b.y).toBeGreaterThanOrEqual(l.router.top - EPS);
    expect(b.y + b.h).toBeCloseTo(l.router.baseline, 9);
  }
  // No two expert squares overlap (shared ones included), no two labels overlap.
  expect(overlapping(l.experts)).toEqual([]);
  expect(overlapping(l.labels)).toEqual([]);
  // Group outlines hold their own cells and no other group's.
  l.experts.forEach((x) => {
    if (x.shared || l.groups.length === 0) return;
    l.groups.forEach((g, i) => {
      if (i === x.group) expect(contains(g, x)).toBe(true);
      else expect(overlaps(g, x)).toBe(false);
    });
  });
  // One link per choice, in order, as wide as its weight × linkUnit; dropped ones end at the wall.
  const chosen = routing?.experts ?? [];
  expect(l.links.map((k) => k.expert)).toEqual(chosen);
  l.links.forEach((k, i) => {
    const w = routing!.weights[i]!;
    expect(k.weight).toBe(w);
    expect(k.width).toBe(Math.abs(w) * l.linkUnit);
    expect(k.dropped).toBe(routing!.dropped[i]);
    const cell = l.experts.find((x) => !x.shared && x.expert === k.expert)!;
    if (k.dropped) {
      expect(l.wall).not.toBeNull();
      expect(k.end.x).toBe(l.wall!.x);
    } else expect(k.end.x).toBe(cell.x);
  });
  for (const k of l.merges) expect(k.width).toBe(Math.abs(k.weight) * l.linkUnit);
  // The wall only when the layer has a capacity.
  expect(l.wall === null).toBe(trace.layers[0]!.capacity === null);
  // Lit: chosen and kept, and every shared expert.
  const kept = chosen.filter((_, i) => !routing!.dropped[i]);
  expect(
    l.experts
      .filter((x) => !x.shared && x.lit)
      .map((x) => x.expert)
      .sort((a, b) => a - b),
  ).toEqual([...kept].sort((a, b) => a - b));
  expect(l.experts.filter((x) => x.shared).every((x) => x.lit)).toBe(true);
  expect(l.experts.filter((x) => x.shared)).toHaveLength(trace.shape.shared);
  expect(l.experts.filter((x) => !x.shared)).toHaveLength(trace.shape.experts);
  // One label and one merge per expert that ran.
  expect(l.labels).toHaveLength(kept.length + trace.shape.shared);
  expect(l.merges).toHaveLength(l.labels.length);
}

/** Every size, every token. */
function checkAll(trace: Trace): void {
  for (const size of SIZES)
    for (let t = 0; t < Math.max(1, trace.tokens.length); t++) {
      const l = layout(trace, t, size);
      try {
        checkLayout(l, trace, t);
      } catch (e) {
        throw new Error(`width ${size.width}, token ${t}: ${(e as Error).message}`, { cause: e });
      }
    }
}

function many(E: number, k: number, tokens: number, config: Partial<MoeConfig> = {}, total = 1): Trace {
  const routes = Array.from({ length: tokens }, (_, t) => {
    // Spread over the grid for even tokens; a block of neighbours (one group) for odd ones.
    const experts =
      t % 2 === 0
        ? Array.from({ length: k }, (_, i) => (i * Math.floor(E / k) + t * 7) % E)
        : Array.from({ length: k }, (_, i) => (t * 3 + i) % E);
    return route(experts, total);
  });
  return handTrace(routes, { routedExperts: E, topK: k, ...config });
}

describe('flowLayout: one token', () => {
  it('columns left to right, inside the picture, links as wide as the weights', () => {
    const t = handTrace([route([1, 4]), route([6, 2]), route([3, 5])]);
    checkAll(t);
    const l = layout(t, 0);
    expect(l.links).toHaveLength(2);
    expect(l.links[0]!.width).toBeGreaterThan(l.links[1]!.width);
    expect(l.wall).toBeNull();
  });

  it('dropped choices stop at the capacity wall; lit experts are the kept ones', () => {
    const t = mixedTrace();
    checkAll(t);
    const l = layout(t, 1);
    expect(l.wall).not.toBeNull();
    const dropped = l.links.find((k) => k.dropped)!;
    expect(dropped.expert).toBe(0);
    expect(dropped.end.x).toBe(l.wall!.x);
    expect(l.experts.find((x) => x.expert === 0 && !x.shared)!.dropped).toBe(true);
    expect(l.experts.filter((x) => x.lit).map((x) => x.expert)).toEqual([2]);
    // The skipped token: both choices at the wall, nothing lit, no labels.
    const skipped = layout(t, 3);
    expect(skipped.links.every((k) => k.dropped && k.end.x === skipped.wall!.x)).toBe(true);
    expect(skipped.experts.some((x) => x.lit)).toBe(false);
    expect(skipped.labels).toEqual([]);
  });

  it('shared experts are always lit, with a label each', () => {
    const t = handTrace([route([1, 4]), route([0], 1, [true])], { sharedExperts: 2, capacityFactor: 1 });
    checkAll(t);
    const l = layout(t, 1);
    expect(l.experts.filter((x) => x.lit).map((x) => (x.shared ? `S${x.expert + 1}` : `E${x.expert}`))).toEqual(['S1', 'S2']);
  });

  it.each([1, 8, 64, 256])('%i experts: squares never overlap and stay inside', (E) => {
    const k = Math.min(E, 8);
    checkAll(many(E, k, 4));
    checkAll(many(E, k, 2, { sharedExperts: 4 }));
  });

  it('256 experts in 8 groups: each group outline holds its 32 cells', () => {
    const t = many(256, 8, 4, { router: 'sigmoid-bias', nGroup: 8, topkGroup: 4 });
    checkAll(t);
    const l = layout(t);
    expect(l.groups).toHaveLength(8);
    expect(overlapping(l.groups)).toEqual([]);
    for (let g = 0; g < 8; g++) expect(l.experts.filter((x) => x.group === g)).toHaveLength(32);
  });

  it('labels never overlap: 256 experts top-8, 16 lit (4 shared + top-12), 20 lit (4 shared + top-16)', () => {
    checkAll(many(256, 8, 6, { router: 'sigmoid-bias', nGroup: 8, topkGroup: 4 }));
    checkAll(many(256, 12, 4, { sharedExperts: 4 }));
    checkAll(many(256, 16, 2));
    checkAll(many(256, 16, 2, { sharedExperts: 4 }));
    // Twelve neighbours in one corner all want the same place.
    const crowd = handTrace([route(Array.from({ length: 12 }, (_, i) => i))], { routedExperts: 256, topK: 12, sharedExperts: 4 });
    checkAll(crowd);
    expect(layout(crowd).labels).toHaveLength(16);
  });

  it('keeps the font size it is given from 600 px on, and shrinks it only where the columns would not fit', () => {
    for (const t of [many(256, 8, 1, { sharedExperts: 2 }), many(8, 2, 1)])
      for (const size of SIZES.filter((s) => s.width >= 600)) expect(layout(t, 0, size).fontSize).toBe(size.font);
    // 20 labels need two columns: from 900 px on they fit at full size (at 600 px the font gives way).
    const twenty = many(256, 16, 1, { sharedExperts: 4 });
    for (const size of SIZES.filter((s) => s.width >= 900)) expect(layout(twenty, 0, size).fontSize).toBe(size.font);
    expect(layout(twenty, 0, SIZES[2]!).fontSize).toBeGreaterThan(10);
    const t = many(256, 8, 1, { sharedExperts: 2 });
    const phone = layout(t, 0, SIZES[0]!);
    expect(phone.fontSize).toBeLessThan(SIZES[0]!.font);
    expect(phone.fontSize).toBeGreaterThan(6);
  });

  it('no NaN and nothing out of place for odd traces', () => {
    // No tokens at all.
    const empty = handTrace([]);
    for (const size of SIZES) expect(notFinite(layout(empty, 0, size))).toEqual([]);
    expect(layout(empty).links).toEqual([]);
    // A position past the end of the sentence.
    expect(notFinite(layout(mixedTrace(), 9))).toEqual([]);
    // Expert choice: a token no expert took, beside tokens taken by one or three.
    const ec = handTrace([route([]), route([3]), route([0, 5, 7])], { router: 'expert-choice' });
    checkAll(ec);
    expect(layout(ec, 0).links).toEqual([]);
    expect(layout(ec, 0).experts.some((x) => x.lit)).toBe(false);
  });

  it('sigmoid weights summing to the route scale 2.5: widths still weight × linkUnit, within the cap', () => {
    const t = handTrace([route([2, 5], 2.5), route([1, 7], 2.5)], { router: 'sigmoid-bias', routeScale: 2.5 });
    checkAll(t);
    for (const size of SIZES) {
      const l = layout(t, 0, size);
      expect(l.links[0]!.weight).toBeGreaterThan(1);
      expect(Math.max(...l.links.map((k) => k.width))).toBeLessThanOrEqual(Math.min(size.font * 1.8, size.height * 0.1) + EPS);
    }
  });
});

describe('spreadLabels', () => {
  const input = fc.record({
    wanted: fc.array(fc.double({ min: -50, max: 450, noNaN: true }), { maxLength: 24 }),
    height: fc.double({ min: 1, max: 30, noNaN: true }),
  });

  it('keeps the order, keeps the distance, and stays inside when they fit', () => {
    fc.assert(
      fc.property(input, ({ wanted, height }) => {
        const top = 0;
        const bottom = 400;
        const out = spreadLabels(wanted, height, top, bottom);
        expect(out).toHaveLength(wanted.length);
        const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
        for (let j = 1; j < order.length; j++) {
          expect(out[order[j]!.i]! - out[order[j - 1]!.i]!).toBeGreaterThanOrEqual(height - 1e-9);
        }
        if (wanted.length * height <= bottom - top)
          for (const y of out) {
            expect(y).toBeGreaterThanOrEqual(top - 1e-9);
            expect(y + height).toBeLessThanOrEqual(bottom + 1e-9);
          }
      }),
    );
  });

  it('leaves labels that already fit where they want to be', () => {
    expect(spreadLabels([100, 10, 50], 20, 0, 200)).toEqual([100, 10, 50]);
    expect(spreadLabels([10, 12], 20, 0, 200)).toEqual([10, 30]);
    expect(spreadLabels([190, 185], 20, 0, 200)).toEqual([180, 160]);
  });
});
