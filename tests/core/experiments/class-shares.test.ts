/** Experiment 1 on hand-made traces with known answers. */
import { describe, expect, it } from 'vitest';
import { classShares, classSharesRows, everyLayer, TOTAL_ROW } from '../../../src/core/experiments';
import { randomSentences, sentence, to } from './traces';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('classShares', () => {
  const trace = sentence([
    { category: 'verb', layers: [to(3, 0)] },
    { category: 'noun', layers: [to(0, 1)] },
    { category: 'noun', layers: [to(0, 2)] },
    { category: 'determiner', layers: [to(5, 0)] },
    { category: 'noun', layers: [to(1, 0)] },
  ]);

  it('first choice: each class’s share of its tokens per expert, rows summing to 1, line 1/E', () => {
    const r = classShares(trace, 0, { choice: 'first' });
    // Rows in WORD_CLASSES order: noun, verb, determiner.
    expect(r.classes).toEqual(['noun', 'verb', 'determiner']);
    expect(r.rows[0]!.counts).toEqual([2, 1, 0, 0, 0, 0, 0, 0]);
    expect(r.rows[0]!.shares[0]).toBeCloseTo(2 / 3, 12);
    expect(r.rows[1]!.shares[3]).toBe(1);
    for (const row of r.rows) expect(sum(row.shares)).toBeCloseTo(1, 12);
    expect(r.rows[0]!.tokenShares).toEqual(r.rows[0]!.shares);
    expect(r.baseline).toBe(1 / 8);
    expect(r.tokenBaseline).toBe(1 / 8);
    expect(r.total.counts).toEqual([2, 1, 0, 1, 0, 1, 0, 0]);
    expect(r.total.tokens).toBe(5);
  });

  it('all choices: shares of choices sum to 1 (Mixtral, 1/E); shares of tokens sum to k (OLMoE, k/E)', () => {
    const r = classShares(trace, 0, { choice: 'all' });
    const noun = r.rows[0]!;
    expect(noun.counts).toEqual([3, 2, 1, 0, 0, 0, 0, 0]);
    expect(noun.choices).toBe(6);
    expect(noun.shares[0]).toBeCloseTo(0.5, 12);
    expect(noun.tokenShares[0]).toBe(1);
    for (const row of r.rows) {
      expect(sum(row.shares)).toBeCloseTo(1, 12);
      expect(sum(row.tokenShares)).toBeCloseTo(2, 12);
    }
    expect(r.baseline).toBe(1 / 8);
    expect(r.tokenBaseline).toBe(2 / 8);
  });

  it('dropped choices count as routed, or not with counting "ran" (first choice = first that ran)', () => {
    const t = sentence([
      { layers: [{ experts: [4, 6], dropped: [true, false] }] },
      { layers: [{ experts: [4, 6], dropped: [true, true] }] },
    ]);
    expect(classShares(t, 0).rows[0]!.counts[4]).toBe(2);
    const ran = classShares(t, 0, { counting: 'ran' });
    expect(ran.rows[0]!.counts[6]).toBe(1);
    expect(ran.rows[0]!.tokens).toBe(1);
    expect(ran.uncounted).toBe(1);
  });

  it('pools several traces and runs on every layer', () => {
    const a = sentence([{ layers: [to(1, 2), to(7, 6)] }]);
    const b = sentence([{ layers: [to(1, 3), to(6, 7)] }]);
    const rs = everyLayer([a, b], (ts, l) => classShares(ts, l));
    expect(rs.map((r) => r.rows[0]!.counts.indexOf(2))).toEqual([1, -1]);
    expect(rs[1]!.rows[0]!.counts).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('uniform random routing: every share near the line', () => {
    const r = classShares(randomSentences(4, 100, 20, 8, 2, ['noun', 'verb']), 0, { choice: 'all' });
    for (const row of r.rows)
      for (const s of row.tokenShares) {
        const se = Math.sqrt((r.tokenBaseline * (1 - r.tokenBaseline)) / row.tokens);
        expect(Math.abs(s - r.tokenBaseline)).toBeLessThan(4 * se);
      }
  });

  it('exports one plain row per class and expert, then the total', () => {
    const rows = classSharesRows(classShares(trace, 0));
    expect(rows).toHaveLength(4 * 8);
    expect(rows[0]).toEqual({
      layer: 0,
      choice: 'first',
      counting: 'routed',
      class: 'noun',
      expert: 0,
      tokens: 3,
      choices: 3,
      count: 2,
      share: 2 / 3,
      baseline: 1 / 8,
      tokenShare: 2 / 3,
      tokenBaseline: 1 / 8,
    });
    expect(rows.at(-1)!.class).toBe(TOTAL_ROW);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});
