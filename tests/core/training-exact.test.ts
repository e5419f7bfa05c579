import { env, setBackend } from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/core/backend';
import { expertKernelsReady, setExpertKernels } from '../../src/core/expert-kernels';
import recorded from './training-exact.json';
import { EXACT_CASES } from './training-exact-cases';

/** '1': record the cases the file lacks (keeping the others as recorded); 'all': record every case anew. */
const write = process.env.TRAINING_EXACT_WRITE;
const out: Record<string, number[][]> = write === 'all' ? {} : { ...(recorded as Record<string, number[][]>) };
const runs = recorded as Record<string, number[][]>;

describe('training is the training before the speed-up (losses to 1e-5; on wasm to the bit without the fused kernels)', () => {
  for (const c of EXACT_CASES) {
    it(
      c.name,
      async () => {
        const onWasm = c.wasm || c.fused !== undefined;
        if (onWasm) {
          // As trained-checkpoints.test.ts: test mode's leak check misfires on wasm for customGrad ops.
          env().set('IS_TEST', false);
          expect((await initBackend('wasm')).name).toBe('wasm');
          // The recorded wasm runs are the tfjs reference path; the fused cases need the kernels.
          setExpertKernels(c.fused !== undefined);
          expect(expertKernelsReady()).toBe(c.fused !== undefined);
        }
        const t = c.make();
        const got: number[][] = [];
        try {
          for (let i = 0; i < c.steps; i++) {
            const r = await t.trainStep();
            got.push([r.taskLoss, r.balanceLoss, r.zLoss, r.loss, r.updatedParams]);
          }
        } finally {
          t.dispose();
          if (onWasm) {
            setExpertKernels(true);
            env().set('IS_TEST', true);
            await setBackend('cpu');
          }
        }
        if (write) {
          if (c.fused !== undefined || (write !== 'all' && out[c.name])) return;
          out[c.name] = got;
          writeFileSync(resolve(import.meta.dirname, 'training-exact.json'), `${JSON.stringify(out)}\n`);
          return;
        }
        const want = runs[c.fused ?? c.name];
        expect(want, c.name).toBeDefined();
        expect(got.length).toBe(want!.length);
        if (c.wasm || c.sameBits) expect(got).toEqual(want);
        got.forEach((row, step) =>
          row.forEach((v, j) => {
            const w = want![step]![j] as number;
            if (Math.abs(v - w) > 1e-5) expect.fail(`${c.name}, step ${step}, value ${j}: ${v} vs recorded ${w}`);
          }),
        );
      },
      300_000,
    );
  }
});
