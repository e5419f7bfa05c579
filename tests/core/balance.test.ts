import { memory, tensor2d, type Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { balanceLoss, loadBalance, normalizeAffinities, routerZLoss, updateBias } from '../../src/core/balance';

/** Reads a tensor's values and disposes it. */
function read(t: Tensor): number[] {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
}

describe('balanceLoss (Switch: α·N·Σ f_i·P_i)', () => {
  it('by hand: 2 tokens, 2 experts, both to expert 0', () => {
    // f = [2/2, 0] = [1, 0]; P = mean([[0.7, 0.3], [0.4, 0.6]]) = [0.55, 0.45]
    // 0.01 · 2 · (1·0.55 + 0·0.45) = 0.011
    const probs = tensor2d([
      [0.7, 0.3],
      [0.4, 0.6],
    ]);
    expect(read(balanceLoss(probs, [2, 0], 1, 0.01))[0]).toBeCloseTo(0.011, 7);
    // One to each: f = [0.5, 0.5] → 0.01 · 2 · (0.275 + 0.225) = 0.01
    expect(read(balanceLoss(probs, [1, 1], 1, 0.01))[0]).toBeCloseTo(0.01, 7);
    probs.dispose();
  });

  it('k counts the routed slots: T·k in the denominator of f', () => {
    // 2 tokens, 3 experts, k=2: counts [2, 1, 1] → f = [0.5, 0.25, 0.25]
    // P = [0.5, 0.3, 0.2]; α·N·Σ = 0.1 · 3 · (0.25 + 0.075 + 0.05) = 0.1125
    const probs = tensor2d([
      [0.6, 0.2, 0.2],
      [0.4, 0.4, 0.2],
    ]);
    expect(read(balanceLoss(probs, [2, 1, 1], 2, 0.1))[0]).toBeCloseTo(0.1125, 6);
    probs.dispose();
  });

  it('perfectly balanced uniform routing gives exactly α', () => {
    for (const n of [2, 4, 8]) {
      const T = 2 * n;
      const probs = tensor2d(new Float32Array(T * n).fill(1 / n), [T, n]);
      const counts = new Array<number>(n).fill((T * 2) / n);
      expect(read(balanceLoss(probs, counts, 2, 0.01))[0]).toBeCloseTo(0.01, 7);
      probs.dispose();
    }
  });

  it('everything on one expert with all its probability gives α·N', () => {
    const probs = tensor2d([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(read(balanceLoss(probs, [2, 0, 0, 0], 1, 0.01))[0]).toBeCloseTo(0.04, 7);
    probs.dispose();
  });

  it('rejects counts of the wrong length without leaking', () => {
    const probs = tensor2d([[0.5, 0.5]]);
    const before = memory().numTensors;
    expect(() => balanceLoss(probs, [1], 1, 0.01)).toThrow('balanceLoss: expected 2 counts, got 1');
    expect(memory().numTensors).toBe(before);
    probs.dispose();
  });

  it('returns one scalar and keeps no intermediates', () => {
    const probs = tensor2d([[0.5, 0.5]]);
    const before = memory().numTensors;
    const loss = balanceLoss(probs, [1, 0], 1, 0.01);
    expect(loss.shape).toEqual([]);
    expect(memory().numTensors).toBe(before + 1);
    loss.dispose();
    probs.dispose();
  });
});

describe('normalizeAffinities (DeepSeek-V3 sequence-wise loss)', () => {
  it('divides each row by its sum', () => {
    const s = tensor2d([
      [0.2, 0.6],
      [0.5, 0.5],
      [0.9, 0.3],
    ]);
    const n = normalizeAffinities(s);
    expect(n.shape).toEqual([3, 2]);
    const v = read(n);
    const expected = [0.25, 0.75, 0.5, 0.5, 0.75, 0.25];
    v.forEach((x, i) => expect(x).toBeCloseTo(expected[i] as number, 6));
    s.dispose();
  });

  it('rows sum to 1 and the V3 loss with uniform affinities is α', () => {
    const s = tensor2d([
      [0.1, 0.7, 0.3, 0.9],
      [0.6, 0.6, 0.6, 0.6],
    ]);
    const n = normalizeAffinities(s);
    const v = Array.from(n.dataSync());
    expect((v[0] as number) + (v[1] as number) + (v[2] as number) + (v[3] as number)).toBeCloseTo(1, 6);
    expect((v[4] as number) + (v[5] as number) + (v[6] as number) + (v[7] as number)).toBeCloseTo(1, 6);
    n.dispose();
    s.dispose();

    const uniform = tensor2d(new Float32Array(16).fill(0.3), [4, 4]);
    const p = normalizeAffinities(uniform);
    expect(read(balanceLoss(p, [2, 2, 2, 2], 2, 0.0001))[0]).toBeCloseTo(0.0001, 9);
    p.dispose();
    uniform.dispose();
  });
});

describe('routerZLoss (ST-MoE)', () => {
  it('mean over tokens of logsumexp², by hand', () => {
    // logsumexp([0, 0]) = ln 2; logsumexp([ln 3, 0]) = ln 4 = 2 ln 2 → mean(ln²2, 4 ln²2) = 2.5 ln²2
    const logits = tensor2d([
      [0, 0],
      [Math.log(3), 0],
    ]);
    expect(read(routerZLoss(logits))[0]).toBeCloseTo(2.5 * Math.LN2 ** 2, 5);
    logits.dispose();
  });

  it('is zero when logsumexp is zero (one certain expert at logit 0, the rest at −∞-ish)', () => {
    const logits = tensor2d([[0, -100, -100]]);
    expect(read(routerZLoss(logits))[0]).toBeCloseTo(0, 6);
    logits.dispose();
  });

  it('is stable for large logits', () => {
    const logits = tensor2d([[100, 100]]);
    expect(read(routerZLoss(logits))[0]).toBeCloseTo((100 + Math.LN2) ** 2, 1);
    logits.dispose();
  });
});

describe('updateBias (aux-loss-free balancing)', () => {
  it('overloaded → −γ, underloaded → +γ, at the mean → unchanged', () => {
    // mean load 3: expert 0 over, expert 1 under, experts 2 and 3 at the mean.
    const b = updateBias([0, 0, 0, 0], [5, 1, 3, 3], 0.001);
    expect(b).toBeInstanceOf(Float32Array);
    expect(Array.from(b)).toEqual([Math.fround(-0.001), Math.fround(0.001), 0, 0]);
  });

  it('moves by γ regardless of how far from the mean', () => {
    const b = updateBias(new Float32Array([0.5, -0.5, 0.25]), [100, 0, 2], 0.125);
    // mean 34: 100 over, 0 and 2 under
    expect(Array.from(b)).toEqual([0.375, -0.375, 0.375]);
  });

  it('balanced loads leave the bias alone, and the input is not modified', () => {
    const bias = new Float32Array([0.1, 0.2]);
    const b = updateBias(bias, [4, 4], 0.01);
    expect(Array.from(b)).toEqual(Array.from(bias));
    expect(b).not.toBe(bias);
    const input = [0, 0];
    updateBias(input, [3, 1], 1);
    expect(input).toEqual([0, 0]);
  });

  it('repeated updates pull load toward balance in sign', () => {
    let b: Float32Array = new Float32Array(2);
    for (let i = 0; i < 10; i++) b = updateBias(b, [6, 2], 0.001);
    expect(b[0]).toBeCloseTo(-0.01, 6);
    expect(b[1]).toBeCloseTo(0.01, 6);
  });

  it('rejects mismatched lengths', () => {
    expect(() => updateBias([0, 0, 0], [1, 2], 0.001)).toThrow('updateBias: 3 biases but 2 loads');
  });
});

describe('loadBalance', () => {
  it('max/mean and coefficient of variation by hand', () => {
    // load [4, 0, 2, 2]: mean 2, max/mean 2, variance (4 + 4 + 0 + 0)/4 = 2, cv = √2 / 2
    const r = loadBalance([4, 0, 2, 2]);
    expect(r.maxOverMean).toBe(2);
    expect(r.cv).toBeCloseTo(Math.SQRT2 / 2, 12);
  });

  it('perfect balance is max/mean 1, cv 0', () => {
    expect(loadBalance([3, 3, 3])).toEqual({ maxOverMean: 1, cv: 0 });
  });

  it('everything on one of n experts: max/mean n, cv √(n−1)', () => {
    const r = loadBalance([8, 0, 0, 0]);
    expect(r.maxOverMean).toBe(4);
    expect(r.cv).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('no load or no experts gives zeros', () => {
    expect(loadBalance([])).toEqual({ maxOverMean: 0, cv: 0 });
    expect(loadBalance([0, 0, 0])).toEqual({ maxOverMean: 0, cv: 0 });
  });
});
