/**
 * Training cost from the parameter count, the usual back-of-envelope way:
 *
 *   compute (FLOPs)  ≈ 6 · N · D      N = weights that do multiplications for one token, D = tokens
 *                                     (2 FLOPs per weight forward, 4 backward; attention scores and
 *                                     recomputation are left out)
 *   GPU-seconds      = compute / (peak FLOP/s per GPU · utilisation)
 *   GPU-hours, days on G GPUs, dollars at a price per GPU-hour follow.
 *
 * For a sparse MoE, N is the ACTIVE count; a dense model of the same size uses every weight, N =
 * total. The input embedding is a table lookup, not a multiplication, so both leave it out.
 *
 * DeepSeek-V3's published figures (technical report, arXiv 2412.19437, Table 1): 14.8T training
 * tokens; 2.788M H800 GPU-hours = 2,664K pre-training + 119K context extension + 5K post-training;
 * 2,048 H800 GPUs; $5.576M at $2 per GPU-hour, for the final training run only (research and
 * ablations excluded).
 */

export const V3_TRAINING = {
  tokens: 14.8e12,
  gpuHours: 2.788e6,
  preTrainingGpuHours: 2.664e6,
  contextExtensionGpuHours: 0.119e6,
  postTrainingGpuHours: 0.005e6,
  gpus: 2048,
  pricePerGpuHour: 2,
  dollars: 5.576e6,
} as const;

/**
 * Peak dense BF16 throughput of one H800 (same compute die as the H100 SXM): about 989 TFLOP/s
 * without sparsity. V3 ran most matrix products in FP8, whose peak is twice this.
 */
export const H800_BF16_PEAK_FLOPS = 989e12;

/**
 * Default utilisation (model FLOPs utilisation). NOT measured: fitted so that 6 · N · D with
 * DeepSeek-V3's counted active weights (36.6B without the input embedding), 14.8T tokens and the
 * BF16 peak above gives the published 2.788M GPU-hours (see fitUtilisation and its test). The
 * 2.788M include context extension and post-training; fitted to pre-training's 2,664K alone it
 * would be about 34.3%.
 */
export const DEFAULT_UTILISATION = 0.3276;

export interface CostInput {
  /** Weights that do multiplications for one token. */
  params: number;
  tokens: number;
  /** Peak FLOP/s of one GPU. */
  peakFlops: number;
  /** Fraction of the peak achieved, in (0, 1]. */
  utilisation: number;
  gpus: number;
  pricePerGpuHour: number;
}

export interface Cost {
  flops: number;
  gpuHours: number;
  /** Wall-clock days on `gpus` GPUs. */
  days: number;
  dollars: number;
}

export function trainingFlops(params: number, tokens: number): number {
  return 6 * params * tokens;
}

export function trainingCost(c: CostInput): Cost {
  const flops = trainingFlops(c.params, c.tokens);
  const gpuHours = flops / (c.peakFlops * c.utilisation) / 3600;
  return { flops, gpuHours, days: gpuHours / c.gpus / 24, dollars: gpuHours * c.pricePerGpuHour };
}

/** The utilisation at which 6 · params · tokens takes exactly `gpuHours` at `peakFlops`. */
export function fitUtilisation(params: number, tokens: number, peakFlops: number, gpuHours: number): number {
  return trainingFlops(params, tokens) / (peakFlops * gpuHours * 3600);
}
