/**
 * Experiments 5 and 7 as the page runs them (src/state/experiment-training.ts): the same numbers as the
 * core functions for the same seed, partial curves while training, a stop when no longer wanted, and
 * no tensor left behind.
 */
import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { equalComputeRun } from '../../src/core/experiments/equal-compute';
import { saturationCurve } from '../../src/core/experiments/saturation';
import { openCorpus } from '../../src/core/open-corpus';
import { OPEN_VOCAB } from '../../src/core/open-vocab';
import { TRAINING_RECIPE } from '../../src/core/trained-recipe';
import { MoeTrainer } from '../../src/core/training';
import { experimentSentences, RunCancelled, type ExperimentResult } from '../../src/state/experiment-runs';
import { computeResult, SATURATION_EVERY, SATURATION_SENTENCES, settlesResult } from '../../src/state/experiment-training';

const config: MoeConfig = { ...DEFAULT_CONFIG, modelWidth: 16, expertHidden: 16 };
const STEPS = 6;

describe('experiment 5 on the page', () => {
  it('equals saturationCurve on the first held-out sentences, reports each step, frees its trainer', async () => {
    const evalTokens = experimentSentences().slice(0, SATURATION_SENTENCES).flat();
    const trainer = new MoeTrainer(config, TRAINING_RECIPE.settings(config), OPEN_VOCAB, openCorpus());
    const curve = await saturationCurve(trainer, STEPS, SATURATION_EVERY, evalTokens);
    trainer.dispose();
    const before = memory().numTensors;
    const seen: number[] = [];
    const r = await settlesResult(config, { progress: (p) => seen.push(p.done) }, STEPS);
    expect(memory().numTensors).toBe(before);
    expect(r).toEqual({ experiment: 'settles', curve, evalTokens: evalTokens.length, steps: STEPS, everyN: SATURATION_EVERY });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(curve.layers[0]!.at(-1)).toBe(1);
  });

  it('stops with RunCancelled when no longer wanted, leaving no tensor', async () => {
    const before = memory().numTensors;
    let steps = 0;
    await expect(settlesResult(config, { progress: () => steps++, cancelled: () => steps > 2 }, STEPS)).rejects.toBeInstanceOf(
      RunCancelled,
    );
    expect(memory().numTensors).toBe(before);
  });
});

describe('experiment 7 on the page', () => {
  it('equals equalComputeRun for the seed, with a partial result after each pair of steps', async () => {
    const direct = await equalComputeRun(config, STEPS);
    const before = memory().numTensors;
    const partials: ExperimentResult[] = [];
    const r = await computeResult(config, {}, (p) => partials.push(p), STEPS);
    expect(memory().numTensors).toBe(before);
    expect(r).toEqual({ experiment: 'compute', ...direct, steps: STEPS, done: true });
    expect(partials).toHaveLength(STEPS);
    const last = partials.at(-1)!;
    expect(last.experiment === 'compute' && [last.moe, last.dense, last.done]).toEqual([direct.moe, direct.dense, false]);
  });
});
