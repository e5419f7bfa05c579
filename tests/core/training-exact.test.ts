import { env, setBackend } from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/core/backend';
import recorded from './training-exact.json';
import { EXACT_CASES } from './training-exact-cases';

const write = process.env.TRAINING_EXACT_WRITE === '1';
const out: Record<string, number[][]> = {};

describe('training is exactly the training before the speed-up (losses to 1e-5; on wasm to the bit)', () => {
  for (const c of EXACT_CASES) {
    it(
      c.name,
      async () => {
        if (c.wasm) {
          // As trained-checkpoints.test.ts: test mode's leak check misfires on wasm for customGrad ops.
          env().set('IS_TEST', false);
          expect((await initBackend('wasm')).name).toBe('wasm');
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
          if (c.wasm) {
            env().set('IS_TEST', true);
            await setBackend('cpu');
          }
        }
        if (write) {
          out[c.name] = got;
          writeFileSync(resolve(import.meta.dirname, 'training-exact.json'), `${JSON.stringify(out)}\n`);
          return;
        }
        const want = (recorded as Record<string, number[][]>)[c.name];
        expect(want, c.name).toBeDefined();
        expect(got.length).toBe(want!.length);
        if (c.wasm) expect(got).toEqual(want);
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
