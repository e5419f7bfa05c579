import { grads, mul, randomNormal, scalar, tensor2d, tidy, type Tensor, type Tensor2D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { setExpertKernels } from '../../src/core/expert-kernels';
import { nextWordLoss } from '../../src/core/next-word-loss';
import { onWasmWithKernels } from './wasm-suite';

const bits = (t: Tensor): number[] => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

/** The loss (times `scale`, so that the upstream gradient is not 1) and its gradient in the logits. */
function lossAndGrad(logits: Tensor2D, targets: number[], scale: number): [Tensor, Tensor] {
  const loss = nextWordLoss(logits, targets);
  const [g] = grads((x) => mul(nextWordLoss(x as Tensor2D, targets), scalar(scale)))([logits]);
  return [loss, g as Tensor];
}

describe('next-word loss: the fused kernels give the tfjs ops’ bits (issue 18)', () => {
  onWasmWithKernels();

  it.each([
    ['405 tokens × 722 words', 405, 722, 3, 1],
    ['targets first and last, upstream gradient 3', 7, 50, 2, 3],
    ['wide logits: exp underflows and goes subnormal', 12, 30, 60, 1],
    ['one token, two words', 1, 2, 1, 0.5],
    // Four at a time with no words left over; groups of four with a lane past exp's limits take the scalar path.
    ['64 words, wide logits: vector and scalar groups in a row', 9, 64, 40, 1],
    ['one token, four words', 1, 4, 5, 2],
  ])('%s', (_name, T, V, spread, scale) => {
    tidy(() => {
      const values = (randomNormal([T, V], 0, spread, 'float32', T + V).arraySync() as number[][]).map((row, t) =>
        // A row far below its max (beyond exp's underflow at −104) and one in the subnormal range.
        t === 1 ? row.map((x, v) => (v % 2 ? x - 120 : x)) : t === 2 ? row.map((x, v) => (v % 2 ? x - 95 : x)) : row,
      );
      const logits = tensor2d(values) as Tensor2D;
      const targets = Array.from({ length: T }, (_, t) => (t === 0 ? 0 : t === T - 1 ? V - 1 : (t * 7919) % V));
      setExpertKernels(true);
      const [fLoss, fGrad] = lossAndGrad(logits, targets, scale);
      setExpertKernels(false);
      const [rLoss, rGrad] = lossAndGrad(logits, targets, scale);
      setExpertKernels(true);
      expect(bits(fLoss)).toEqual(bits(rLoss));
      expect(bits(fGrad)).toEqual(bits(rGrad));
    });
  });
});
