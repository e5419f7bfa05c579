/**
 * For a describe block that runs on the wasm backend with the fused kernels loaded (issue 18), then
 * goes back to the tests' cpu backend. Test mode's leak check misfires on wasm for customGrad ops
 * (as in trained-checkpoints.test.ts), so it is off meanwhile.
 */
import { env, setBackend } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { initBackend } from '../../src/core/backend';
import { expertKernelsReady, setExpertKernels } from '../../src/core/expert-kernels';

export function onWasmWithKernels(): void {
  beforeAll(async () => {
    env().set('IS_TEST', false);
    expect((await initBackend('wasm')).name).toBe('wasm');
    expect(expertKernelsReady()).toBe(true);
  });
  afterAll(async () => {
    setExpertKernels(true);
    env().set('IS_TEST', true);
    await setBackend('cpu');
  });
}
