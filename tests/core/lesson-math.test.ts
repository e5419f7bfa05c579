import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type MoeConfig } from '../../src/core/config';
import { DEFAULT_SENTENCE } from '../../src/core/corpus';
import {
  axisWith,
  combinations,
  expertSets,
  granularityRows,
  realSparsity,
  routedPerToken,
  sharedSweep,
  sparsitySweep,
  tokenBreakdown,
} from '../../src/core/lesson-math';
import { MoeModel } from '../../src/core/model';
import { tokenize, VOCAB } from '../../src/core/tokenizer';

function cfg(change: Partial<MoeConfig> = {}): MoeConfig {
  const r = validateConfig({ ...DEFAULT_CONFIG, ...change });
  if (!r.ok) throw new Error(`bad test config: ${JSON.stringify(r.problems)}`);
  return r.config;
}

const V = VOCAB.words.length;

describe('combinations', () => {
  it('gives the hand-computed counts exactly', () => {
    expect(combinations(8, 2)).toBe(28n);
    expect(combinations(16, 4)).toBe(1820n);
    expect(combinations(32, 8)).toBe(10518300n);
    expect(combinations(64, 16)).toBe(488526937079580n);
    // DeepSeekMoE's example: C(16, 2) = 120 against C(64, 8) = 4,426,165,368.
    expect(combinations(16, 2)).toBe(120n);
    expect(combinations(64, 8)).toBe(4426165368n);
    // DeepSeek-V3: 8 of 256 routed experts.
    expect(combinations(256, 8)).toBe(409663695276000n);
  });

  it('handles the edges', () => {
    expect(combinations(5, 0)).toBe(1n);
    expect(combinations(5, 5)).toBe(1n);
    expect(combinations(0, 0)).toBe(1n);
    expect(combinations(4, 5)).toBe(0n);
    expect(combinations(4, -1)).toBe(0n);
    expect(() => combinations(2.5, 1)).toThrow(expect.objectContaining({ code: 'combinations.notCounts', args: { n: 2.5, k: 1 } }));
    expect(() => combinations(-1, 0)).toThrow(expect.objectContaining({ code: 'combinations.notCounts', args: { n: -1, k: 0 } }));
  });

  it('is exact beyond 2^53 (symmetry and Pascal’s rule)', () => {
    const n = 2048;
    const k = 128;
    expect(combinations(n, k)).toBe(combinations(n, n - k));
    expect(combinations(n, k)).toBe(combinations(n - 1, k - 1) + combinations(n - 1, k));
    expect(combinations(n, k) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});

describe('sparsitySweep', () => {
  // A toy worked by hand: vocabulary 10, width d = 4, expert hidden width h = 8, one layer.
  //   embedding 10·4 = 40, router 4·E, one expert 3·4·8 = 96.
  //   E = 4: total 40 + 16 + 4·96 = 440;  k = 1: active 40 + 16 + 96 = 152 (34.5%), experts 96/384 = 25%
  //                                       k = 2: active 40 + 16 + 192 = 248
  //   E = 8: total 40 + 32 + 8·96 = 840;  k = 1: active 40 + 32 + 96 = 168 = 20% exactly, experts 12.5%
  const toy = cfg({ modelWidth: 4, expertHidden: 8, routedExperts: 4, topK: 1 });

  it('matches the hand-worked toy', () => {
    const [row4, row8] = sparsitySweep(toy, 10, [4, 8], [1, 2, 8]);
    const c41 = row4?.[0];
    expect(c41).toEqual({
      experts: 4,
      topK: 1,
      possible: true,
      total: 440,
      active: 152,
      fraction: 152 / 440,
      expertTotal: 384,
      expertActive: 96,
      expertFraction: 0.25,
    });
    expect(row4?.[1]).toMatchObject({ total: 440, active: 248 });
    expect(row4?.[2]).toEqual({ experts: 4, topK: 8, possible: false });
    expect(row8?.[0]).toMatchObject({ total: 840, active: 168, fraction: 0.2, expertFraction: 0.125 });
  });

  it('counts shared experts as always active, in both fractions', () => {
    // One shared expert (96 weights) more: E = 4, k = 1 → total 536, active 248, experts 192/480.
    const cell = sparsitySweep({ ...toy, sharedExperts: 1 }, 10, [4], [1])[0]?.[0];
    expect(cell).toMatchObject({ possible: true, total: 536, active: 248 });
    expect(cell?.possible && cell.expertFraction).toBeCloseTo(192 / 480, 12);
  });

  it('covers E 4…256 × k 1…8 by default, with the live default config at (8, 2)', () => {
    const rows = sparsitySweep(cfg(), V);
    expect(rows.map((r) => r[0]?.experts)).toEqual([4, 8, 16, 32, 64, 128, 256]);
    expect(rows[0]?.map((c) => c.topK)).toEqual([1, 2, 4, 8]);
    const cell = rows[1]?.[1];
    // Default: V = 142, d = 32, h = 64: embedding 4,544, router 256, expert 6,144 → 17,088 of 53,952.
    expect(cell).toMatchObject({ possible: true, total: 53952, active: 17088, expertFraction: 0.25 });
  });

  it('adds the current value to an axis when it is not there', () => {
    expect(axisWith([4, 8, 16], 8)).toEqual([4, 8, 16]);
    expect(axisWith([4, 8, 16], 9)).toEqual([4, 8, 9, 16]);
  });
});

describe('realSparsity', () => {
  it('counts the published configs with countParams', () => {
    const byId = Object.fromEntries(realSparsity().map((r) => [r.id, r]));
    expect(byId['deepseek-v3']).toMatchObject({ total: 671026419200, active: 37552297472, routedExperts: 256, topK: 8, sharedExperts: 1 });
    expect(byId['deepseek-v3']?.fraction).toBeCloseTo(0.05596, 4);
    expect(byId['deepseek-v2']).toMatchObject({ total: 235741434880, active: 21375800320 });
    expect(byId['mixtral-8x7b']).toMatchObject({ total: 46702792704, active: 12879925248, routedExperts: 8, topK: 2, sharedExperts: 0 });
    for (const r of Object.values(byId)) expect(r.activeWithoutEmbedding).toBeLessThan(r.active);
  });
});

describe('granularityRows', () => {
  it('keeps active routed-expert weights equal while the combinations grow (default config, by hand)', () => {
    const rows = granularityRows(cfg(), V);
    // d = 32, h = 64, E = 8, k = 2: one expert 3·32·(64/m); k·m of them = 3·32·64·2 = 12,288 for every m.
    expect(rows.map((r) => [r.m, r.experts, r.topK, r.hidden, r.perExpert, r.activeRouted, r.router])).toEqual([
      [1, 8, 2, 64, 6144, 12288, 256],
      [2, 16, 4, 32, 3072, 12288, 512],
      [4, 32, 8, 16, 1536, 12288, 1024],
      [8, 64, 16, 8, 768, 12288, 2048],
    ]);
    expect(rows.map((r) => r.combinations)).toEqual([28n, 1820n, 10518300n, 488526937079580n]);
    // Totals: 4,544 + router + 49,152 (all experts' weights do not change with m).
    expect(rows.map((r) => r.total)).toEqual([53952, 54208, 54720, 55744]);
    expect(rows.every((r) => r.splits && r.runnable)).toBe(true);
  });

  it('flags a split that does not divide h, and a shape too big to run', () => {
    const rows = granularityRows(cfg({ expertHidden: 12, routedExperts: 64, topK: 2 }), V);
    expect(rows.map((r) => r.splits)).toEqual([true, true, true, false]);
    // 64·8 = 512 experts is past the 256 the simulator runs (and 12 does not divide by 8).
    expect(rows.map((r) => r.runnable)).toEqual([true, true, true, false]);
    // top-k 4 × 8 = 32 active is past the simulator's 16.
    expect(granularityRows(cfg({ topK: 4 }), V).map((r) => r.runnable)).toEqual([true, true, true, false]);
  });
});

describe('sharedSweep', () => {
  it('adds one expert’s weights to both total and active per shared expert', () => {
    const rows = sharedSweep(cfg(), V);
    expect(rows.map((r) => [r.shared, r.total, r.active])).toEqual([
      [0, 53952, 17088],
      [1, 60096, 23232],
      [2, 66240, 29376],
      [3, 72384, 35520],
      [4, 78528, 41664],
    ]);
  });
});

describe('from a live trace', () => {
  it('breaks each token’s active parameters into parts that add up to the trace’s count', async () => {
    const config = cfg({ sharedExperts: 2, layers: 2 });
    const model = new MoeModel(config);
    const before = memory().numTensors;
    const { trace } = await model.run(tokenize(DEFAULT_SENTENCE).tokens);
    expect(memory().numTensors).toBe(before);
    model.dispose();
    const parts = tokenBreakdown(trace);
    expect(parts).toHaveLength(trace.tokens.length);
    parts.forEach((p, t) => {
      expect(p.active).toBe(trace.perToken[t]?.activeParams);
      expect(p.used).toEqual([2, 2]);
      expect(p.routed).toBe(2 * 2 * 6144);
      expect(p.shared).toBe(2 * 2 * 6144);
      expect(p.routers).toBe(2 * 256);
    });
    // Shared experts processed every token, in every layer.
    for (const l of trace.layers) expect(l.sharedLoad).toEqual([trace.tokens.length, trace.tokens.length]);
    expect(routedPerToken(trace).every((r) => r === 2 * 2 * 6144)).toBe(true);
    const sets = expertSets(trace);
    expect(sets).toBeGreaterThan(0);
    expect(sets).toBeLessThanOrEqual(Math.min(trace.tokens.length, 28));
  });

  it('counts dropped choices out of the routed weights', async () => {
    const model = new MoeModel(cfg({ capacityFactor: 0.5 }));
    const { trace } = await model.run(tokenize(DEFAULT_SENTENCE).tokens);
    model.dispose();
    expect(trace.layers[0]?.droppedChoices).toBeGreaterThan(0);
    const routed = routedPerToken(trace);
    trace.layers[0]?.tokens.forEach((r, t) => expect(routed[t]).toBe(r.used * 6144));
    expect(Math.min(...routed)).toBeLessThan(12288);
  });
});
