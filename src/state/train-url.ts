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
import { decodeView, encodeView } from './url';
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

export interface DecodedTrain<V> {
  view: V;
  notices: string[];
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
function decodeCommon(search: string, defaultRouter: MoeConfig['router'] | null): { config: MoeConfig; settings: TrainSettings; view: ReturnType<typeof decodeView>['view']; params: URLSearchParams; notices: string[] } {
  const params = new URLSearchParams(search);
  const forwarded = new URLSearchParams();
  const notices: string[] = [];
  const own = new Set([...Object.keys(SETTING_KEYS), 'bal', 'left', 'right']);
  for (const [key, value] of params) {
    if (own.has(key)) continue;
    if (SIMULATOR_ONLY.includes(key)) {
      if (!notices.some((n) => n.includes(`"${key}"`))) notices.push(`Ignored unknown setting "${short(key)}" in the link.`);
      continue;
    }
    forwarded.append(key, value);
  }
  if (defaultRouter && !forwarded.has('r')) forwarded.set('r', defaultRouter);
  const decoded = decodeView(forwarded.toString());
  notices.push(...decoded.notices);
  const config = decoded.view.config;

  const settings: TrainSettings = { ...DEFAULT_TRAIN };
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = NUMBER.test(raw.trim()) ? Number(raw) : raw;
    const checked = validateTrainSettings(settings, { [field]: value }, 'sigmoid-bias');
    if (checked.ok) settings[field] = checked.settings[field];
    else notices.push(`Ignored ${key}=${short(raw)}: ${checked.problems[0]?.message}. Using ${DEFAULT_TRAIN[field]}.`);
  }
  return { config, settings, view: decoded.view, params, notices };
}

export function decodeTrainView(search: string): DecodedTrain<TrainView> {
  const { config, settings, view, params, notices } = decodeCommon(search, null);
  const raw = params.get('bal');
  if (raw !== null) {
    const mode = modeOf(raw);
    if (mode === null) notices.push(`Ignored bal=${short(raw)}: balancing must be one of ${BALANCE_MODES.join(', ')}. Using ${DEFAULT_TRAIN.balance}.`);
    else if (mode.startsWith('bias') && config.router !== 'sigmoid-bias') notices.push(`Ignored bal=${short(raw)}: ${SIGMOID_ONLY}. Using ${DEFAULT_TRAIN.balance}.`);
    else settings.balance = mode;
  }
  return { view: { config, settings, text: view.text, position: view.position, layer: view.layer }, notices };
}

/** The query string (with "?") that reproduces the training page's view. */
export function encodeTrainView(v: TrainView): string {
  const params = new URLSearchParams(encodeView({ ...defaultView(), config: v.config, text: v.text, position: v.position, layer: v.layer }));
  for (const key of ['gamma', 'bs', 'speed']) params.delete(key);
  for (const [field, key] of Object.entries(KEY_OF) as [NumberField, string][]) params.set(key, String(v.settings[field]));
  params.set('bal', v.settings.balance);
  return `?${params.toString()}`;
}

export const BALANCE_DEFAULTS = Object.freeze({ topK: 1, seed: 3 });

export const DEFAULT_SIDES: Readonly<{ left: BalanceMode; right: BalanceMode }> = Object.freeze({ left: 'none', right: 'bias' });

export function decodeBalanceView(search: string): DecodedTrain<BalanceView> {
  const { config, settings, params, notices } = decodeCommon(search, 'sigmoid-bias');
  let cfg = config;
  if (cfg.router !== 'sigmoid-bias') {
    notices.push(`Ignored r=${short(params.get('r') ?? '')}: this page compares balancing modes, and ${SIGMOID_ONLY}. Using sigmoid-bias.`);
    cfg = { ...cfg, router: 'sigmoid-bias' };
    // The group settings were only checked against the other router: check them again.
    const checked = validateConfig(cfg);
    if (!checked.ok) {
      notices.push(`Ignored the link's expert groups: ${checked.problems[0]?.message ?? 'they do not fit'}. Using 1 group.`);
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
    notices.push(`Ignored ${key}=${short(raw)}: balancing must be one of ${BALANCE_MODES.join(', ')}. Using ${DEFAULT_SIDES[key]}.`);
    return DEFAULT_SIDES[key];
  };
  if (params.has('bal')) notices.push('Ignored bal: on this page each side has its own balancing (left=, right=).');
  return { view: { config: cfg, settings, left: side('left'), right: side('right') }, notices };
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
