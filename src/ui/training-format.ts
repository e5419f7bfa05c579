/** Slider stops, names and plain words of the training settings, shared by the training pages. */
import type { BalanceMode } from '../core/training';

export const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1] as const;
export const ALPHAS = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] as const;
export const GAMMAS = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5] as const;
export const Z_LOSSES = [0, 0.0001, 0.001, 0.01, 0.1] as const;
/** Routed experts the training page offers (more train slowly and draw thin). */
export const MAX_TRAIN_EXPERTS = 32;
export const MAX_TRAIN_TOPK = 8;

export const BALANCE_NAMES: Record<BalanceMode, string> = {
  none: 'none',
  switch: 'Switch balance loss',
  bias: 'DeepSeek-V3 bias',
  'bias+seq': 'bias + sequence-wise loss',
};

/** One or two sentences per balancing mode, for the pages' hints. */
export const MODE_WORDS: Record<BalanceMode, string> = {
  none: 'Nothing pushes back: the router may keep sending most tokens to the experts it already favours.',
  switch: 'An extra loss term, α·E·Σ fᵢ·Pᵢ, penalises the router when the busy experts are also the ones it scores highest.',
  bias: 'No extra loss. After each step, a busy expert’s bias goes down by γ and an idle one’s goes up; the bias changes who is picked, never the weights.',
  'bias+seq': 'The bias nudges, plus a tiny balance loss within each sentence as a safety net (DeepSeek-V3).',
};

/** Index of the stop nearest to v. */
export function nearestStop(stops: readonly number[], v: number): number {
  let best = 0;
  stops.forEach((s, i) => {
    if (Math.abs(s - v) < Math.abs((stops[best] as number) - v)) best = i;
  });
  return best;
}

export function formatRate(v: number): string {
  return v === 0 ? '0 (off)' : String(Number(v.toPrecision(3)));
}
