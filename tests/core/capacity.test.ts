import { describe, expect, it } from 'vitest';
import { dropsAtCapacity, dropShare, dropsOf, imbalanceOf, meanAndMax, poolDrops, skippedShare } from '../../src/core/capacity';
import { capacityFor, route, type RouterSpec } from '../../src/core/router';
import type { TokenRouting } from '../../src/core/trace';

const spec = (experts: number, topK: number, capacityFactor: number | null): RouterSpec => ({
  kind: 'softmax-topk',
  experts,
  topK,
  capacityFactor,
  nGroup: 1,
  topkGroup: 1,
  routeScale: 1,
  normalise: true,
});

/** Logits of T tokens over E experts that make token t pick exactly the experts in picks[t], best first. */
function logitsFor(picks: number[][], experts: number): number[] {
  return picks.flatMap((p) => Array.from({ length: experts }, (_, e) => (p.includes(e) ? 10 - p.indexOf(e) : 0)));
}

const tr = (dropped: boolean[]): TokenRouting => ({
  logits: [],
  scores: [],
  experts: dropped.map((_, i) => i),
  weights: dropped.map(() => 1 / dropped.length),
  dropped,
  used: dropped.filter((d) => !d).length,
  skipped: dropped.every(Boolean),
});

describe('the capacity formula, by hand', () => {
  it('T=10, k=2, E=8, factor 1: 10·2/8 = 2.5, so ⌈2.5⌉ = 3 slots', () => {
    expect(capacityFor(10, 2, 8, 1)).toBe(3);
  });
  it('T=10, k=2, E=8: factor 0.5 → ⌈1.25⌉ = 2; 1.25 → ⌈3.125⌉ = 4; 2 → 5 exactly; 3 → 7.5 → 8', () => {
    expect([0.5, 1.25, 2, 3].map((f) => capacityFor(10, 2, 8, f))).toEqual([2, 4, 5, 8]);
  });
  it('never fewer than one slot: T=1, k=1, E=8, factor 0.5 → ⌈0.0625⌉ = 1', () => {
    expect(capacityFor(1, 1, 8, 0.5)).toBe(1);
  });
});

describe('first come, first served: a hand-made routing', () => {
  // T=10, k=2, E=8, factor 1 → 3 slots. Tokens 0–3 all pick expert 0 first (second picks differ),
  // so the 4th token to reach expert 0 (token 3) is dropped there and keeps its second expert.
  const picks = [
    [0, 1],
    [0, 2],
    [0, 3],
    [0, 4],
    [5, 6],
    [5, 7],
    [6, 7],
    [1, 2],
    [3, 4],
    [6, 5],
  ];
  const r = route(spec(8, 2, 1), { tokens: 10, logits: logitsFor(picks, 8) });

  it('chooses as drawn and drops exactly the 4th choice of expert 0', () => {
    expect(r.capacity).toBe(3);
    expect(r.routes.map((t) => t.experts)).toEqual(picks);
    expect(r.routes.map((t, i) => (t.dropped.some(Boolean) ? i : -1)).filter((i) => i >= 0)).toEqual([3]);
    expect(r.routes[3]!.dropped).toEqual([true, false]);
    expect(r.demand).toEqual([4, 2, 2, 2, 2, 3, 3, 2]);
    expect(r.load).toEqual([3, 2, 2, 2, 2, 3, 3, 2]);
  });

  it('the count from the demand alone agrees: Σ max(0, demand − capacity) = 1', () => {
    expect(dropsAtCapacity(r.demand, 3)).toBe(1);
    // At 2 slots: expert 0 loses 4 − 2, experts 5 and 6 lose 3 − 2 each.
    expect(dropsAtCapacity(r.demand, 2)).toBe(4);
    expect(
      route(spec(8, 2, 0.8), { tokens: 10, logits: logitsFor(picks, 8) })
        .routes.flatMap((t) => t.dropped)
        .filter(Boolean),
    ).toHaveLength(4);
  });

  it('imbalance: max 4 against a mean of 2.5 is 1.6; at factor 1 one choice is dropped', () => {
    const im = imbalanceOf(r.demand, 10, 2);
    expect(im).toEqual({
      tokens: 10,
      k: 2,
      experts: 8,
      maxDemand: 4,
      meanDemand: 2.5,
      maxOverMean: 1.6,
      capacityAtOne: 3,
      droppedAtOne: 1,
    });
    // Any factor ≥ max/mean keeps every choice: 1.6 · 2.5 = 4 slots.
    const at = route(spec(8, 2, im.maxOverMean), { tokens: 10, logits: logitsFor(picks, 8) });
    expect(at.capacity).toBe(4);
    expect(at.routes.every((t) => t.dropped.every((d) => !d))).toBe(true);
  });
});

describe('counting and pooling drops', () => {
  it('dropsOf counts choices, dropped choices and tokens left with no expert', () => {
    const c = dropsOf({ tokens: [tr([false, false]), tr([true, false]), tr([true, true])] });
    expect(c).toEqual({ dropped: 3, choices: 6, tokens: 3, skippedTokens: 1 });
    expect(dropShare(c)).toBe(0.5);
    expect(skippedShare(c)).toBeCloseTo(1 / 3, 12);
  });

  it('pooling weighs every choice the same: 1 of 4 and 3 of 16 make 4 of 20, not the mean of 25% and 18.75%', () => {
    const pooled = poolDrops([
      { dropped: 1, choices: 4, tokens: 2, skippedTokens: 0 },
      { dropped: 3, choices: 16, tokens: 8, skippedTokens: 1 },
    ]);
    expect(pooled).toEqual({ dropped: 4, choices: 20, tokens: 10, skippedTokens: 1 });
    expect(dropShare(pooled)).toBe(0.2);
  });

  it('empty input: nothing dropped, shares 0, no division by zero', () => {
    const none = poolDrops([]);
    expect(none).toEqual({ dropped: 0, choices: 0, tokens: 0, skippedTokens: 0 });
    expect(dropShare(none)).toBe(0);
    expect(skippedShare(none)).toBe(0);
    expect(dropsOf({ tokens: [] })).toEqual(none);
    expect(imbalanceOf([0, 0, 0, 0], 0, 2)).toMatchObject({ maxDemand: 0, meanDemand: 0, maxOverMean: 0, droppedAtOne: 0 });
    expect(meanAndMax([])).toEqual({ mean: 0, max: 0 });
  });

  it('no limit drops nothing; meanAndMax of 1.2, 2, 1.6', () => {
    expect(dropsAtCapacity([9, 0, 0], null)).toBe(0);
    const m = meanAndMax([1.2, 2, 1.6]);
    expect(m.mean).toBeCloseTo(1.6, 12);
    expect(m.max).toBe(2);
  });
});
