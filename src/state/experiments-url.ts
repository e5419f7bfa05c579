/**
 * The experiments page's part of the URL (issue 16): which experiment, the model's experts, top-k,
 * layers and seed (the simulator's own keys, url-keys.ts, checked by the one codec), the weights
 * (trained or random; the router picks the checkpoint: sigmoid-bias is the one trained with bias balancing), the layer shown, the word of experiment 6 and the teacher's own sentences.
 * Any other key is listed as ignored.
 *
 *   x  experiment (words, neighbours, together, knockout, settles, same-word, compute)
 *   e  routed experts   k  top-k   L  MoE layers   r  router (sigmoid-bias: the balanced checkpoint)
 *   seed  seed   w  weights   layer  layer shown
 *   word  the word followed in experiment 6          text  sentences the teacher adds (one per line)
 */
import { DEFAULT_CONFIG, type MoeConfig } from '../core/config';
import { DEFAULT_EXPERIMENT_TEXT } from '../core/corpus';
import { NOT_UNDERSTOOD, type LinkNotice } from './link-notices';
import { oneOf, text } from './url-codecs';
import { CONFIG_ENTRIES, fitConfig, LINK_DEFAULTS, TEXT, VIEW_ENTRIES, type LinkFields } from './url-keys';
import { decodeQuery, encodeQuery, type AnyEntry, type PageSchema } from './url-schema';
import type { WeightsMode } from './view';

/** The seven experiments, in the order (their numbers are the index + 1). */
export const EXPERIMENT_IDS = ['words', 'neighbours', 'together', 'knockout', 'settles', 'same-word', 'compute'] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

/** Experiments that train a model from the seed (their weights are their own run's, not the switch's). */
export const TRAINING_EXPERIMENTS: readonly ExperimentId[] = ['settles', 'compute'];

/** Longest word kept from a link. */
export const MAX_WORD_CHARS = 40;

export { DEFAULT_EXPERIMENT_TEXT } from '../core/corpus';
/** The word experiment 6 follows at first. */
export const DEFAULT_WORD = 'run';

type Fields = LinkFields & { experiment: ExperimentId; word: string };

const DEFAULTS: Readonly<Fields> = Object.freeze({
  ...LINK_DEFAULTS,
  text: DEFAULT_EXPERIMENT_TEXT,
  experiment: 'words',
  word: DEFAULT_WORD,
} as Fields);

const own = (e: AnyEntry<LinkFields>) => e as unknown as AnyEntry<Fields>;

export const EXPERIMENTS_SCHEMA: PageSchema<Fields> = {
  steps: [
    { key: 'x', field: 'experiment', codec: oneOf(EXPERIMENT_IDS, NOT_UNDERSTOOD) } as AnyEntry<Fields>,
    ...CONFIG_ENTRIES.filter((e) => ['e', 'k', 'L', 'r', 'seed'].includes(e.key)).map(own),
    fitConfig as unknown as PageSchema<Fields>['steps'][number],
    own(VIEW_ENTRIES.w),
    own(VIEW_ENTRIES.layer),
    { key: 'word', field: 'word', codec: text(MAX_WORD_CHARS) } as AnyEntry<Fields>,
    own(TEXT),
  ],
  quiet: ['present'],
  others: 'list',
};

export interface ExperimentsView {
  experiment: ExperimentId;
  /** The simulator's config with e, k, L, r and seed from the link. */
  config: MoeConfig;
  weights: WeightsMode;
  layer: number;
  word: string;
  text: string;
}

export interface ExperimentsDecoded {
  view: ExperimentsView;
  notices: LinkNotice[];
  /** Keys in the link this page has no control for, with their (first) value. */
  ignored: { key: string; value: string }[];
}

export function defaultExperimentsView(): ExperimentsView {
  return {
    experiment: 'words',
    config: { ...DEFAULT_CONFIG },
    weights: 'trained',
    layer: 0,
    word: DEFAULT_WORD,
    text: DEFAULT_EXPERIMENT_TEXT,
  };
}

export function decodeExperimentsView(search: string): ExperimentsDecoded {
  const { state, notices, others } = decodeQuery(EXPERIMENTS_SCHEMA, search, DEFAULTS);
  const { routedExperts, topK, layers, router, seed } = state;
  return {
    view: {
      experiment: state.experiment,
      config: { ...DEFAULT_CONFIG, routedExperts, topK, layers, router, seed },
      weights: state.weights,
      layer: state.layer,
      word: state.word.trim().toLowerCase(),
      text: state.text,
    },
    notices: notices as LinkNotice[],
    ignored: others,
  };
}

/** The query ("?…") that reproduces the page's view: every key, always written. */
export function encodeExperimentsView(view: ExperimentsView): string {
  return encodeQuery(EXPERIMENTS_SCHEMA, {
    ...DEFAULTS,
    ...view.config,
    experiment: view.experiment,
    weights: view.weights,
    layer: view.layer,
    word: view.word,
    text: view.text,
  });
}
