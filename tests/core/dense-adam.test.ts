import { dispose, env, mul, randomNormal, setBackend, tensor2d, train, variable, type Tensor, type Variable } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/core/backend';
import { DenseAdam } from '../../src/core/dense-adam';
import { expertKernelsReady } from '../../src/core/expert-kernels';

const bits = (t: Tensor): number[] => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

/** Three weights: two matrices (one with −0 and 0 entries) and a vector (the fallback to tfjs ops). */
function weights(tag: string): Variable[] {
  const a = randomNormal([37, 13], 0, 1, 'float32', 1).arraySync() as number[][];
  a[0]![0] = -0;
  a[0]![1] = 0;
  return [
    variable(tensor2d(a), true, `${tag}/a`),
    variable(randomNormal([8, 64], 0, 1, 'float32', 2), true, `${tag}/b`),
    variable(randomNormal([5], 0, 1, 'float32', 3), true, `${tag}/c`),
  ];
}

describe.each(['cpu', 'wasm'] as const)('DenseAdam on %s: the same floats as train.adam (issue 18)', (name) => {
  beforeAll(async () => {
    env().set('IS_TEST', false);
    expect((await initBackend(name)).name).toBe(name);
    expect(expertKernelsReady()).toBe(name === 'wasm');
  });
  afterAll(async () => {
    env().set('IS_TEST', true);
    await setBackend('cpu');
  });

  it('over 6 steps, with a learning-rate change, zero and tiny gradients, and a step without one weight’s gradient', () => {
    const mine = weights(`${name}-mine`);
    const theirs = weights(`${name}-theirs`);
    const dense = new DenseAdam(0.01, mine);
    const adam = train.adam(0.01);
    for (let step = 0; step < 6; step++) {
      if (step === 3) {
        dense.learningRate = 0.003;
        (adam as unknown as { learningRate: number }).learningRate = 0.003;
      }
      const grads = mine.map((w, i) => {
        const g = randomNormal(w.shape, 0, step === 4 ? 1e-30 : 0.5, 'float32', 10 * step + i);
        return step === 2 && i === 0 ? mul(g, 0) : g;
      });
      // Weight 1 has no gradient at step 1 (no path to the loss): left as it is, as AdamOptimizer leaves it.
      const given = (i: number): boolean => !(step === 1 && i === 1);
      dense.apply(Object.fromEntries(mine.filter((_, i) => given(i)).map((w) => [w.name, grads[mine.indexOf(w)] as Tensor])));
      adam.applyGradients(theirs.map((w, i) => ({ name: w.name, tensor: (given(i) ? grads[i] : null) as Tensor })));
      dispose(grads);
      mine.forEach((w, i) => expect(bits(w), `step ${step}, weight ${i}`).toEqual(bits(theirs[i] as Tensor)));
    }
    expect(dense.tensorCount).toBe(6);
    dense.dispose();
    expect(dense.tensorCount).toBe(0);
    adam.dispose();
    dispose([...mine, ...theirs]);
  });
});
