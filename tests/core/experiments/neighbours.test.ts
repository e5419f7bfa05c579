/** Experiment 2 and its exact baselines on hand-made traces. */
import { describe, expect, it } from 'vitest';
import {
  disjointProbability,
  neighbourRates,
  neighbourRows,
  sameFirstBaseline,
  shareAnyBaseline,
  standardError,
} from '../../../src/core/experiments';
import { combinations as choose } from '../../../src/core/lesson-math';
import { randomSentences, sentence, to } from './traces';

/** Every k-subset of E experts, as bit masks. */
function subsets(E: number, k: number): number[] {
  const out: number[] = [];
  for (let m = 0; m < 1 << E; m++) {
    let bits = 0;
    for (let x = m; x; x &= x - 1) bits++;
    if (bits === k) out.push(m);
  }
  return out;
}

describe('exact baselines', () => {
  it('C(n, k) exactly, in bigint (lesson-math.ts)', () => {
    expect(choose(8, 2)).toBe(28n);
    expect(choose(64, 8)).toBe(4426165368n);
    expect(choose(100, 50)).toBe(100891344545564193334812497256n);
    expect(choose(5, 0)).toBe(1n);
    expect(choose(3, 4)).toBe(0n);
  });

  it('share-an-expert baseline = the fraction of pairs of k-subsets that meet, by enumeration, E ≤ 9', () => {
    for (let E = 1; E <= 9; E++)
      for (let k = 1; k <= E; k++) {
        const s = subsets(E, k);
        let meet = 0;
        for (const a of s) for (const b of s) if (a & b) meet++;
        const exact = meet / (s.length * s.length);
        expect(shareAnyBaseline(E, k)).toBeCloseTo(exact, 14);
        expect(shareAnyBaseline(E, k)).toBeCloseTo(1 - Number(choose(E - k, k)) / Number(choose(E, k)), 14);
        // First choice: the first element of a random ordered choice is uniform.
        expect(sameFirstBaseline(E)).toBe(1 / E);
      }
  });

  it('the edge cases: E = k shares always, k = 1 is 1/E, Mixtral’s 8 and 2 give 13/28', () => {
    expect(shareAnyBaseline(4, 4)).toBe(1);
    expect(shareAnyBaseline(8, 1)).toBeCloseTo(1 / 8, 15);
    expect(shareAnyBaseline(8, 2)).toBeCloseTo(13 / 28, 15);
    expect(shareAnyBaseline(64, 8)).toBeCloseTo(1 - Number(choose(56, 8)) / Number(choose(64, 8)), 14);
    expect(disjointProbability(8, 0, 2)).toBe(1);
    expect(disjointProbability(5, 3, 3)).toBe(0);
  });
});

describe('neighbourRates', () => {
  it('every token to expert 0: both rates 1', () => {
    const r = neighbourRates(sentence(Array.from({ length: 6 }, () => ({ layers: [to(0, 3)] }))), 0);
    expect(r.sameFirst).toMatchObject({ pairs: 5, matches: 5, rate: 1, baseline: 1 / 8 });
    expect(r.shareAny.rate).toBe(1);
    expect(r.shareAny.baseline).toBeCloseTo(13 / 28, 15);
    expect(r.sameFirst.standardError).toBeCloseTo(standardError(1 / 8, 5), 15);
  });

  it('counts pairs within each sentence, never across two', () => {
    const a = sentence([{ layers: [to(0, 1)] }, { layers: [to(2, 3)] }]);
    const b = sentence([{ layers: [to(2, 3)] }, { layers: [to(2, 5)] }, { layers: [to(4, 5)] }]);
    const r = neighbourRates([a, b], 0);
    expect(r.sameFirst).toMatchObject({ pairs: 3, matches: 1 });
    expect(r.shareAny).toMatchObject({ pairs: 3, matches: 2 });
    expect(neighbourRates(sentence([{ layers: [to(0, 1)] }]), 0).sameFirst.pairs).toBe(0);
  });

  it('dropped choices: routed counts them; ran leaves them out (and the baseline follows the sizes)', () => {
    const t = sentence([{ layers: [{ experts: [0, 1], dropped: [true, false] }] }, { layers: [to(0, 2)] }]);
    expect(neighbourRates(t, 0).sameFirst.matches).toBe(1);
    const ran = neighbourRates(t, 0, { counting: 'ran' });
    expect(ran.sameFirst.matches).toBe(0);
    expect(ran.shareAny.matches).toBe(0);
    // One expert against two of 8: 1 − 7/8·6/7 = 1/4.
    expect(ran.shareAny.baseline).toBeCloseTo(1 / 4, 15);
  });

  it('independent uniform routing: both rates within 4 standard errors of the baselines', () => {
    for (const [E, k] of [
      [8, 2],
      [16, 2],
      [64, 4],
    ] as const) {
      const r = neighbourRates(randomSentences(E * 10 + k, 200, 21, E, k), 0);
      expect(r.sameFirst.pairs).toBe(4000);
      expect(Math.abs(r.sameFirst.z)).toBeLessThan(4);
      expect(Math.abs(r.shareAny.z)).toBeLessThan(4);
      expect(r.shareAny.baseline).toBeCloseTo(shareAnyBaseline(E, k), 12);
    }
  });

  it('refuses traces of different shapes, and a layer the traces lack, with a code', () => {
    const a = sentence([{ layers: [to(0, 1)] }]);
    expect(() => neighbourRates([a, sentence([{ layers: [to(0, 1)] }], { experts: 16 })], 0)).toThrow('experiments.shapes');
    expect(() => neighbourRates(a, 3)).toThrow('experiments.noLayer');
  });

  it('exports one plain row per measure', () => {
    const rows = neighbourRows(neighbourRates(sentence([{ layers: [to(0, 1)] }, { layers: [to(0, 2)] }]), 0));
    expect(rows.map((r) => r.measure)).toEqual(['sameFirst', 'shareAny']);
    expect(rows[0]).toMatchObject({ layer: 0, counting: 'routed', pairs: 1, matches: 1, rate: 1 });
  });
});
