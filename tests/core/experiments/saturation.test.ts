import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import { routerSaturation, saturationCurve } from '../../../src/core/experiments/saturation';
import { DEFAULT_TRAIN, evalTokens, MoeTrainer } from '../../../src/core/training';

const cfg = (over: Partial<MoeConfig> = {}): MoeConfig => ({
  ...DEFAULT_CONFIG,
  modelWidth: 8,
  expertHidden: 8,
  routedExperts: 4,
  ...over,
});

describe('routerSaturation (experiment 5)', () => {
  it('is the mean over tokens of |S_t ∩ S_T| / k, per layer', () => {
    const final = [
      [
        [0, 1],
        [2, 3],
      ],
      [
        [1, 0],
        [3, 2],
      ],
    ];
    const at = [
      [
        [1, 0],
        [2, 0],
      ],
      [
        [2, 3],
        [0, 1],
      ],
    ];
    expect(routerSaturation(at, final)).toEqual([(1 + 0.5) / 2, 0]);
    expect(routerSaturation(final, final)).toEqual([1, 1]);
  });

  it('counts (token, expert) pairs when tokens have different numbers of experts (expert choice)', () => {
    expect(routerSaturation([[[0, 1, 2], [], [3]]], [[[0], [1], [3, 2]]])).toEqual([2 / 4]);
  });

  it('refuses recordings of different shapes', () => {
    expect(() => routerSaturation([[[0]]], [[[0]], [[1]]])).toThrow(/layers/);
    expect(() => routerSaturation([[[0]]], [[[0], [1]]])).toThrow(/tokens/);
  });
});

describe('saturationCurve (experiment 5)', () => {
  it('with learning rate 0 the routing never moves: saturation 1 at every recorded step', async () => {
    const config = cfg({ layers: 2 });
    const trainer = new MoeTrainer(config, { ...DEFAULT_TRAIN, learningRate: 0, batchSize: 4 });
    const tokens = evalTokens(config.seed).slice(0, 60);
    const curve = await saturationCurve(trainer, 5, 2, tokens);
    expect(curve.steps).toEqual([0, 2, 4, 5]);
    expect(curve.layers).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(curve.baseline).toBe(2 / 4);
    trainer.dispose();
  });

  it('while training, the last point is 1 and earlier points are shares; the same seed gives the same curve; no tensors leak', async () => {
    const run = async () => {
      const before = memory().numTensors;
      const config = cfg();
      const trainer = new MoeTrainer(config, { ...DEFAULT_TRAIN, learningRate: 0.05, batchSize: 4 });
      const tokens = evalTokens(config.seed).slice(0, 80);
      const seen: number[] = [];
      const curve = await saturationCurve(trainer, 12, 4, tokens, (r) => seen.push(r.step));
      trainer.dispose();
      expect(memory().numTensors).toBe(before);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
      return curve;
    };
    const curve = await run();
    expect(curve.steps).toEqual([0, 4, 8, 12]);
    const layer = curve.layers[0]!;
    expect(layer[layer.length - 1]).toBe(1);
    for (const v of layer) expect(v).toBeGreaterThanOrEqual(0);
    // Training at this rate moves some choices.
    expect(layer[0]).toBeLessThan(1);
    expect(await run()).toEqual(curve);
  });

  it('refuses a step count or interval that is not a whole number', async () => {
    const trainer = new MoeTrainer(cfg(), { ...DEFAULT_TRAIN, batchSize: 2 });
    await expect(saturationCurve(trainer, 3, 0, [])).rejects.toThrow(/everyN = 0/);
    await expect(saturationCurve(trainer, 1.5, 1, [])).rejects.toThrow(/steps = 1.5/);
    trainer.dispose();
  });
});
