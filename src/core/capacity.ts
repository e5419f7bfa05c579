/**
 * Capacity in numbers, from traces: how many token-expert choices a layer dropped, the same pooled
 * over many batches (a sweep), and what the demand per expert says about dropping. Pure functions
 * of plain numbers; the slots per expert come from capacityFor in router.ts:
 *
 *   capacity = max(1, ⌈capacity factor · T · k / E⌉)     T tokens in the batch, k choices each, E experts
 *
 * Token choice drops first come, first served: an expert keeps the first `capacity` choices that
 * reach it, in token order, and drops the rest. So with demand d_e (the choices that reached expert
 * e, which do not depend on the capacity), exactly Σ_e max(0, d_e − capacity) choices are dropped.
 */
import { capacityFor } from './router';
import type { LayerTrace } from './trace';

/** Dropped choices of one batch (or of several, added up). */
export interface DropCount {
  /** Token-expert choices over capacity, not processed. */
  dropped: number;
  /** All token-expert choices made. */
  choices: number;
  tokens: number;
  /** Tokens left with no expert at all (every choice dropped): they ride the residual connection. */
  skippedTokens: number;
}

export const NO_DROPS: Readonly<DropCount> = Object.freeze({ dropped: 0, choices: 0, tokens: 0, skippedTokens: 0 });

/** What one layer of a trace dropped, counted from its per-token dropped marks. */
export function dropsOf(layer: Pick<LayerTrace, 'tokens'>): DropCount {
  let dropped = 0;
  let choices = 0;
  let skippedTokens = 0;
  for (const t of layer.tokens) {
    choices += t.dropped.length;
    const lost = t.dropped.filter(Boolean).length;
    dropped += lost;
    if (t.skipped) skippedTokens++;
  }
  return { dropped, choices, tokens: layer.tokens.length, skippedTokens };
}

/** Counts of several batches pooled: every choice weighs the same, whatever batch it was in. */
export function poolDrops(counts: readonly DropCount[]): DropCount {
  return counts.reduce<DropCount>(
    (a, c) => ({
      dropped: a.dropped + c.dropped,
      choices: a.choices + c.choices,
      tokens: a.tokens + c.tokens,
      skippedTokens: a.skippedTokens + c.skippedTokens,
    }),
    { ...NO_DROPS },
  );
}

/** Dropped choices ÷ all choices; 0 when there were none. */
export function dropShare(c: DropCount): number {
  return c.choices === 0 ? 0 : c.dropped / c.choices;
}

/** Tokens with no expert ÷ all tokens; 0 when there were none. */
export function skippedShare(c: DropCount): number {
  return c.tokens === 0 ? 0 : c.skippedTokens / c.tokens;
}

/** Choices dropped first come, first served when each expert keeps `capacity` of its demand. */
export function dropsAtCapacity(demand: readonly number[], capacity: number | null): number {
  if (capacity === null) return 0;
  return demand.reduce((a, d) => a + Math.max(0, d - capacity), 0);
}

/** How uneven the demand of one batch was, and what that means at capacity factor 1. */
export interface Imbalance {
  tokens: number;
  k: number;
  experts: number;
  /** Choices that reached the busiest expert. */
  maxDemand: number;
  /** T·k/E: the demand of every expert if the choices were spread evenly. */
  meanDemand: number;
  /** maxDemand / meanDemand (0 with no choices). Any capacity factor at least this drops nothing. */
  maxOverMean: number;
  /** Slots per expert at capacity factor 1. */
  capacityAtOne: number;
  /** Choices dropped at capacity factor 1. */
  droppedAtOne: number;
}

/** The imbalance of one batch's demand (choices per expert) with T tokens and k choices each. */
export function imbalanceOf(demand: readonly number[], tokens: number, k: number): Imbalance {
  const experts = demand.length;
  const meanDemand = experts === 0 ? 0 : (tokens * k) / experts;
  const maxDemand = demand.reduce((a, d) => Math.max(a, d), 0);
  const capacityAtOne = capacityFor(tokens, k, Math.max(1, experts), 1);
  return {
    tokens,
    k,
    experts,
    maxDemand,
    meanDemand,
    maxOverMean: meanDemand === 0 ? 0 : maxDemand / meanDemand,
    capacityAtOne,
    droppedAtOne: dropsAtCapacity(demand, capacityAtOne),
  };
}

/** Mean and largest of a list of numbers (0 and 0 for an empty list). */
export function meanAndMax(values: readonly number[]): { mean: number; max: number } {
  if (values.length === 0) return { mean: 0, max: 0 };
  return { mean: values.reduce((a, v) => a + v, 0) / values.length, max: Math.max(...values) };
}
