/**
 * Every key a link may hold, one line each: the key, the state field it fills, its codec (see
 * url-schema.ts). Each page reads and writes a subset (url.ts, train-url.ts, capacity-url.ts,
 * lesson-url.ts). The model's own settings are checked by the model's rules (validateConfig,
 * validateTrainSettings), first one by one, then together (fitConfig, balanceFitsRouter).
 *
 * Model (every page):
 *   d  model width        e  routed experts     k   top-k                s   shared experts
 *   h  expert hidden      m  granularity        cf  capacity factor/none  r   router
 *   noise router noise    g  expert groups      tg  groups per token      rs  route scale
 *   gn gate weights (chosen | all)              L   MoE layers            seed seed
 * The view:
 *   text the sentence     pos token position    gamma bias update speed (simulator)
 *   bs bias updates       speed play speed      layer layer shown         hide controls hidden (comma list)
 * Training (training and balance pages):
 *   lr learning rate      batch batch size      alpha Switch balance loss α   gamma bias update speed γ
 *   seqa sequence-wise α  z router z-loss       bal balancing (training page)  left, right (balance page)
 * Read by their own modules, accepted on every page: lang (lang.ts), backend (lang.ts), theme
 * (theme.ts); on the simulator: lesson (the tour), present (presenter mode).
 */
import { DEFAULT_CONFIG, validateConfig, type MoeConfig } from '../core/config';
import { BALANCE_MODES, DEFAULT_TRAIN, validateTrainSettings, type BalanceMode, type TrainSettings } from '../core/train-settings';
import { NO_FIT, NOT_UNDERSTOOD, type LinkReason } from './link-notices';
import { checked, float, int, listOf, oneOf, text } from './url-codecs';
import type { AnyEntry, Check, Codec } from './url-schema';
import { DEFAULT_VIEW, HIDEABLE, PICTURE_MODES, VIEW_LIMITS, WEIGHTS_MODES, type ViewState } from './view';

/** Every field a link can set, on any page (gamma is the simulator's or the training pages' γ). */
export type LinkFields = MoeConfig & TrainSettings & Omit<ViewState, 'config'> & { left: BalanceMode; right: BalanceMode };
type E = AnyEntry<LinkFields>;

/** Longest sentence kept, in characters, wherever it comes from (a link, an attribute, a script, the text box). */
export const MAX_TEXT_CHARS = 2000;

/** The simulator's defaults for every field (a training page's defaults are DEFAULT_TRAIN's, see train-url.ts). */
export const LINK_DEFAULTS: Readonly<LinkFields> = Object.freeze({
  ...DEFAULT_CONFIG,
  ...DEFAULT_TRAIN,
  text: DEFAULT_VIEW.text,
  position: DEFAULT_VIEW.position,
  gamma: DEFAULT_VIEW.gamma,
  biasSteps: DEFAULT_VIEW.biasSteps,
  speed: DEFAULT_VIEW.speed,
  layer: DEFAULT_VIEW.layer,
  hide: [],
  picture: DEFAULT_VIEW.picture,
  weights: DEFAULT_VIEW.weights,
  left: 'none',
  right: 'bias',
} as LinkFields);

/** A setting of the model: checked on its own by validateConfig; "Using …" names no limit for null. */
function configValue<F extends keyof MoeConfig>(field: F): Codec<MoeConfig[F], LinkFields> {
  return checked<MoeConfig[F], LinkFields>(
    (value) => {
      const alone = validateConfig({ [field]: value }, { together: false });
      const own = alone.ok ? [] : alone.problems.filter((p) => p.field === field);
      return own.length > 0 ? { ok: false, reason: own[0] ?? NOT_UNDERSTOOD } : { ok: true, value: value as MoeConfig[F] };
    },
    (v) => String(v ?? 'no limit'),
  );
}

/** A number of the training settings, checked by validateTrainSettings. */
function trainValue<F extends Exclude<keyof TrainSettings, 'balance'>>(field: F): Codec<number, LinkFields> {
  return checked<number, LinkFields>((value) => {
    const c = validateTrainSettings(DEFAULT_TRAIN, { [field]: value }, 'sigmoid-bias');
    return c.ok ? { ok: true, value: c.settings[field] } : { ok: false, reason: c.problems[0] ?? NOT_UNDERSTOOD };
  });
}

const config = <F extends keyof MoeConfig>(key: string, field: F): E => ({ key, field, codec: configValue(field) }) as E;

/** The model's keys, in the order links write them (MoeConfig's). */
export const CONFIG_ENTRIES: readonly E[] = [
  config('d', 'modelWidth'),
  config('e', 'routedExperts'),
  config('k', 'topK'),
  config('s', 'sharedExperts'),
  config('h', 'expertHidden'),
  config('m', 'granularity'),
  config('cf', 'capacityFactor'),
  config('r', 'router'),
  config('noise', 'routerNoise'),
  config('g', 'nGroup'),
  config('tg', 'topkGroup'),
  config('rs', 'routeScale'),
  config('gn', 'gateNorm'),
  config('L', 'layers'),
  config('seed', 'seed'),
];
const CONFIG_FIELDS = CONFIG_ENTRIES.map((e) => e.field) as (keyof MoeConfig)[];

/** The model part of the fields. */
export function configOf(f: Readonly<LinkFields>): MoeConfig {
  return Object.fromEntries(Object.keys(DEFAULT_CONFIG).map((k) => [k, f[k as keyof MoeConfig]])) as unknown as MoeConfig;
}

/**
 * The link's model settings together: drop the values the cross-checks blame until the rest fits;
 * what then clashes only with the defaults (e=1 against the default top-2) is kept in key order
 * while it still fits, and each value dropped is named.
 */
export const fitConfig: Check<LinkFields> = {
  check(state, ctx) {
    const base = configOf(ctx.defaults);
    const change: Partial<Record<keyof MoeConfig, unknown>> = {};
    for (const f of CONFIG_FIELDS) if (ctx.taken.has(f)) change[f] = state[f];
    let fit = validateConfig({ ...base, ...change });
    while (!fit.ok) {
      const blamed = [...new Set(fit.problems.map((p) => p.field))].filter((f): f is keyof MoeConfig => f !== 'config' && f in change);
      if (blamed.length === 0) break;
      for (const f of blamed) {
        ctx.refuse(f, fit.problems.find((p) => p.field === f) ?? NO_FIT);
        delete change[f];
      }
      fit = validateConfig({ ...base, ...change });
    }
    if (!fit.ok) {
      const kept: Partial<Record<keyof MoeConfig, unknown>> = {};
      for (const [f, value] of Object.entries(change) as [keyof MoeConfig, unknown][]) {
        const trial = validateConfig({ ...base, ...kept, [f]: value });
        if (trial.ok) kept[f] = value;
        else ctx.refuse(f, trial.problems[0] ?? NO_FIT);
      }
      fit = validateConfig({ ...base, ...kept });
    }
    Object.assign(state, fit.ok ? fit.config : base);
  },
};

export const TEXT: E = { key: 'text', field: 'text', codec: text(MAX_TEXT_CHARS) } as E;

/** The simulator's view, after the model (the layer shown depends on its layers). */
export const VIEW_ENTRIES = {
  pos: { key: 'pos', field: 'position', codec: int({ min: 0, max: 100000 }) } as E,
  gamma: { key: 'gamma', field: 'gamma', codec: float({ ...VIEW_LIMITS.gamma }) } as E,
  bs: { key: 'bs', field: 'biasSteps', codec: int({ ...VIEW_LIMITS.biasSteps }) } as E,
  speed: { key: 'speed', field: 'speed', codec: float({ ...VIEW_LIMITS.speed }) } as E,
  layer: {
    key: 'layer',
    field: 'layer',
    codec: int<LinkFields>({ min: 0, max: (s) => s.layers - 1 }),
  } as E,
  hide: { key: 'hide', field: 'hide', codec: listOf(HIDEABLE) } as E,
  pic: { key: 'pic', field: 'picture', codec: oneOf(PICTURE_MODES, NOT_UNDERSTOOD) } as E,
  w: { key: 'w', field: 'weights', codec: oneOf(WEIGHTS_MODES, NOT_UNDERSTOOD) } as E,
} as const;

/** The problem validateTrainSettings reports for a balancing mode, or null: its reasons are worded there only. */
function balanceProblem(balance: unknown, router: MoeConfig['router']): LinkReason | null {
  const c = validateTrainSettings(DEFAULT_TRAIN, { balance }, router);
  return c.ok ? null : (c.problems[0] ?? NOT_UNDERSTOOD);
}
const BALANCE_UNKNOWN = balanceProblem('', 'sigmoid-bias') ?? NOT_UNDERSTOOD;

/** "bias seq" is what a hand-typed "bias+seq" becomes in a query string. */
const mode = oneOf(BALANCE_MODES, BALANCE_UNKNOWN, (raw) => raw.trim().replace(/ /g, '+'));

/** The training settings, in the order links write them. */
export const TRAIN_ENTRIES: readonly E[] = [
  { key: 'lr', field: 'learningRate', codec: trainValue('learningRate') } as E,
  { key: 'batch', field: 'batchSize', codec: trainValue('batchSize') } as E,
  { key: 'alpha', field: 'alpha', codec: trainValue('alpha') } as E,
  { key: 'gamma', field: 'gamma', codec: trainValue('gamma') } as E,
  { key: 'seqa', field: 'seqAlpha', codec: trainValue('seqAlpha') } as E,
  { key: 'z', field: 'zLoss', codec: trainValue('zLoss') } as E,
];
export const BAL: E = { key: 'bal', field: 'balance', codec: mode } as E;
export const SIDES: readonly E[] = [{ key: 'left', field: 'left', codec: mode } as E, { key: 'right', field: 'right', codec: mode } as E];

/** Bias balancing needs the sigmoid-with-bias router. */
export const balanceFitsRouter: Check<LinkFields> = {
  check(state, ctx) {
    const problem = ctx.taken.has('balance') ? balanceProblem(state.balance, state.router) : null;
    if (problem) ctx.refuse('balance', problem);
  },
};
