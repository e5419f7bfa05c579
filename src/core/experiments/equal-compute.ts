/**
 * Experiment 7, "Dense vs MoE at equal compute" (Fedus, Zoph and Shazeer 2022, "Switch Transformers",
 * Fig. 4: the MoE model reaches a lower loss than the dense model of the same FLOPs per token). An MoE
 * model and a dense model with the same active parameters per token train side by side from one seed,
 * on the same batches with the same settings, and each step reports its task loss (next-word
 * cross-entropy, without the balance and z losses) against the cumulative training FLOPs:
 *
 *   step FLOPs = 3 · Σ_tokens tokenFlops(params, used experts per layer)     (params.ts)
 *
 * tokenFlops is the forward pass (2 FLOPs per weight used: the MoE layers and the tied head); the factor
 * 3 counts the backward pass as twice the forward (gradients for the activations and for the weights;
 * Kaplan et al. 2020's C ≈ 6N per token). The experts a token used are read off the step's load, so
 * capacity drops are counted as the work they save.
 *
 * The dense model (denseTwin) is the same toy with one routed expert, chosen by every token with gate
 * weight exactly 1, whose hidden width is everything one token runs through in the MoE model:
 * (k·m routed + K_s shared) experts of width h/m, i.e. (k·m + K_s)·h/m, and no shared experts. A
 * SwiGLU network is a sum over its hidden units, so this one wide expert has exactly the weights, and
 * does exactly the multiply-adds, of the k·m + K_s experts a token uses in the MoE model: the active
 * expert parameters and FLOPs are equal, and only the router differs (d·E·m weights against d; 2·d·E·m
 * FLOPs per token per layer against 2·d, well under 1% of a token's FLOPs for the default model). The
 * MoE model holds E/k times more expert weights for the same compute: the comparison of the paper.
 */
import { expertShape, type MoeConfig } from '../config';
import { OPEN_VOCAB } from '../open-vocab';
import { openCorpus } from '../open-corpus';
import type { ToyParams } from '../params';
import { TRAINING_RECIPE } from '../trained-recipe';
import type { Vocab } from '../tokenizer';
import { MoeTrainer, type Corpus, type StepReport, type TrainSettings } from '../training';

/** Forward + backward FLOPs as a multiple of the forward pass's. */
export const TRAIN_FLOPS_FACTOR = 3;

export type ComputeArm = 'moe' | 'dense';

export interface EqualComputePoint {
  model: ComputeArm;
  /** Steps done (1 after the first). */
  step: number;
  /** Training FLOPs of this step. */
  stepFlops: number;
  /** Training FLOPs of all steps so far. */
  flops: number;
  /** Next-word cross-entropy on the step's batch (nats), before the update. */
  loss: number;
}

export interface EqualComputeResult {
  moe: EqualComputePoint[];
  dense: EqualComputePoint[];
  denseConfig: MoeConfig;
}

export interface EqualComputeOptions {
  /** Default: the shipped checkpoints' recipe for the MoE config (trained-recipe.ts), used by both. */
  settings?: TrainSettings;
  /** Default: the open vocabulary and its corpus, as the page trains. */
  vocab?: Vocab;
  corpus?: Corpus;
  /** Stops after the step in progress when it turns true. */
  cancelled?: () => boolean;
}

/** The dense model with the same active expert parameters per token as `config` (see the top of this file). */
export function denseTwin(config: MoeConfig): MoeConfig {
  const s = expertShape(config);
  return {
    ...config,
    routedExperts: 1,
    topK: 1,
    granularity: 1,
    sharedExperts: 0,
    expertHidden: (s.active + s.shared) * s.hidden,
    router: 'softmax-topk',
    capacityFactor: null,
    nGroup: 1,
    topkGroup: 1,
    routeScale: 1,
    gateNorm: 'chosen',
  };
}

/** Training FLOPs of one step: 3 × the forward FLOPs of its tokens, from the experts each layer ran. */
export function stepFlops(params: ToyParams, report: Pick<StepReport, 'tokens' | 'layers'>): number {
  const T = report.tokens;
  let forward = T * 2 * params.embedding;
  for (const layer of report.layers) {
    const used = layer.load.reduce((a, b) => a + b, 0);
    forward += T * 2 * (params.router + params.sharedTotal) + used * 2 * params.routedExpert;
  }
  return TRAIN_FLOPS_FACTOR * forward;
}

/**
 * Trains the MoE model `config` and its dense twin from config.seed, a step of each in turn, for
 * `steps` steps each, telling `onStep` after every step. Deterministic for a seed on one backend.
 */
export async function equalComputeRun(
  config: MoeConfig,
  steps: number,
  onStep?: (p: EqualComputePoint) => unknown,
  options: EqualComputeOptions = {},
): Promise<EqualComputeResult> {
  const vocab = options.vocab ?? OPEN_VOCAB;
  const corpus = options.corpus ?? openCorpus();
  const settings = options.settings ?? TRAINING_RECIPE.settings(config);
  const denseConfig = denseTwin(config);
  const arms: { model: ComputeArm; trainer: MoeTrainer; flops: number; points: EqualComputePoint[] }[] = [
    { model: 'moe', trainer: new MoeTrainer(config, settings, vocab, corpus), flops: 0, points: [] },
    { model: 'dense', trainer: new MoeTrainer(denseConfig, settings, vocab, corpus), flops: 0, points: [] },
  ];
  try {
    for (let i = 0; i < steps && !options.cancelled?.(); i++) {
      for (const arm of arms) {
        const report = await arm.trainer.trainStep();
        const f = stepFlops(arm.trainer.model.params, report);
        arm.flops += f;
        const point: EqualComputePoint = { model: arm.model, step: i + 1, stepFlops: f, flops: arm.flops, loss: report.taskLoss };
        arm.points.push(point);
        await onStep?.(point);
      }
    }
  } finally {
    for (const arm of arms) arm.trainer.dispose();
  }
  const [moe, dense] = arms as [(typeof arms)[number], (typeof arms)[number]];
  return { moe: moe.points, dense: dense.points, denseConfig };
}

/** Steps at the end of experiment 7 whose losses are compared. */
export const TAIL_STEPS = 20;

/**
 * The last `tail` steps' mean losses of both arms and the mean paired gap (MoE − dense; both arms
 * see the same batches, so step by step the batch is the same), with the gap's standard error.
 */
export function pairedGap(
  moe: readonly { loss: number }[],
  dense: readonly { loss: number }[],
  tail = TAIL_STEPS,
): { moe: number; dense: number; gap: number; error: number } | null {
  const n = Math.min(tail, moe.length, dense.length);
  if (n < 2) return null;
  const a = moe.slice(moe.length - n);
  const b = dense.slice(dense.length - n);
  const d = a.map((p, i) => p.loss - (b[i] as { loss: number }).loss);
  const mean = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const gap = mean(d);
  const sd = Math.sqrt(d.reduce((x, v) => x + (v - gap) ** 2, 0) / (n - 1));
  return { moe: mean(a.map((p) => p.loss)), dense: mean(b.map((p) => p.loss)), gap, error: sd / Math.sqrt(n) };
}
