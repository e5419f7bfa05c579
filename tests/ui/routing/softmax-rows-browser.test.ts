/**
 * In Chromium itself: the router's softmax on wasm (kernels/softmax.ts, a port of V8's Math.exp) gives
 * the bits of this browser's own Math.exp softmax, the JS router's, so a page routes the same on the
 * wasm and the cpu backend (tests/core/softmax-rows.test.ts checks the same in Node, edges included).
 */
import { env } from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { route } from '../../../src/core/router';
import { softmaxRowsOnWasm } from '../../../src/core/softmax-rows';
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
    }
  }
});
