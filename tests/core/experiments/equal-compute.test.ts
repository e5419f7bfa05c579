import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, expertShape, validateConfig, type MoeConfig } from '../../../src/core/config';
import {
  denseTwin,
  equalComputeRun,
  stepFlops,
  TRAIN_FLOPS_FACTOR,
  type EqualComputePoint,
} from '../../../src/core/experiments/equal-compute';
import { OPEN_VOCAB } from '../../../src/core/open-vocab';
import { activeParams, tokenFlops, toyParams } from '../../../src/core/params';
import { VOCAB } from '../../../src/core/tokenizer';
import { DEFAULT_TRAIN, grammarCorpus } from '../../../src/core/training';
import { WORD_CLASSES } from '../../../src/core/word-class';

const small: MoeConfig = { ...DEFAULT_CONFIG, modelWidth: 8, expertHidden: 64, routedExperts: 4, topK: 2 };
const options = { settings: { ...DEFAULT_TRAIN, learningRate: 0.02, batchSize: 8 }, vocab: VOCAB, corpus: grammarCorpus(VOCAB) };

const perToken = (c: MoeConfig, vocab = VOCAB.words.length, classes = 0): number => {
  const p = toyParams(c, vocab, classes);
  return tokenFlops(p, new Array<number>(c.layers).fill(expertShape(c).active));
};

describe('denseTwin (experiment 7)', () => {
  it('one routed expert, chosen by every token, as wide as all the experts a token of the MoE model runs through', () => {
    for (const over of [{}, { granularity: 4, topK: 1 }, { sharedExperts: 2, router: 'sigmoid-bias' as const, granularity: 2 }]) {
      const moe = { ...DEFAULT_CONFIG, ...over };
      const dense = denseTwin(moe);
      expect(validateConfig(dense)).toEqual({ ok: true, config: dense });
      const [pm, pd] = [toyParams(moe, 100), toyParams(dense, 100)];
      expect(expertShape(dense)).toMatchObject({ experts: 1, active: 1, shared: 0 });
      // Active expert weights per layer: k·m routed + K_s shared in the MoE, one wide expert in the dense model.
      expect(pd.routedExpert).toBe(expertShape(moe).active * pm.routedExpert + pm.sharedTotal);
      // Only the router differs.
      expect(activeParams(pm, [expertShape(moe).active]) - activeParams(pd, [1])).toBe(pm.router - pd.router);
    }
  });

  it("the default model's FLOPs per token match its dense twin's within 1% (open vocabulary)", () => {
    const moe = perToken(DEFAULT_CONFIG, OPEN_VOCAB.words.length, WORD_CLASSES.length);
    const dense = perToken(denseTwin(DEFAULT_CONFIG), OPEN_VOCAB.words.length, WORD_CLASSES.length);
    expect(Math.abs(moe - dense) / moe).toBeLessThan(0.01);
  });
});

describe('equalComputeRun (experiment 7)', () => {
  it('steps both models in turn; FLOPs per step match within 1%; both losses go down; reproducible; no tensor leaks', async () => {
    const before = memory().numTensors;
    const seen: EqualComputePoint[] = [];
    const run = await equalComputeRun(small, 30, (p) => seen.push(p), options);
    expect(memory().numTensors).toBe(before);
    expect(seen.map((p) => p.model).slice(0, 4)).toEqual(['moe', 'dense', 'moe', 'dense']);
    expect(seen).toHaveLength(60);
    expect(run.moe).toHaveLength(30);
    expect(run.dense).toHaveLength(30);
    expect(run.denseConfig).toEqual(denseTwin(small));
    for (let i = 0; i < 30; i++) {
      const [m, d] = [run.moe[i]!, run.dense[i]!];
      expect(m.step).toBe(i + 1);
      expect(Math.abs(m.stepFlops - d.stepFlops) / m.stepFlops).toBeLessThan(0.01);
      expect(m.flops).toBe(run.moe.slice(0, i + 1).reduce((a, p) => a + p.stepFlops, 0));
    }
    // No capacity limit: each step's FLOPs are 3 × tokens × the nominal forward FLOPs per token.
    const tokens = run.moe[0]!.stepFlops / (TRAIN_FLOPS_FACTOR * perToken(small));
    expect(Number.isInteger(tokens)).toBe(true);
    expect(run.dense[0]!.stepFlops).toBe(TRAIN_FLOPS_FACTOR * tokens * perToken(denseTwin(small)));
    const mean = (ps: EqualComputePoint[]) => ps.reduce((a, p) => a + p.loss, 0) / ps.length;
    for (const arm of [run.moe, run.dense]) expect(mean(arm.slice(-5))).toBeLessThan(mean(arm.slice(0, 5)) - 0.2);

    const again = await equalComputeRun(small, 30, undefined, options);
    expect(again).toEqual(run);
  });

  it('stops when cancelled', async () => {
    let n = 0;
    const run = await equalComputeRun(small, 10, () => n++, { ...options, cancelled: () => n >= 4 });
    expect(run.moe).toHaveLength(2);
    expect(run.dense).toHaveLength(2);
  });

  it('stepFlops counts the experts each layer ran (capacity drops save their work)', () => {
    const p = toyParams(small, 50);
    const full = stepFlops(p, { tokens: 10, layers: [{ load: [5, 5, 5, 5] } as never] });
    const dropped = stepFlops(p, { tokens: 10, layers: [{ load: [5, 5, 5, 3] } as never] });
    expect(full).toBe(TRAIN_FLOPS_FACTOR * 10 * tokenFlops(p, [2]));
    expect(full - dropped).toBe(TRAIN_FLOPS_FACTOR * 2 * 2 * p.routedExpert);
  });
});
