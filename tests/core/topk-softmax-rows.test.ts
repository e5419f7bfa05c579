/**
 * Token choice's top k and their probabilities on wasm (kernels/softmax.ts's topKSoftmaxRows through
 * softmax-rows.ts, issue 18: routing speed): the experts topKSmall picks and the float64 bits of the
 * JS router's probabilities for them, on random rows, rows at each edge of exp, and rows with NaN,
 * infinities, ties and ±0. The router given them routes as without, and computes the whole softmax
 * only when its scores are read.
 */
import { memory, randomNormal, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { setExpertKernels } from '../../src/core/expert-kernels';
import { MoeLayer } from '../../src/core/moe-layer';
import { Rng } from '../../src/core/rng';
import { route, type RouterSpec } from '../../src/core/router';
import { softmaxRowsOnWasm, topKSoftmaxRowsOnWasm } from '../../src/core/softmax-rows';
import { topKSmall } from '../../src/core/top-k';
import { routerSpec } from './router-spec';
import { edgeRows } from './softmax-edge-rows';
import { onWasmWithKernels } from './wasm-suite';

/**
 * Each row's choices by topKSmall, and the JS router's softmax at them, or (`exps`) their exps
 * exp(v − the row's Math.max), as softmaxGates takes them for renormalised gates.
 */
function jsRanked(logits: Float32Array, T: number, E: number, k: number, exps: boolean): { experts: number[]; picked: number[] } {
  const scores = route(routerSpec('softmax-topk', E, 1), { tokens: T, logits }).scores;
  const experts: number[] = [];
  const picked: number[] = [];
  for (let t = 0; t < T; t++) {
    const max = Math.max(...logits.subarray(t * E, (t + 1) * E));
    for (const e of topKSmall(logits, k, t * E, E)) {
      experts.push(e);
      picked.push(exps ? Math.exp((logits[t * E + e] as number) - max) : (scores[t * E + e] as number));
    }
  }
  return { experts, picked };
}

function expectSameRanking(logits: Float32Array, T: number, E: number, k: number): void {
  for (const exps of [false, true]) {
    const wasm = topKSoftmaxRowsOnWasm(logits, T, E, k, exps);
    expect(wasm).not.toBeNull();
    expect(wasm!.m).toBe(Math.min(k, E));
    expect(wasm!.exps).toBe(exps);
    const js = jsRanked(logits, T, E, k, exps);
    expect(Array.from(wasm!.experts)).toEqual(js.experts);
    // toEqual compares numbers with Object.is: +0 and −0 differ, NaN equals NaN.
    expect(Array.from(wasm!.picked)).toEqual(js.picked);
  }
}

describe('top k with their softmax on wasm (issue 18: routing speed)', () => {
  onWasmWithKernels();

  it('picks what topKSmall picks, with the JS router’s probabilities to the bit, on random rows of 1 to 257 experts', () => {
    for (const E of [1, 2, 3, 5, 7, 8, 9, 64, 255, 256, 257]) {
      for (const k of [1, 2, 3, 8, 16]) {
        for (const std of [0.5, 300]) {
          const T = 23;
          expectSameRanking(Rng.stream(E, k, 'topk-softmax-rows', std).normals(T * E, std), T, E, k);
        }
      }
    }
  });

  it('keeps the JS bits at each edge of exp', () => {
    const { logits, T, E } = edgeRows();
    for (const k of [1, 2, 4]) expectSameRanking(logits, T, E, k);
    const reversed = new Float32Array(logits.length);
    for (let t = 0; t < T; t++) reversed.set(logits.subarray(t * E, (t + 1) * E).reverse(), t * E);
    expectSameRanking(reversed, T, E, 2);
  });

  it('ranks ties to the lower index and keeps the JS results for NaN, infinities and ±0', () => {
    const rows = [
      [NaN, 1, 2, 3, 4, 5, 6, 7, 8],
      [1, 2, NaN, 3, 4, 5, 6, 7, 8],
      [1, 2, 3, 4, 5, 6, 7, 8, NaN],
      [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN],
      [Infinity, 1, 2, -Infinity, 0, 3, 4, 5, 6],
      [Infinity, Infinity, 1, 2, 3, 4, 5, 6, 7],
      [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
      [-Infinity, 3, -Infinity, 3, -Infinity, 3, 3, 3, 3],
      [0, -0, 0, -0, -1, -0, 0, -0, 0],
      [-0, -0, -0, -0, -0, 0, -0, -0, -0],
      [2, 2, 2, 2, 2, 2, 2, 2, 2],
      [1, 2, 2, 1, 3, 3, 1, 3, 2],
      [-800, -0.5, -1e-9, 0, -708.5, -745.2, -746, 1e-9, -1e-30],
      [3.4e38, -3.4e38, 0, 1, -1, 3.4e38, 2, -2, 0],
    ];
    for (const k of [1, 2, 3, 9, 12]) expectSameRanking(new Float32Array(rows.flat()), rows.length, 9, k);
  });

  it('is not used where the kernels do not run, for k = 0, or for a size that does not match', () => {
    setExpertKernels(false);
    expect(topKSoftmaxRowsOnWasm(new Float32Array(8), 2, 4, 2, true)).toBeNull();
    setExpertKernels(true);
    expect(topKSoftmaxRowsOnWasm(new Float32Array(8), 3, 4, 2, true)).toBeNull();
    expect(topKSoftmaxRowsOnWasm(new Float32Array(8), 2, 4, 0, true)).toBeNull();
    expect(topKSoftmaxRowsOnWasm(new Float32Array(0), 0, 4, 2, true)).toBeNull();
  });

  it('routes as the JS router, and computes the whole softmax once, when the scores are first read', () => {
    const T = 40;
    const E = 16;
    const logits = Rng.stream(9, 'topk-softmax-rows', 'router').normals(T * E, 2);
    for (const extra of [{}, { normalise: false }, { capacityFactor: 0.5 }] as Partial<RouterSpec>[]) {
      const spec = routerSpec('softmax-topk', E, 3, extra);
      const plain = route(spec, { tokens: T, logits });
      const ranked = topKSoftmaxRowsOnWasm(logits, T, E, 3, spec.normalise)!;
      let computed = 0;
      const softmax = (): Float64Array | null => {
        computed++;
        return softmaxRowsOnWasm(logits, T, E);
      };
      const given = route(spec, { tokens: T, logits, ranked: { ...ranked, softmax } });
      expect(given.routes).toEqual(plain.routes);
      expect([given.capacity, given.demand, given.load]).toEqual([plain.capacity, plain.demand, plain.load]);
      expect(Object.keys(given)).toEqual(Object.keys(plain));
      expect(computed).toBe(0);
      expect(Array.from(given.scores)).toEqual(Array.from(plain.scores));
      expect(given.scores).toBe(given.scores);
      expect(computed).toBe(1);
      // Without the wasm softmax (null), the JS one: the same bits.
      const fallback = route(spec, { tokens: T, logits, ranked: { ...ranked, softmax: () => null } });
      expect(Array.from(fallback.scores)).toEqual(Array.from(plain.scores));
    }
  });

  it('is not taken by a router that does not rank by softmax, or with experts switched off', () => {
    const T = 12;
    const E = 8;
    const logits = Rng.stream(4, 'topk-softmax-rows', 'others').normals(T * E, 1);
    // Wrong choices on purpose: a router that used them would route differently.
    const ranked = { m: 2, experts: new Int32Array(T * 2), picked: new Float64Array(T * 2).fill(0.5), exps: true };
    for (const spec of [routerSpec('sigmoid-bias', E, 2), routerSpec('noisy-topk', E, 2), routerSpec('softmax-topk', E, 3)]) {
      expect(route(spec, { tokens: T, logits, ranked }).routes).toEqual(route(spec, { tokens: T, logits }).routes);
    }
    // Exps given where the gates take probabilities (or the other way round) are not used either.
    const wrong = routerSpec('softmax-topk', E, 2, { normalise: false });
    expect(route(wrong, { tokens: T, logits, ranked }).routes).toEqual(route(wrong, { tokens: T, logits }).routes);
    const spec = routerSpec('softmax-topk', E, 2);
    const ablation = { disabled: [0] };
    expect(route(spec, { tokens: T, logits, ranked, ablation }).routes).toEqual(route(spec, { tokens: T, logits, ablation }).routes);
  });

  it('gives a layer the same routing and scores with the kernels as without, capacity drops and ablations included', async () => {
    const configs: Partial<MoeConfig>[] = [
      {},
      { routedExperts: 64, topK: 4 },
      { topK: 1 },
      { capacityFactor: 0.5 },
      { routedExperts: 4, topK: 4 },
    ];
    for (const over of configs) {
      const config: MoeConfig = { ...DEFAULT_CONFIG, ...over };
      const layer = new MoeLayer(config, 0);
      const h = tidy(() => randomNormal([50, layer.shape.width], 0, 1, 'float32', 5) as Tensor2D);
      for (const ablation of [null, { disabled: [1] }]) {
        const withKernel = (await layer.route(h, 0, ablation)).routing;
        setExpertKernels(false);
        const without = (await layer.route(h, 0, ablation)).routing;
        setExpertKernels(true);
        expect(withKernel.routes).toEqual(without.routes);
        expect(withKernel.load).toEqual(without.load);
        expect(Array.from(withKernel.scores)).toEqual(Array.from(without.scores));
      }
      h.dispose();
      layer.variables().forEach((v) => v.dispose());
    }
  });
  it('ranks the logits where the matMul left them in a route for the choices only: the same routes, nothing read back, no tensor left', async () => {
    const configs: Partial<MoeConfig>[] = [
      {},
      { routedExperts: 256, topK: 8 },
      { topK: 1, gateNorm: 'all' },
      { topK: 1, gateNorm: 'chosen' },
      { routedExperts: 64, topK: 2, gateNorm: 'all', capacityFactor: 0.5 },
      { routedExperts: 4, topK: 4 },
      { router: 'sigmoid-bias', nGroup: 4, topkGroup: 2 },
    ];
    for (const over of configs) {
      const config: MoeConfig = { ...DEFAULT_CONFIG, ...over };
      const layer = new MoeLayer(config, 0);
      const h = tidy(() => randomNormal([300, layer.shape.width], 0, 1, 'float32', 9) as Tensor2D);
      const full = await layer.route(h);
      const before = memory().numTensors;
      const lean = await layer.route(h, 0, null, true);
      expect(memory().numTensors).toBe(before);
      setExpertKernels(false);
      const without = (await layer.route(h, 0, null, true)).routing;
      setExpertKernels(true);
      for (const other of [full.routing, without]) {
        expect(lean.routing.routes).toEqual(other.routes);
        expect([lean.routing.load, lean.routing.demand, lean.routing.capacity]).toEqual([other.load, other.demand, other.capacity]);
      }
      if (config.router === 'softmax-topk') {
        // Ranked in the heap: the logits, the input and the scores were not read back.
        expect([lean.logits.length, lean.input.length, lean.routing.scores.length]).toEqual([0, 0, 0]);
      } else {
        expect(Array.from(lean.logits)).toEqual(Array.from(full.logits));
      }
      h.dispose();
      layer.variables().forEach((v) => v.dispose());
    }
  });
});
