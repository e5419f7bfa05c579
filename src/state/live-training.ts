/**
 * "Train this shape": a short training run in the page, on the shipped checkpoints' recipe. Loaded
 * only when a run starts (it brings the trainer, tfjs's gradients and the lexicons' sentences).
 */
import type { MoeConfig } from '../core/config';
import { heldOutSentences, nextWordLoss } from '../core/evaluate';
import { readWeights } from '../core/model-weights';
import { OPEN_VOCAB } from '../core/open-vocab';
import { specialisation } from '../core/specialisation';
import { openCorpus } from '../core/open-corpus';
import { TRAINING_RECIPE } from '../core/trained-recipe';
import { MoeTrainer } from '../core/training';
import { WORD_CLASSES } from '../core/word-class';
import type { TrainedWeights } from './trained-weights';
import type { WeightsStatus } from './weights-keeper';

/** Held-out sentences a live training run is measured on. */
const LIVE_HELD_OUT = 100;

/**
 * Trains `config` for `steps` steps, telling `report` after each and yielding to the page between
 * them; the trained weights, or null when `cancelled()` turned true.
 */
export async function trainLive(
  config: MoeConfig,
  steps: number,
  report: (s: WeightsStatus) => void,
  cancelled: () => boolean,
): Promise<Omit<TrainedWeights, 'id'> | null> {
  const corpus = openCorpus();
  const trainer = new MoeTrainer(config, TRAINING_RECIPE.settings(config), OPEN_VOCAB, corpus);
  try {
    const held = heldOutSentences(TRAINING_RECIPE.heldOutSeed, corpus, LIVE_HELD_OUT);
    const untrainedLoss = await nextWordLoss(trainer.model, held);
    report({ kind: 'training', step: 0, steps, loss: null });
    for (let step = 0; step < steps && !cancelled(); step++) {
      const r = await trainer.trainStep();
      if (!cancelled()) report({ kind: 'training', step: step + 1, steps, loss: r.taskLoss });
      // Let the page draw and take input between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (cancelled()) return null;
    const heldOutLoss = await nextWordLoss(trainer.model, held);
    const { trace } = await trainer.model.run(held.flat());
    const tensors = new Map((await readWeights(trainer.model)).map((t) => [t.name, t.values]));
    const score = specialisation(trace, 0, [...WORD_CLASSES, 'unknown']).score;
    return { source: 'live', tensors, steps, heldOutLoss, untrainedLoss, specialisation: score };
  } finally {
    trainer.dispose();
  }
}
