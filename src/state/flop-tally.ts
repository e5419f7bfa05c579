/**
 * Dense vs sparse, counted over the sentence so far: the FLOPs the sparse model did for tokens
 * 0..position and what a dense model of the same total size (every routed expert on every token)
 * would have done. FLOPs are counted as in src/core/params.ts: 2 per weight used in a matrix
 * product, so one multiply-add is 2 FLOPs. Also whether a token's active-parameter count differs
 * from the one before it, and whether every token of the sentence used the same count.
 * Plain numbers from the trace; the ui words them.
 */
import type { Trace } from '../core/trace';

/** The parts of a trace the tally reads. */
export type TallyTrace = Pick<Trace, 'perToken' | 'flops'>;

export interface FlopTally {
  /** Tokens counted: position + 1, within the sentence (0 for an empty one). */
  tokens: number;
  /** Σ perToken[0..position].flops. */
  sparse: number;
  /** tokens × flops.densePerToken. */
  dense: number;
  /** What the last counted token added to each counter (0 when none is counted). */
  sparseStep: number;
  denseStep: number;
  /** dense / sparse: how many times fewer FLOPs the sparse model did (1 when nothing is counted). */
  ratio: number;
  /** 1 − sparse / dense: the share of the dense work saved (0 when nothing is counted). */
  saved: number;
}

/** FLOPs of one multiply-add (params.ts counts 2 per weight used). */
export const FLOPS_PER_MULTIPLY_ADD = 2;

/** The counters after the token at `position` (clamped to the sentence; below 0 counts nothing). */
export function flopTally(trace: TallyTrace | null, position: number): FlopTally {
  const n = trace?.perToken.length ?? 0;
  const last = Math.min(Math.floor(position), n - 1);
  const tokens = Number.isFinite(last) ? Math.max(0, last + 1) : 0;
  const per = trace?.flops.densePerToken ?? 0;
  let sparse = 0;
  for (let i = 0; i < tokens; i++) sparse += trace!.perToken[i]!.flops;
  const dense = tokens * per;
  const sparseStep = tokens > 0 ? trace!.perToken[tokens - 1]!.flops : 0;
  const denseStep = tokens > 0 ? per : 0;
  return {
    tokens,
    sparse,
    dense,
    sparseStep,
    denseStep,
    ratio: sparse > 0 ? dense / sparse : 1,
    saved: dense > 0 ? 1 - sparse / dense : 0,
  };
}

export interface ActiveChange {
  /** The token's active parameters. */
  current: number;
  /** The previous token's (null for the first token). */
  previous: number | null;
  /** current − previous (null for the first token). */
  delta: number | null;
  /** Every token of the sentence has the same active count (and there are at least two tokens). */
  allSame: boolean;
}

/** How the active count of the token at `position` compares with the token before it and with the whole sentence. */
export function activeChange(trace: Pick<Trace, 'perToken'> | null, position: number): ActiveChange | null {
  const per = trace?.perToken ?? [];
  const cost = Number.isInteger(position) ? per[position] : undefined;
  if (!cost) return null;
  const prev = position > 0 ? per[position - 1] : undefined;
  const first = per[0]!.activeParams;
  return {
    current: cost.activeParams,
    previous: prev ? prev.activeParams : null,
    delta: prev ? cost.activeParams - prev.activeParams : null,
    allSame: per.length > 1 && per.every((c) => c.activeParams === first),
  };
}

/**
 * Why every token can be expected to use the same count: a top-k router (not expert choice) that
 * dropped no choice and skipped no token in any layer, so each token ran exactly k routed experts per
 * layer. Only which experts changes.
 */
export function fixedK(trace: Pick<Trace, 'config' | 'layers'> | null): boolean {
  if (!trace || trace.config.router === 'expert-choice') return false;
  return trace.layers.every((l) => l.droppedChoices === 0 && l.skippedTokens === 0);
}
