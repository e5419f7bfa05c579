/**
 * The two families of supported configs, each read into a MoeShape (without its notes, which
 * readMoeConfig adds): DeepSeek-V2/V3 (multi-head latent attention, dense first layers, groups) and
 * the grouped-query-attention MoEs (Mixtral, Qwen2-MoE, Qwen3-MoE, OLMoE).
 */
import { fieldError } from './real-config-messages';
import { has, type Reader } from './real-config-reader';
import type { GqaAttention, MlaAttention, MoeShape, RouterRule } from './real-shape';

export type Base = Pick<MoeShape, 'modelType' | 'vocab' | 'hidden' | 'layers' | 'tied'>;
/** What readDeepseek and readGqaMoe give: a shape without its notes (readMoeConfig adds them). */
type Read = Omit<MoeShape, 'defaults' | 'leftOut'>;

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

export function readDeepseek(r: Reader, base: Base, heads: number): Read {
  const v3 = base.modelType === 'deepseek_v3';
  const experts = r.limited('n_routed_experts', r.int('n_routed_experts'), 'experts');
  const topK = readTopK(r, experts, 'n_routed_experts');
  const expertWidth = r.int('moe_intermediate_size');
  const sharedExperts = r.limited('n_shared_experts', r.intOrNull('n_shared_experts', 0, 'noShared') ?? 0, 'shared');
  const firstDense = r.int('first_k_dense_replace', 0, { why: 'firstDense' });
  if (firstDense > base.layers) {
    throw fieldError('first_k_dense_replace', 'hf.firstDenseExceeds', { firstDense, layers: base.layers });
  }
  const freq = r.optionalInt('moe_layer_freq', 1, 1, 'moeAfterDense');
  // DeepSeek's modeling_deepseek.py: layer i is MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0.
  // Multiples of freq in [firstDense, layers): ceil(layers / freq) − ceil(firstDense / freq).
  const moeLayers = Math.ceil(base.layers / freq) - Math.ceil(firstDense / freq);
  const split = layerSplit(base.layers, moeLayers, (i) => i >= firstDense && i % freq === 0);
  const denseWidth = split.denseLayers > 0 ? r.int('intermediate_size', 1, { why: 'denseWidth' }) : 0;

  const qLoraRank = r.intOrNull('q_lora_rank', 1, 'noQueryCompression');
  const attention: MlaAttention = {
    kind: 'mla',
    heads,
    qLoraRank,
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim'),
    vHeadDim: r.int('v_head_dim'),
    bias: r.flag('attention_bias', false),
  };

  // Routing: the defaults below are those of DeepSeek's own config classes for each version.
  const topkMethod = r.choice('topk_method', ['noaux_tc', 'group_limited_greedy', 'greedy'] as const, v3 ? 'noaux_tc' : 'greedy');
  const scoring = r.choice('scoring_func', ['sigmoid', 'softmax'] as const, v3 ? 'sigmoid' : 'softmax');
  const normTopk = r.flag('norm_topk_prob', v3);
  const scaleRaw = r.real('routed_scaling_factor', v3 ? 2.5 : 1, 0);
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
  return { ...base, attention, ...split, denseWidth, ...routed, routerBias: topkMethod === 'noaux_tc', sharedGate: false, router };
}

/** Mixtral, Qwen2-MoE, Qwen3-MoE and OLMoE: grouped-query attention and softmax routers. */
export function readGqaMoe(r: Reader, base: Base, heads: number): Read {
  const t = base.modelType;
  const expertsField = t === 'mixtral' ? 'num_local_experts' : 'num_experts';
  const experts = r.limited(expertsField, r.int(expertsField), 'experts');
  const topK = readTopK(r, experts, expertsField);
  const expertWidth =
    t === 'mixtral' || t === 'olmoe' ? r.int('intermediate_size', 1, { why: 'expertWidth' }) : r.int('moe_intermediate_size');

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
  else if (t === 'qwen3_moe' || t === 'olmoe') qkvBias = oBias = r.flag('attention_bias', false);
  const attention: GqaAttention = {
    kind: 'gqa',
    heads,
    kvHeads,
    headDim,
    qkvBias,
    oBias,
    qkNorm: t === 'qwen3_moe' ? 'per-head' : t === 'olmoe' ? 'full' : 'none',
  };

  let split = layerSplit(base.layers, base.layers, () => true);
  if (t === 'qwen2_moe' || t === 'qwen3_moe') {
    // modeling_qwen*_moe.py: layer i is MoE unless listed in mlp_only_layers, and when (i + 1) % decoder_sparse_step == 0.
    const step = r.optionalInt('decoder_sparse_step', 1, 1, 'everyLayerMoe');
    const mlpOnly = new Set(r.layerList('mlp_only_layers', base.layers));
    const sparse = (i: number): boolean => (i + 1) % step === 0;
    // floor(layers / step) sparse layers, less those listed in mlp_only_layers.
    const moeLayers = Math.floor(base.layers / step) - [...mlpOnly].filter(sparse).length;
    split = layerSplit(base.layers, moeLayers, (i) => !mlpOnly.has(i) && sparse(i));
  }
  const denseWidth = split.denseLayers > 0 ? r.int('intermediate_size', 1, { why: 'denseWidth' }) : 0;

  const sharedWidth = t === 'qwen2_moe' ? r.int('shared_expert_intermediate_size', 0, { why: 'sharedWidth' }) : 0;
  const sharedExperts = sharedWidth > 0 ? 1 : 0;
  const sharedGate = t === 'qwen2_moe';

  // Mixtral always renormalises; Qwen2/Qwen3-MoE and OLMoE whenever norm_topk_prob, at every k, as their code does.
  const normalise = t === 'mixtral' ? true : r.flag('norm_topk_prob', false);
  const router: RouterRule = {
    scoring: 'softmax',
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
  return { ...base, attention, ...split, denseWidth, ...routed, routerBias: false, sharedGate, router };
}
