/**
 * The experiments that train (issue 16): 5, when routing settles (OLMoE's router saturation), and 7,
 * dense against MoE at equal compute (Switch Transformer Fig. 4). Both train the page's shape from its
 * seed with the shipped checkpoints' recipe (TRAINING_RECIPE: settings, corpus, vocabulary) for the
 * live run's steps, one step at a time, awaiting `hooks.pause` between steps so the page keeps drawing.
 * Kept apart from experiment-runs.ts so that a page loads the trainer only when one of them runs.
 */
import type { MoeConfig } from '../core/config';
import { denseTwin, equalComputeRun, type EqualComputePoint } from '../core/experiments/equal-compute';
import { saturationCurve } from '../core/experiments/saturation';
import { openCorpus } from '../core/open-corpus';
import { OPEN_VOCAB } from '../core/open-vocab';
import { TRAINING_RECIPE } from '../core/trained-recipe';
import { MoeTrainer } from '../core/training';
import { EXPERIMENT_STEPS, experimentSentences, RunCancelled, type ExperimentResult, type RunHooks } from './experiment-runs';

/** Experiment 5 routes its evaluation words after every this many steps. */
export const SATURATION_EVERY = 5;
/** Held-out sentences experiment 5 routes at each recording (their words, as one batch). */
export const SATURATION_SENTENCES = 40;

const check = (hooks: RunHooks): void => {
  if (hooks.cancelled?.()) throw new RunCancelled();
};

/** Experiment 5: trains `steps` steps from the seed and measures each recording's choices against the last. */
export async function settlesResult(config: MoeConfig, hooks: RunHooks = {}, steps = EXPERIMENT_STEPS): Promise<ExperimentResult> {
  const evalTokens = experimentSentences().slice(0, SATURATION_SENTENCES).flat();
  const trainer = new MoeTrainer(config, TRAINING_RECIPE.settings(config), OPEN_VOCAB, openCorpus());
  try {
    hooks.progress?.({ done: 0, total: steps });
    const curve = await saturationCurve(trainer, steps, SATURATION_EVERY, evalTokens, async () => {
      check(hooks);
      hooks.progress?.({ done: trainer.step, total: steps });
      await hooks.pause?.();
      check(hooks);
    });
    return { experiment: 'settles', curve, evalTokens: evalTokens.length, steps, everyN: SATURATION_EVERY };
  } finally {
    trainer.dispose();
  }
}

/**
 * Experiment 7: the MoE model and its dense twin, a step of each in turn. `partial` sees the curves so
 * far after every step (done: false), so the page draws them live; the result has done: true.
 */
export async function computeResult(
  config: MoeConfig,
  hooks: RunHooks = {},
  partial?: (r: ExperimentResult) => void,
  steps = EXPERIMENT_STEPS,
): Promise<ExperimentResult> {
  const moe: EqualComputePoint[] = [];
  const dense: EqualComputePoint[] = [];
  const denseConfig = denseTwin(config);
  hooks.progress?.({ done: 0, total: 2 * steps });
  const run = await equalComputeRun(config, steps, async (p) => {
    (p.model === 'moe' ? moe : dense).push(p);
    hooks.progress?.({ done: moe.length + dense.length, total: 2 * steps });
    if (p.model === 'dense') partial?.({ experiment: 'compute', moe: [...moe], dense: [...dense], denseConfig, steps, done: false });
    check(hooks);
    await hooks.pause?.();
    check(hooks);
  });
  return { experiment: 'compute', moe: run.moe, dense: run.dense, denseConfig: run.denseConfig, steps, done: true };
}
