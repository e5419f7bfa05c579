/** Experiment 3 on hand-made traces. */
import { describe, expect, it } from 'vitest';
import { coActivation, coActivationRows } from '../../../src/core/experiments';
import { randomSentences, sentence, to } from './traces';

describe('coActivation', () => {
  it('experts 0 and 1 always fire together: co-activation 1 both ways', () => {
    const t = sentence([{ layers: [to(0, 1)] }, { layers: [to(1, 0)] }, { layers: [to(2, 3)] }, { layers: [to(0, 1)] }]);
    const r = coActivation(t, 0);
    expect(r.conditional[0]![1]).toBe(1);
    expect(r.conditional[1]![0]).toBe(1);
    expect(r.counts[0]![1]).toBe(3);
    expect(r.rate[0]![1]).toBe(3 / 4);
    expect(r.usage).toEqual([3, 3, 1, 1, 0, 0, 0, 0]);
    expect(r.conditional[2]![0]).toBe(0);
    // Observed 3/4 against independent (3/4)²: ratio 4/3.
    expect(r.ratio[0]![1]).toBeCloseTo(4 / 3, 12);
    expect(r.ratio[4]![5]).toBeNull();
    expect(r.uniformPairRate).toBeCloseTo(2 / 56, 15);
    expect(r.uniformConditional).toBeCloseTo(1 / 7, 15);
  });

  it('each token adds k − 1 partners to each of its experts', () => {
    const r = coActivation(randomSentences(2, 20, 10, 8, 3), 0);
    r.counts.forEach((row, i) => expect(row.reduce((a, b) => a + b, 0) - row[i]!).toBe(2 * r.usage[i]!));
  });

  it('independent uniform top-k: each pair near k(k − 1)/(E(E − 1)) within 4 standard errors, below p_i·p_j', () => {
    const E = 8;
    const k = 2;
    const r = coActivation(randomSentences(11, 200, 20, E, k), 0);
    const se = Math.sqrt((r.uniformPairRate * (1 - r.uniformPairRate)) / r.tokens);
    let ratios = 0;
    for (let i = 0; i < E; i++)
      for (let j = 0; j < E; j++) {
        if (i === j) continue;
        expect(Math.abs(r.rate[i]![j]! - r.uniformPairRate)).toBeLessThan(4 * se);
        ratios += r.ratio[i]![j]!;
      }
    // Without replacement: mean ratio to p_i·p_j ≈ (k − 1)E / (k(E − 1)) = 4/7.
    expect(ratios / (E * (E - 1))).toBeCloseTo(4 / 7, 1);
  });

  it('exports one plain row per ordered pair', () => {
    const rows = coActivationRows(coActivation(sentence([{ layers: [to(0, 1)] }]), 0));
    expect(rows).toHaveLength(64);
    expect(rows[1]).toMatchObject({ i: 0, j: 1, count: 1, rate: 1, conditional: 1, baseline: 1, ratio: 1 });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});
