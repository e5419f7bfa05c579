/**
 * Parameter counting. The toy model is counted here with the same conventions that the real-scale
 * configs use: every weight matrix counts once in the total; a token's active parameters are all
 * weights except the routed experts it did not use. Like the published figures of DeepSeek and
 * Mistral, the embedding (here tied to the output head, so counted once) is counted in both (the
 * page labels this).
 */
import { expertShape, type MoeConfig } from './config';
import { fieldError, readMoeConfig, type Attention, type MoeShape } from './real-config';

/** Weights of one SwiGLU feed-forward network: gate and up (width × hidden) and down (hidden × width). */
export function swigluParams(width: number, hidden: number): number {
  return 3 * width * hidden;
}

export interface ToyParams {
  vocabSize: number;
  /** The embedding matrix, which is also the (tied) output head. */
  embedding: number;
  layers: number;
  /** Per MoE layer. */
  router: number;
  routedExpert: number;
  sharedExpert: number;
  routedExperts: number;
  sharedExperts: number;
  routedTotal: number;
  sharedTotal: number;
  /** All layers. */
  total: number;
  /** Active with exactly top-k experts per layer and nothing dropped. */
  activeNominal: number;
}

/** classes: rows of a factorised embedding's class table (open vocabulary), counted with the embedding. */
export function toyParams(config: MoeConfig, vocabSize: number, classes = 0): ToyParams {
  const s = expertShape(config);
  const routerMatrices = config.router === 'noisy-topk' ? 2 : 1;
  const router = routerMatrices * s.width * s.experts;
  const routedExpert = swigluParams(s.width, s.hidden);
  const sharedExpert = swigluParams(s.width, s.hidden);
  const routedTotal = routedExpert * s.experts;
  const sharedTotal = sharedExpert * s.shared;
  const embedding = (vocabSize + classes) * s.width;
  const perLayer = router + routedTotal + sharedTotal;
  const p: ToyParams = {
    vocabSize,
    embedding,
    layers: config.layers,
    router,
    routedExpert,
    sharedExpert,
    routedExperts: s.experts,
    sharedExperts: s.shared,
    routedTotal,
    sharedTotal,
    total: embedding + config.layers * perLayer,
    activeNominal: 0,
  };
  p.activeNominal = activeParams(p, new Array<number>(config.layers).fill(s.active));
  return p;
}

/** Active weights for one token that was processed by usedPerLayer[l] routed experts in layer l. */
export function activeParams(p: ToyParams, usedPerLayer: readonly number[]): number {
  return p.embedding + usedPerLayer.reduce((sum, used) => sum + p.router + p.sharedTotal + used * p.routedExpert, 0);
}

/**
 * Multiply-add FLOPs (2 per weight used) for one token that used usedPerLayer[l] routed experts:
 * the MoE layers and the output head (the tied embedding matrix, used once per token as the head;
 * the input lookup costs none). Norms and activations are left out.
 */
export function tokenFlops(p: ToyParams, usedPerLayer: readonly number[]): number {
  return 2 * p.embedding + usedPerLayer.reduce((sum, used) => sum + 2 * (p.router + p.sharedTotal + used * p.routedExpert), 0);
}

/** FLOPs per token of the same model run densely (every routed expert on every token). */
export function denseTokenFlops(p: ToyParams): number {
  return tokenFlops(p, new Array<number>(p.layers).fill(p.routedExperts));
}

/* ------------------------------------------------------------------------------------------------
 * Real scale: any supported Hugging Face config.json (see real-config.ts), counted with the same
 * conventions as the toy above. Every formula counts the weight matrices (and bias vectors and
 * RMS-norm gains) that the model's own code creates, layer by layer:
 *
 *   input embedding   V·d                      (embed_tokens; a lookup: one row per token)
 *   output head       V·d, or 0 when tied      (lm_head; with tie_word_embeddings it reuses the embedding)
 *   attention         see attentionParams      (every layer)
 *   norms             2·d per layer + d        (input_layernorm, post_attention_layernorm; final norm)
 *   dense FFN         3·d·I per dense layer    (SwiGLU: gate, up, down)
 *   routed experts    E · 3·d·I_e per MoE layer   (gpt-oss: + E · (2·I_e + d) biases)
 *   shared experts    K_s · 3·d·I_s per MoE layer
 *   router            E·d per MoE layer        (+ E for DeepSeek-V3's and GLM-4.5's selection bias or gpt-oss's
 *                                               router bias, + d for Qwen2-MoE's shared-expert gate)
 * A dense model (llama, qwen2) has no MoE layer: every weight is active.
 *
 * Active weights for one token are all of these except the routed experts it did not use: k of
 * E per MoE layer. Like the toy count, `active` includes the input embedding (Mistral's 12.9B for
 * Mixtral matches this convention); `activeWithoutEmbedding` is the other one (OpenAI's for gpt-oss).
 * The output head always works for every token, so it stays in both; `activeWithoutVocab` leaves out
 * the output head too (the "non-embedding" count, which GLM-4.5's published active figures match).
 * Not counted: multi-token-prediction modules and vision towers (readMoeConfig lists them in leftOut).
 * ---------------------------------------------------------------------------------------------- */

export const PARTS = ['embedding', 'outputHead', 'attention', 'denseFfn', 'routedExperts', 'sharedExperts', 'routers', 'norms'] as const;
export type Part = (typeof PARTS)[number];

export interface PartCount {
  total: number;
  active: number;
}

export interface RealParams {
  total: number;
  /** Weights used for one token, input embedding included. */
  active: number;
  /** The input embedding matrix (vocab × hidden). */
  embedding: number;
  /** active − embedding: the convention that leaves the lookup table out. */
  activeWithoutEmbedding: number;
  /** active − embedding − output head: the "non-embedding" convention that leaves both vocabulary matrices out. */
  activeWithoutVocab: number;
  parts: Record<Part, PartCount>;
  /** Weights in one layer of each kind. */
  perLayer: { attention: number; norms: number; denseFfn: number; routedExpert: number; sharedExpert: number; router: number };
  shape: MoeShape;
}

/**
 * Attention weights of one layer.
 *
 * Multi-head latent attention (DeepSeek-V2/V3), n_h heads, d = hidden, r_q = q_lora_rank,
 * r_kv = kv_lora_rank, d_n = qk_nope_head_dim, d_r = qk_rope_head_dim, d_v = v_head_dim:
 *   queries  with compression: q_a_proj d·r_q + q_a_layernorm r_q + q_b_proj r_q·n_h·(d_n + d_r)
 *            without (q_lora_rank null): q_proj d·n_h·(d_n + d_r)
 *   keys/values: kv_a_proj_with_mqa d·(r_kv + d_r) + kv_a_layernorm r_kv + kv_b_proj r_kv·n_h·(d_n + d_v)
 *   output   o_proj n_h·d_v·d
 *   with attention_bias: + r_q (q_a_proj) + (r_kv + d_r) (kv_a_proj) + d (o_proj)
 *
 * Grouped-query attention, n_h query heads, n_kv key/value heads, head width d_h:
 *   q_proj d·n_h·d_h, k_proj and v_proj d·n_kv·d_h each, o_proj n_h·d_h·d
 *   biases: n_h·d_h + 2·n_kv·d_h on q, k, v when qkvBias; d on o when oBias
 *   q/k norms: 2·d_h when one norm per head is shared by all heads (Qwen3, GLM-4.5);
 *              n_h·d_h + n_kv·d_h over the full projections (OLMoE)
 *   attention sinks (gpt-oss): n_h
 */
export function attentionParams(a: Attention, hidden: number): number {
  const d = hidden;
  if (a.kind === 'mla') {
    const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const q = a.qLoraRank === null ? d * a.heads * qHead : d * a.qLoraRank + a.qLoraRank + a.qLoraRank * a.heads * qHead;
    const kv = d * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank + a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim);
    const o = a.heads * a.vHeadDim * d;
    const bias = a.bias ? (a.qLoraRank ?? 0) + a.kvLoraRank + a.qkRopeHeadDim + d : 0;
    return q + kv + o + bias;
  }
  const qOut = a.heads * a.headDim;
  const kvOut = a.kvHeads * a.headDim;
  const matrices = d * qOut + 2 * d * kvOut + qOut * d;
  const bias = (a.qkvBias ? qOut + 2 * kvOut : 0) + (a.oBias ? d : 0);
  const norms = a.qkNorm === 'per-head' ? 2 * a.headDim : a.qkNorm === 'full' ? qOut + kvOut : 0;
  return matrices + bias + norms + (a.sinks ? a.heads : 0);
}

/** Counts a shape read by readMoeConfig. */
export function countShape(s: MoeShape): RealParams {
  const d = s.hidden;
  const perLayer = {
    attention: attentionParams(s.attention, d),
    norms: 2 * d,
    denseFfn: s.denseWidth > 0 ? swigluParams(d, s.denseWidth) : 0,
    routedExpert: s.experts > 0 ? swigluParams(d, s.expertWidth) + (s.expertBias ? 2 * s.expertWidth + d : 0) : 0,
    sharedExpert: s.sharedExperts > 0 ? swigluParams(d, s.sharedWidth) : 0,
    router: s.experts * d + (s.routerBias ? s.experts : 0) + (s.sharedGate ? d : 0),
  };
  const same = (n: number): PartCount => ({ total: n, active: n });
  const embedding = s.vocab * d;
  const parts: Record<Part, PartCount> = {
    embedding: same(embedding),
    outputHead: same(s.tied ? 0 : s.vocab * d),
    attention: same(s.layers * perLayer.attention),
    denseFfn: same(s.denseLayers * perLayer.denseFfn),
    routedExperts: { total: s.moeLayers * s.experts * perLayer.routedExpert, active: s.moeLayers * s.topK * perLayer.routedExpert },
    sharedExperts: same(s.moeLayers * s.sharedExperts * perLayer.sharedExpert),
    routers: same(s.moeLayers * perLayer.router),
    norms: same(s.layers * perLayer.norms + d),
  };
  const total = PARTS.reduce((a, p) => a + parts[p].total, 0);
  const active = PARTS.reduce((a, p) => a + parts[p].active, 0);
  if (!Number.isSafeInteger(total)) {
    const exp = total.toExponential(2);
    throw fieldError('config', 'hf.tooManyWeights', { total: exp });
  }
  const activeWithoutVocab = active - embedding - parts.outputHead.active;
  return { total, active, embedding, activeWithoutEmbedding: active - embedding, activeWithoutVocab, parts, perLayer, shape: s };
}

/**
 * Counts a Hugging Face style config.json object: { total, active, embedding } in weights, plus the
 * breakdown. Throws a ConfigFieldError naming the field for an unknown model type, a missing or
 * non-numeric field, or a config that is not an object.
 */
export function countParams(config: unknown): RealParams {
  return countShape(readMoeConfig(config));
}
