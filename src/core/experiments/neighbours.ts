/**
 * Experiment 2, neighbours share experts: how often two consecutive tokens of a sentence are routed
 * alike, at one layer, against what random routing would give.
 *
 * Source: Mixtral of Experts (Jiang et al. 2024), Table 5 ("percentage of expert assignment
 * repetitions") and Fig. 10, which measure for each token i and the token i + 1 after it whether
 * their first-choice experts are the same, and whether they share an expert among their first and
 * second choices; the paper's random references are 1/8 = 12.5% and 1 − (6/8)(5/7) ≈ 46%.
 *
 * Formulas, over the n pairs (i, i + 1) of consecutive tokens within one sentence (pairs never span
 * two traces), S_i the token's chosen experts (|S_i| = k for a token-choice router), f_i its first choice:
 *   same first choice:   rate = #{f_i = f_{i+1}} / n,         random baseline 1/E
 *   share an expert:     rate = #{S_i ∩ S_{i+1} ≠ ∅} / n,     random baseline 1 − C(E − k, k) / C(E, k)
 * For E = 8, k = 2: 1/8 and 1 − 15/28 = 13/28 ≈ 0.464, the paper's numbers. When the sets' sizes vary
 * (expert choice, or counting only the choices that ran) the baseline is the mean over the pairs of
 * 1 − C(E − |S_i|, |S_{i+1}|) / C(E, |S_{i+1}|), the same formula for each pair's own sizes.
 *
 * Sampling error: under random routing the pair indicators are pairwise independent (given the middle
 * token of two overlapping pairs, the two outer tokens match it independently, each with the same
 * chance whatever it is), so the rate over n pairs has standard error √(p(1 − p)/n), p the baseline,
 * exactly (with sizes that vary, √(p̄(1 − p̄)/n) slightly overstates it); z = (rate − baseline) / SE says how many errors the measured rate sits from chance.
 * Pairs for the first-choice rate need both tokens to have a first choice (see shared.ts on dropped
 * choices); a token with no choice shares nothing, and counts as a pair with baseline 0 for the other.
 */
import {
  chosen,
  disjointProbability,
  layerTokens,
  ratio,
  shapeOf,
  standardError,
  traceList,
  type Counting,
  type PlainRow,
  type Traces,
} from './shared';

export interface PairRate {
  /** Pairs measured. */
  pairs: number;
  /** Pairs that match (same first choice, or at least one shared expert). */
  matches: number;
  rate: number;
  /** The exact random baseline. */
  baseline: number;
  /** √(p(1 − p)/pairs) at p = baseline. */
  standardError: number;
  /** (rate − baseline) / standardError; 0 when the error is 0. */
  z: number;
}

export interface NeighbourRates {
  layer: number;
  counting: Counting;
  experts: number;
  k: number;
  sameFirst: PairRate;
  shareAny: PairRate;
}

/** Random baseline of the same first choice: 1/E. */
export function sameFirstBaseline(E: number): number {
  return ratio(1, E);
}

/** Random baseline of sharing at least one of k experts: 1 − C(E − k, k) / C(E, k). */
export function shareAnyBaseline(E: number, k: number): number {
  return 1 - disjointProbability(E, k, k);
}

function pairRate(pairs: number, matches: number, baselineSum: number): PairRate {
  const rate = ratio(matches, pairs);
  const baseline = ratio(baselineSum, pairs);
  const se = standardError(baseline, pairs);
  return { pairs, matches, rate, baseline, standardError: se, z: se === 0 ? 0 : (rate - baseline) / se };
}

/** Experiment 2 at one layer, pooling the pairs of every trace (see the file's comment). */
export function neighbourRates(traces: Traces, layer: number, options: { counting?: Counting } = {}): NeighbourRates {
  const { counting = 'routed' } = options;
  const { experts: E, active: k } = shapeOf(traces);
  let firstPairs = 0;
  let firstMatches = 0;
  let anyPairs = 0;
  let anyMatches = 0;
  let anyBaseline = 0;
  for (const trace of traceList(traces)) {
    const sets = layerTokens(trace, layer).map(({ routing }) => chosen(routing, counting));
    for (let i = 0; i + 1 < sets.length; i++) {
      const a = sets[i]!;
      const b = sets[i + 1]!;
      if (a.length > 0 && b.length > 0) {
        firstPairs++;
        if (a[0] === b[0]) firstMatches++;
      }
      anyPairs++;
      if (a.some((e) => b.includes(e))) anyMatches++;
      anyBaseline += 1 - disjointProbability(E, a.length, b.length);
    }
  }
  return {
    layer,
    counting,
    experts: E,
    k,
    sameFirst: pairRate(firstPairs, firstMatches, firstPairs * sameFirstBaseline(E)),
    shareAny: pairRate(anyPairs, anyMatches, anyBaseline),
  };
}

/** Export: one row per measure (`sameFirst`, `shareAny`): layer, counting, measure, pairs, matches, rate, baseline, standardError, z. */
export function neighbourRows(r: NeighbourRates): PlainRow[] {
  return (['sameFirst', 'shareAny'] as const).map((measure) => ({ layer: r.layer, counting: r.counting, measure, ...r[measure] }));
}
