/**
 * Everything that defines what the simulator shows, all of it kept in the URL. Settings outside the
 * model config (play speed, bias update speed, which layer is shown, hidden controls) live here.
 */
import { DEFAULT_CONFIG, type MoeConfig } from '../core/config';
import { DEFAULT_SENTENCE } from '../core/corpus';

/** Controls a teacher can hide with `hide=` in the URL. */
export const HIDEABLE = [
  'experts',
  'topk',
  'shared',
  'granularity',
  'capacity',
  'router',
  'noise',
  'gamma',
  'seed',
  'sentence',
  'play',
  'layers',
] as const;
export type Hideable = (typeof HIDEABLE)[number];

/** What the routing picture shows: the current token's flow, or the whole sentence's. */
export const PICTURE_MODES = ['token', 'sentence'] as const;
export type PictureMode = (typeof PICTURE_MODES)[number];

/** Which weights the model runs with: trained (a checkpoint, or trained in the page) or the seed's random ones. */
export const WEIGHTS_MODES = ['trained', 'random'] as const;
export type WeightsMode = (typeof WEIGHTS_MODES)[number];

export interface ViewState {
  config: MoeConfig;
  text: string;
  /** Index of the current token. */
  position: number;
  /** Bias update speed γ of DeepSeek-V3's balancing (sigmoid-bias router). */
  gamma: number;
  /** Bias updates applied since the model was built from the seed. */
  biasSteps: number;
  /** Play speed in tokens per second. */
  speed: number;
  /** Which MoE layer the panels show. */
  layer: number;
  hide: Hideable[];
  /** The routing picture's mode (`pic=sentence`). */
  picture: PictureMode;
  /** Trained weights (a shipped checkpoint, or one trained in the page) or the seeded random ones (`w=random`). */
  weights: WeightsMode;
}

export const VIEW_LIMITS = {
  gamma: { min: 0, max: 0.5 },
  // Each bias update is replayed from the seed when a link is opened: 1,000 takes about 3 s at 8 experts.
  biasSteps: { min: 0, max: 1000 },
  speed: { min: 0.25, max: 20 },
} as const;

export const DEFAULT_VIEW: Readonly<ViewState> = Object.freeze({
  config: DEFAULT_CONFIG,
  text: DEFAULT_SENTENCE,
  position: 0,
  gamma: 0.01,
  biasSteps: 0,
  speed: 2,
  layer: 0,
  hide: [],
  picture: 'token',
  weights: 'trained',
});

export function defaultView(): ViewState {
  return { ...DEFAULT_VIEW, config: { ...DEFAULT_CONFIG }, hide: [] };
}
