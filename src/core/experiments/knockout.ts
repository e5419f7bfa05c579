/**
 * Experiment 4, "Knock an expert out": DeepSeekMoE's ablations (Dai et al. 2024, "DeepSeekMoE: Towards
 * Ultimate Expert Specialization in Mixture-of-Experts Language Models", the expert-specialisation
 * analysis: the Pile loss as the top routed experts are disabled). Switch off one routed expert (or each token's r best)
 * without changing any weight, re-route every token to its next best (router.ts, Ablation), and measure
 * the held-out next-word loss:
 *
 *   increase(l, e) = L(model with expert e of layer l off) − L(full model)
 *   L = mean over word pairs of −log p(next word | word), in nats (evaluate.ts nextWordLoss)
 *
 * Baseline: the full model's loss (increase 0). Beside it, expert e's usage in the full model's routing
 * of the same words, counted over the router's choices (before any capacity drop):
 *
 *   first choice  share of tokens whose best choice is e       (uniform: 1/E; Mixtral's normalisation)
 *   any choice    share of tokens with e among their choices   (uniform: k/E; OLMoE's)
 *
 * to show that usage is not importance. An expert that no token chooses changes the loss by exactly 0:
 * switching it off leaves every token's choices and gate weights as they were.
 *
 * How it is computed: each evaluation is one model run over all the words (so capacity, noise and
 * expert choice see the same batch as the full model; one routing read-back per layer) and one
 * read-back of per-word losses. The toy model has no attention, so a word whose routing (experts,
 * gate weights, drops) is the same in every layer as in the full run has exactly the full run's output
 * and loss: only the words whose routing changed go through the output head again, and L is the mean,
 * in float64, of the per-word losses (the full run's for the others).
 */
import { dispose, gather, logSoftmax, matMul, neg, reshape, tensor1d, tidy, type Tensor1D, type Tensor2D } from '@tensorflow/tfjs-core';
import { expertShape } from '../config';
import { rmsNorm, type MoeModel } from '../model';
import type { Ablation } from '../router';
import type { Token } from '../tokenizer';
import type { LayerTrace, Trace } from '../trace';

export interface ExpertUsage {
  layer: number;
  expert: number;
  /** Share of tokens whose first choice is this expert. */
  firstChoice: number;
  /** Share of tokens that have this expert among their choices. */
  anyChoice: number;
}

export interface AblationRow extends ExpertUsage {
  /** Held-out loss with this expert switched off in its layer (nats). */
  loss: number;
  /** loss − the full model's loss. */
  increase: number;
  /** Words whose routing changed in some layer (the others keep their loss). */
  rerouted: number;
}

export interface AblationTable {
  /** The full model's held-out loss (nats). */
  baseline: number;
  /** Words measured (each has a next word). */
  tokens: number;
  /** Uniform usage shares: 1/E (first choice) and k/E (any choice). */
  uniform: { firstChoice: number; anyChoice: number };
  /** One row per layer and routed expert, layer by layer. */
  rows: AblationRow[];
}

export interface TopRAblation {
  r: number;
  baseline: number;
  /** Loss with each token's r best experts off in every layer. */
  loss: number;
  increase: number;
  tokens: number;
  rerouted: number;
}

/** Each routed expert's first-choice and any-choice shares, per layer, from a trace's choices (dropped ones included). */
export function usageShares(trace: Pick<Trace, 'shape' | 'layers'>): ExpertUsage[] {
  const E = trace.shape.experts;
  return trace.layers.flatMap((lt) => {
    const first = new Array<number>(E).fill(0);
    const any = new Array<number>(E).fill(0);
    for (const tok of lt.tokens) {
      const best = tok.experts[0];
      if (best !== undefined) first[best] = (first[best] as number) + 1;
      for (const e of new Set(tok.experts)) any[e] = (any[e] as number) + 1;
    }
    const n = Math.max(1, lt.tokens.length);
    return first.map((f, e) => ({ layer: lt.index, expert: e, firstChoice: f / n, anyChoice: (any[e] as number) / n }));
  });
}

const same = (a: readonly (number | boolean)[], b: readonly (number | boolean)[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Tokens whose routing differs from the full run's in some layer. */
function rerouted(full: readonly LayerTrace[], ablated: readonly LayerTrace[], tokens: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < tokens; t++) {
    const changed = full.some((lt, l) => {
      const a = lt.tokens[t];
      const b = ablated[l]?.tokens[t];
      return !a || !b || !same(a.experts, b.experts) || !same(a.weights, b.weights) || !same(a.dropped, b.dropped);
    });
    if (changed) out.push(t);
  }
  return out;
}

/** Held-out words and their next words; the model's head table, kept for the evaluations of one experiment. */
class Evaluator {
  readonly inputs: Token[] = [];
  readonly targets: number[] = [];
  private table: Tensor2D | null = null;

  constructor(
    private readonly model: MoeModel,
    sentences: readonly Token[][],
  ) {
    for (const s of sentences)
      for (let t = 0; t + 1 < s.length; t++) {
        this.inputs.push(s[t] as Token);
        this.targets.push((s[t + 1] as Token).id);
      }
  }

  /** −log p(next word) of the given rows of the final hidden states (one read-back). */
  private async losses(output: Tensor2D, rows: readonly number[]): Promise<Float32Array> {
    if (rows.length === 0) return new Float32Array(0);
    const V = this.model.vocab.words.length;
    // A copy of the table's weights (the embedding itself when there is no class table), kept across runs.
    this.table ??= tidy(() => this.model.embeddingMatrix().clone());
    const table = this.table;
    const picked = tidy(() => {
      const x = rows.length === output.shape[0] ? output : (gather(output, tensor1d(rows as number[], 'int32')) as Tensor2D);
      const flat = reshape(logSoftmax(matMul(rmsNorm(x), table, false, true)), [-1]) as Tensor1D;
      const at = rows.map((t, i) => i * V + (this.targets[t] as number));
      return neg(gather(flat, tensor1d(at, 'int32')));
    });
    const data = (await picked.data()) as Float32Array;
    picked.dispose();
    return data;
  }

  /** The full model: its routing and each word's loss. */
  async full(): Promise<{ trace: Trace; losses: Float32Array }> {
    const { trace, output } = await this.model.run(this.inputs, { keepOutput: true });
    try {
      return {
        trace,
        losses: output
          ? await this.losses(
              output,
              this.inputs.map((_, t) => t),
            )
          : new Float32Array(0),
      };
    } finally {
      dispose(output ?? []);
    }
  }

  /** The mean loss with an ablation: words whose routing did not change keep their full-run loss. */
  async ablated(
    full: { trace: Trace; losses: Float32Array },
    ablation: readonly (Ablation | null)[],
  ): Promise<{ loss: number; rerouted: number }> {
    const { trace, output } = await this.model.run(this.inputs, { keepOutput: true, ablation });
    try {
      const changed = rerouted(full.trace.layers, trace.layers, this.inputs.length);
      const fresh = output ? await this.losses(output, changed) : new Float32Array(0);
      const each = Float64Array.from(full.losses);
      changed.forEach((t, i) => (each[t] = fresh[i] as number));
      return { loss: meanOf(each), rerouted: changed.length };
    } finally {
      dispose(output ?? []);
    }
  }

  dispose(): void {
    dispose(this.table ?? []);
    this.table = null;
  }
}

function meanOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return a.length ? s / a.length : 0;
}

/**
 * The ablation table: for each layer and routed expert, the held-out loss with that expert switched off,
 * its increase over the full model's, and its usage. 1 + layers·E model runs over the sentences.
 */
export async function ablationTable(model: MoeModel, sentences: readonly Token[][]): Promise<AblationTable> {
  const shape = expertShape(model.config);
  const uniform = { firstChoice: 1 / shape.experts, anyChoice: shape.active / shape.experts };
  const ev = new Evaluator(model, sentences);
  if (ev.inputs.length === 0) return { baseline: 0, tokens: 0, uniform, rows: [] };
  try {
    const full = await ev.full();
    const baseline = meanOf(full.losses);
    const rows: AblationRow[] = [];
    for (const u of usageShares(full.trace)) {
      const ablation = model.layers.map((_, l) => (l === u.layer ? { disabled: [u.expert] } : null));
      const r = await ev.ablated(full, ablation);
      rows.push({ ...u, loss: r.loss, increase: r.loss - baseline, rerouted: r.rerouted });
    }
    return { baseline, tokens: ev.inputs.length, uniform, rows };
  } finally {
    ev.dispose();
  }
}

/** Held-out loss with each token's r best routed experts switched off in every layer (DeepSeekMoE's disabled top experts). */
export async function topRAblation(model: MoeModel, sentences: readonly Token[][], r: number): Promise<TopRAblation> {
  if (!Number.isInteger(r) || r < 0) throw new Error(`topRAblation: r = ${r} (whole, ≥ 0)`);
  const ev = new Evaluator(model, sentences);
  if (ev.inputs.length === 0) return { r, baseline: 0, loss: 0, increase: 0, tokens: 0, rerouted: 0 };
  try {
    const full = await ev.full();
    const baseline = meanOf(full.losses);
    const a = await ev.ablated(
      full,
      model.layers.map(() => ({ topR: r })),
    );
    return { r, baseline, loss: a.loss, increase: a.loss - baseline, tokens: ev.inputs.length, rerouted: a.rerouted };
  } finally {
    ev.dispose();
  }
}
