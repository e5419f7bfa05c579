/**
 * The gate rules of src/core/gate-math.ts: softmaxGates by hand on small rows, and, renormalised, the
 * chosen probabilities over their sum to 1e-15 (issue 18: the softmax's own sum is left out).
 */
import { describe, expect, it } from 'vitest';
import { softmaxGates } from '../../src/core/gate-math';
import { Rng } from '../../src/core/rng';
import { route } from '../../src/core/router';
import { routerSpec } from './router-spec';

describe('softmax gates', () => {
  it('renormalised: each chosen exp(v − max) over their sum; else the chosen probabilities; then the scale', () => {
    const row = [1, 2, 3];
    const e1 = Math.exp(-1);
    const [a, b] = softmaxGates(row, 0, 3, [2, 1], true);
    expect(a).toBeCloseTo(1 / (1 + e1), 15);
    expect(b).toBeCloseTo(e1 / (1 + e1), 15);
    const sum = 1 + e1 + Math.exp(-2);
    const [p, q] = softmaxGates(row, 0, 3, [2, 1], false);
    expect(p).toBeCloseTo(1 / sum, 15);
    expect(q).toBeCloseTo(e1 / sum, 15);
    // A row inside a longer array, given its probabilities, and a scale.
    const wide = [9, 9, ...row];
    expect(softmaxGates(wide, 2, 3, [2, 1], false, [0, 0, 0.1, 0.2, 0.7], 2.5)).toEqual([0.7 * 2.5, 0.2 * 2.5]);
    expect(softmaxGates(wide, 2, 3, [2], true)).toEqual([1]);
    // A NaN anywhere in the row: NaN weights, as a softmax with a NaN gives.
    expect(softmaxGates([1, NaN, 3], 0, 3, [2, 0], true)).toEqual([NaN, NaN]);
  });

  it('makes renormalised gates the chosen probabilities over their sum (to 1e-15; the softmax’s sum left out)', () => {
    for (const E of [2, 8, 64, 256]) {
      const T = 50;
      const logits = Rng.stream(E, 'topk-softmax-rows', 'renormalised').normals(T * E, 3);
      for (const k of [1, 2, 4]) {
        const spec = routerSpec('softmax-topk', E, k);
        const routing = route(spec, { tokens: T, logits });
        routing.routes.forEach((r, t) => {
          const p = r.experts.map((e) => routing.scores[t * E + e] as number);
          const sum = p.reduce((a, b) => a + b, 0);
          r.weights.forEach((w, j) => expect(Math.abs(w - (p[j] as number) / sum)).toBeLessThanOrEqual(1e-15 * w));
          if (k === 1) expect(r.weights).toEqual([1]);
        });
      }
    }
  });
});
