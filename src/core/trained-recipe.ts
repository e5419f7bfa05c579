/**
 * How the shipped checkpoints are trained (scripts/train-model.ts), and how the page's "Train this
 * shape" trains one live: the same corpus, settings and seed, fewer steps.
 */
import type { MoeConfig } from './config';
import { EN_LEXICON, ZH_LEXICON } from './lexicon';
import { classCorpus } from './open-corpus';
import { OPEN_VOCAB } from './open-vocab';
import type { Corpus } from './train-batch';
import { DEFAULT_TRAIN, type TrainSettings } from './train-settings';

export const TRAINING_RECIPE = {
  /** tfjs backend the checkpoints are trained on (results are exact only on the same backend). */
  backend: 'wasm' as const,
  steps: 300,
  /** Steps of a live "Train this shape" run in the page. */
  liveSteps: 120,
  heldOutSeed: 7,
  heldOutSentences: 400,
  settings(config: MoeConfig): TrainSettings {
    return {
      ...DEFAULT_TRAIN,
      learningRate: 0.01,
      batchSize: 40,
      // DeepSeek-V3's bias balancing for its own router; the Switch balance loss for the others.
      balance: config.router === 'sigmoid-bias' ? 'bias' : 'switch',
      alpha: 0.01,
      gamma: 0.001,
    };
  },
};

/** The training sentences: English and Chinese, from the lexicons' word classes. */
export function openCorpus(): Corpus {
  return classCorpus({ en: EN_LEXICON.classes, zh: ZH_LEXICON.classes }, OPEN_VOCAB);
}
