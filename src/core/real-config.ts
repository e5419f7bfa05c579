/**
 * Reads a Hugging Face style `config.json` of a mixture-of-experts language model into the plain
 * shape that the counting (params.ts) and the routing (real-route.ts) work from. Pure TypeScript:
 * no DOM, no tfjs.
 *
 * Supported `model_type`s, with the module that defines their weights:
 *   deepseek_v3, deepseek_v2   DeepSeek's modeling_deepseek.py (and transformers' port): multi-head
 *                              latent attention (MLA), first_k_dense_replace dense layers, routed +
 *                              shared experts, group-limited routing.
 *   mixtral                    transformers' modeling_mixtral.py: grouped-query attention, 8 experts.
 *   qwen2_moe                  modeling_qwen2_moe.py: q/k/v biases, one wide shared expert with a
 *                              sigmoid gate, decoder_sparse_step and mlp_only_layers.
 *   qwen3_moe                  modeling_qwen3_moe.py: per-head q/k RMS norms, no shared expert.
 *   olmoe                      modeling_olmoe.py: q/k RMS norms over the full projections.
 *   kimi_k2                    Moonshot's Kimi K2: DeepSeek-V3's architecture (DeepseekV3ForCausalLM).
 *   glm4_moe                   modeling_glm4_moe.py (GLM-4.5): DeepSeek-V3's MoE (sigmoid, selection
 *                              bias, dense first layers, a shared expert) under grouped-query attention.
 *   gpt_oss                    modeling_gpt_oss.py: biases on attention and on every expert, a router
 *                              bias, one attention-sink logit per head.
 *   llama4                     modeling_llama4.py (text part, nested in text_config): a shared
 *                              expert beside the routed ones, sigmoid top-k, MoE every
 *                              interleave_moe_layer_step-th layer and wider dense layers in between.
 *   llama, qwen2               dense models (no experts): every weight works for every token.
 *
 * The rules, so that nothing is guessed silently:
 *   - A field that decides a size must be present and be a whole number; if not, the error names it.
 *   - A field whose absence has a meaning written in the model's own code (no num_key_value_heads =
 *     one key/value head per query head; no head_dim = hidden_size / num_attention_heads; no
 *     tie_word_embeddings = untied) takes that meaning, and the reader lists it in `defaults` so the
 *     page can show what was assumed.
 *   - Left out, and said so in `leftOut`: multi-token-prediction modules (DeepSeek-V3's
 *     num_nextn_predict_layers) and vision towers (vision_config), as the published headline totals do.
 * Both lists are notes with a code and arguments each (RealNoteMessages, see ./coded), from which
 * the page words them in its language.
 *
 * A config without model_type is read as the type its `architectures` or its fields tell, and
 * says so in `reading` (real-infer.ts), which also lists the fields this page does not know (ignored).
 *
 * Here the entry point and the common fields; the fields' rules in real-config-reader.ts, each
 * family's fields in real-families.ts, the shape read in real-shape.ts, the errors and notes in
 * real-config-messages.ts (all re-exported from here).
 */
import { describe, has, Reader, type Raw } from './real-config-reader';
import { ConfigFieldError, fieldError, MAX_LAYERS, note, type RealNote } from './real-config-messages';
import { readDeepseek, readDense, readGlm, readGqaMoe } from './real-families';
import { EXPERT_FIELDS, inferModelType, MAX_IGNORED_LISTED, NEEDED_FIELDS, SUPPORTED, unknownFields } from './real-infer';
import { MODEL_TYPES, type ModelType, type MoeShape } from './real-shape';

export * from './real-config-messages';
export * from './real-shape';

const READERS: Record<ModelType, typeof readGqaMoe> = {
  deepseek_v3: readDeepseek,
  deepseek_v2: readDeepseek,
  kimi_k2: readDeepseek,
  glm4_moe: readGlm,
  mixtral: readGqaMoe,
  qwen2_moe: readGqaMoe,
  qwen3_moe: readGqaMoe,
  olmoe: readGqaMoe,
  gpt_oss: readGqaMoe,
  llama4: readGqaMoe,
  llama: readDense,
  qwen2: readDense,
};

/** The model type of `raw`: its own model_type, or the one its architecture or fields tell (with a note saying so). */
function modelTypeOf(raw: Raw, reading: RealNote[]): ModelType {
  const needs = { supported: SUPPORTED, needs: NEEDED_FIELDS.join(', '), experts: EXPERT_FIELDS.join(', ') };
  if (!has(raw, 'model_type')) {
    const inferred = inferModelType(raw);
    if (!inferred) throw fieldError('model_type', 'hf.modelTypeMissing', needs);
    reading.push(note('read.inferred', { type: inferred.type, from: inferred.from, evidence: inferred.evidence.join(', ') }));
    return inferred.type;
  }
  const type = raw.model_type;
  if (typeof type !== 'string' || !(MODEL_TYPES as readonly string[]).includes(type)) {
    const got = describe(type);
    throw fieldError('model_type', 'hf.modelTypeUnsupported', { got, ...needs });
  }
  return type as ModelType;
}

/** Reads and checks a config; throws a ConfigFieldError naming the first field at fault. */
export function readMoeConfig(input: unknown): MoeShape {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describe(input);
    throw fieldError('config', 'hf.notObject', { got });
  }
  const raw = input as Raw;
  const reading: RealNote[] = [];
  const modelType = modelTypeOf(raw, reading);
  // Llama 4 nests its language model's fields in text_config (its vision tower in vision_config).
  let fields = raw;
  if (modelType === 'llama4') {
    const text = raw.text_config;
    if (typeof text !== 'object' || text === null || Array.isArray(text)) {
      if (!has(raw, 'text_config')) throw fieldError('text_config', 'hf.missing', { field: 'text_config' });
      throw fieldError('text_config', 'hf.fieldNotObject', { field: 'text_config', got: describe(text) });
    }
    fields = text as Raw;
  }
  const unknown = unknownFields(raw, fields === raw ? null : fields);
  if (unknown.length) {
    const fieldsListed = unknown.slice(0, MAX_IGNORED_LISTED).join(', ');
    reading.push(note('read.ignored', { fields: fieldsListed, more: Math.max(0, unknown.length - MAX_IGNORED_LISTED) }));
  }
  try {
    return readFields(raw, fields, modelType, reading);
  } catch (e) {
    // A field of Llama 4's text_config: the page points into text_config.
    if (fields !== raw && e instanceof ConfigFieldError && e.field !== 'config') e.within = 'text_config';
    throw e;
  }
}

function readFields(raw: Raw, fields: Raw, modelType: ModelType, reading: RealNote[]): MoeShape {
  const r = new Reader(fields);
  const vocab = r.int('vocab_size');
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers', 1, null, MAX_LAYERS);
  const heads = r.int('num_attention_heads');
  const tied = r.flag('tie_word_embeddings', false, 'untied');

  const leftOut: RealNote[] = [];
  const mtp = fields.num_nextn_predict_layers;
  if (typeof mtp === 'number' && mtp > 0) {
    leftOut.push(note('leftOut.mtp', { layers: mtp }));
  }
  if (has(raw, 'vision_config')) leftOut.push(note('leftOut.vision', {}));

  const base = { modelType, vocab, hidden, layers, tied };
  const shape = READERS[modelType](r, base, heads);
  return { ...shape, defaults: r.defaults, leftOut, reading };
}
