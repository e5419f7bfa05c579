/**
 * A toy multi-head latent attention (MLA, DeepSeek-V2 arXiv 2405.04434 §2.1) beside ordinary
 * multi-head attention, on one sentence, in tfjs. Plain data out; no DOM.
 *
 * One causal self-attention layer of width d = 32 with n_h = 4 heads of d_h = 8 reads the sentence's
 * toy embeddings (the same seeded vectors as the simulator's model, RMS-normed). For the tokens X:
 *
 *   full (MHA)   Q = X·W_Q,  K = X·W_K,  V = X·W_V                 cache K and V: 2·n_h·d_h = 64 numbers per token
 *   latent (MLA) c = X·W_DKV (d_c numbers),  K = c·W_UK,  V = c·W_UV   cache c: d_c numbers per token
 *
 * and both compute softmax(Q_h·K_hᵀ/√d_h + causal mask)·V_h per head, concatenated, times W_O.
 *
 * Fitting the down- and up-projections: by a truncated SVD of [W_K | W_V] (src/core/linalg.ts),
 * W_DKV = U_dc (d × d_c) and [W_UK | W_UV] = U_dcᵀ·[W_K | W_V]. Why not a few hundred Adam steps:
 * the SVD is the best rank-d_c fit of the weights (Eckart–Young), takes microseconds on a 32 × 64
 * matrix, is exactly reproducible, and gives zero error at full rank d_c = min(d, 2·n_h·d_h) = 32
 * (U is then square and orthonormal, so U·Uᵀ = I), where training would only approach it. DeepSeek
 * instead trains the whole network with the latent in place, so its weights learn to fit in 512
 * numbers; the toy's weights are seeded random, which is the hard case for compression: no direction
 * matters much more than another, so the error falls steadily rather than collapsing early.
 *
 * Positions: the toy has no position encoding (like the rest of moe-lab's toy model), so there is no
 * decoupled rotary key and d_h^R = 0. The page explains why real MLA caches a small rotary key
 * (d_h^R = 64) beside the latent.
 */
import {
  abs,
  add,
  concat,
  dispose,
  div,
  max,
  mul,
  norm,
  reshape,
  slice,
  softmax,
  stack,
  sub,
  sum,
  tensor1d,
  tensor2d,
  tidy,
  matMul,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import { perTokenPerLayer, type AttentionShape } from './kv-cache';
import { lowRank, svd, type Svd } from './linalg';
import { EMBEDDING_STD, rmsNorm } from './model';
import { Rng } from './rng';
import { VOCAB, type Token, type Vocab } from './tokenizer';
import { CodedError } from './coded';

export interface LatentAttentionConfig {
  /** d: token width (the simulator's model width, so the embeddings are the same). */
  width: number;
  /** n_h */
  heads: number;
  /** d_h */
  headDim: number;
  seed: number;
}

export const DEFAULT_LATENT_CONFIG: Readonly<LatentAttentionConfig> = Object.freeze({ width: 32, heads: 4, headDim: 8, seed: 1 });

/** How far the latent version is from the full one at one d_c, on one sentence. */
export interface LatentErrors {
  dc: number;
  /**
   * Mean total-variation distance between the two attention distributions, over heads and tokens:
   * ½·Σ_j |a_latent − a_full|, the share of a token's attention that went somewhere else (0 to 1).
   */
  attentionMoved: number;
  /** Largest change of any single attention weight (0 to 1). */
  attentionMaxDiff: number;
  /** ‖O_latent − O_full‖ / ‖O_full‖ for the layer's output (Frobenius norms). */
  outputError: number;
  /** ‖[K V]_latent − [K V]_full‖ / ‖[K V]_full‖: how well the keys and values were rebuilt. */
  kvError: number;
  /** Share of the key/value weights' energy (Σσ²) that the d_c kept directions hold (0 to 1). */
  energyKept: number;
  /** Cached numbers per token, read off the shapes of the tensors that would be cached. */
  cacheFull: number;
  cacheLatent: number;
}

export interface LatentEvaluation extends LatentErrors {
  tokens: number;
  heads: number;
  /** Per head, row-major T × T: row = the token reading, column = the token read. */
  attentionFull: Float32Array[];
  attentionLatent: Float32Array[];
}

/** The toy's sentence as vectors: the simulator's seeded embedding of each token, RMS-normed. */
export function embedTokens(tokens: readonly Token[], width: number, seed: number, vocab: Vocab = VOCAB): Tensor2D {
  const data = new Float32Array(tokens.length * width);
  tokens.forEach((t, i) => data.set(Rng.stream(seed, 'embedding', vocab.words[t.id] as string).normals(width, EMBEDDING_STD), i * width));
  return tidy(() => rmsNorm(tensor2d(data, [tokens.length, width])));
}

/** 0 on and below the diagonal, a large negative number above: token i reads tokens 0..i. */
function causalMask(n: number): Float32Array {
  const m = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = -1e9;
  return m;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class LatentAttention {
  readonly config: LatentAttentionConfig;
  /** min(d, 2·n_h·d_h): the latent size at which nothing is lost. */
  readonly fullRank: number;
  /** Singular values of [W_K | W_V], largest first. */
  readonly spectrum: Float64Array;
  private readonly wq: Tensor2D;
  private readonly wkv: Tensor2D;
  private readonly wo: Tensor2D;
  private readonly wkvData: Float64Array;
  private readonly decomposition: Svd;
  private disposed = false;

  constructor(config: Partial<LatentAttentionConfig> = {}) {
    const c = { ...DEFAULT_LATENT_CONFIG, ...config };
    this.config = c;
    const { width: d, heads, headDim } = c;
    const inner = heads * headDim;
    const init = (name: string, rows: number, cols: number) =>
      Rng.stream(c.seed, 'latent-attention', name).normals(rows * cols, 1 / Math.sqrt(rows));
    const wk = init('key', d, inner);
    const wv = init('value', d, inner);
    // [W_K | W_V], d × 2·n_h·d_h.
    const wkv = new Float64Array(d * 2 * inner);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < inner; j++) {
        wkv[i * 2 * inner + j] = wk[i * inner + j] as number;
        wkv[i * 2 * inner + inner + j] = wv[i * inner + j] as number;
      }
    }
    this.wkvData = wkv;
    this.wq = tensor2d(init('query', d, inner), [d, inner]);
    this.wkv = tensor2d(Float32Array.from(wkv), [d, 2 * inner]);
    this.wo = tensor2d(init('output', inner, d), [inner, d]);
    this.decomposition = svd(wkv, d, 2 * inner);
    this.spectrum = this.decomposition.values;
    this.fullRank = Math.min(d, 2 * inner);
  }

  /** The attention shape for the cache formulas (one layer, no rotary part). */
  shape(dc: number): AttentionShape {
    const { heads, headDim } = this.config;
    return { layers: 1, heads, headDim, kvGroups: heads, latentDim: dc, ropeDim: 0 };
  }

  /** Σ_{i<dc} σᵢ² / Σ σᵢ². */
  energyKept(dc: number): number {
    let kept = 0;
    let all = 0;
    this.spectrum.forEach((s, i) => {
      all += s * s;
      if (i < dc) kept += s * s;
    });
    return all > 0 ? kept / all : 1;
  }

  private check(dc: number): void {
    if (this.disposed) throw new CodedError('latent.disposed', {});
    if (!Number.isInteger(dc) || dc < 1 || dc > this.fullRank) throw new CodedError('latent.rank', { value: dc, max: this.fullRank });
  }

  /**
   * Both layers on X, packed into one vector [attentionMoved, maxDiff, outputError, kvError,
   * cacheFull, cacheLatent, (full attention H·T·T, latent attention H·T·T)] so that one read-back serves an evaluation.
   */
  private packed(x: Tensor2D, dc: number, withMatrices: boolean): Tensor1D {
    const { heads, headDim, width } = this.config;
    const inner = heads * headDim;
    const T = x.shape[0];
    const fit = lowRank(this.wkvData, width, 2 * inner, dc, this.decomposition);
    return tidy(() => {
      const mask = tensor2d(causalMask(T), [T, T]);
      const q = matMul(x, this.wq) as Tensor2D;
      const attend = (k: Tensor2D, v: Tensor2D) => {
        const probs: Tensor2D[] = [];
        const outs: Tensor2D[] = [];
        for (let h = 0; h < heads; h++) {
          const qh = slice(q, [0, h * headDim], [T, headDim]);
          const kh = slice(k, [0, h * headDim], [T, headDim]);
          const vh = slice(v, [0, h * headDim], [T, headDim]);
          const p = softmax(add(mul(matMul(qh, kh, false, true), 1 / Math.sqrt(headDim)), mask)) as Tensor2D;
          probs.push(p);
          outs.push(matMul(p, vh));
        }
        return { probs: stack(probs) as Tensor, out: matMul(concat(outs, 1), this.wo) };
      };
      // Full: the cache holds K and V.
      const kvFull = matMul(x, this.wkv) as Tensor2D;
      const kFull = slice(kvFull, [0, 0], [T, inner]);
      const vFull = slice(kvFull, [0, inner], [T, inner]);
      const full = attend(kFull, vFull);
      // Latent: the cache holds c; keys and values are rebuilt from it.
      const down = tensor2d(Float32Array.from(fit.down), [width, dc]);
      const up = tensor2d(Float32Array.from(fit.up), [dc, 2 * inner]);
      const c = matMul(x, down) as Tensor2D;
      const kvLatent = matMul(c, up) as Tensor2D;
      const latent = attend(slice(kvLatent, [0, 0], [T, inner]), slice(kvLatent, [0, inner], [T, inner]));

      const diff = abs(sub(latent.probs, full.probs));
      const metrics = concat([
        reshape(mul(sum(diff), 0.5 / (heads * T)), [1]),
        reshape(max(diff), [1]),
        reshape(div(norm(sub(latent.out, full.out)), norm(full.out)), [1]),
        reshape(div(norm(sub(kvLatent, kvFull)), norm(kvFull)), [1]),
        tensor1d([kFull.shape[1] + vFull.shape[1], c.shape[1]]),
      ]);
      return (withMatrices ? concat([metrics, reshape(full.probs, [-1]), reshape(latent.probs, [-1])]) : metrics) as Tensor1D;
    });
  }

  private errorsFrom(v: Float32Array, dc: number): LatentErrors {
    return {
      dc,
      attentionMoved: v[0] as number,
      attentionMaxDiff: v[1] as number,
      outputError: v[2] as number,
      kvError: v[3] as number,
      energyKept: this.energyKept(dc),
      cacheFull: v[4] as number,
      cacheLatent: v[5] as number,
    };
  }

  private empty(dc: number): LatentErrors {
    return {
      dc,
      attentionMoved: 0,
      attentionMaxDiff: 0,
      outputError: 0,
      kvError: 0,
      energyKept: this.energyKept(dc),
      cacheFull: perTokenPerLayer('mha', this.shape(dc)),
      cacheLatent: dc,
    };
  }

  /** Full and latent attention on the sentence at one d_c, with both attention maps. One read-back. */
  async evaluate(tokens: readonly Token[], dc: number): Promise<LatentEvaluation> {
    this.check(dc);
    const { heads, width, seed } = this.config;
    const T = tokens.length;
    if (T === 0) return { ...this.empty(dc), tokens: 0, heads, attentionFull: [], attentionLatent: [] };
    const x = embedTokens(tokens, width, seed);
    let out: Tensor1D | null = null;
    try {
      out = this.packed(x, dc, true);
      const v = (await out.data()) as Float32Array;
      const base = 6;
      const size = T * T;
      const head = (offset: number, h: number) => v.slice(base + offset + h * size, base + offset + (h + 1) * size);
      return {
        ...this.errorsFrom(v, dc),
        tokens: T,
        heads,
        attentionFull: Array.from({ length: heads }, (_, h) => head(0, h)),
        attentionLatent: Array.from({ length: heads }, (_, h) => head(heads * size, h)),
      };
    } finally {
      dispose([x, ...(out ? [out] : [])]);
    }
  }

  /**
   * The errors at each d_c (default 1 … full rank), one read-back each, yielding to the page
   * between them (the cpu backend is synchronous).
   */
  async sweep(
    tokens: readonly Token[],
    dcs: readonly number[] = Array.from({ length: this.fullRank }, (_, i) => i + 1),
  ): Promise<LatentErrors[]> {
    dcs.forEach((dc) => this.check(dc));
    if (tokens.length === 0) return dcs.map((dc) => this.empty(dc));
    const { width, seed } = this.config;
    const x = embedTokens(tokens, width, seed);
    const result: LatentErrors[] = [];
    try {
      for (const dc of dcs) {
        const out = this.packed(x, dc, false);
        try {
          result.push(this.errorsFrom((await out.data()) as Float32Array, dc));
        } finally {
          out.dispose();
        }
        await yieldToPage();
        if (this.disposed) throw new CodedError('latent.disposed', {});
      }
    } finally {
      x.dispose();
    }
    return result;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    dispose([this.wq, this.wkv, this.wo]);
  }
}
