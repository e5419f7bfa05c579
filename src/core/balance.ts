/**
 * Load-balancing building blocks for training.
 *
 *  balanceLoss       Switch Transformer: α·N·Σ_i f_i·P_i, f_i = share of the T·k routed slots that
 *                    went to expert i, P_i = mean router probability of i. Equals α when perfectly
 *                    balanced; DeepSeek-V3's sequence-wise loss is the same with P from normalised
 *                    sigmoid affinities (normalizeAffinities) and a tiny α (0.0001).
 *  routerZLoss       ST-MoE: mean over tokens of logsumexp(logits)², keeps logits small.
 *  updateBias        DeepSeek-V3 auxiliary-loss-free balancing: b_i -= γ if expert i was overloaded,
 *                    b_i += γ if underloaded, after each step.
 */
import { div, logSumExp, mean, mul, scalar, square, sum, tensor1d, tidy, type Scalar, type Tensor2D } from '@tensorflow/tfjs-core';

/** α·N·Σ f_i·P_i. probs: tokens × experts; counts: tokens routed to each expert; k: experts per token. */
export function balanceLoss(probs: Tensor2D, counts: readonly number[], k: number, alpha: number): Scalar {
  return tidy(() => {
    const [T, N] = probs.shape;
    if (counts.length !== N) throw new Error(`balanceLoss: expected ${N} counts, got ${counts.length}`);
    const f = tensor1d(counts.map((c) => c / (T * k)));
    const P = mean(probs, 0);
    return mul(scalar(alpha * N), sum(mul(f, P))) as Scalar;
  });
}

/** DeepSeek-V3: s'_i = s_i / Σ_j s_j, per token. */
export function normalizeAffinities(affinities: Tensor2D): Tensor2D {
  return tidy(() => div(affinities, sum(affinities, 1, true)));
}

/** mean_t (log Σ_i exp(logits[t, i]))². */
export function routerZLoss(logits: Tensor2D): Scalar {
  return tidy(() => mean(square(logSumExp(logits, 1))) as Scalar);
}

/** b_i ← b_i − γ·sign(load_i − mean load). Returns a new array. */
export function updateBias(bias: ArrayLike<number>, load: readonly number[], gamma: number): Float32Array {
  if (bias.length !== load.length) throw new Error(`updateBias: ${bias.length} biases but ${load.length} loads`);
  const meanLoad = load.reduce((a, b) => a + b, 0) / Math.max(1, load.length);
  return Float32Array.from(load, (l, i) => (bias[i] as number) - gamma * Math.sign(l - meanLoad));
}

/** Plain-number balance summary of a load vector: max/mean and coefficient of variation. */
export function loadBalance(load: readonly number[]): { maxOverMean: number; cv: number } {
  const n = load.length;
  const total = load.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return { maxOverMean: 0, cv: 0 };
  const m = total / n;
  const variance = load.reduce((a, l) => a + (l - m) ** 2, 0) / n;
  return { maxOverMean: Math.max(...load) / m, cv: Math.sqrt(variance) / m };
}
