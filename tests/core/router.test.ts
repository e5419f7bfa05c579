import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUTERS } from '../../src/core/config';
import { Rng } from '../../src/core/rng';
import { sigmoid, softmax, softplus } from '../../src/core/gate-math';
import { capacityFor, keepGroups, route, type Routing, type TokenRoute } from '../../src/core/router';
import { topKIndices } from '../../src/core/top-k';
import { routerSpec } from './router-spec';

const E = Math.E;

const spec = routerSpec;

/** Inverse sigmoid: the logit whose sigmoid is p. */
const logit = (p: number): number => Math.log(p / (1 - p));

function randomLogits(tokens: number, experts: number, seed: number, std = 2): Float32Array {
  return Rng.stream(seed, 'test-logits', tokens, experts).normals(tokens * experts, std);
}

function at<T>(a: readonly T[], i: number): T {
  const v = a[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

const sum = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0);

function only(r: Routing): TokenRoute {
  expect(r.routes).toHaveLength(1);
  return at(r.routes, 0);
}

function expectClose(actual: readonly number[], expected: readonly number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(at(expected, i), digits));
}

describe('softmax, sigmoid, softplus', () => {
  it('softmax over [2, 1] is [e/(e+1), 1/(e+1)]', () => {
    expectClose(softmax([2, 1]), [E / (E + 1), 1 / (E + 1)]);
  });

  it('softmax is shift invariant and stable for huge logits', () => {
    expectClose(softmax([1000, 1000]), [0.5, 0.5]);
    expectClose(softmax([1001, 1000]), [E / (E + 1), 1 / (E + 1)]);
    expectClose(softmax([-1000, 0]), [0, 1]);
  });

  it('sigmoid and softplus by hand, stable at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 12);
    expect(sigmoid(-Math.log(3))).toBeCloseTo(0.25, 12);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 12);
    expect(softplus(Math.log(E - 1))).toBeCloseTo(1, 12);
    expect(softplus(100)).toBe(100);
    expect(softplus(-100)).toBeCloseTo(0, 12);
  });
});

describe('topKIndices', () => {
  it('returns the k largest, largest first', () => {
    expect(topKIndices([0.1, 0.9, 0.5, 0.7], 2)).toEqual([1, 3]);
    expect(topKIndices([0.1, 0.9, 0.5, 0.7], 4)).toEqual([1, 3, 2, 0]);
    expect(topKIndices([-1, -Infinity, -2], 3)).toEqual([0, 2, 1]);
  });

  it('ties go to the lower index', () => {
    expect(topKIndices([5, 5, 5], 2)).toEqual([0, 1]);
    expect(topKIndices([1, 2, 2, 2], 2)).toEqual([1, 2]);
    expect(topKIndices([3, 1, 3, 1], 4)).toEqual([0, 2, 1, 3]);
    expect(topKIndices([0, 0, 0, 0], 1)).toEqual([0]);
  });

  it('allowed filters the candidates', () => {
    expect(topKIndices([9, 1, 8, 7], 1, (i) => i % 2 === 1)).toEqual([3]);
    expect(topKIndices([9, 1, 8, 7], 2, (i) => i !== 0)).toEqual([2, 3]);
    expect(topKIndices([9, 1, 8, 7], 2, () => false)).toEqual([]);
  });

  it('k larger than the candidates returns every candidate, sorted', () => {
    expect(topKIndices([0.1, 0.5], 5)).toEqual([1, 0]);
    expect(topKIndices([0.1, 0.5, 0.3], 5, (i) => i !== 1)).toEqual([2, 0]);
    expect(topKIndices([], 3)).toEqual([]);
  });

  it('equals a full sort (value down, then index up) on any values, ties and infinities included', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true }), fc.constantFrom(Infinity, -Infinity, 0, -0));
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 80 }),
        fc.nat(90),
        fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
        (values, k, mod) => {
          const allowed = mod === undefined ? undefined : (i: number) => i % mod !== 0;
          const sorted = values
            .map((v, i) => [v, i] as const)
            .filter(([, i]) => !allowed || allowed(i))
            .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : b[0] > a[0] ? 1 : -1));
          expect(topKIndices(values, k, allowed)).toEqual(sorted.slice(0, k).map(([, i]) => i));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('token choice reads each row in place', () => {
  it('chooses, for every row of a matrix, what topKIndices chooses on that row alone (k of 1 to 16 and past it)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1000 }),
        (T, E, kWanted, seed) => {
          const k = Math.min(kWanted, E);
          const logits = randomLogits(T, E, seed);
          route(spec('softmax-topk', E, k), { tokens: T, logits }).routes.forEach((r, t) => {
            expect(r.experts).toEqual(topKIndices(Array.from(logits.subarray(t * E, (t + 1) * E)), k));
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('token choice scores', () => {
  it('are softmax() of each row to the bit, ties, ±0, infinities and NaN included (the shift is taken from the first choice)', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
      fc.constantFrom(0, -0, 1, Infinity, -Infinity, NaN, -745, 709),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((E) =>
          fc.record({
            E: fc.constant(E),
            k: fc.integer({ min: 1, max: E }),
            rows: fc.array(fc.array(value, { minLength: E, maxLength: E }), { minLength: 1, maxLength: 4 }),
          }),
        ),
        ({ E, k, rows }) => {
          const logits = rows.flat();
          const { scores } = route(spec('softmax-topk', E, k), { tokens: rows.length, logits });
          rows.forEach((row, t) => expect(Array.from(scores.subarray(t * E, (t + 1) * E))).toEqual(softmax(row)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('capacityFor', () => {
  it('ceil(T·k/E · cf) by hand', () => {
    expect(capacityFor(16, 2, 8, 1)).toBe(4); // exact product: 4, not 5
    expect(capacityFor(16, 2, 8, 1.25)).toBe(5);
    expect(capacityFor(10, 2, 8, 1)).toBe(3); // 2.5 → 3
    expect(capacityFor(10, 1, 4, 0.5)).toBe(2); // 1.25 → 2
    expect(capacityFor(64, 8, 256, 1)).toBe(2);
  });

  it('exact products that float arithmetic puts just above an integer do not round up', () => {
    // 25·2·1.1 / 11 = 5.000000000000001 in floating point.
    expect((25 * 2 * 1.1) / 11).toBeGreaterThan(5);
    expect(capacityFor(25, 2, 11, 1.1)).toBe(5);
    // 30·3·1.1 / 9 = 11.000000000000002
    expect(capacityFor(30, 3, 9, 1.1)).toBe(11);
  });

  it('is at least one slot', () => {
    expect(capacityFor(1, 1, 64, 1)).toBe(1);
    expect(capacityFor(0, 2, 8, 1)).toBe(1);
  });
});

describe('softmax-topk (hand-made)', () => {
  it('two experts, k=2: weights are softmax([2,1])', () => {
    const r = route(spec('softmax-topk', 2, 2), { tokens: 1, logits: [2, 1] });
    const t = only(r);
    expect(t.experts).toEqual([0, 1]);
    expectClose(t.weights, [E / (E + 1), 1 / (E + 1)]);
    expect(t.dropped).toEqual([false, false]);
    expectClose(Array.from(r.scores), [E / (E + 1), 1 / (E + 1)]);
    expect(r.selection).toBeUndefined();
  });

  it('top-k of the logits, then softmax over those k only', () => {
    const r = route(spec('softmax-topk', 3, 2), { tokens: 1, logits: [1, 3, 2] });
    const t = only(r);
    expect(t.experts).toEqual([1, 2]);
    expectClose(t.weights, [E / (E + 1), 1 / (E + 1)]);
    // The scores are the softmax over all experts.
    const z = E + E ** 3 + E ** 2;
    expectClose(Array.from(r.scores), [E / z, E ** 3 / z, E ** 2 / z]);
  });

  it('k=1 gives the single chosen expert weight 1', () => {
    const t = only(route(spec('softmax-topk', 4, 1), { tokens: 1, logits: [0.3, -1, 2, 1.9] }));
    expect(t.experts).toEqual([2]);
    expect(t.weights).toEqual([1]);
  });

  it('rejects logits of the wrong length', () => {
    expect(() => route(spec('softmax-topk', 3, 1), { tokens: 2, logits: [1, 2, 3] })).toThrow('router: expected 6 logits, got 3');
  });
});

describe('noisy-topk (hand-made)', () => {
  it('selection runs on logits + noise; weights are the softmax of the chosen noisy logits', () => {
    const r = route(spec('noisy-topk', 3, 2), { tokens: 1, logits: [0, 0, 0], noise: [0.5, -1, 2] });
    const t = only(r);
    expect(t.experts).toEqual([2, 0]);
    const w0 = E ** 2 / (E ** 2 + E ** 0.5);
    expectClose(t.weights, [w0, 1 - w0]);
    expectClose(Array.from(r.selection ?? []), [0.5, -1, 2]);
    expectClose(Array.from(r.scores), softmax([0.5, -1, 2]));
  });

  it('noise can change the choice', () => {
    const clean = only(route(spec('noisy-topk', 3, 1), { tokens: 1, logits: [1, 0, 0], noise: [0, 0, 0] }));
    const noisy = only(route(spec('noisy-topk', 3, 1), { tokens: 1, logits: [1, 0, 0], noise: [0, 1.5, 0] }));
    expect(clean.experts).toEqual([0]);
    expect(noisy.experts).toEqual([1]);
  });

  it('with zero noise equals softmax-topk', () => {
    const T = 12;
    const logits = randomLogits(T, 8, 3);
    const a = route(spec('softmax-topk', 8, 2, { capacityFactor: 1 }), { tokens: T, logits });
    const b = route(spec('noisy-topk', 8, 2, { capacityFactor: 1 }), { tokens: T, logits, noise: new Float32Array(T * 8) });
    const c = route(spec('noisy-topk', 8, 2, { capacityFactor: 1 }), { tokens: T, logits });
    for (const other of [b, c]) {
      expect(other.routes).toEqual(a.routes);
      expect(Array.from(other.scores)).toEqual(Array.from(a.scores));
      expect(other.demand).toEqual(a.demand);
      expect(other.load).toEqual(a.load);
      expect(other.capacity).toBe(a.capacity);
    }
  });

  it('rejects noise of the wrong length', () => {
    expect(() => route(spec('noisy-topk', 2, 1), { tokens: 1, logits: [1, 2], noise: [1] })).toThrow(
      'router: expected 2 noise values, got 1',
    );
  });
});

describe('sigmoid-bias (hand-made)', () => {
  // s = [0.2, 0.9, 0.6, 0.5]
  const s = [0.2, 0.9, 0.6, 0.5];
  const logits = s.map(logit);

  it('without bias: top-k of s, weights = s renormalised', () => {
    const r = route(spec('sigmoid-bias', 4, 2), { tokens: 1, logits, bias: [0, 0, 0, 0] });
    const t = only(r);
    expect(t.experts).toEqual([1, 2]);
    expectClose(t.weights, [0.6, 0.4]); // 0.9/1.5, 0.6/1.5
    expectClose(Array.from(r.scores), s);
    expectClose(Array.from(r.selection ?? []), s);
    expect(t.keptGroups).toEqual([0]);
  });

  it('weights sum to the route scale', () => {
    const t = only(route(spec('sigmoid-bias', 4, 2, { routeScale: 2.5 }), { tokens: 1, logits }));
    expect(t.experts).toEqual([1, 2]);
    expectClose(t.weights, [1.5, 1.0]);
  });

  it('a large bias on expert j forces j in; the weights stay the unbiased s of the chosen, renormalised', () => {
    const r = route(spec('sigmoid-bias', 4, 2, { routeScale: 2.5 }), { tokens: 1, logits, bias: [1, 0, 0, 0] });
    const t = only(r);
    expect(t.experts).toEqual([0, 1]); // biased: 1.2, 0.9
    expectClose(t.weights, [(0.2 / 1.1) * 2.5, (0.9 / 1.1) * 2.5]);
    expectClose(Array.from(r.scores), s); // scores stay unbiased
    expectClose(Array.from(r.selection ?? []), [1.2, 0.9, 0.6, 0.5]);
  });

  it('a negative bias pushes an expert out', () => {
    const t = only(route(spec('sigmoid-bias', 4, 2), { tokens: 1, logits, bias: [0, -0.5, 0, 0] }));
    expect(t.experts).toEqual([2, 3]);
    expectClose(t.weights, [0.6 / 1.1, 0.5 / 1.1]);
  });

  it('a bias that does not change the choice does not change the weights', () => {
    const plain = only(route(spec('sigmoid-bias', 4, 2), { tokens: 1, logits }));
    const shifted = only(route(spec('sigmoid-bias', 4, 2), { tokens: 1, logits, bias: [0.3, 0.3, 0.3, 0.3] }));
    expect(shifted.experts).toEqual(plain.experts);
    expect(shifted.weights).toEqual(plain.weights);
  });

  it('rejects a bias of the wrong length', () => {
    expect(() => route(spec('sigmoid-bias', 4, 2), { tokens: 1, logits, bias: [0, 0] })).toThrow('router: expected 4 biases, got 2');
  });
});

describe('sigmoid-bias groups (node-limited routing)', () => {
  // Two groups of three. Group 0 has the single best expert (0.9) but its top-2 sum is 1.0;
  // group 1's top-2 sum is 0.8 + 0.7 = 1.5. Ranked by top-1, group 0 would win; by top-2, group 1.
  const s = [0.9, 0.1, 0.1, 0.8, 0.7, 0.1];
  const logits = s.map(logit);
  const groups = spec('sigmoid-bias', 6, 2, { nGroup: 2, topkGroup: 1 });

  it('keepGroups ranks groups by the sum of their two best scores', () => {
    expect(keepGroups(s, 2, 1, 3)).toEqual([1]);
    expect(keepGroups(s, 2, 2, 3)).toEqual([1, 0]);
    expect(keepGroups(s, 1, 1, 6)).toEqual([0]);
    // Group size 1: the sum of the top-2 is just the one score.
    expect(keepGroups([0.1, 0.4, 0.3], 3, 2, 1)).toEqual([1, 2]);
  });

  it('chosen experts lie only in the kept group, even when a better expert is elsewhere', () => {
    const r = route(groups, { tokens: 1, logits });
    const t = only(r);
    expect(t.keptGroups).toEqual([1]);
    expect(t.experts).toEqual([3, 4]); // not [0, 3], the global top-2
    expectClose(t.weights, [0.8 / 1.5, 0.7 / 1.5]);
    // Without groups the global top-2 wins.
    expect(only(route(spec('sigmoid-bias', 6, 2), { tokens: 1, logits })).experts).toEqual([0, 3]);
  });

  it('groups are ranked on the biased scores; weights still use the unbiased ones', () => {
    // +0.6 on expert 1: group 0's top-2 sum becomes 0.9 + 0.7 = 1.6 > 1.5.
    const t = only(route(groups, { tokens: 1, logits, bias: [0, 0.6, 0, 0, 0, 0] }));
    expect(t.keptGroups).toEqual([0]);
    expect(t.experts).toEqual([0, 1]);
    expectClose(t.weights, [0.9, 0.1]); // 0.9/1.0 and 0.1/1.0
  });

  it('random tokens: every chosen expert lies in a kept group', () => {
    const T = 40;
    const r = route(spec('sigmoid-bias', 16, 4, { nGroup: 4, topkGroup: 2 }), { tokens: T, logits: randomLogits(T, 16, 11) });
    for (const t of r.routes) {
      expect(t.keptGroups).toHaveLength(2);
      expect(new Set(t.keptGroups).size).toBe(2);
      for (const e of t.experts) expect(t.keptGroups).toContain(Math.floor(e / 4));
    }
  });
});

describe('router invariants on random logits, every router', () => {
  const T = 32;
  const Ex = 16;
  const k = 4;
  for (const kind of ROUTERS) {
    it(`${kind}: distinct experts, weights sum to ${kind === 'sigmoid-bias' ? 'the route scale' : '1'}`, () => {
      const routeScale = kind === 'sigmoid-bias' ? 2.5 : 1;
      const logits = randomLogits(T, Ex, 5);
      const bias = kind === 'sigmoid-bias' ? Rng.stream(1, 'bias').normals(Ex, 0.2) : undefined;
      const noise = kind === 'noisy-topk' ? Rng.stream(1, 'noise').normals(T * Ex) : undefined;
      const r = route(
        spec(kind, Ex, k, { routeScale, nGroup: kind === 'sigmoid-bias' ? 4 : 1, topkGroup: kind === 'sigmoid-bias' ? 2 : 1 }),
        {
          tokens: T,
          logits,
          bias,
          noise,
        },
      );
      expect(r.routes).toHaveLength(T);
      expect(r.scores).toHaveLength(T * Ex);
      r.routes.forEach((t) => {
        if (kind !== 'expert-choice') expect(t.experts).toHaveLength(k);
        expect(new Set(t.experts).size).toBe(t.experts.length);
        expect(t.weights).toHaveLength(t.experts.length);
        expect(t.dropped).toHaveLength(t.experts.length);
        for (const e of t.experts) {
          expect(Number.isInteger(e)).toBe(true);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThan(Ex);
        }
        for (const w of t.weights) expect(w).toBeGreaterThan(0);
        if (kind !== 'expert-choice') expect(sum(t.weights)).toBeCloseTo(routeScale, 10);
      });
      // Scores: probabilities (rows sum to 1) or sigmoid affinities in (0, 1).
      for (let t = 0; t < T; t++) {
        const rowScores = Array.from(r.scores.subarray(t * Ex, (t + 1) * Ex));
        if (kind === 'sigmoid-bias') for (const v of rowScores) expect(v).toBeGreaterThan(0);
        else expect(sum(rowScores)).toBeCloseTo(1, 10);
      }
    });
  }

  for (const kind of ['softmax-topk', 'noisy-topk', 'sigmoid-bias'] as const) {
    it(`${kind}: the chosen are the top-k of the selection score, best first`, () => {
      const logits = randomLogits(T, Ex, 8);
      const noise = kind === 'noisy-topk' ? Rng.stream(2, 'noise').normals(T * Ex) : undefined;
      const bias = kind === 'sigmoid-bias' ? Rng.stream(2, 'bias').normals(Ex, 0.3) : undefined;
      const r = route(spec(kind, Ex, k), { tokens: T, logits, noise, bias });
      r.routes.forEach((t, i) => {
        const sel =
          kind === 'softmax-topk'
            ? Array.from(logits.subarray(i * Ex, (i + 1) * Ex))
            : Array.from((r.selection ?? []).slice(i * Ex, (i + 1) * Ex));
        const sorted = [...sel].sort((a, b) => b - a);
        expect(t.experts.map((e) => at(sel, e))).toEqual(sorted.slice(0, k));
      });
    });
  }
});

describe('capacity and dropping (token choice)', () => {
  it('first come, first served: later tokens are dropped', () => {
    // 4 tokens, 2 experts, k=1, cf=1: capacity ceil(4·1/2) = 2. Every token prefers expert 0.
    const r = route(spec('softmax-topk', 2, 1, { capacityFactor: 1 }), { tokens: 4, logits: [3, 0, 2, 0, 1, 0, 5, 0] });
    expect(r.capacity).toBe(2);
    expect(r.routes.map((t) => t.experts)).toEqual([[0], [0], [0], [0]]);
    expect(r.routes.map((t) => t.dropped)).toEqual([[false], [false], [true], [true]]);
    expect(r.demand).toEqual([4, 0]);
    expect(r.load).toEqual([2, 0]);
  });

  it('a token keeps its other choice when one expert is full', () => {
    // 3 tokens, 3 experts, k=2, cf=0.5: capacity ceil(3·2/3·0.5) = 1.
    const logits = [2, 1, 0, 2, 0, 1, 0, 2, 1];
    const r = route(spec('softmax-topk', 3, 2, { capacityFactor: 0.5 }), { tokens: 3, logits });
    expect(r.capacity).toBe(1);
    expect(r.routes.map((t) => t.experts)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(r.routes.map((t) => t.dropped)).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
    expect(r.demand).toEqual([2, 2, 2]);
    expect(r.load).toEqual([1, 1, 1]);
  });

  it('capacityFactor null: no limit, nothing dropped, load equals demand', () => {
    const r = route(spec('softmax-topk', 2, 1), { tokens: 4, logits: [3, 0, 2, 0, 1, 0, 5, 0] });
    expect(r.capacity).toBeNull();
    expect(r.routes.every((t) => t.dropped.every((d) => !d))).toBe(true);
    expect(r.demand).toEqual([4, 0]);
    expect(r.load).toEqual([4, 0]);
  });

  for (const kind of ['softmax-topk', 'noisy-topk', 'sigmoid-bias'] as const) {
    it(`${kind}: demand counts every choice, load ≤ capacity, the kept are the earliest tokens`, () => {
      const T = 24;
      const Ex = 8;
      const k = 2;
      const logits = randomLogits(T, Ex, 21, 3);
      const noise = kind === 'noisy-topk' ? Rng.stream(4, 'noise').normals(T * Ex) : undefined;
      const r = route(spec(kind, Ex, k, { capacityFactor: 0.5 }), { tokens: T, logits, noise });
      const capacity = capacityFor(T, k, Ex, 0.5);
      expect(r.capacity).toBe(capacity);
      expect(capacity).toBe(3);
      expect(sum(r.demand)).toBe(T * k);
      let dropped = 0;
      for (let e = 0; e < Ex; e++) {
        const wanted: number[] = [];
        const kept: number[] = [];
        r.routes.forEach((t, i) =>
          t.experts.forEach((x, j) => {
            if (x !== e) return;
            wanted.push(i);
            if (t.dropped[j]) dropped++;
            else kept.push(i);
          }),
        );
        expect(r.demand[e]).toBe(wanted.length);
        expect(r.load[e]).toBe(kept.length);
        expect(r.load[e]).toBe(Math.min(capacity, wanted.length));
        expect(kept).toEqual(wanted.slice(0, capacity));
      }
      expect(dropped).toBeGreaterThan(0);
      expect(sum(r.load)).toBe(T * k - dropped);
    });
  }
});

describe('expert-choice', () => {
  it('hand-made: each expert takes its best token; one token gets two experts, one gets none', () => {
    // 3 tokens, 3 experts, k=1, cf=1: capacity ceil(3·1/3·1) = 1.
    const logits = [5, 5, 0, 0, 0, 0, 0, 0, 1];
    const r = route(spec('expert-choice', 3, 1, { capacityFactor: 1 }), { tokens: 3, logits });
    const p0 = E ** 5 / (2 * E ** 5 + 1);
    const p2 = E / (E + 2);
    expect(r.capacity).toBe(1);
    expect(r.routes.map((t) => t.experts)).toEqual([[0, 1], [], [2]]);
    expectClose(at(r.routes, 0).weights, [p0, p0]);
    expect(at(r.routes, 1).weights).toEqual([]);
    expectClose(at(r.routes, 2).weights, [p2]);
    expect(r.load).toEqual([1, 1, 1]);
    expect(r.demand).toEqual([1, 1, 1]);
    expect(r.routes.flatMap((t) => t.dropped)).toEqual([false, false, false]);
  });

  it('weights are the softmax probabilities over all experts', () => {
    // 2 tokens, 2 experts, k=1, capacity 1: expert 0 takes token 0, expert 1 takes token 1.
    const r = route(spec('expert-choice', 2, 1), { tokens: 2, logits: [2, 1, 0, 1] });
    expect(r.routes.map((t) => t.experts)).toEqual([[0], [1]]);
    expectClose(at(r.routes, 0).weights, [E / (E + 1)]);
    expectClose(at(r.routes, 1).weights, [E / (E + 1)]);
  });

  it('each expert takes exactly ceil(T·k/E·cf) tokens, the ones with the highest probability for it', () => {
    const T = 20;
    const Ex = 8;
    const k = 2;
    for (const cf of [null, 0.5, 1, 1.25, 2]) {
      const logits = randomLogits(T, Ex, 9);
      const r = route(spec('expert-choice', Ex, k, { capacityFactor: cf }), { tokens: T, logits });
      const capacity = Math.ceil((T * k * (cf ?? 1)) / Ex - 1e-9);
      expect(r.capacity).toBe(capacity);
      expect(r.load).toEqual(new Array<number>(Ex).fill(capacity));
      expect(r.demand).toEqual(r.load);
      for (let e = 0; e < Ex; e++) {
        const column = Array.from({ length: T }, (_, t) => r.scores[t * Ex + e] as number);
        const takers = r.routes.flatMap((t, i) => (t.experts.includes(e) ? [i] : []));
        expect(takers).toHaveLength(capacity);
        const threshold = [...column].sort((a, b) => b - a)[capacity - 1] as number;
        for (const t of takers) expect(column[t]).toBeGreaterThanOrEqual(threshold);
      }
      r.routes.forEach((t, i) => {
        t.experts.forEach((e, j) => expect(t.weights[j]).toBe(r.scores[i * Ex + e]));
        // best first
        for (let j = 1; j < t.weights.length; j++) expect(at(t.weights, j - 1)).toBeGreaterThanOrEqual(at(t.weights, j));
      });
      expect(sum(r.routes.map((t) => t.experts.length))).toBe(capacity * Ex);
    }
  });

  it('capacity never exceeds the number of tokens', () => {
    const r = route(spec('expert-choice', 2, 2, { capacityFactor: 4 }), { tokens: 3, logits: [1, 0, 0, 1, 1, 1] });
    expect(r.capacity).toBe(3);
    expect(r.routes.map((t) => t.experts)).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
  });
});

describe('zero tokens', () => {
  for (const kind of ROUTERS) {
    it(`${kind} routes an empty batch`, () => {
      const r = route(spec(kind, 4, 2), { tokens: 0, logits: [] });
      expect(r.routes).toEqual([]);
      expect(r.demand).toEqual([0, 0, 0, 0]);
      expect(r.load).toEqual([0, 0, 0, 0]);
    });
  }
});
