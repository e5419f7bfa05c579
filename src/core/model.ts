/**
 * The toy MoE language model: token embedding, then `layers` blocks of (RMS norm → MoE layer →
 * residual), then RMS norm and the output head, which shares the embedding matrix (tied
 * embeddings, as in many small language models), for next-word prediction.
 * `run` routes a sentence and returns its trace; the hidden states are kept only when asked for.
 */
import {
  add,
  dispose,
  gather,
  mean,
  mul,
  rsqrt,
  square,
  tensor1d,
  tensor2d,
  tidy,
  type Tensor2D,
  type Variable,
} from '@tensorflow/tfjs-core';
import { updateBias } from './balance';
import { expertShape, type MoeConfig } from './config';
import { assignmentsOf, gateMatrix, MoeLayer } from './moe-layer';
import { toyParams, type ToyParams } from './params';
import { Rng } from './rng';
import { VOCAB, type Token, type Vocab } from './tokenizer';
import { FRESH_WEIGHTS, weightKey, type WeightSource } from './weight-store';
import { buildTrace, layerTrace, type LayerTrace, type Trace } from './trace';

export type DispatchMode = 'sparse' | 'dense';

export interface RunOptions {
  mode?: DispatchMode;
  /** Picks the router noise sample (noisy-topk); the same step gives the same noise. */
  noiseStep?: number;
  /** Keep and return the final hidden states (the caller disposes them). */
  keepOutput?: boolean;
  truncated?: boolean;
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
        emb.set(Rng.stream(config.seed, 'embedding', vocab.words[w] as string).normals(width, EMBEDDING_STD), w * width);
      return tensor2d(emb, [V, width]);
    });
    this.layers = Array.from({ length: config.layers }, (_, l) => new MoeLayer(config, l, source));
    this.params = toyParams(config, V);
  }

  /** Routes the tokens through every layer. One read-back per layer (the router logits). */
  async run(tokens: Token[], options: RunOptions = {}): Promise<RunResult> {
    const { mode = 'sparse', noiseStep = 0, keepOutput = false, truncated = false } = options;
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
    let x: Tensor2D = tidy(
      () =>
        gather(
          this.embedding,
          tensor1d(
            tokens.map((t) => t.id),
            'int32',
          ),
        ) as Tensor2D,
    );
    try {
      for (const layer of this.layers) {
        const h = rmsNorm(x);
        try {
          const bias = layer.bias.slice();
          const { routing, logits, noise, input } = await layer.route(h, noiseStep);
          const y =
            mode === 'sparse'
              ? layer.sparse(h, assignmentsOf(routing, layer.shape.experts))
              : layer.dense(h, gateMatrix(routing, layer.shape.experts));
          const next = add(x, y) as Tensor2D;
          dispose([x, y]);
          x = next;
          const sharedLoad = layer.sharedLoad;
          traces.push(
            layerTrace(
              layer.index,
              noise ? { routing, logits, noise, bias, sharedLoad, input } : { routing, logits, bias, sharedLoad, input },
              this.config,
              this.params,
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
    if (this.source.ownsWeights) dispose(this.embedding);
    for (const l of this.layers) l.dispose();
  }
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
