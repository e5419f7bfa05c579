/**
 * The shipped checkpoints (src/checkpoints/, written by `npm run train:model`): each reads back for
 * its shape, fits the 300 KB gzip budget, and its manifest's figures meet the bar; and a
 * retrain of 20 steps from the seed, on the backend the script used, gives the manifest's early
 * losses exactly.
 */
import { env, setBackend } from '@tensorflow/tfjs-core';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/core/backend';
import { OPEN_VOCAB } from '../../src/core/open-vocab';
import { openCorpus } from '../../src/core/open-corpus';
import { TRAINING_RECIPE } from '../../src/core/trained-recipe';
import { trainedConfig, TRAINED_SHAPES } from '../../src/core/trained-shapes';
import { MoeTrainer } from '../../src/core/training';
import { loadCheckpoint } from '../../src/state/trained-weights';
import { readShipped } from '../node-weights';

afterAll(async () => {
  await setBackend('cpu');
});

describe('shipped checkpoints', () => {
  it.each(TRAINED_SHAPES.map((s) => [s.id, s] as const))('%s reads back, fits 300 KB gzip, and was trained well', async (_id, shape) => {
    const files = await readShipped(shape.id);
    expect(gzipSync(files.bin, { level: 9 }).length).toBeLessThanOrEqual(300 * 1024);
    const r = await loadCheckpoint(shape, async () => files);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.weights.heldOutLoss).toBeLessThanOrEqual(0.7 * r.weights.untrainedLoss);
    expect(r.weights.specialisation).toBeGreaterThanOrEqual(0.5);
    expect(r.weights.steps).toBe(TRAINING_RECIPE.steps);
  });

  it('a retrain of 20 steps from the seed reproduces the default checkpoint’s early losses exactly', async () => {
    const shape = TRAINED_SHAPES[0]!;
    const manifest = (await readShipped(shape.id)).manifest as { earlyLosses: number[]; config: unknown };
    expect(manifest.earlyLosses).toHaveLength(20);
    env().set('IS_TEST', false);
    const status = await initBackend(TRAINING_RECIPE.backend);
    expect(status.name).toBe(TRAINING_RECIPE.backend);
    const config = trainedConfig(shape);
    expect(manifest.config).toEqual(config);
    const trainer = new MoeTrainer(config, TRAINING_RECIPE.settings(config), OPEN_VOCAB, openCorpus());
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) losses.push((await trainer.trainStep()).taskLoss);
    trainer.dispose();
    env().set('IS_TEST', true);
    expect(losses).toEqual(manifest.earlyLosses);
  }, 120_000);
});
