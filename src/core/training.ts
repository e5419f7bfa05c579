/**
 * Live training of the toy MoE language model on the built-in corpus: next-word prediction
 * (embedding → MoE layers → head), Adam, seeded batches. Each step:
 *
 *  1. route the batch with the current weights (the ordinary sparse forward, one read-back per layer);
 *  2. run a differentiable forward that reuses those choices: gate weights are recomputed from the
 *     router logits with the chosen experts as a constant mask (tfjs has no gradient for top-k);
 *  3. compute gradients only for the weights that took part: embedding, head, routers, shared
 *     experts, and the routed experts that processed at least one token. Each of these groups has
 *     its own Adam state, so an expert that was not chosen is not touched at all, not even by
 *     momentum: "only those are trained";
 *  4. DeepSeek-V3 bias balancing moves the selection bias by γ from this step's load.
 */
import {
  add,
  cast,
  concat,
  dispose,
  div,
  keep,
  logSoftmax,
  matMul,
  mean,
  mul,
  neg,
  oneHot,
  scalar,
  sigmoid,
  slice,
  softmax,
  softplus,
  stack,
  sub,
  sum,
  tensor1d,
  tensor2d,
  train,
  variableGrads,
  type AdamOptimizer,
  type Scalar,
  type Tensor,
  type Tensor2D,
  type Variable,
} from '@tensorflow/tfjs-core';
// tfjs-core registers gradients only on request (the umbrella package does it for you).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { balanceLoss, normalizeAffinities, routerZLoss } from './balance';
import { withCode, type Coded } from './coded';
import { expertShape, type MoeConfig, type RouterKind } from './config';
import { generateSentence } from './corpus';
import { gatherRows, scatterAddRows } from './grad-ops';
import { MoeModel, rmsNorm } from './model';
import { assignmentsOf, swiglu, type Assignments, type ExpertWeights, type MoeLayer } from './moe-layer';
import { Rng } from './rng';
import { vocabularyTokens } from './specialisation';
import { tokenize, VOCAB, type Token, type Vocab } from './tokenizer';
import type { LayerTrace, Trace } from './trace';

export const BALANCE_MODES = ['none', 'switch', 'bias', 'bias+seq'] as const;
export type BalanceMode = (typeof BALANCE_MODES)[number];

export interface TrainSettings {
  learningRate: number;
  /** Sentences per batch. */
  batchSize: number;
  balance: BalanceMode;
  /** Switch balance loss coefficient α. */
  alpha: number;
  /** DeepSeek-V3 bias update speed γ. */
  gamma: number;
  /** DeepSeek-V3 sequence-wise balance loss coefficient (with 'bias+seq'). */
  seqAlpha: number;
  /** Router z-loss coefficient; 0 turns it off. */
  zLoss: number;
}

export const DEFAULT_TRAIN: Readonly<TrainSettings> = Object.freeze({
  learningRate: 0.03,
  batchSize: 8,
  balance: 'none',
  alpha: 0.01,
  gamma: 0.01,
  seqAlpha: 0.0001,
  zLoss: 0,
});

const TRAIN_LIMITS: Record<TrainNumberField, { min: number; max: number; label: string; int?: boolean }> = {
  learningRate: { min: 0.0001, max: 0.1, label: 'learning rate' },
  batchSize: { min: 1, max: 40, label: 'batch size', int: true },
  alpha: { min: 0, max: 1, label: 'balance loss α' },
  gamma: { min: 0, max: 0.5, label: 'bias update speed γ' },
  seqAlpha: { min: 0, max: 0.1, label: 'sequence-wise loss α' },
  zLoss: { min: 0, max: 0.1, label: 'z-loss coefficient' },
};

/** Training settings checked by a number rule (their labels are in TRAIN_LIMITS). */
export type TrainNumberField = Exclude<keyof TrainSettings, 'balance'>;

/** The problems validateTrainSettings reports, by code, with their arguments (see ./coded). */
export interface TrainMessages {
  'train.notNumber': { field: TrainNumberField };
  'train.outOfRange': { field: TrainNumberField; value: number; min: number; max: number };
  'train.notWhole': { field: TrainNumberField; value: number };
  'train.balanceUnknown': { options: string };
  'train.biasNeedsSigmoid': Record<string, never>;
}
export type TrainCode = keyof TrainMessages;

/** A problem with a training setting; its code and arguments are attached, not enumerable. */
export type TrainProblem = { field: keyof TrainSettings; message: string } & Coded<TrainMessages>;

function problem<C extends TrainCode>(field: keyof TrainSettings, code: C, args: TrainMessages[C], message: string): TrainProblem {
  return withCode({ field, message }, code, args) as TrainProblem;
}

export type TrainSettingsResult = { ok: true; settings: TrainSettings } | { ok: false; problems: TrainProblem[] };

/** Checks a (partial) change of the training settings against the current ones. */
export function validateTrainSettings(
  base: TrainSettings,
  change: Partial<Record<keyof TrainSettings, unknown>>,
  router: RouterKind,
): TrainSettingsResult {
  const out: TrainSettings = { ...base };
  const problems: TrainProblem[] = [];
  for (const [field, rule] of Object.entries(TRAIN_LIMITS) as [TrainNumberField, (typeof TRAIN_LIMITS)['alpha']][]) {
    if (!(field in change)) continue;
    const v = change[field];
    const { min, max } = rule;
    if (typeof v !== 'number' || !Number.isFinite(v))
      problems.push(problem(field, 'train.notNumber', { field }, `${rule.label} must be a number`));
    else if (v < min || v > max)
      problems.push(
        problem(field, 'train.outOfRange', { field, value: v, min, max }, `${rule.label} (${v}) must be between ${min} and ${max}`),
      );
    else if (rule.int && !Number.isInteger(v))
      problems.push(problem(field, 'train.notWhole', { field, value: v }, `${rule.label} must be a whole number, not ${v}`));
    else out[field] = v;
  }
  if ('balance' in change) {
    const v = change.balance;
    const options = BALANCE_MODES.join(', ');
    if (typeof v === 'string' && (BALANCE_MODES as readonly string[]).includes(v)) out.balance = v as BalanceMode;
    else problems.push(problem('balance', 'train.balanceUnknown', { options }, `balancing must be one of ${options}`));
  }
  if (problems.length === 0 && out.balance.startsWith('bias') && router !== 'sigmoid-bias') {
    problems.push(problem('balance', 'train.biasNeedsSigmoid', {}, 'bias balancing (DeepSeek-V3) needs the sigmoid-with-bias router'));
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: out };
}

export interface Batch {
  /** Input tokens: every sentence without its last token, one after another. */
  tokens: Token[];
  /** The next word of each input token. */
  targets: number[];
  /** [from, to) of each sentence in tokens. */
  sequences: [number, number][];
}

/** batchSize sentences of the training grammar, from a seeded stream for this step. */
export function makeBatch(seed: number, step: number, batchSize: number, vocab: Vocab = VOCAB): Batch {
  const rng = Rng.stream(seed, 'batch', step);
  const batch: Batch = { tokens: [], targets: [], sequences: [] };
  for (let i = 0; i < batchSize; i++) {
    const s = generateSentence(rng);
    const toks = tokenize(s, vocab).tokens;
    const from = batch.tokens.length;
    for (let t = 0; t + 1 < toks.length; t++) {
      batch.tokens.push(toks[t] as Token);
      batch.targets.push((toks[t + 1] as Token).id);
    }
    batch.sequences.push([from, batch.tokens.length]);
  }
  return batch;
}

/** Sentences in the evaluation set: ~1,100 tokens, so that a balanced load reads as balanced (±6% per expert at 8 experts, top-2). */
export const EVAL_SENTENCES = 128;

/** A fixed evaluation set of grammar sentences from their own stream (never a training batch). */
export function evalTokens(seed: number, vocab: Vocab = VOCAB): Token[] {
  const rng = Rng.stream(seed, 'eval');
  return Array.from({ length: EVAL_SENTENCES }, () => tokenize(generateSentence(rng), vocab).tokens).flat();
}

export interface LayerStep {
  /** Tokens that chose each routed expert in this batch. */
  demand: number[];
  maxOverMean: number;
  /** Routed experts that processed tokens, and so were updated. */
  updatedExperts: number[];
  /** Selection bias after the step (sigmoid-bias). */
  bias: number[];
}

export interface StepReport {
  step: number;
  tokens: number;
  taskLoss: number;
  balanceLoss: number;
  zLoss: number;
  loss: number;
  layers: LayerStep[];
  /** Weights that received a gradient this step, and all weights. */
  updatedParams: number;
  totalParams: number;
}

/** Row-major tokens × experts masks of the chosen and of the kept (not dropped) choices. */
function masks(lt: LayerTrace, E: number): { chosen: Float32Array; kept: Float32Array } {
  const T = lt.tokens.length;
  const chosen = new Float32Array(T * E);
  const kept = new Float32Array(T * E);
  lt.tokens.forEach((r, t) =>
    r.experts.forEach((e, j) => {
      chosen[t * E + e] = 1;
      if (!r.dropped[j]) kept[t * E + e] = 1;
    }),
  );
  return { chosen, kept };
}

/**
 * Differentiable gate weights (tokens × experts, zero where unused) from the router's selection
 * logits, with the choices as constants. Equal to the weights the router computed in plain JS
 * (router.ts gateWeights): renormalised over the chosen when `normalise`, else each the probability
 * over all experts (or the raw sigmoid score). Renormalised at k = 1 the weight is the constant 1 and
 * the router gets no gradient from the task loss; the probability over all experts keeps one.
 */
export function gateTensor(
  kind: RouterKind,
  logits: Tensor2D,
  selection: Tensor2D,
  chosen: Tensor2D,
  kept: Tensor2D,
  routeScale: number,
  normalise = true,
): Tensor2D {
  if (kind === 'sigmoid-bias') {
    const s = mul(sigmoid(logits), chosen);
    return mul(mul(normalise ? div(s, sum(s, 1, true)) : s, scalar(routeScale)), kept);
  }
  if (kind === 'expert-choice') return mul(softmax(logits), kept);
  // kept is zero wherever chosen is, so the unrenormalised probabilities need no mask of their own.
  if (!normalise) return mul(softmax(selection), kept);
  return mul(softmax(add(selection, mul(sub(1, chosen), scalar(-1e9)))), kept);
}

/** Sparse dispatch with gradients (gatherRows / scatterAddRows): each expert on its own tokens. */
function sparseTrain(layer: MoeLayer, h: Tensor2D, gates: Tensor2D, a: Assignments): Tensor2D {
  const [T, d] = h.shape;
  const E = layer.shape.experts;
  const parts: Tensor2D[] = [];
  const expertOf = new Int32Array(a.tokens.length);
  for (let e = 0; e < E; e++) {
    const from = a.offsets[e] as number;
    const to = a.offsets[e + 1] as number;
    if (to === from) continue;
    expertOf.fill(e, from, to);
    parts.push(swiglu(gatherRows(h, a.tokens.subarray(from, to)), layer.experts[e] as ExpertWeights));
  }
  let out: Tensor2D = tensor2d(new Float32Array(T * d), [T, d]);
  if (parts.length > 0) {
    const ys = parts.length === 1 ? (parts[0] as Tensor2D) : concat(parts, 0);
    const pick = cast(oneHot(tensor1d(expertOf, 'int32'), E), 'float32') as Tensor2D;
    const g = sum(mul(gatherRows(gates, a.tokens), pick), 1, true);
    out = scatterAddRows(a.tokens, mul(ys, g), T);
  }
  for (const w of layer.shared) out = add(out, swiglu(h, w));
  return out;
}

interface Group {
  optimizer: AdamOptimizer;
  vars: Variable[];
}

export class MoeTrainer {
  readonly model: MoeModel;
  private stepCount = 0;
  private readonly groups = new Map<string, Group>();

  constructor(
    readonly config: MoeConfig,
    private settingsNow: TrainSettings = { ...DEFAULT_TRAIN },
    readonly vocab: Vocab = VOCAB,
  ) {
    this.model = new MoeModel(config, vocab);
  }

  get step(): number {
    return this.stepCount;
  }

  get settings(): TrainSettings {
    return this.settingsNow;
  }

  /** New settings apply from the next step; Adam keeps its moments, only the rate changes. */
  setSettings(settings: TrainSettings): void {
    this.settingsNow = { ...settings };
    for (const g of this.groups.values()) (g.optimizer as unknown as { learningRate: number }).learningRate = settings.learningRate;
  }

  private group(key: string, vars: Variable[]): Group {
    let g = this.groups.get(key);
    if (!g) {
      g = { optimizer: train.adam(this.settingsNow.learningRate), vars };
      this.groups.set(key, g);
    }
    return g;
  }

  /** One training step on a seeded batch; resolves with plain numbers (one read-back of the losses). */
  async trainStep(): Promise<StepReport> {
    const s = this.settingsNow;
    const model = this.model;
    const shape = expertShape(this.config);
    const E = shape.experts;
    const k = shape.active;
    const batch = makeBatch(this.config.seed, this.stepCount, s.batchSize, this.vocab);
    const T = batch.tokens.length;
    const { trace } = await model.run(batch.tokens, { noiseStep: this.stepCount });

    const layerData = model.layers.map((layer) => {
      const lt = trace.layers[layer.index] as LayerTrace;
      const a = assignmentsOf({ routes: lt.tokens }, E);
      const used = Array.from({ length: E }, (_, e) => e).filter((e) => (a.offsets[e + 1] as number) > (a.offsets[e] as number));
      const eps = layer.noiseRouter ? Rng.stream(this.config.seed, 'noise', layer.index, this.stepCount).normals(T * E) : null;
      return { layer, lt, a, used, eps, ...masks(lt, E) };
    });

    const groups: Group[] = [this.group('embedding', [model.embedding])];
    for (const { layer, used } of layerData) {
      groups.push(this.group(`L${layer.index}/router`, layer.noiseRouter ? [layer.router, layer.noiseRouter] : [layer.router]));
      layer.shared.forEach((w, i) => groups.push(this.group(`L${layer.index}/shared${i}`, [w.gate, w.up, w.down])));
      for (const e of used) {
        const w = layer.experts[e] as ExpertWeights;
        groups.push(this.group(`L${layer.index}/expert${e}`, [w.gate, w.up, w.down]));
      }
    }
    const varList = groups.flatMap((g) => g.vars);

    const V = this.vocab.words.length;
    let parts: Tensor | null = null;
    const lossFn = (): Scalar => {
      const ids = tensor1d(
        batch.tokens.map((t) => t.id),
        'int32',
      );
      // One-hot × embedding instead of gather: gather's gradient is very slow on the cpu backend.
      let x = matMul(cast(oneHot(ids, V), 'float32') as Tensor2D, model.embedding) as Tensor2D;
      let balance: Scalar = scalar(0);
      let z: Scalar = scalar(0);
      for (const { layer, lt, a, eps, chosen, kept } of layerData) {
        const h = rmsNorm(x);
        const logits = matMul(h, layer.router) as Tensor2D;
        const selection =
          layer.noiseRouter && eps
            ? (add(
                logits,
                mul(mul(tensor2d(eps, [T, E]), scalar(this.config.routerNoise)), softplus(matMul(h, layer.noiseRouter))),
              ) as Tensor2D)
            : logits;
        const chosenT = tensor2d(chosen, [T, E]);
        const gates = gateTensor(
          this.config.router,
          logits,
          selection,
          chosenT,
          tensor2d(kept, [T, E]),
          this.config.routeScale,
          this.config.gateNorm === 'chosen',
        );
        x = add(x, sparseTrain(layer, h, gates, a)) as Tensor2D;
        const demand = lt.experts.map((ex) => ex.demand);
        if (s.balance === 'switch' && s.alpha > 0) {
          const probs: Tensor2D =
            this.config.router === 'sigmoid-bias' ? normalizeAffinities(sigmoid(logits)) : (softmax(selection) as Tensor2D);
          balance = add(balance, balanceLoss(probs, demand, k, s.alpha));
        }
        if (s.balance === 'bias+seq' && s.seqAlpha > 0) {
          const affinities = normalizeAffinities(sigmoid(logits) as Tensor2D);
          const perSeq = batch.sequences
            .filter(([from, to]) => to > from)
            .map(([from, to]) => {
              const counts = new Array<number>(E).fill(0);
              for (let t = from; t < to; t++) for (const e of lt.tokens[t]?.experts ?? []) counts[e] = (counts[e] as number) + 1;
              return balanceLoss(slice(affinities, [from, 0], [to - from, E]), counts, k, s.seqAlpha);
            });
          if (perSeq.length)
            balance = add(
              balance,
              div(
                perSeq.reduce((p, q) => add(p, q)),
                scalar(perSeq.length),
              ),
            );
        }
        if (s.zLoss > 0) z = add(z, mul(routerZLoss(logits), scalar(s.zLoss)));
      }
      // The head is the embedding matrix (tied): logits = norm(x) · embeddingᵀ.
      const out = matMul(rmsNorm(x), model.embedding, false, true) as Tensor2D;
      // Mean cross-entropy of the next word: −log softmax(out)[target].
      const task = neg(mean(sum(mul(cast(oneHot(tensor1d(batch.targets, 'int32'), V), 'float32'), logSoftmax(out)), 1))) as Scalar;
      const total = add(add(task, balance), z) as Scalar;
      parts = keep(stack([task, balance, z, total]));
      return total;
    };

    const { value, grads } = variableGrads(lossFn, varList);
    try {
      for (const g of groups) g.optimizer.applyGradients(g.vars.map((v) => ({ name: v.name, tensor: grads[v.name] as Tensor })));
    } finally {
      dispose(value);
      dispose(Object.values(grads));
    }
    const partsTensor = parts as Tensor | null;
    const values = partsTensor ? await partsTensor.data() : new Float32Array(4);
    dispose(partsTensor ?? []);

    if (s.balance.startsWith('bias') && s.gamma > 0) model.updateBiases(trace, s.gamma);
    const report: StepReport = {
      step: this.stepCount,
      tokens: T,
      taskLoss: values[0] as number,
      balanceLoss: values[1] as number,
      zLoss: values[2] as number,
      loss: values[3] as number,
      layers: layerData.map(({ layer, lt, used }) => ({
        demand: lt.experts.map((e) => e.demand),
        maxOverMean: lt.balance.maxOverMean,
        updatedExperts: used,
        bias: Array.from(layer.bias),
      })),
      updatedParams: varList.reduce((n, v) => n + v.size, 0),
      totalParams: model.params.total,
    };
    this.stepCount++;
    return report;
  }

  /** Routes every vocabulary word once with the current weights (for the specialisation map). */
  async routeVocabulary(): Promise<Trace> {
    return (await this.model.run(vocabularyTokens(this.vocab))).trace;
  }

  /** Routes a fixed set of grammar sentences (the same every time) to measure load balance. */
  async routeEvalSet(): Promise<Trace> {
    return (await this.model.run(evalTokens(this.config.seed, this.vocab))).trace;
  }

  dispose(): void {
    for (const g of this.groups.values()) g.optimizer.dispose();
    this.groups.clear();
    this.model.dispose();
  }
}
