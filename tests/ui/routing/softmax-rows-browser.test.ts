/**
 * In Chromium itself: the router's softmax on wasm (kernels/softmax.ts, a port of V8's Math.exp) gives
 * the bits of this browser's own Math.exp softmax, the JS router's, so a page routes the same on the
 * wasm and the cpu backend (tests/core/softmax-rows.test.ts checks the same in Node, edges included);
 * and token choice's routing on wasm (topKSoftmaxRows) routes as the JS router, also on logits ranked
 * where they lie in the heap (a layer's route for the choices only).
 */
import { env, memory, randomNormal, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { MoeLayer } from '../../../src/core/moe-layer';
import { Rng } from '../../../src/core/rng';
import { route } from '../../../src/core/router';
import { softmaxRowsOnWasm, topKSoftmaxRowsOnWasm } from '../../../src/core/softmax-rows';
import { startBrowserBackend } from '../../../src/state/backend';
import { routerSpec } from '../../core/router-spec';

const spec = (experts: number) => routerSpec('softmax-topk', experts, 1);

afterAll(() => env().set('IS_TEST', true));

it("equals this browser's Math.exp softmax to the bit", async () => {
  env().set('IS_TEST', false);
  expect((await startBrowserBackend('wasm')).name).toBe('wasm');
  for (const E of [3, 8, 64, 256, 257]) {
    for (const std of [0.5, 4, 300]) {
      const T = 200;
      const logits = Rng.stream(E, 'softmax-rows-browser', std).normals(T * E, std);
      const onWasm = softmaxRowsOnWasm(logits, T, E);
      expect(onWasm).not.toBeNull();
      // route() given no probabilities runs its JS softmax.
      const js = route(spec(E), { tokens: T, logits }).scores;
      expect(Array.from(onWasm!)).toEqual(Array.from(js));
      // Token choice's routing on wasm (each token's top 2 and their exps for renormalised gates)
      // routes as the JS router, weights to the bit.
      const ranked = topKSoftmaxRowsOnWasm(logits, T, E, 2, true);
      expect(ranked).not.toBeNull();
      const top2 = routerSpec('softmax-topk', E, 2);
      expect(route(top2, { tokens: T, logits, ranked: ranked! }).routes).toEqual(route(top2, { tokens: T, logits }).routes);
    }
  }
});

it('routes a layer for the choices only as it routes it in full, nothing read back and no tensor left', async () => {
  env().set('IS_TEST', false);
  expect((await startBrowserBackend('wasm')).name).toBe('wasm');
  for (const over of [{ routedExperts: 256, topK: 8 }, { topK: 1, gateNorm: 'all' as const }, { capacityFactor: 0.5 }]) {
    const layer = new MoeLayer({ ...DEFAULT_CONFIG, ...over }, 0);
    const h = tidy(() => randomNormal([400, layer.shape.width], 0, 1, 'float32', 3) as Tensor2D);
    const full = await layer.route(h);
    const before = memory().numTensors;
    const lean = await layer.route(h, 0, null, true);
    expect(memory().numTensors).toBe(before);
    expect(lean.routing.routes).toEqual(full.routing.routes);
    expect([lean.routing.load, lean.routing.demand]).toEqual([full.routing.load, full.routing.demand]);
    expect([lean.logits.length, lean.routing.scores.length]).toEqual([0, 0]);
    h.dispose();
    layer.variables().forEach((v) => v.dispose());
  }
});
