import {
  cast,
  env,
  grads,
  setBackend,
  matMul,
  mul,
  oneHot,
  randomNormal,
  sum,
  tensor1d,
  tensor2d,
  tidy,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
// tfjs-core registers gradients only on request (training.ts does it for the app).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/core/backend';
import { embedIds, embedRows, matMulBT, matMulG, matMulTA } from '../../src/core/grad-ops';

const bits = (t: Tensor2D): number[] => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

describe.each(['wasm', 'cpu'] as const)('on %s, equal to the bit to tfjs’s own products and gradients (issue 18)', (backend) => {
  beforeAll(async () => {
    // As trained-checkpoints.test.ts: test mode's leak check misfires on wasm for customGrad ops.
    env().set('IS_TEST', false);
    expect((await initBackend(backend)).name).toBe(backend);
  });
  afterAll(async () => {
    env().set('IS_TEST', true);
    await setBackend('cpu');
  });

  it.each([1, 30, 48, 49, 100, 415])('matMulTA: aᵀ·b over %i rows', (rows) => {
    tidy(() => {
      const a = randomNormal([rows, 37], 0, 1, 'float32', rows) as Tensor2D;
      const b = randomNormal([rows, 29], 0, 1, 'float32', rows + 1) as Tensor2D;
      expect(bits(matMulTA(a, b))).toEqual(bits(matMul(a, b, true, false)));
    });
  });

  it.each([32, 48, 64])('matMulBT: a·bᵀ and both gradients, inner width %i', (width) => {
    tidy(() => {
      const a = randomNormal([130, width], 0, 1, 'float32', 1) as Tensor2D;
      const b = randomNormal([97, width], 0, 1, 'float32', 2) as Tensor2D;
      const w = randomNormal([130, 97], 0, 1, 'float32', 3);
      expect(bits(matMulBT(a, b))).toEqual(bits(matMul(a, b, false, true)));
      const mine = grads((x, y) => sum(mul(matMulBT(x as Tensor2D, y as Tensor2D), w)))([a, b]);
      const tfjs = grads((x, y) => sum(mul(matMul(x as Tensor2D, y as Tensor2D, false, true), w)))([a, b]);
      mine.forEach((g, i) => expect(bits(g as Tensor2D)).toEqual(bits(tfjs[i] as Tensor2D)));
    });
  });

  it.each([
    [20, 32],
    [48, 64],
    [100, 32],
    [415, 64],
  ])('matMulG: a·b and both gradients, %i rows, b %i wide', (rows, width) => {
    tidy(() => {
      const a = randomNormal([rows, 40], 0, 1, 'float32', rows) as Tensor2D;
      const b = randomNormal([40, width], 0, 1, 'float32', width) as Tensor2D;
      const w = randomNormal([rows, width], 0, 1, 'float32', 3);
      expect(bits(matMulG(a, b))).toEqual(bits(matMul(a, b)));
      const mine = grads((x, y) => sum(mul(matMulG(x as Tensor2D, y as Tensor2D), w)))([a, b]);
      const tfjs = grads((x, y) => sum(mul(matMul(x as Tensor2D, y as Tensor2D), w)))([a, b]);
      mine.forEach((g, i) => expect(bits(g as Tensor2D)).toEqual(bits(tfjs[i] as Tensor2D)));
    });
  });

  it('embedRows: the one-hot product and its gradient in the table', () => {
    tidy(() => {
      const ids = tensor1d(
        Array.from({ length: 200 }, (_, t) => (t * 7919) % 50),
        'int32',
      );
      const rows = cast(oneHot(ids, 50), 'float32') as Tensor2D;
      const table = randomNormal([50, 16], 0, 1, 'float32', 6) as Tensor2D;
      const w = randomNormal([200, 16], 0, 1, 'float32', 7);
      expect(bits(embedRows(rows, table))).toEqual(bits(matMul(rows, table)));
      const [mine] = grads((t) => sum(mul(embedRows(rows, t as Tensor2D), w)))([table]);
      const [tfjs] = grads((t) => sum(mul(matMul(rows, t as Tensor2D), w)))([table]);
      expect(bits(mine as Tensor2D)).toEqual(bits(tfjs as Tensor2D));
    });
  });

  it.each([
    [200, 50],
    [130, 7],
    [30, 40],
  ])('embedIds: %i tokens of %i words (repeats within and across blocks of 48), lookup and gradient as the one-hot product', (T, V) => {
    tidy(() => {
      const idList = Array.from({ length: T }, (_, t) => (t * 7919 + (t % 3)) % V);
      const ids = Int32Array.from(idList);
      // Row 1 holds −0 and +0 entries: the product turns −0 into +0, and so must the lookup.
      const values = randomNormal([V, 16], 0, 1, 'float32', 6).arraySync() as number[][];
      values[1]![0] = -0;
      values[1]![1] = 0;
      const table = tensor2d(values) as Tensor2D;
      const w = randomNormal([T, 16], 0, 1, 'float32', 7);
      const rows = cast(oneHot(tensor1d(idList, 'int32'), V), 'float32') as Tensor2D;
      expect(bits(embedIds(ids, table))).toEqual(bits(matMul(rows, table)));
      const [mine] = grads((t) => sum(mul(embedIds(ids, t as Tensor2D), w)))([table]);
      const [tfjs] = grads((t) => sum(mul(embedRows(rows, t as Tensor2D), w)))([table]);
      expect(bits(mine as Tensor2D)).toEqual(bits(tfjs as Tensor2D));
    });
  });
});
