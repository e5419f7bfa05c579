/**
 * The toy MoE language model: token embedding, then `layers` blocks of (RMS norm → MoE layer →
 * residual), then RMS norm and the output head, which shares the embedding matrix (tied
 * embeddings, as in many small language models), for next-word prediction.
 * `run` routes a sentence and returns its trace; the hidden states are kept only when asked for.
 */
import {
  add,
  concat,
  dispose,
  engine,
  gather,
  matMul,
  mean,
  mul,
  rsqrt,
  square,
  tensor1d,
  tensor2d,
  tidy,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor2D,
  type Variable,
  zeros,
} from '@tensorflow/tfjs-core';
import { updateBias } from './balance';
import { expertShape, type MoeConfig } from './config';
import { expertKernelsReady } from './expert-kernels';
import { assignmentsOf, gateMatrix, MoeLayer } from './moe-layer';
import { toyParams, type ToyParams } from './params';
import type { Ablation } from './router';
import { Rng } from './rng';
import { VOCAB, type Token, type Vocab } from './tokenizer';
import { FRESH_WEIGHTS, weightKey, type WeightSource } from './weight-store';
import { LOOKUP_KERNEL, type LookupRows } from './train-kernels';
import { buildTrace, layerTrace, type LayerTrace, type Trace } from './trace';

export type DispatchMode = 'sparse' | 'dense';

export interface RunOptions {
  mode?: DispatchMode;
  /** Picks the router noise sample (noisy-topk); the same step gives the same noise. */
  noiseStep?: number;
  /** Keep and return the final hidden states (the caller disposes them). */
  keepOutput?: boolean;
  truncated?: boolean;
  /** Per layer (by index), routed experts switched off for this run (router.ts Ablation); none when absent. */
  ablation?: readonly (Ablation | null | undefined)[];
  /**
   * Only the choices (a training step's routing pass): the trace's token rows carry no per-expert
   * numbers, which no view will read (logits and scores are empty; noise, biased and input absent).
   */
  choicesOnly?: boolean;
}

export interface RunResult {
  trace: Trace;
  output: Tensor2D | null;
}

/** Parameter-free RMS norm over each row. */
export function rmsNorm(x: Tensor2D): Tensor2D {
  return tidy(() => mul(x, rsqrt(add(mean(square(x), 1, true), 1e-6))));
}

/**
 * Small initial embeddings (like GPT-2's 0.02): what training writes into them soon outweighs the
 * random start, so words used alike end up alike. Routing sees RMS-normed vectors, so the scale
 * does not change which experts an untrained model picks.
 */
export const EMBEDDING_STD = 0.1;

export class MoeModel {
  /** vocabulary × width; also the output head (tied): next-word logits = norm(x) · embeddingᵀ. */
  readonly embedding: Variable;
  /**
   * Open vocabulary only (vocab.classOf): word classes × width. A word's vector is its own row plus
   * its class's row, for the input and for the tied head alike (see embeddingMatrix). Class tokens
   * ('<noun>'), which stand for words outside the lexicon, start with an own row of zeros, so they
   * are exactly their class's vector.
   */
  readonly classEmbedding: Variable | null;
  readonly layers: MoeLayer[];
  readonly params: ToyParams;

  constructor(
    readonly config: MoeConfig,
    readonly vocab: Vocab = VOCAB,
    private readonly source: WeightSource = FRESH_WEIGHTS,
  ) {
    const { width } = expertShape(config);
    const V = vocab.words.length;
    // One stream per word: the vocabulary can grow without moving other words.
    this.embedding = source.get(weightKey('embedding', V, width, config.seed, ...vocab.words), () => {
      const emb = new Float32Array(V * width);
      for (let w = 0; w < V; w++)
        if (!isClassToken(vocab, w))
          emb.set(Rng.stream(config.seed, 'embedding', vocab.words[w] as string).normals(width, EMBEDDING_STD), w * width);
      return tensor2d(emb, [V, width]);
    });
    const classes = vocab.classOf ? (vocab.classes ?? []) : [];
    this.classEmbedding = vocab.classOf
      ? source.get(weightKey('class-embedding', classes.length, width, config.seed, ...classes), () => {
          const emb = new Float32Array(classes.length * width);
          classes.forEach((c, i) => emb.set(Rng.stream(config.seed, 'class-embedding', c).normals(width, EMBEDDING_STD), i * width));
          return tensor2d(emb, [classes.length, width]);
        })
      : null;
    this.layers = Array.from({ length: config.layers }, (_, l) => new MoeLayer(config, l, source));
    this.params = toyParams(config, V, classes.length);
  }

  /** Routes the tokens through every layer. One read-back per layer (the router logits). */
  async run(tokens: Token[], options: RunOptions = {}): Promise<RunResult> {
    const { mode = 'sparse', noiseStep = 0, keepOutput = false, truncated = false, ablation, choicesOnly = false } = options;
    const traces: LayerTrace[] = [];
    if (tokens.length === 0) {
      return {
        trace: buildTrace(
          this.config,
          tokens,
          truncated,
          this.layers.map((l) => emptyLayer(l, this.params)),
          this.params,
        ),
        output: null,
      };
    }
    let x: Tensor2D = this.embed(tokens.map((t) => t.id));
    try {
      for (const layer of this.layers) {
        const h = rmsNorm(x);
        try {
          const bias = layer.bias.slice();
          const { routing, logits, noise, input } = await layer.route(h, noiseStep, ablation?.[layer.index], choicesOnly);
          let sharedLoad: number[];
          if (layer.index === this.layers.length - 1 && !keepOutput) {
            // The last layer's output is not read: the trace needs only its routing (issue 18: a
            // training step routes the batch first, then runs its own differentiable forward).
            sharedLoad = layer.shared.map(() => tokens.length);
          } else {
            const y =
              mode === 'sparse'
                ? layer.sparse(h, assignmentsOf(routing, layer.shape.experts))
                : layer.dense(h, gateMatrix(routing, layer.shape.experts));
            const next = add(x, y) as Tensor2D;
            dispose([x, y]);
            x = next;
            sharedLoad = layer.sharedLoad;
          }
          traces.push(
            layerTrace(
              layer.index,
              noise ? { routing, logits, noise, bias, sharedLoad, input } : { routing, logits, bias, sharedLoad, input },
              this.config,
              this.params,
              !choicesOnly,
            ),
          );
        } finally {
          dispose(h);
        }
      }
    } catch (e) {
      dispose(x);
      throw e;
    }
    const trace = buildTrace(this.config, tokens, truncated, traces, this.params);
    if (keepOutput) return { trace, output: x };
    dispose(x);
    return { trace, output: null };
  }

  /** The input vectors of the given rows: own row, plus the class row with a factorised embedding. */
  embed(ids: readonly number[]): Tensor2D {
    const { classOf } = this.vocab;
    const factorised = this.classEmbedding !== null && classOf !== undefined;
    const rows = this.embedding.shape[0] as number;
    const classes = (this.classEmbedding?.shape[0] as number | undefined) ?? 0;
    const inRange = (id: number): boolean => Number.isInteger(id) && id >= 0 && id < rows && (!factorised || (classOf[id] ?? -1) < classes);
    if (expertKernelsReady() && ids.length > 0 && ids.every(inRange)) {
      // The same floats by one kernel call (train-kernels.ts, MoeLookupRows): tfjs-wasm's gather took
      // about 0.4 ms for 400 rows, a tenth of a training step's routing pass.
      const attrs: LookupRows = { ids: Int32Array.from(ids), classes: factorised ? Int32Array.from(ids, (id) => classOf[id] ?? -1) : null };
      const inputs: NamedTensorMap = { table: this.embedding };
      if (factorised) inputs.classTable = this.classEmbedding as Variable;
      return engine().runKernel(LOOKUP_KERNEL, inputs, attrs as unknown as NamedAttrMap) as Tensor2D;
    }
    return tidy(() => {
      const own = gather(this.embedding, tensor1d(ids as number[], 'int32')) as Tensor2D;
      if (!factorised) return own;
      return add(
        own,
        classRows(
          this.classEmbedding as Variable,
          ids.map((id) => classOf[id] ?? -1),
        ),
      ) as Tensor2D;
    });
  }

  /**
   * The whole vocabulary × width table as the model uses it (the tied head's matrix): the embedding
   * itself, or with a factorised embedding each row plus its class's row. `classMatrix` (vocab ×
   * classes, one-hot; see classMatrix()) may be passed in by a caller that reuses it; a matrix
   * product instead of a gather, because gather's gradient is slow on the cpu backend.
   */
  embeddingMatrix(classMatrix?: Tensor2D): Tensor2D {
    if (!this.classEmbedding || !this.vocab.classOf) return this.embedding as Tensor2D;
    const cm = classMatrix ?? this.classMatrix();
    const out = add(this.embedding, matMul(cm, this.classEmbedding)) as Tensor2D;
    if (!classMatrix) dispose(cm);
    return out;
  }

  /** vocab × classes, 1 where the row's word has that class (caller disposes). */
  classMatrix(): Tensor2D {
    const classOf = this.vocab.classOf ?? new Int32Array(0);
    const C = this.vocab.classes?.length ?? 0;
    const m = new Float32Array(classOf.length * C);
    classOf.forEach((c, w) => {
      if (c >= 0) m[w * C + c] = 1;
    });
    return tensor2d(m, [classOf.length, C]);
  }

  /**
   * One step of DeepSeek-V3's auxiliary-loss-free balancing: each layer's selection bias moves by γ
   * against the load its experts had in the trace (overloaded down, underloaded up).
   */
  updateBiases(trace: Trace, gamma: number): void {
    for (const layer of this.layers) {
      const lt = trace.layers[layer.index];
      if (lt)
        layer.bias = updateBias(
          layer.bias,
          lt.experts.map((e) => e.demand),
          gamma,
        );
    }
  }

  /** Frees the weights unless they belong to a shared store. */
  dispose(): void {
    if (this.source.ownsWeights) dispose(this.classEmbedding ? [this.embedding, this.classEmbedding] : this.embedding);
    for (const l of this.layers) l.dispose();
  }
}

/** A class token ('<noun>') of an open vocabulary: its own row starts at zero. */
export function isClassToken(vocab: Vocab, row: number): boolean {
  const c = vocab.classOf?.[row] ?? -1;
  return c >= 0 && vocab.words[row] === `<${vocab.classes?.[c] ?? ''}>`;
}

/** Rows of the class table for each class index; -1 (no class) gives a row of zeros. */
function classRows(table: Variable, classIdx: readonly number[]): Tensor2D {
  const C = table.shape[0] as number;
  // Index C is an appended row of zeros.
  const padded = concat([table, zeros([1, table.shape[1] as number])], 0);
  return gather(
    padded,
    tensor1d(
      classIdx.map((c) => (c >= 0 ? c : C)),
      'int32',
    ),
  ) as Tensor2D;
}

function emptyLayer(layer: MoeLayer, params: ToyParams): LayerTrace {
  return layerTrace(
    layer.index,
    {
      routing: {
        scores: new Float64Array(0),
        routes: [],
        capacity: null,
        demand: new Array<number>(layer.shape.experts).fill(0),
        load: new Array<number>(layer.shape.experts).fill(0),
      },
      logits: new Float32Array(0),
      bias: layer.bias,
      sharedLoad: layer.shared.map(() => 0),
    },
    layer.config,
    params,
  );
}
