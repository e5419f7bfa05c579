/**
 * What a config without `model_type` is read as (real-config.ts), and which of its fields this page
 * does not know. Pure functions of the parsed JSON: no DOM, no words (the page words the notes).
 *
 * The model type is taken, in this order, from:
 *   1. `architectures`, when it names a supported class (DeepseekV3ForCausalLM → deepseek_v3, …);
 *   2. the fields only one family has:
 *        text_config with num_local_experts, intermediate_size_mlp or
 *          interleave_moe_layer_step                         → llama4
 *        kv_lora_rank, q_lora_rank or qk_rope_head_dim (MLA) → deepseek_v3 when its routing is V3's
 *          (topk_method noaux_tc, scoring_func sigmoid, or num_nextn_predict_layers), deepseek_v2 when
 *          it is V2's (topk_method greedy / group_limited_greedy, scoring_func softmax), else deepseek_v3
 *        n_routed_experts or first_k_dense_replace without MLA → glm4_moe
 *        num_local_experts                                   → gpt_oss with a field only gpt-oss has
 *          (swiglu_limit, layer_types, experts_per_token, initial_context_length) or attention_bias
 *          true (Mixtral has no biases), else mixtral
 *        num_experts                                         → qwen2_moe with
 *          shared_expert_intermediate_size, qwen3_moe with moe_intermediate_size, else olmoe
 *        intermediate_size (dense)                           → qwen2 with use_sliding_window or
 *          max_window_layers, else llama.
 * A DeepSeek-V3 shape with Moonshot's 163,840-entry vocabulary is Kimi K2 (kimi_k2, whose config
 * names DeepseekV3ForCausalLM): both are read by the same rules, so the counts do not depend on it.
 * The note names the evidence, so the reading is never a silent guess.
 */
import { has, type Raw } from './real-config-reader';
import { MODEL_TYPES, type ModelType } from './real-shape';

export interface Inferred {
  type: ModelType;
  from: 'architectures' | 'fields';
  /** The fields (or the architecture) that decided it, as the note lists them. */
  evidence: string[];
}

/** Class-name prefixes of `architectures`, most specific first (Qwen2Moe before Qwen2, Llama4 before Llama). */
const ARCHITECTURES: readonly [string, ModelType][] = [
  ['DeepseekV3', 'deepseek_v3'],
  ['DeepseekV2', 'deepseek_v2'],
  ['Mixtral', 'mixtral'],
  ['Qwen2Moe', 'qwen2_moe'],
  ['Qwen3Moe', 'qwen3_moe'],
  ['Olmoe', 'olmoe'],
  ['Glm4Moe', 'glm4_moe'],
  ['GptOss', 'gpt_oss'],
  ['Llama4', 'llama4'],
  ['Llama', 'llama'],
  ['Qwen2', 'qwen2'],
];

/** Moonshot's tokenizer (Kimi K2): 163,840 entries. */
const KIMI_VOCAB = 163_840;

/** The fields every type needs, and those that tell a mixture of experts (for the messages that say what a config would need). */
export const NEEDED_FIELDS = ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size'] as const;
export const EXPERT_FIELDS = ['num_local_experts', 'num_experts', 'n_routed_experts'] as const;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function fromArchitecture(raw: Raw): Inferred | null {
  const list = raw.architectures;
  if (!Array.isArray(list)) return null;
  for (const name of list) {
    if (typeof name !== 'string') continue;
    const hit = ARCHITECTURES.find(([prefix]) => new RegExp(`^${prefix}(?:For|Model)`).test(name));
    if (hit) return kimi({ type: hit[1], from: 'architectures', evidence: [`architectures = ${name}`] }, raw);
  }
  return null;
}

/** deepseek_v3 with Kimi K2's vocabulary → kimi_k2. */
function kimi(i: Inferred, raw: Raw): Inferred {
  if (i.type !== 'deepseek_v3' || raw.vocab_size !== KIMI_VOCAB) return i;
  return { ...i, type: 'kimi_k2', evidence: [...i.evidence, `vocab_size = ${KIMI_VOCAB}`] };
}

const present = (raw: Raw, fields: readonly string[]): string[] => fields.filter((f) => has(raw, f));

function deepseek(raw: Raw, mla: string[]): Inferred {
  const method = raw.topk_method;
  const scoring = raw.scoring_func;
  const v3: string[] = [];
  const v2: string[] = [];
  if (method === 'noaux_tc') v3.push('topk_method = noaux_tc');
  if (method === 'greedy' || method === 'group_limited_greedy') v2.push(`topk_method = ${method}`);
  if (scoring === 'sigmoid') v3.push('scoring_func = sigmoid');
  if (scoring === 'softmax') v2.push('scoring_func = softmax');
  if (has(raw, 'num_nextn_predict_layers')) v3.push('num_nextn_predict_layers');
  const isV2 = v2.length > 0 && v3.length === 0;
  const type: ModelType = isV2 ? 'deepseek_v2' : 'deepseek_v3';
  return kimi({ type, from: 'fields', evidence: [...mla, ...(isV2 ? v2 : v3)] }, raw);
}

function fromFields(raw: Raw): Inferred | null {
  const is = (type: ModelType, evidence: string[]): Inferred => ({ type, from: 'fields', evidence });
  const text = raw.text_config;
  if (isObject(text)) {
    const l4 = present(text, ['num_local_experts', 'intermediate_size_mlp', 'interleave_moe_layer_step']);
    if (l4.length || text.model_type === 'llama4_text')
      return is('llama4', l4.length ? l4.map((f) => `text_config.${f}`) : ['text_config.model_type']);
  }
  const mla = present(raw, ['kv_lora_rank', 'q_lora_rank', 'qk_rope_head_dim']);
  if (mla.length) return deepseek(raw, mla);
  const glm = present(raw, ['n_routed_experts', 'first_k_dense_replace', 'n_shared_experts']);
  if (glm.length) return is('glm4_moe', glm);
  if (has(raw, 'num_local_experts')) {
    const oss = present(raw, ['swiglu_limit', 'layer_types', 'experts_per_token', 'initial_context_length']);
    if (raw.attention_bias === true) oss.push('attention_bias = true');
    return oss.length ? is('gpt_oss', ['num_local_experts', ...oss]) : is('mixtral', ['num_local_experts']);
  }
  if (has(raw, 'num_experts')) {
    if (has(raw, 'shared_expert_intermediate_size')) return is('qwen2_moe', ['num_experts', 'shared_expert_intermediate_size']);
    if (has(raw, 'moe_intermediate_size')) return is('qwen3_moe', ['num_experts', 'moe_intermediate_size']);
    return is('olmoe', ['num_experts']);
  }
  if (has(raw, 'intermediate_size') && has(raw, 'hidden_size')) {
    const qwen = present(raw, ['use_sliding_window', 'max_window_layers']);
    return qwen.length ? is('qwen2', ['intermediate_size', ...qwen]) : is('llama', ['intermediate_size']);
  }
  return null;
}

/** The model type of a config that gives none, and why; null when neither its architecture nor its fields tell. */
export function inferModelType(raw: Raw): Inferred | null {
  return fromArchitecture(raw) ?? fromFields(raw);
}

/**
 * Every field some supported type reads (real-config-reader.ts, real-families.ts), and the usual
 * fields of a Hugging Face config that do not change the number of weights (positions, norms'
 * epsilon, token ids, dtype, dropout, …). Anything else is ignored with a note.
 */
const READ_FIELDS = [
  'model_type',
  'architectures',
  'text_config',
  'vision_config',
  'vocab_size',
  'hidden_size',
  'num_hidden_layers',
  'num_attention_heads',
  'num_key_value_heads',
  'head_dim',
  'intermediate_size',
  'intermediate_size_mlp',
  'moe_intermediate_size',
  'shared_expert_intermediate_size',
  'num_local_experts',
  'num_experts',
  'n_routed_experts',
  'n_shared_experts',
  'num_experts_per_tok',
  'first_k_dense_replace',
  'moe_layer_freq',
  'q_lora_rank',
  'kv_lora_rank',
  'qk_nope_head_dim',
  'qk_rope_head_dim',
  'v_head_dim',
  'n_group',
  'topk_group',
  'topk_method',
  'scoring_func',
  'norm_topk_prob',
  'routed_scaling_factor',
  'attention_bias',
  'qkv_bias',
  'use_qk_norm',
  'decoder_sparse_step',
  'mlp_only_layers',
  'moe_layers',
  'interleave_moe_layer_step',
  'tie_word_embeddings',
  'num_nextn_predict_layers',
];
const UNCOUNTED_FIELDS = [
  'max_position_embeddings',
  'sliding_window',
  'use_sliding_window',
  'max_window_layers',
  'layer_types',
  'rope_theta',
  'rope_scaling',
  'rms_norm_eps',
  'layer_norm_eps',
  'norm_eps',
  'hidden_act',
  'initializer_range',
  'attention_dropout',
  'hidden_dropout',
  'bos_token_id',
  'eos_token_id',
  'pad_token_id',
  'torch_dtype',
  'dtype',
  'transformers_version',
  'use_cache',
  'output_router_logits',
  'router_aux_loss_coef',
  'router_z_loss_coef',
  'aux_loss_alpha',
  'seq_aux',
  'ep_size',
  'pretraining_tp',
  'mlp_bias',
  'auto_map',
  'quantization_config',
  'swiglu_limit',
  'experts_per_token',
  'initial_context_length',
  'clip_qkv',
  'partial_rotary_factor',
  'rope_interleave',
  'attention_chunk_size',
  'no_rope_layers',
  'attn_temperature_tuning',
  'floor_scale',
  'attn_scale',
  'router_jitter_noise',
  'output_attentions',
  'output_hidden_states',
  'boi_token_index',
  'eoi_token_index',
  'image_token_index',
  'name_or_path',
  '_name_or_path',
  'bos_token',
  'eos_token',
  'use_return_dict',
  'router_dtype',
  'rope_parameters',
  'num_key_value_groups',
];
const KNOWN = new Set<string>([...READ_FIELDS, ...UNCOUNTED_FIELDS]);

/** Most ignored fields a note names; the rest are counted ("and 3 more"). */
export const MAX_IGNORED_LISTED = 8;

/** The fields of `raw` (and of `nested`, as "text_config.x") that this page neither reads nor knows to leave out. */
export function unknownFields(raw: Raw, nested: Raw | null): string[] {
  const out = Object.keys(raw).filter((k) => !KNOWN.has(k));
  if (nested) for (const k of Object.keys(nested)) if (!KNOWN.has(k)) out.push(`text_config.${k}`);
  return out;
}

/** The supported model types, as the messages list them. */
export const SUPPORTED = MODEL_TYPES.join(', ');
