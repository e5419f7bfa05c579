import { memory, tensor2d } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { MoeModel } from '../../src/core/model';
import { tokenize, VOCAB } from '../../src/core/tokenizer';
import { WeightStore } from '../../src/core/weight-store';

describe('WeightStore', () => {
  it('hands out one variable per key and sweeps the ones not asked for', () => {
    const before = memory().numTensors;
    const store = new WeightStore();
    const a = store.get('a', () => tensor2d([1, 2], [1, 2]));
    expect(store.get('a', () => tensor2d([9, 9], [1, 2]))).toBe(a);
    store.get('b', () => tensor2d([3, 4], [1, 2]));
    store.sweep();
    expect(store.size).toBe(2);
    store.get('a', () => tensor2d([0, 0], [1, 2]));
    store.sweep();
    expect(store.size).toBe(1);
    expect(a.isDisposed).toBe(false);
    store.dispose();
    expect(a.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(before);
  });

  it('lets a model with more experts reuse the old experts, with the same results as fresh weights', async () => {
    const before = memory().numTensors;
    const store = new WeightStore();
    const small = new MoeModel({ ...DEFAULT_CONFIG, routedExperts: 8 }, VOCAB, store);
    store.sweep();
    const big = new MoeModel({ ...DEFAULT_CONFIG, routedExperts: 9 }, VOCAB, store);
    store.sweep();
    expect(big.layers[0]!.experts[3]!.gate).toBe(small.layers[0]!.experts[3]!.gate);
    expect(big.embedding).toBe(small.embedding);
    const fresh = new MoeModel({ ...DEFAULT_CONFIG, routedExperts: 9 });
    const { tokens } = tokenize('the red fox runs');
    const [x, y] = [await big.run(tokens), await fresh.run(tokens)];
    expect(x.trace).toEqual(y.trace);
    small.dispose();
    big.dispose();
    fresh.dispose();
    expect(memory().numTensors).toBeGreaterThan(before);
    store.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
