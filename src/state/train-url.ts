/**
 * The links of the two live-training pages: the model's keys, the sentence, the token position and
 * the layer shown as on the simulator, and the training settings (lr, batch, alpha, gamma, seqa, z;
 * bal on the training page, left and right on the balance page), as listed in url-keys.ts and read
 * by the one codec of url-schema.ts. The simulator-only keys (bs, speed, hide, lesson) are unknown
 * here. Decoding never throws: a bad value falls back to its default and adds a notice saying so.
 */
import { validateConfig, type MoeConfig } from '../core/config';
import { DEFAULT_TRAIN, type BalanceMode, type TrainSettings } from '../core/train-settings';
import { GROUPS_NO_FIT, short, trainLinkNotice, type LinkReason, type TrainLinkNotice } from './link-notices';
import {
  BAL,
  balanceFitsRouter,
  configOf,
  CONFIG_ENTRIES,
  fitConfig,
  LINK_DEFAULTS,
  SIDES,
  TEXT,
  TRAIN_ENTRIES,
  VIEW_ENTRIES,
  type LinkFields,
} from './url-keys';
import { decodeQuery, encodeQuery, type Check, type PageSchema } from './url-schema';

export type { TrainLinkCode, TrainLinkMessages, TrainLinkNotice } from './link-notices';

export interface TrainView {
  config: MoeConfig;
  settings: TrainSettings;
  text: string;
  /** Token of the sentence shown in the router and experts panels. */
  position: number;
  /** MoE layer the per-layer views show. */
  layer: number;
}

export interface BalanceView {
  /** Shared by both models; the router is always sigmoid-bias so that every mode applies. */
  config: MoeConfig;
  /** Shared settings; each side's balancing is in left/right (settings.balance is unused). */
  settings: TrainSettings;
  left: BalanceMode;
  right: BalanceMode;
}

export interface DecodedTrain<V> {
  view: V;
  /** One notice per value that was ignored (a code and its arguments; the page words it). */
  notices: TrainLinkNotice[];
}

const MODEL_STEPS = [...CONFIG_ENTRIES, fitConfig, TEXT, VIEW_ENTRIES.pos, VIEW_ENTRIES.layer];

/** The training page: the model, sentence, position, layer, the settings and bal. */
/** present= (presenter mode) is the page controller's, as on the simulator. */
export const TRAIN_SCHEMA: PageSchema<LinkFields> = {
  steps: [...MODEL_STEPS, ...TRAIN_ENTRIES, BAL, balanceFitsRouter],
  quiet: ['present'],
};

const TRAIN_DEFAULTS: Readonly<LinkFields> = { ...LINK_DEFAULTS, ...DEFAULT_TRAIN };

function settingsOf(f: LinkFields): TrainSettings {
  const { learningRate, batchSize, balance, alpha, gamma, seqAlpha, zLoss } = f;
  return { learningRate, batchSize, balance, alpha, gamma, seqAlpha, zLoss };
}

function decoded<V>(view: V, notices: TrainLinkNotice[]): DecodedTrain<V> {
  return { view, notices };
}

export function decodeTrainView(search: string): DecodedTrain<TrainView> {
  const { state: f, notices } = decodeQuery(TRAIN_SCHEMA, search, TRAIN_DEFAULTS);
  return decoded({ config: configOf(f), settings: settingsOf(f), text: f.text, position: f.position, layer: f.layer }, notices);
}

/** The query string (with "?") that reproduces the training page's view. */
export function encodeTrainView(v: TrainView): string {
  return encodeQuery(TRAIN_SCHEMA, { ...TRAIN_DEFAULTS, ...v.config, ...v.settings, text: v.text, position: v.position, layer: v.layer });
}

export const BALANCE_DEFAULTS = Object.freeze({ topK: 1, seed: 3 });

export const DEFAULT_SIDES: Readonly<{ left: BalanceMode; right: BalanceMode }> = Object.freeze({ left: 'none', right: 'bias' });

/**
 * The balance page compares balancing modes, so its router is sigmoid-bias whatever the link says;
 * the groups, checked against the link's router, are checked again.
 */
const balanceRouter: Check<LinkFields> = {
  check(state, ctx) {
    if (state.router === 'sigmoid-bias') return;
    const value = short(ctx.raw('r') ?? '');
    ctx.note(trainLinkNotice('link.balanceRouter', { value }));
    Object.assign(state, { router: 'sigmoid-bias' });
    const checked = validateConfig(configOf(state));
    if (!checked.ok) {
      const reason: LinkReason = checked.problems[0] ?? GROUPS_NO_FIT;
      ctx.note(trainLinkNotice('link.groups', { reason }));
      Object.assign(state, { nGroup: 1, topkGroup: 1 });
    }
  },
};

/** bal= has no meaning here: each side has its own. */
const noBal: Check<LinkFields> = {
  check(_state, ctx) {
    if (ctx.raw('bal') !== null) ctx.note(trainLinkNotice('link.balSides', {}));
  },
};

/** The balance page: the model and the shared settings, then each side's mode. text, pos and layer are read (a simulator link's) but not written. */
export const BALANCE_SCHEMA: PageSchema<LinkFields> = {
  steps: [...MODEL_STEPS, ...TRAIN_ENTRIES, balanceRouter, ...SIDES, noBal],
  quiet: ['bal', 'present'],
  unwritten: ['text', 'pos', 'layer'],
};

/** This lesson's own defaults: top-1 routing and seed 3, where (measured) no balancing piles about
 * 2.3× the mean load on the busiest expert while bias balancing holds it near 1.2. */
const BALANCE_FIELDS: Readonly<LinkFields> = {
  ...TRAIN_DEFAULTS,
  router: 'sigmoid-bias',
  ...BALANCE_DEFAULTS,
  ...DEFAULT_SIDES,
};

export function decodeBalanceView(search: string): DecodedTrain<BalanceView> {
  const { state: f, notices } = decodeQuery(BALANCE_SCHEMA, search, BALANCE_FIELDS);
  return decoded(
    { config: configOf(f), settings: { ...settingsOf(f), balance: DEFAULT_TRAIN.balance }, left: f.left, right: f.right },
    notices,
  );
}

/** The query string (with "?") of the balance page: model keys, shared settings, both modes. */
export function encodeBalanceView(v: BalanceView): string {
  return encodeQuery(BALANCE_SCHEMA, { ...BALANCE_FIELDS, ...v.config, ...v.settings, left: v.left, right: v.right });
}
