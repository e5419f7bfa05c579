/**
 * Experiment 3, experts that fire together: for each pair of experts, how often both are among one
 * token's chosen experts, at one layer, against what independent choices would give.
 *
 * Source: OLMoE (Muennighoff et al. 2024), expert co-activation: a heat map over pairs of experts of
 * how often expert j is activated when expert i is, N(i, j) / N(i), N(i, j) the tokens whose top-k
 * holds both, N(i) the tokens whose top-k holds i. Strong off-diagonal cells would mean groups of
 * experts that work as one; OLMoE reports little co-activation, i.e. experts used on their own.
 *
 * Formulas, over the n counted tokens (S_t a token's chosen experts; see shared.ts on dropped choices):
 *   counts[i][j]      = N(i, j) = #{t : i ∈ S_t and j ∈ S_t}; the diagonal is N(i), expert i's usage
 *   rate[i][j]        = N(i, j) / n                      both fire on a token
 *   conditional[i][j] = N(i, j) / N(i)                   j fires when i does (OLMoE's heat map)
 *   p_i               = N(i) / n
 *   baseline[i][j]    = p_i · p_j (i ≠ j), p_i on the diagonal: independent experts with those usages
 *   ratio[i][j]       = rate[i][j] / baseline[i][j]      1 = as independent, > 1 together, < 1 apart
 *   conditionalBaseline[i][j] = p_j (i ≠ j): under independence, conditional = p_j
 * Uniform random top-k routing (each token k distinct experts, all sets alike) gives, per ordered pair,
 *   rate = k(k − 1) / (E(E − 1)) and conditional = (k − 1) / (E − 1),
 * which is BELOW p_i·p_j = k²/E²: a token cannot pick an expert twice, so picking i leaves fewer slots
 * for j. Under uniform routing the ratio to p_i·p_j is therefore (k − 1)E / (k(E − 1)) (8/14 for E = 8,
 * k = 2), not 1; `uniformRatio` compares with the top-k baseline instead, and is 1 for random routing.
 * Undefined ratios (a baseline of 0: an expert nobody used) are null.
 */
import { chosen, layerTokens, ratio, shapeOf, traceList, type Counting, type PlainRow, type Traces } from './shared';

export interface CoActivation {
  layer: number;
  counting: Counting;
  experts: number;
  k: number;
  /** Tokens counted: those with at least one chosen expert. */
  tokens: number;
  /** N(i): tokens with expert i among their choices. */
  usage: number[];
  /** p_i = N(i) / tokens. */
  p: number[];
  counts: number[][];
  rate: number[][];
  conditional: number[][];
  baseline: number[][];
  ratio: (number | null)[][];
  conditionalBaseline: number[][];
  /** k(k − 1) / (E(E − 1)): rate per ordered pair under uniform random top-k. */
  uniformPairRate: number;
  /** (k − 1) / (E − 1): conditional under uniform random top-k. */
  uniformConditional: number;
  /** rate / uniformPairRate off the diagonal (null on it, or when k < 2). */
  uniformRatio: (number | null)[][];
}

const square = <T>(E: number, f: (i: number, j: number) => T): T[][] =>
  Array.from({ length: E }, (_, i) => Array.from({ length: E }, (_, j) => f(i, j)));

/** Experiment 3 at one layer, pooling the tokens of every trace (see the file's comment). */
export function coActivation(traces: Traces, layer: number, options: { counting?: Counting } = {}): CoActivation {
  const { counting = 'routed' } = options;
  const { experts: E, active: k } = shapeOf(traces);
  const counts = square(E, () => 0);
  let tokens = 0;
  for (const trace of traceList(traces))
    for (const { routing } of layerTokens(trace, layer)) {
      const s = chosen(routing, counting);
      if (s.length === 0) continue;
      tokens++;
      for (const i of s) for (const j of s) counts[i]![j]!++;
    }
  const usage = counts.map((row, i) => row[i]!);
  const p = usage.map((u) => ratio(u, tokens));
  const rate = square(E, (i, j) => ratio(counts[i]![j]!, tokens));
  const baseline = square(E, (i, j) => (i === j ? p[i]! : p[i]! * p[j]!));
  const uniformPairRate = E > 1 ? (k * (k - 1)) / (E * (E - 1)) : 0;
  return {
    layer,
    counting,
    experts: E,
    k,
    tokens,
    usage,
    p,
    counts,
    rate,
    conditional: square(E, (i, j) => ratio(counts[i]![j]!, usage[i]!)),
    baseline,
    ratio: square(E, (i, j) => (baseline[i]![j]! > 0 ? rate[i]![j]! / baseline[i]![j]! : null)),
    conditionalBaseline: square(E, (i, j) => (i === j ? 1 : p[j]!)),
    uniformPairRate,
    uniformConditional: E > 1 ? (k - 1) / (E - 1) : 0,
    uniformRatio: square(E, (i, j) => (i !== j && uniformPairRate > 0 ? rate[i]![j]! / uniformPairRate : null)),
  };
}

/**
 * Export: one row per ordered pair (i, j), the diagonal included: layer, counting, i, j, count, rate,
 * conditional, baseline, ratio, conditionalBaseline, uniformRatio.
 */
export function coActivationRows(r: CoActivation): PlainRow[] {
  return r.counts.flatMap((row, i) =>
    row.map((count, j) => ({
      layer: r.layer,
      counting: r.counting,
      i,
      j,
      count,
      rate: r.rate[i]![j]!,
      conditional: r.conditional[i]![j]!,
      baseline: r.baseline[i]![j]!,
      ratio: r.ratio[i]![j]!,
      conditionalBaseline: r.conditionalBaseline[i]![j]!,
      uniformRatio: r.uniformRatio[i]![j]!,
    })),
  );
}
