/** Slider stops, names and plain words of the training settings, shared by the training pages. */
import type { BalanceMode } from '../../core/training';

import { trainWords } from '../i18n/training';

export const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1] as const;
export const ALPHAS = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] as const;
export const GAMMAS = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5] as const;
export const Z_LOSSES = [0, 0.0001, 0.001, 0.01, 0.1] as const;
/** Routed experts the training page offers (more train slowly and draw thin). */
export const MAX_TRAIN_EXPERTS = 32;
export const MAX_TRAIN_TOPK = 8;

/** The name of a balancing mode, in the page's language. */
export function balanceName(mode: BalanceMode): string {
  return trainWords().format.balanceNames[mode];
}

/** One or two sentences per balancing mode, for the pages' hints, in the page's language. */
export function modeWords(mode: BalanceMode): string {
  return trainWords().format.modeWords[mode];
}

/** Index of the stop nearest to v. */
export function nearestStop(stops: readonly number[], v: number): number {
  let best = 0;
  stops.forEach((s, i) => {
    if (Math.abs(s - v) < Math.abs((stops[best] as number) - v)) best = i;
  });
  return best;
}

export function formatRate(v: number): string {
  return v === 0 ? trainWords().format.off : String(Number(v.toPrecision(3)));
}

/** Training steps a second as shown: one decimal below 10 (a big model takes about a second a step). */
export function formatStepRate(perSecond: number): string {
  return perSecond.toFixed(perSecond < 10 ? 1 : 0);
}

/**
 * A message with `{name}` slots, filled: the text around the slots stays text and each slot gets
 * its value (markup such as a bold number), so each language can put the parts in its own order.
 */
export function withSlots(message: string, slots: Record<string, unknown>): unknown[] {
  return message.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? slots[part] : part));
}
