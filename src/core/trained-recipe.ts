/**
 * How the shipped checkpoints are trained (scripts/train-model.ts), and how the page's "Train this
 * shape" trains one live: the same settings and seed (and corpus, openCorpus in open-corpus.ts), fewer steps.
 */
import type { MoeConfig } from './config';
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
