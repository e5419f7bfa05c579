/**
 * The families of supported configs, each read into a MoeShape (without its notes, which
 * readMoeConfig adds): DeepSeek-V2/V3 and Kimi K2 (multi-head latent attention, dense first layers,
 * groups); GLM-4.5 (DeepSeek-V3's MoE with grouped-query attention); the grouped-query-attention
 * MoEs (Mixtral, Qwen2-MoE, Qwen3-MoE, OLMoE, gpt-oss, Llama 4); and dense models (Llama, Qwen2),
 * which have no experts at all.
 */
import { fieldError } from './real-config-messages';
import { has, type Reader } from './real-config-reader';
import type { Attention, GqaAttention, MlaAttention, MoeShape, RouterRule } from './real-shape';

export type Base = Pick<MoeShape, 'modelType' | 'vocab' | 'hidden' | 'layers' | 'tied'>;
/** What readDeepseek and readGqaMoe give: a shape without its notes (readMoeConfig adds them). */
type Read = Omit<MoeShape, 'defaults' | 'leftOut' | 'reading'>;

/**
 * The layer split: `moeLayers` is counted in closed form by the caller (the count never walks the
 * layers); `moeLayer`, the same per layer, is built for views and tests (at most MAX_LAYERS long).
 */
function layerSplit(
  layers: number,
  moeLayers: number,
  isMoe: (i: number) => boolean,
): Pick<MoeShape, 'moeLayer' | 'moeLayers' | 'denseLayers'> {
  return { moeLayer: Array.from({ length: layers }, (_, i) => isMoe(i)), moeLayers, denseLayers: layers - moeLayers };
}

/** num_experts_per_tok: at most the experts, and within REAL_LIMITS.topK. */
function readTopK(r: Reader, experts: number, expertsField: string): number {
  const topK = r.int('num_experts_per_tok');
  if (topK > experts) {
    throw fieldError('num_experts_per_tok', 'hf.topKExceeds', { topK, experts, expertsField });
  }
  return r.limited('num_experts_per_tok', topK, 'topK');
}

/** DeepSeek-style MoE (DeepSeek-V2/V3, Kimi K2, GLM-4.5): dense first layers, routed + shared experts, groups. */
type MoePart = Omit<Read, keyof Base>;

/** `readAttention` is called between the layer fields and the routing fields, so that notes and errors come in the config's order. */
function readDeepseekMoe(r: Reader, base: Base, readAttention: () => Attention): MoePart {
  // Kimi K2 is DeepSeek-V3's architecture (DeepseekV3ForCausalLM); GLM-4.5's MoE is V3's too
  // (sigmoid scores, e_score_correction_bias, groups, routed_scaling_factor).
  const t = base.modelType;
  const v3 = t === 'deepseek_v3' || t === 'kimi_k2' || t === 'glm4_moe';
  const experts = r.limited('n_routed_experts', r.int('n_routed_experts'), 'experts');
  const topK = readTopK(r, experts, 'n_routed_experts');
  const expertWidth = r.int('moe_intermediate_size');
  const sharedExperts = r.limited('n_shared_experts', r.intOrNull('n_shared_experts', 0, 'noShared') ?? 0, 'shared');
  const firstDense = r.int('first_k_dense_replace', 0, { why: 'firstDense' });
  if (firstDense > base.layers) {
    throw fieldError('first_k_dense_replace', 'hf.firstDenseExceeds', { firstDense, layers: base.layers });
  }
  // GLM-4.5's code has no moe_layer_freq: every layer from first_k_dense_replace on is MoE (freq 1).
  const freq = t === 'glm4_moe' ? 1 : r.optionalInt('moe_layer_freq', 1, 1, 'moeAfterDense');
  // DeepSeek's modeling_deepseek.py: layer i is MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0.
  // Multiples of freq in [firstDense, layers): ceil(layers / freq) − ceil(firstDense / freq).
  const moeLayers = Math.ceil(base.layers / freq) - Math.ceil(firstDense / freq);
  const split = layerSplit(base.layers, moeLayers, (i) => i >= firstDense && i % freq === 0);
  const denseWidth = split.denseLayers > 0 ? r.int('intermediate_size', 1, { why: 'denseWidth' }) : 0;
  const attention = readAttention();

  // Routing: the defaults below are those of each model's own config class (GLM-4.5's code always
  // routes as noaux_tc with sigmoid scores; its routed_scaling_factor defaults to 1).
  const glm = t === 'glm4_moe';
  const topkMethod = r.choice('topk_method', ['noaux_tc', 'group_limited_greedy', 'greedy'] as const, v3 ? 'noaux_tc' : 'greedy');
  const scoring = r.choice('scoring_func', ['sigmoid', 'softmax'] as const, v3 ? 'sigmoid' : 'softmax');
  const normTopk = r.flag('norm_topk_prob', v3);
  const scaleRaw = r.real('routed_scaling_factor', v3 && !glm ? 2.5 : 1, 0);
  let nGroup = 1;
  let topkGroup = 1;
  if (topkMethod !== 'greedy') {
    nGroup = r.limited('n_group', r.int('n_group', 1, { why: 'groupsRoute', method: topkMethod }), 'groups');
    topkGroup = r.int('topk_group', 1, { why: 'groupsBest', method: topkMethod });
    if (experts % nGroup !== 0) {
      throw fieldError('n_group', 'hf.groupsUneven', { experts, groups: nGroup });
    }
    if (topkGroup > nGroup) throw fieldError('topk_group', 'hf.topkGroupExceeds', { topkGroup, groups: nGroup });
    const held = topkGroup * (experts / nGroup);
    if (topK > held) {
      throw fieldError('num_experts_per_tok', 'hf.topKExceedsGroups', { topK, held, topkGroup });
    }
  }
  // V3 (DeepSeek's Gate, transformers' DeepseekV3TopkRouter): renormalised whenever norm_topk_prob,
  // at every k (top-1 gives 1 × the scale), then times routed_scaling_factor. V2's code renormalises
  // only when top_k > 1 and norm_topk_prob, and applies the scaling factor only when it does not.
  const normalise = normTopk && (v3 || topK > 1);
  const scale = v3 || !normalise ? scaleRaw : 1;
  const groupScore = topkMethod === 'noaux_tc' ? 'top2-sum' : 'max';
  const router: RouterRule = {
    scoring,
    nGroup,
    topkGroup,
    groupScore,
    normalise,
    scale,
    noise: 0,
    sharedGate: false,
    selectionBias: topkMethod === 'noaux_tc',
  };

  const routed = { experts, topK, expertWidth, sharedExperts, sharedWidth: sharedExperts > 0 ? expertWidth : 0 };
  return {
    attention,
    ...split,
    denseWidth,
    ...routed,
    routerBias: topkMethod === 'noaux_tc',
    expertBias: false,
    sharedGate: false,
    router,
  };
}

export function readDeepseek(r: Reader, base: Base, heads: number): Read {
  const mla = (): MlaAttention => ({
    kind: 'mla',
    heads,
    qLoraRank: r.intOrNull('q_lora_rank', 1, 'noQueryCompression'),
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim'),
    vHeadDim: r.int('v_head_dim'),
    bias: r.flag('attention_bias', false),
  });
  return { ...base, ...readDeepseekMoe(r, base, mla) };
}

/**
 * Grouped-query attention of every non-DeepSeek type, each as its own modeling file builds it:
 *   q/k/v biases: Qwen2-MoE (qkv_bias) and Qwen2 (always); with attention_bias: OLMoE, Qwen3-MoE,
 *   gpt-oss, Llama, Llama 4 (also on o_proj), GLM-4.5 (q, k and v only);
 *   q/k norms: Qwen3-MoE and GLM-4.5 with use_qk_norm (one per head), OLMoE (full projections);
 *   attention sinks: gpt-oss (one logit per head).
 */
function readGqaAttention(r: Reader, base: Base, heads: number): GqaAttention {
  const t = base.modelType;
  const kvHeads = r.optionalInt('num_key_value_heads', 1, heads, 'kvPerQuery');
  if (heads % kvHeads !== 0) {
    throw fieldError('num_key_value_heads', 'hf.kvHeads', { heads, kvHeads });
  }
  let headDim: number;
  const explicitHeadDim = t !== 'olmoe' && has(r.raw, 'head_dim') && r.raw.head_dim !== null;
  if (explicitHeadDim) headDim = r.int('head_dim');
  else {
    // OLMoE's code always uses hidden_size / num_attention_heads.
    if (base.hidden % heads !== 0) {
      const args = { hidden: base.hidden, heads };
      throw t === 'olmoe'
        ? fieldError('num_attention_heads', 'hf.headsNotDividing', args)
        : fieldError('head_dim', 'hf.headDimMissing', args);
    }
    headDim = base.hidden / heads;
    if (t !== 'olmoe') r.derived('head_dim', headDim, 'hidden_size / num_attention_heads');
  }

  let qkvBias = false;
  let oBias = false;
  if (t === 'qwen2_moe') qkvBias = r.flag('qkv_bias', true, 'qkvBias');
  else if (t === 'qwen2') qkvBias = true;
  else if (t === 'glm4_moe') qkvBias = r.flag('attention_bias', false);
  else if (t === 'gpt_oss') qkvBias = oBias = r.flag('attention_bias', true);
  else if (t !== 'mixtral') qkvBias = oBias = r.flag('attention_bias', false);
  let qkNorm: GqaAttention['qkNorm'] = 'none';
  if (t === 'qwen3_moe') qkNorm = 'per-head';
  else if (t === 'olmoe') qkNorm = 'full';
  else if (t === 'glm4_moe') qkNorm = r.flag('use_qk_norm', false) ? 'per-head' : 'none';
  return { kind: 'gqa', heads, kvHeads, headDim, qkvBias, oBias, qkNorm, sinks: t === 'gpt_oss' };
}

/** GLM-4.5 (glm4_moe): DeepSeek-V3's mixture of experts under grouped-query attention. */
export function readGlm(r: Reader, base: Base, heads: number): Read {
  return { ...base, ...readDeepseekMoe(r, base, () => readGqaAttention(r, base, heads)) };
}

/** A dense model (llama, qwen2): every layer a SwiGLU of intermediate_size, no experts, no router. */
export function readDense(r: Reader, base: Base, heads: number): Read {
  const attention = readGqaAttention(r, base, heads);
  const denseWidth = r.int('intermediate_size', 1, { why: 'denseWidth' });
  const router: RouterRule = {
    scoring: 'softmax',
    nGroup: 1,
    topkGroup: 1,
    groupScore: 'max',
    normalise: false,
    scale: 1,
    noise: 0,
    sharedGate: false,
    selectionBias: false,
  };
  const none = { experts: 0, topK: 0, expertWidth: 0, sharedExperts: 0, sharedWidth: 0 };
  const split = layerSplit(base.layers, 0, () => false);
  return { ...base, attention, ...split, denseWidth, ...none, routerBias: false, expertBias: false, sharedGate: false, router };
}

/** Mixtral, Qwen2-MoE, Qwen3-MoE, OLMoE, gpt-oss and Llama 4: grouped-query attention, one router matrix. */
export function readGqaMoe(r: Reader, base: Base, heads: number): Read {
  const t = base.modelType;
  const expertsField = t === 'mixtral' || t === 'gpt_oss' || t === 'llama4' ? 'num_local_experts' : 'num_experts';
  const experts = r.limited(expertsField, r.int(expertsField), 'experts');
  const topK = readTopK(r, experts, expertsField);
  const expertWidth =
    t === 'qwen2_moe' || t === 'qwen3_moe' ? r.int('moe_intermediate_size') : r.int('intermediate_size', 1, { why: 'expertWidth' });
  const attention = readGqaAttention(r, base, heads);

  let split = layerSplit(base.layers, base.layers, () => true);
  if (t === 'qwen2_moe' || t === 'qwen3_moe') {
    // modeling_qwen*_moe.py: layer i is MoE unless listed in mlp_only_layers, and when (i + 1) % decoder_sparse_step == 0.
    const step = r.optionalInt('decoder_sparse_step', 1, 1, 'everyLayerMoe');
    const mlpOnly = new Set(r.layerList('mlp_only_layers', base.layers));
    const sparse = (i: number): boolean => (i + 1) % step === 0;
    // floor(layers / step) sparse layers, less those listed in mlp_only_layers.
    const moeLayers = Math.floor(base.layers / step) - [...mlpOnly].filter(sparse).length;
    split = layerSplit(base.layers, moeLayers, (i) => !mlpOnly.has(i) && sparse(i));
  } else if (t === 'llama4') {
    // transformers' Llama4TextConfig: moe_layers when given, else every interleave_moe_layer_step-th
    // layer counting from 1 (layers step−1, 2·step−1, …): floor(layers / step) of them.
    if (has(r.raw, 'moe_layers') && r.raw.moe_layers !== null) {
      const listed = new Set(r.layerList('moe_layers', base.layers));
      split = layerSplit(base.layers, listed.size, (i) => listed.has(i));
    } else {
      const step = r.optionalInt('interleave_moe_layer_step', 1, 1, 'everyLayerMoe');
      split = layerSplit(base.layers, Math.floor(base.layers / step), (i) => (i + 1) % step === 0);
    }
  }
  // Llama 4's dense layers are wider than its experts: intermediate_size_mlp.
  const denseField = t === 'llama4' ? 'intermediate_size_mlp' : 'intermediate_size';
  const denseWidth = split.denseLayers > 0 ? r.int(denseField, 1, { why: 'denseWidth' }) : 0;

  // Qwen2-MoE: one wide shared expert behind a sigmoid gate; Llama 4: one shared expert as wide as a routed one.
  let sharedWidth = 0;
  if (t === 'qwen2_moe') sharedWidth = r.int('shared_expert_intermediate_size', 0, { why: 'sharedWidth' });
  else if (t === 'llama4') sharedWidth = expertWidth;
  const sharedExperts = sharedWidth > 0 ? 1 : 0;
  const sharedGate = t === 'qwen2_moe';

  // Mixtral and gpt-oss take the top-k logits, then softmax over those k (= softmax, top-k,
  // renormalise); Llama 4 takes sigmoid of its top-k logits as they are; Qwen2/Qwen3-MoE and OLMoE
  // renormalise whenever norm_topk_prob, at every k, as their code does.
  const normalise = t === 'mixtral' || t === 'gpt_oss' ? true : t === 'llama4' ? false : r.flag('norm_topk_prob', false);
  const router: RouterRule = {
    scoring: t === 'llama4' ? 'sigmoid' : 'softmax',
    nGroup: 1,
    topkGroup: 1,
    groupScore: 'max',
    normalise,
    scale: 1,
    noise: 0,
    sharedGate,
    selectionBias: false,
  };

  const routed = { experts, topK, expertWidth, sharedExperts, sharedWidth };
  const gptOss = t === 'gpt_oss';
  return { ...base, attention, ...split, denseWidth, ...routed, routerBias: gptOss, expertBias: gptOss, sharedGate, router };
}
