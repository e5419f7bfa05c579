/**
 * The training settings (learning rate, batch size, balancing mode and its coefficients), their
 * defaults, and the check of a change with a coded problem per field at fault.
 */
import type { CodeOf } from './coded';
import type { RouterKind } from './config';

export const BALANCE_MODES = ['none', 'switch', 'bias', 'bias+seq'] as const;
export type BalanceMode = (typeof BALANCE_MODES)[number];

export interface TrainSettings {
  learningRate: number;
  /** Sentences per batch. */
  batchSize: number;
  balance: BalanceMode;
  /** Switch balance loss coefficient α. */
  alpha: number;
  /** DeepSeek-V3 bias update speed γ. */
  gamma: number;
  /** DeepSeek-V3 sequence-wise balance loss coefficient (with 'bias+seq'). */
  seqAlpha: number;
  /** Router z-loss coefficient; 0 turns it off. */
  zLoss: number;
}

export const DEFAULT_TRAIN: Readonly<TrainSettings> = Object.freeze({
  learningRate: 0.03,
  batchSize: 8,
  balance: 'none',
  alpha: 0.01,
  gamma: 0.01,
  seqAlpha: 0.0001,
  zLoss: 0,
});

const TRAIN_LIMITS: Record<TrainNumberField, { min: number; max: number; int?: boolean }> = {
  learningRate: { min: 0.0001, max: 0.1 },
  batchSize: { min: 1, max: 40, int: true },
  alpha: { min: 0, max: 1 },
  gamma: { min: 0, max: 0.5 },
  seqAlpha: { min: 0, max: 0.1 },
  zLoss: { min: 0, max: 0.1 },
};

/** Training settings checked by a number rule (in TRAIN_LIMITS; the catalogue names each). */
export type TrainNumberField = Exclude<keyof TrainSettings, 'balance'>;

/** The problems validateTrainSettings reports, by code, with their arguments (see ./coded). */
export interface TrainMessages {
  'train.notNumber': { field: TrainNumberField };
  'train.outOfRange': { field: TrainNumberField; value: number; min: number; max: number };
  'train.notWhole': { field: TrainNumberField; value: number };
  'train.balanceUnknown': { options: string };
  'train.biasNeedsSigmoid': Record<string, never>;
}
export type TrainCode = keyof TrainMessages;

/** A problem with a training setting: its field and its message's code and arguments (the ui words it). */
export type TrainProblem = { readonly field: keyof TrainSettings } & CodeOf<TrainMessages>;

function problem<C extends TrainCode>(field: keyof TrainSettings, code: C, args: TrainMessages[C]): TrainProblem {
  return { field, code, args } as TrainProblem;
}

export type TrainSettingsResult = { ok: true; settings: TrainSettings } | { ok: false; problems: TrainProblem[] };

/** Checks a (partial) change of the training settings against the current ones. */
export function validateTrainSettings(
  base: TrainSettings,
  change: Partial<Record<keyof TrainSettings, unknown>>,
  router: RouterKind,
): TrainSettingsResult {
  const out: TrainSettings = { ...base };
  const problems: TrainProblem[] = [];
  for (const [field, rule] of Object.entries(TRAIN_LIMITS) as [TrainNumberField, (typeof TRAIN_LIMITS)['alpha']][]) {
    if (!(field in change)) continue;
    const v = change[field];
    const { min, max } = rule;
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(problem(field, 'train.notNumber', { field }));
    else if (v < min || v > max) problems.push(problem(field, 'train.outOfRange', { field, value: v, min, max }));
    else if (rule.int && !Number.isInteger(v)) problems.push(problem(field, 'train.notWhole', { field, value: v }));
    else out[field] = v;
  }
  if ('balance' in change) {
    const v = change.balance;
    const options = BALANCE_MODES.join(', ');
    if (typeof v === 'string' && (BALANCE_MODES as readonly string[]).includes(v)) out.balance = v as BalanceMode;
    else problems.push(problem('balance', 'train.balanceUnknown', { options }));
  }
  if (problems.length === 0 && out.balance.startsWith('bias') && router !== 'sigmoid-bias') {
    problems.push(problem('balance', 'train.biasNeedsSigmoid', {}));
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: out };
}
