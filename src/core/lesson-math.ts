/**
 * The counting behind two lesson pages, as pure functions of a config or a trace:
 *
 *   "Only a fraction is active" (demos/sparsity.html)
 *     tokenBreakdown   one token's active parameters, part by part, from the trace
 *     sparsitySweep    active fraction over routed experts E × top-k, by the toy's counting code
 *     realSparsity     the same fraction for the published configs (countParams)
 *
 *   "More, smaller experts, and shared experts" (demos/experts.html, DeepSeekMoE arXiv 2401.06066)
 *     combinations     C(n, k), exact (BigInt)
 *     granularityRows  fine-grained segmentation m: E·m experts of width h/m, k·m active
 *     expertSets       how many different expert sets a sentence's tokens used (measured)
 *     routedPerToken   routed-expert parameters that worked for each token (measured)
 *     sharedSweep      total and active parameters for 0…4 shared experts
 *
 * Counting conventions are those of params.ts: every weight counts once in the total; a token's
 * active parameters are all weights except the routed experts it did not use (the embedding table,
 * which is also the tied output head, counts as active, like published model sizes).
 */
import { expertShape, GRANULARITIES, LIMITS, validateConfig, type MoeConfig } from './config';
import { countParams, toyParams } from './params';
import { PRESETS, type Preset } from './presets';
import type { Trace } from './trace';
import { CodedError } from './coded';

/* ------------------------------------------------------------------------------------------------
 * Combinations
 * ---------------------------------------------------------------------------------------------- */

/**
 * C(n, k) = n! / (k!·(n−k)!), the number of different sets of k items out of n, exactly.
 * 0 when k < 0 or k > n. Each step of the product (n−k+1)/1 · (n−k+2)/2 · … is a whole number, so
 * dividing as we go stays exact. Throws a RangeError for a count that is not a whole number ≥ 0.
 */
export function combinations(n: number, k: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(k)) throw new CodedError('combinations.notCounts', { n, k });
  if (k < 0 || k > n) return 0n;
  const r = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= r; i++) c = (c * BigInt(n - r + i)) / BigInt(i);
  return c;
}

/* ------------------------------------------------------------------------------------------------
 * Sparsity
 * ---------------------------------------------------------------------------------------------- */

/** One token's active parameters, part by part, summed over the MoE layers. */
export interface TokenParts {
  /** The embedding table (also the tied output head): counted as active, like published sizes. */
  embedding: number;
  routers: number;
  shared: number;
  /** The routed experts this token used (not dropped), in every layer. */
  routed: number;
  /** Routed experts used, per layer. */
  used: number[];
  active: number;
  total: number;
}

/** Per token of the trace: what worked for it. `active` equals trace.perToken[t].activeParams. */
export function tokenBreakdown(trace: Trace): TokenParts[] {
  const p = trace.params;
  return trace.tokens.map((_, t) => {
    const used = trace.layers.map((l) => l.tokens[t]?.used ?? 0);
    const routed = used.reduce((a, u) => a + u * p.routedExpert, 0);
    const routers = p.layers * p.router;
    const shared = p.layers * p.sharedTotal;
    return { embedding: p.embedding, routers, shared, routed, used, active: p.embedding + routers + shared + routed, total: p.total };
  });
}

/** The experts' own parameters: all of them, and those one token uses with top-k and nothing dropped. */
function expertCounts(config: MoeConfig, vocabSize: number): { total: number; active: number; expertTotal: number; expertActive: number } {
  const p = toyParams(config, vocabSize);
  const s = expertShape(config);
  return {
    total: p.total,
    active: p.activeNominal,
    expertTotal: p.layers * (p.routedTotal + p.sharedTotal),
    expertActive: p.layers * (s.active * p.routedExpert + p.sharedTotal),
  };
}

export const SWEEP_EXPERTS = [4, 8, 16, 32, 64, 128, 256] as const;
export const SWEEP_TOP_K = [1, 2, 4, 8] as const;

export type SweepCell =
  | { experts: number; topK: number; possible: false }
  | {
      experts: number;
      topK: number;
      possible: true;
      total: number;
      /** Active for one token (top-k used in every layer, nothing dropped). */
      active: number;
      fraction: number;
      /** Routed and shared experts' weights, and the part of them one token uses. */
      expertTotal: number;
      expertActive: number;
      expertFraction: number;
    };

/**
 * Active fraction for each routed-expert count E (rows) and top-k (columns), every other setting
 * (width, hidden width, granularity, shared experts, layers, router) from `config`. k > E is not
 * possible. Counted only: no model is built, so the sizes may exceed what the page can run.
 */
export function sparsitySweep(
  config: MoeConfig,
  vocabSize: number,
  experts: readonly number[] = SWEEP_EXPERTS,
  topKs: readonly number[] = SWEEP_TOP_K,
): SweepCell[][] {
  return experts.map((E) =>
    topKs.map((k): SweepCell => {
      if (k > E) return { experts: E, topK: k, possible: false };
      const c = expertCounts({ ...config, routedExperts: E, topK: k }, vocabSize);
      return { experts: E, topK: k, possible: true, ...c, fraction: c.active / c.total, expertFraction: c.expertActive / c.expertTotal };
    }),
  );
}

/** The sweep's axis with the current value added (sorted) when it is not already there. */
export function axisWith(values: readonly number[], current: number): number[] {
  return values.includes(current) ? [...values] : [...values, current].sort((a, b) => a - b);
}

export interface RealSparsity {
  id: Preset['id'];
  name: string;
  total: number;
  /** Active for one token, the input embedding included (the toy's convention). */
  active: number;
  activeWithoutEmbedding: number;
  fraction: number;
  fractionWithoutEmbedding: number;
  routedExperts: number;
  topK: number;
  sharedExperts: number;
  published: Preset['published'];
}

/** Total and active parameters of the published configs, counted by countParams. */
export function realSparsity(presets: readonly Preset[] = PRESETS): RealSparsity[] {
  return presets.map((p) => {
    const c = countParams(p.config);
    return {
      id: p.id,
      name: p.name,
      total: c.total,
      active: c.active,
      activeWithoutEmbedding: c.activeWithoutEmbedding,
      fraction: c.active / c.total,
      fractionWithoutEmbedding: c.activeWithoutEmbedding / c.total,
      routedExperts: c.shape.experts,
      topK: c.shape.topK,
      sharedExperts: c.shape.sharedExperts,
      published: p.published,
    };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Fine-grained and shared experts
 * ---------------------------------------------------------------------------------------------- */

export interface GranularityRow {
  m: number;
  /** Routed experts that exist (E·m) and that each token uses (k·m). */
  experts: number;
  topK: number;
  /** Hidden width of each expert, h/m; not a whole number when h does not divide by m. */
  hidden: number;
  /** Whether h divides evenly by m (the split exists). */
  splits: boolean;
  /** Whether the simulator can run this shape (validateConfig: the limits of a browser tab). */
  runnable: boolean;
  /** Weights of one routed expert: 3·d·(h/m). */
  perExpert: number;
  /** Routed-expert weights one token uses, all layers: L·(k·m)·3·d·(h/m) = L·3·d·h·k, the same for every m. */
  activeRouted: number;
  /** Router weights, all layers: L·d·E·m (twice for noisy top-k). Grows with m. */
  router: number;
  /** Shared experts' weights, all layers: L·K_s·3·d·(h/m) (each shared expert is split too). */
  shared: number;
  total: number;
  /** All active weights for one token (embedding, routers, shared, k·m routed experts). */
  active: number;
  /** C(E·m, k·m): the different sets of routed experts a token can use in one layer. */
  combinations: bigint;
}

/** Fine-grained segmentation of `config` for each granularity m (DeepSeekMoE). */
export function granularityRows(config: MoeConfig, vocabSize: number, ms: readonly number[] = GRANULARITIES): GranularityRow[] {
  return ms.map((m) => {
    const c = { ...config, granularity: m };
    const s = expertShape(c);
    const p = toyParams(c, vocabSize);
    const splits = config.expertHidden % m === 0;
    return {
      m,
      experts: s.experts,
      topK: s.active,
      hidden: s.hidden,
      splits,
      runnable: validateConfig(c).ok,
      perExpert: p.routedExpert,
      activeRouted: p.layers * s.active * p.routedExpert,
      router: p.layers * p.router,
      shared: p.layers * p.sharedTotal,
      total: p.total,
      active: p.activeNominal,
      combinations: combinations(s.experts, Math.min(s.active, s.experts)),
    };
  });
}

/**
 * How many different sets of routed experts the trace's tokens used in one layer (dropped choices
 * left out; a token with none counts as the empty set).
 */
export function expertSets(trace: Trace, layer = 0): number {
  const lt = trace.layers[layer];
  if (!lt) return 0;
  const sets = new Set(
    lt.tokens.map((r) =>
      r.experts
        .filter((_, i) => !r.dropped[i])
        .sort((a, b) => a - b)
        .join(','),
    ),
  );
  return sets.size;
}

/** Routed-expert weights that worked for each token, all layers: Σ used·3·d·(h/m), from the trace's use counts. */
export function routedPerToken(trace: Trace): number[] {
  return trace.tokens.map((_, t) => trace.layers.reduce((a, l) => a + (l.tokens[t]?.used ?? 0) * trace.params.routedExpert, 0));
}

export interface SharedRow {
  shared: number;
  total: number;
  active: number;
  fraction: number;
  /** Weights of all shared experts, all layers. */
  sharedWeights: number;
}

/** Total and active parameters of `config` with 0…maxShared shared experts (counted, no model built). */
export function sharedSweep(config: MoeConfig, vocabSize: number, max: number = LIMITS.maxShared): SharedRow[] {
  return Array.from({ length: max + 1 }, (_, s) => {
    const p = toyParams({ ...config, sharedExperts: s }, vocabSize);
    return {
      shared: s,
      total: p.total,
      active: p.activeNominal,
      fraction: p.activeNominal / p.total,
      sharedWeights: p.layers * p.sharedTotal,
    };
  });
}
