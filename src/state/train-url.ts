/**
 * The URL <-> view codec of the two live-training pages. The model's shape, the sentence, the token
 * position and the layer shown use the simulator's own keys and rules (src/state/url.ts); the
 * training settings add these, one line per key:
 *
 *   lr     learning rate                       batch  sentences per batch
 *   bal    balancing: none, switch, bias, bias+seq (training page)
 *   alpha  Switch balance loss α               gamma  bias update speed γ (same key as the simulator)
 *   seqa   sequence-wise balance loss α        z      router z-loss coefficient (0 = off)
 *   left   balancing of the left model         right  balancing of the right model (balance page)
 *
 * Decoding never throws: a bad value falls back to its default and adds a notice saying so.
 */
import { validateConfig, type MoeConfig } from '../core/config';
import { BALANCE_MODES, DEFAULT_TRAIN, validateTrainSettings, type BalanceMode, type TrainSettings } from '../core/training';
import type { Coded } from '../core/coded';
import { decodeView, encodeView, GROUPS_NO_FIT, NOT_UNDERSTOOD, withCodedNotices, type LinkMessages, type LinkReason } from './url';
import { defaultView } from './view';

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

/** Notices of the training pages' links besides the simulator's (see LinkMessages in ./url). */
export interface TrainLinkMessages {
  'link.balanceRouter': { value: string };
  'link.groups': { reason: LinkReason };
  'link.balSides': Record<string, never>;
}
export type TrainLinkCode = keyof TrainLinkMessages;
export type TrainLinkNotice = Coded<LinkMessages & TrainLinkMessages>;

export interface DecodedTrain<V> {
  view: V;
  notices: string[];
  /** The same notices with their codes and arguments, for the page's language (not enumerable, as in Decoded). */
  readonly codedNotices: TrainLinkNotice[];
}

/** The notices of one decoding, in words and coded. */
class Notes {
  readonly notices: string[] = [];
  readonly coded: TrainLinkNotice[] = [];

  add<C extends keyof LinkMessages | TrainLinkCode>(code: C, args: (LinkMessages & TrainLinkMessages)[C], message: string): void {
    this.notices.push(message);
    this.coded.push({ message, code, args } as TrainLinkNotice);
  }

  /** "Ignored key=value: reason. Using default." */
  ignored(key: string, raw: string, reason: LinkReason, using: string): void {
    const args = { key, value: short(raw), reason, using };
    this.add('link.ignored', args, `Ignored ${key}=${args.value}: ${reason.message}. Using ${using}.`);
  }
}

/** The reason a balancing mode was refused: the same problem validateTrainSettings reports. */
function balanceReason(code: 'train.balanceUnknown' | 'train.biasNeedsSigmoid'): LinkReason {
  return code === 'train.balanceUnknown'
    ? { message: `balancing must be one of ${BALANCE_MODES.join(', ')}`, code, args: { options: BALANCE_MODES.join(', ') } }
    : { message: SIGMOID_ONLY, code, args: {} };
}

type NumberField = Exclude<keyof TrainSettings, 'balance'>;

/** URL key of each numeric training setting. */
const SETTING_KEYS: Record<string, NumberField> = {
  lr: 'learningRate',
  batch: 'batchSize',
  alpha: 'alpha',
  gamma: 'gamma',
  seqa: 'seqAlpha',
  z: 'zLoss',
};
const KEY_OF = Object.fromEntries(Object.entries(SETTING_KEYS).map(([k, f]) => [f, k])) as Record<NumberField, string>;
/** Keys of the simulator's view that the training pages do not use: reported as unknown. */
const SIMULATOR_ONLY = ['bs', 'speed', 'hide', 'lesson'];

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function short(raw: string): string {
  return raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
}

/** "bias seq" is what a hand-typed "bias+seq" becomes in a query string. */
function modeOf(raw: string): BalanceMode | null {
  const v = raw.trim().replace(/ /g, '+');
  return (BALANCE_MODES as readonly string[]).includes(v) ? (v as BalanceMode) : null;
}

const SIGMOID_ONLY = 'bias balancing (DeepSeek-V3) needs the sigmoid-with-bias router';

/**
 * Splits the query into the simulator's part (config, text, pos, layer; decoded by url.ts) and
 * the training settings, each checked on its own. Simulator-only keys are reported as unknown.
 */
function decodeCommon(
  search: string,
  defaultRouter: MoeConfig['router'] | null,
): { config: MoeConfig; settings: TrainSettings; view: ReturnType<typeof decodeView>['view']; params: URLSearchParams; notes: Notes } {
  const params = new URLSearchParams(search);
  const forwarded = new URLSearchParams();
  const notes = new Notes();
  const own = new Set([...Object.keys(SETTING_KEYS), 'bal', 'left', 'right']);
  for (const [key, value] of params) {
    if (own.has(key)) continue;
    if (SIMULATOR_ONLY.includes(key)) {
      if (!notes.notices.some((n) => n.includes(`"${key}"`)))
        notes.add('link.unknown', { key: short(key) }, `Ignored unknown setting "${short(key)}" in the link.`);
      continue;
    }
    forwarded.append(key, value);
  }
  if (defaultRouter && !forwarded.has('r')) forwarded.set('r', defaultRouter);
  const decoded = decodeView(forwarded.toString());
  notes.notices.push(...decoded.notices);
  notes.coded.push(...decoded.codedNotices);
  const config = decoded.view.config;

  const settings: TrainSettings = { ...DEFAULT_TRAIN };
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = NUMBER.test(raw.trim()) ? Number(raw) : raw;
    const checked = validateTrainSettings(settings, { [field]: value }, 'sigmoid-bias');
    if (checked.ok) settings[field] = checked.settings[field];
    else notes.ignored(key, raw, checked.problems[0] ?? NOT_UNDERSTOOD, String(DEFAULT_TRAIN[field]));
  }
  return { config, settings, view: decoded.view, params, notes };
}

export function decodeTrainView(search: string): DecodedTrain<TrainView> {
  const { config, settings, view, params, notes } = decodeCommon(search, null);
  const raw = params.get('bal');
  if (raw !== null) {
    const mode = modeOf(raw);
    if (mode === null) notes.ignored('bal', raw, balanceReason('train.balanceUnknown'), DEFAULT_TRAIN.balance);
    else if (mode.startsWith('bias') && config.router !== 'sigmoid-bias')
      notes.ignored('bal', raw, balanceReason('train.biasNeedsSigmoid'), DEFAULT_TRAIN.balance);
    else settings.balance = mode;
  }
  return withCodedNotices(
    { view: { config, settings, text: view.text, position: view.position, layer: view.layer }, notices: notes.notices },
    notes.coded,
  );
}

/** The query string (with "?") that reproduces the training page's view. */
export function encodeTrainView(v: TrainView): string {
  const params = new URLSearchParams(
    encodeView({ ...defaultView(), config: v.config, text: v.text, position: v.position, layer: v.layer }),
  );
  for (const key of ['gamma', 'bs', 'speed']) params.delete(key);
  for (const [field, key] of Object.entries(KEY_OF) as [NumberField, string][]) params.set(key, String(v.settings[field]));
  params.set('bal', v.settings.balance);
  return `?${params.toString()}`;
}

export const BALANCE_DEFAULTS = Object.freeze({ topK: 1, seed: 3 });

export const DEFAULT_SIDES: Readonly<{ left: BalanceMode; right: BalanceMode }> = Object.freeze({ left: 'none', right: 'bias' });

export function decodeBalanceView(search: string): DecodedTrain<BalanceView> {
  const { config, settings, params, notes } = decodeCommon(search, 'sigmoid-bias');
  let cfg = config;
  if (cfg.router !== 'sigmoid-bias') {
    const value = short(params.get('r') ?? '');
    notes.add(
      'link.balanceRouter',
      { value },
      `Ignored r=${value}: this page compares balancing modes, and ${SIGMOID_ONLY}. Using sigmoid-bias.`,
    );
    cfg = { ...cfg, router: 'sigmoid-bias' };
    // The group settings were only checked against the other router: check them again.
    const checked = validateConfig(cfg);
    if (!checked.ok) {
      const reason: LinkReason = checked.problems[0] ?? GROUPS_NO_FIT;
      notes.add('link.groups', { reason }, `Ignored the link's expert groups: ${reason.message}. Using 1 group.`);
      cfg = { ...cfg, nGroup: 1, topkGroup: 1 };
    }
  }
  // This lesson's own defaults: top-1 routing and seed 3, where (measured) no balancing piles about
  // 2.3× the mean load on the busiest expert while bias balancing holds it near 1.2.
  if (!params.has('k')) cfg = { ...cfg, topK: BALANCE_DEFAULTS.topK };
  if (!params.has('seed')) cfg = { ...cfg, seed: BALANCE_DEFAULTS.seed };
  const side = (key: 'left' | 'right'): BalanceMode => {
    const raw = params.get(key);
    if (raw === null) return DEFAULT_SIDES[key];
    const mode = modeOf(raw);
    if (mode !== null) return mode;
    notes.ignored(key, raw, balanceReason('train.balanceUnknown'), DEFAULT_SIDES[key]);
    return DEFAULT_SIDES[key];
  };
  if (params.has('bal')) notes.add('link.balSides', {}, 'Ignored bal: on this page each side has its own balancing (left=, right=).');
  const view = { config: cfg, settings, left: side('left'), right: side('right') };
  return withCodedNotices({ view, notices: notes.notices }, notes.coded);
}

/** The query string (with "?") of the balance page: model keys, shared settings, both modes. */
export function encodeBalanceView(v: BalanceView): string {
  const params = new URLSearchParams(encodeView({ ...defaultView(), config: v.config }));
  for (const key of ['gamma', 'bs', 'speed', 'text', 'pos', 'layer']) params.delete(key);
  for (const [field, key] of Object.entries(KEY_OF) as [NumberField, string][]) params.set(key, String(v.settings[field]));
  params.set('left', v.left);
  params.set('right', v.right);
  return `?${params.toString()}`;
}
