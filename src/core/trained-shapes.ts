/**
 * The shapes that ship with trained weights (`npm run train:model` trains them; src/checkpoints/
 * holds the files), and how a page's config finds its checkpoint. A checkpoint fits a config when
 * everything that decides the weights' shapes or what the router was trained to do is the same:
 * width, experts, k, shared experts, hidden width, granularity, layers and the router kind. The
 * routing-only settings (capacity factor, groups, route scale, gate rule, noise level) and the seed
 * may differ: the trained weights are used as they are, routed by the page's rule.
 */
import { DEFAULT_CONFIG, type MoeConfig } from './config';

export interface TrainedShape {
  /** File name in src/checkpoints/ (without .bin / .json). */
  id: string;
  /** What differs from DEFAULT_CONFIG. */
  config: Partial<MoeConfig>;
}

/** The seed every checkpoint is trained from (its weights are stored as changes from this seed's start). */
export const TRAINED_SEED = DEFAULT_CONFIG.seed;

export const TRAINED_SHAPES: readonly TrainedShape[] = [
  { id: 'e8-k2', config: {} },
  { id: 'e16-k2', config: { routedExperts: 16 } },
  { id: 'e64-k2', config: { routedExperts: 64 } },
  { id: 'e64-k4', config: { routedExperts: 64, topK: 4 } },
  { id: 'e8-k2-shared1', config: { sharedExperts: 1 } },
  { id: 'e8-k2-layers2', config: { layers: 2 } },
  { id: 'e8-k2-layers4', config: { layers: 4 } },
  { id: 'e8-k2-noisy', config: { router: 'noisy-topk' } },
  { id: 'e8-k2-sigmoid', config: { router: 'sigmoid-bias' } },
  { id: 'e8-k2-expert-choice', config: { router: 'expert-choice' } },
];

/** Fields that must match for a checkpoint to fit. */
export const WEIGHT_FIELDS = [
  'modelWidth',
  'routedExperts',
  'topK',
  'sharedExperts',
  'expertHidden',
  'granularity',
  'layers',
  'router',
] as const satisfies readonly (keyof MoeConfig)[];

/** The full config a shape is trained with. */
export function trainedConfig(shape: TrainedShape): MoeConfig {
  return { ...DEFAULT_CONFIG, ...shape.config, seed: TRAINED_SEED };
}

/** The checkpoint that fits the config, if one ships. */
export function trainedShapeFor(config: MoeConfig): TrainedShape | null {
  return TRAINED_SHAPES.find((s) => fits(trainedConfig(s), config)) ?? null;
}

export function fits(trained: MoeConfig, config: MoeConfig): boolean {
  return WEIGHT_FIELDS.every((f) => trained[f] === config[f]);
}
