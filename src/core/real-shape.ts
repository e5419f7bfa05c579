/** The plain shape a config is read into (real-config.ts): attention, router rule, layers and experts. */
import type { RealNote } from './real-config-messages';

export const MODEL_TYPES = [
  'deepseek_v3',
  'deepseek_v2',
  'mixtral',
  'qwen2_moe',
  'qwen3_moe',
  'olmoe',
  'kimi_k2',
  'glm4_moe',
  'gpt_oss',
  'llama4',
  'llama',
  'qwen2',
] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
/** Multi-head latent attention (DeepSeek-V2/V3). */
export interface MlaAttention {
  kind: 'mla';
  heads: number;
  /** null: queries are not compressed (a plain q_proj), as in DeepSeek-V2-Lite. */
  qLoraRank: number | null;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
  /** attention_bias: biases on q_a_proj, kv_a_proj_with_mqa and o_proj. */
  bias: boolean;
}

/** Grouped-query attention (multi-head when kvHeads = heads). */
export interface GqaAttention {
  kind: 'gqa';
  heads: number;
  kvHeads: number;
  headDim: number;
  qkvBias: boolean;
  oBias: boolean;
  /**
   * RMS norms on queries and keys: none, one per head shared by all heads (Qwen3, GLM-4.5), or over
   * the full projection (OLMoE). Llama 4's q/k norm is an L2 norm without weights: 'none' here.
   */
  qkNorm: 'none' | 'per-head' | 'full';
  /** gpt-oss: one learned attention-sink logit per query head. */
  sinks: boolean;
}

export type Attention = MlaAttention | GqaAttention;

/**
 * How a router turns one token's logits into chosen experts and gate weights:
 *   scores    = softmax(logits) over all experts, or sigmoid(logit) per expert;
 *   groups    = when nGroup > 1, experts are split into nGroup groups, each ranked by its best score
 *               ('max', DeepSeek-V2) or the sum of its two best ('top2-sum', DeepSeek-V3), and only
 *               the best topkGroup groups may be chosen from;
 *   chosen    = the top-k scores among the allowed experts;
 *   weights   = the chosen scores, renormalised to sum 1 when `normalise`, times `scale`.
 * Mixtral's "top-k logits, then softmax over those k" equals softmax, top-k, renormalise.
 */
export interface RouterRule {
  scoring: 'softmax' | 'sigmoid';
  nGroup: number;
  topkGroup: number;
  groupScore: 'max' | 'top2-sum';
  normalise: boolean;
  scale: number;
  /** Noisy top-k (toy only): noise multiplier; 0 for none. */
  noise: number;
  /** Qwen2-MoE: the shared expert's output is multiplied by sigmoid(w·x). */
  sharedGate: boolean;
  /** DeepSeek-V3: a per-expert bias added for selection only (zero here: no trained weights). */
  selectionBias: boolean;
}

export interface MoeShape {
  modelType: ModelType;
  vocab: number;
  hidden: number;
  layers: number;
  attention: Attention;
  /** Per layer, whether its feed-forward block is a mixture of experts (else a dense SwiGLU). A dense model (llama, qwen2) has none: 0 experts. */
  moeLayer: boolean[];
  moeLayers: number;
  denseLayers: number;
  /** Hidden width of the dense layers' SwiGLU (0 when every layer is MoE). */
  denseWidth: number;
  /** Routed experts per MoE layer, chosen per token, and each one's hidden width. */
  experts: number;
  topK: number;
  expertWidth: number;
  /** Always-on experts per MoE layer and each one's hidden width. */
  sharedExperts: number;
  sharedWidth: number;
  /** Router weights besides the experts × hidden gate matrix: V3's (and GLM-4.5's) selection bias or gpt-oss's router bias (E each), Qwen2's shared-expert gate. */
  routerBias: boolean;
  /** gpt-oss: each expert has biases on its gate and up projections (2 × width) and on its down projection (hidden). */
  expertBias: boolean;
  sharedGate: boolean;
  tied: boolean;
  router: RouterRule;
  /** Fields that were absent and took the meaning the model's code gives them ("field = value (why)"), as coded notes. */
  defaults: RealNote[];
  /** What is left out of the count, as coded notes. */
  leftOut: RealNote[];
  /** How the config was read (coded notes): the model type inferred when it gave none, the unknown fields ignored. */
  reading: RealNote[];
}
