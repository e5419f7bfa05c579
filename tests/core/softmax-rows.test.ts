/**
 * The router's softmax on wasm (kernels/softmax.ts through softmax-rows.ts) gives the JS router's
 * float64 bits: random rows of every width, rows whose differences from their largest value sit at
 * each edge of V8's exp (its reductions, its early return for tiny x, its underflow), and rows with
 * NaN, infinities, ties and ±0. And a layer routes the same with the kernel as without it.
 */
import { randomNormal, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { setExpertKernels } from '../../src/core/expert-kernels';
import { MoeLayer } from '../../src/core/moe-layer';
import { Rng } from '../../src/core/rng';
import { route } from '../../src/core/router';
import { softmaxRowsOnWasm } from '../../src/core/softmax-rows';
import { onWasmWithKernels } from './wasm-suite';
import { edgeRows } from './softmax-edge-rows';
import { routerSpec } from './router-spec';

const spec = (experts: number) => routerSpec('softmax-topk', experts, 1);

/** The JS router's scores for these rows (no probabilities given). */
const jsScores = (logits: Float32Array, T: number, E: number): number[] => Array.from(route(spec(E), { tokens: T, logits }).scores);

function expectSameBits(logits: Float32Array, T: number, E: number): void {
  const wasm = softmaxRowsOnWasm(logits, T, E);
  expect(wasm).not.toBeNull();
  // toEqual compares numbers with Object.is: +0 and −0 differ, NaN equals NaN.
  expect(Array.from(wasm!)).toEqual(jsScores(logits, T, E));
}

describe('softmax rows on wasm (issue 18: routing speed)', () => {
  onWasmWithKernels();

  it('equal the JS router to the bit on random rows of 1 to 257 experts (odd widths take the scalar tail)', () => {
    for (const E of [1, 2, 3, 7, 8, 9, 64, 255, 256, 257]) {
      for (const std of [0.5, 4, 300]) {
        const T = 37;
        expectSameBits(Rng.stream(E, 'softmax-rows', std).normals(T * E, std), T, E);
      }
    }
  });

  it('equal it at each edge of exp: its reductions, its early return near 0, its underflow', () => {
    const { logits, T, E } = edgeRows();
    expectSameBits(logits, T, E);
    // The same rows shifted by a large value, and with the largest value last (the scalar tail).
    expectSameBits(
      logits.map((v) => v - 1000),
      T,
      E,
    );
    const reversed = new Float32Array(logits.length);
    for (let t = 0; t < T; t++) reversed.set(logits.subarray(t * E, (t + 1) * E).reverse(), t * E);
    expectSameBits(reversed, T, E);
  });

  it('equal it on rows with NaN, infinities, ties and ±0', () => {
    const rows = [
      [NaN, 1, 2, 3, 4],
      [1, 2, NaN, 3, 4],
      [Infinity, 1, 2, -Infinity, 0],
      [Infinity, Infinity, 1, 2, 3],
      [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
      [-Infinity, 3, -Infinity, 3, -Infinity],
      [0, -0, 0, -0, -1],
      [-0, -0, -0, -0, -0],
      [2, 2, 2, 2, 2],
      [-800, -0.5, -1e-9, 0, -708.5],
      [3.4e38, -3.4e38, 0, 1, -1],
    ];
    expectSameBits(new Float32Array(rows.flat()), rows.length, 5);
  });

  it('gives a layer the same routing as the JS softmax, for token choice and expert choice', async () => {
    for (const over of [{}, { router: 'expert-choice', capacityFactor: 1 }, { routedExperts: 64, topK: 4 }] as Partial<MoeConfig>[]) {
      const config: MoeConfig = { ...DEFAULT_CONFIG, ...over };
      const layer = new MoeLayer(config, 0);
      const h = tidy(() => randomNormal([50, layer.shape.width], 0, 1, 'float32', 3) as Tensor2D);
      const withKernel = (await layer.route(h)).routing;
      setExpertKernels(false);
      const without = (await layer.route(h)).routing;
      setExpertKernels(true);
      expect(Array.from(withKernel.scores)).toEqual(Array.from(without.scores));
      expect(withKernel.routes).toEqual(without.routes);
      h.dispose();
      layer.variables().forEach((v) => v.dispose());
    }
  });

  it('is not used where the kernels do not run, or for a size that does not match', () => {
    setExpertKernels(false);
    expect(softmaxRowsOnWasm(new Float32Array(8), 2, 4)).toBeNull();
    setExpertKernels(true);
    expect(softmaxRowsOnWasm(new Float32Array(8), 3, 4)).toBeNull();
    expect(softmaxRowsOnWasm(new Float32Array(0), 0, 4)).toBeNull();
  });
});
