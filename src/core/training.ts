/**
 * Live training of the toy MoE language model on the built-in corpus: next-word prediction
 * (embedding → MoE layers → head), Adam, seeded batches. Each step:
 *
 *  1. route the batch with the current weights (the ordinary sparse forward, one read-back per layer);
 *  2. run a differentiable forward that reuses those choices: gate weights are recomputed from the
 *     router logits with the chosen experts as a constant mask (tfjs has no gradient for top-k);
 *  3. compute gradients only for the weights that took part: embedding, head, routers, shared
 *     experts, and the routed experts that processed at least one token. Each routed expert has
 *     its own Adam state and step count (one stacked update per layer, expert-adam.ts), so an
 *     expert that was not chosen is not touched at all, not even by momentum: "only those are trained";
 *  4. DeepSeek-V3 bias balancing moves the selection bias by γ from this step's load.
 *
 * The settings are in train-settings.ts, the batches in train-batch.ts, the differentiable gates
 * and dispatch in train-dispatch.ts (all re-exported from here).
 */
import {
  add,
  dispose,
  div,
  keep,
  mul,
  scalar,
  sigmoid,
  slice,
  softmax,
  softplus,
  stack,
  tensor2d,
  variableGrads,
  type Scalar,
  type Tensor,
  type Tensor2D,
  type Variable,
} from '@tensorflow/tfjs-core';
// tfjs-core registers gradients only on request (the umbrella package does it for you).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { balanceLoss, normalizeAffinities, routerZLoss } from './balance';
import { expertShape, type MoeConfig } from './config';
import { MoeModel, rmsNorm } from './model';
import { assignmentsOf, type ExpertWeights } from './moe-layer';
import { Rng } from './rng';
import { vocabularyTokens } from './specialisation';
import { VOCAB, type Vocab } from './tokenizer';
import { DenseAdam } from './dense-adam';
import { evalTokens, grammarCorpus, makeBatch, type Corpus } from './train-batch';
import { FRESH_WEIGHTS, type WeightSource } from './weight-store';
import { ExpertAdam } from './expert-adam';
import { gateTensor, masks, sparseTrain } from './train-dispatch';
import { embedIds, matMulBT, matMulG } from './grad-ops';
import { nextWordLoss } from './next-word-loss';
import { DEFAULT_TRAIN, type TrainSettings } from './train-settings';

export * from './train-batch';
export { gateTensor } from './train-dispatch';
export * from './train-settings';
import type { LayerTrace, Trace } from './trace';

export interface LayerStep {
  /** Tokens that chose each routed expert in this batch. */
  demand: number[];
  /** Tokens each routed expert processed (demand less capacity drops). */
  load: number[];
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
interface Group {
  optimizer: DenseAdam;
  vars: Variable[];
}

export class MoeTrainer {
  readonly model: MoeModel;
  private stepCount = 0;
  private readonly groups = new Map<string, Group>();
  /** Each layer's routed experts' Adam (by layer index). */
  private readonly expertAdams: ExpertAdam[];
  /** Open vocabulary: the constant vocab × classes one-hot table of the factorised embedding. */
  private readonly classMatrix: Tensor2D | null;

  constructor(
    readonly config: MoeConfig,
    private settingsNow: TrainSettings = { ...DEFAULT_TRAIN },
    readonly vocab: Vocab = VOCAB,
    readonly corpus: Corpus = grammarCorpus(vocab),
    source: WeightSource = FRESH_WEIGHTS,
  ) {
    this.model = new MoeModel(config, vocab, source);
    this.classMatrix = this.model.classEmbedding ? this.model.classMatrix() : null;
    this.expertAdams = this.model.layers.map((layer) => new ExpertAdam(layer.experts));
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
    for (const g of this.groups.values()) g.optimizer.learningRate = settings.learningRate;
  }

  private group(key: string, vars: Variable[]): Group {
    let g = this.groups.get(key);
    if (!g) {
      g = { optimizer: new DenseAdam(this.settingsNow.learningRate, vars), vars };
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
    const batch = makeBatch(this.config.seed, this.stepCount, s.batchSize, this.vocab, this.corpus);
    const T = batch.tokens.length;
    const { trace } = await model.run(batch.tokens, { noiseStep: this.stepCount, choicesOnly: true });

    const layerData = model.layers.map((layer) => {
      const lt = trace.layers[layer.index] as LayerTrace;
      const a = assignmentsOf({ routes: lt.tokens }, E);
      const used = Array.from({ length: E }, (_, e) => e).filter((e) => (a.offsets[e + 1] as number) > (a.offsets[e] as number));
      const eps = layer.noiseRouter ? Rng.stream(this.config.seed, 'noise', layer.index, this.stepCount).normals(T * E) : null;
      return { layer, lt, a, used, eps, ...masks(lt, E) };
    });

    const groups: Group[] = [this.group('embedding', model.classEmbedding ? [model.embedding, model.classEmbedding] : [model.embedding])];
    for (const { layer } of layerData) {
      groups.push(this.group(`L${layer.index}/router`, layer.noiseRouter ? [layer.router, layer.noiseRouter] : [layer.router]));
      layer.shared.forEach((w, i) => groups.push(this.group(`L${layer.index}/shared${i}`, [w.gate, w.up, w.down])));
    }
    const expertVars = layerData.flatMap(({ layer, used }) =>
      used.flatMap((e) => {
        const w = layer.experts[e] as ExpertWeights;
        return [w.gate, w.up, w.down];
      }),
    );
    const varList = [...groups.flatMap((g) => g.vars), ...expertVars];

    const ids = Int32Array.from(batch.tokens, (t) => t.id);
    let parts: Tensor | null = null;
    const lossFn = (): Scalar => {
      const table = model.embeddingMatrix(this.classMatrix ?? undefined);
      // One-hot × embedding instead of gather: gather's gradient is very slow on the cpu backend
      // (embedIds: the same on wasm by a lookup kernel, when loaded).
      let x = embedIds(ids, table);
      let balance: Scalar = scalar(0);
      let z: Scalar = scalar(0);
      for (const { layer, lt, a, eps, chosen, kept } of layerData) {
        const h = rmsNorm(x);
        const logits = matMulG(h, layer.router as Tensor2D);
        const selection =
          layer.noiseRouter && eps
            ? (add(
                logits,
                mul(mul(tensor2d(eps, [T, E]), scalar(this.config.routerNoise)), softplus(matMulG(h, layer.noiseRouter as Tensor2D))),
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
      const out = matMulBT(rmsNorm(x), table);
      // Mean cross-entropy of the next word: −log softmax(out)[target].
      const task = nextWordLoss(out, batch.targets);
      const total = add(add(task, balance), z) as Scalar;
      parts = keep(stack([task, balance, z, total]));
      return total;
    };

    const { value, grads } = variableGrads(lossFn, varList);
    try {
      for (const g of groups) g.optimizer.apply(grads);
      for (const { layer, used } of layerData) (this.expertAdams[layer.index] as ExpertAdam).apply(used, grads, s.learningRate);
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
        load: lt.experts.map((e) => e.load),
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
    return (await this.model.run(evalTokens(this.config.seed, this.vocab, this.corpus))).trace;
  }

  dispose(): void {
    this.classMatrix?.dispose();
    for (const g of this.groups.values()) g.optimizer.dispose();
    for (const a of this.expertAdams) a.dispose();
    this.groups.clear();
    this.model.dispose();
  }
}
