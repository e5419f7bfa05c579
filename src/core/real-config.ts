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
 * Here the entry point and the common fields; the fields' rules in real-config-reader.ts, each
 * family's fields in real-families.ts, the shape read in real-shape.ts, the errors and notes in
 * real-config-messages.ts (all re-exported from here).
 */
import { describe, has, Reader, type Raw } from './real-config-reader';
import { fieldError, MAX_LAYERS, note, type RealNote } from './real-config-messages';
import { readDeepseek, readGqaMoe } from './real-families';
import { MODEL_TYPES, type ModelType, type MoeShape } from './real-shape';

export * from './real-config-messages';
export * from './real-shape';

/** Reads and checks a config; throws a ConfigFieldError naming the first field at fault. */
export function readMoeConfig(input: unknown): MoeShape {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describe(input);
    throw fieldError('config', 'hf.notObject', { got });
  }
  const raw = input as Raw;
  const supported = MODEL_TYPES.join(', ');
  if (!has(raw, 'model_type')) {
    throw fieldError('model_type', 'hf.modelTypeMissing', { supported });
  }
  const type = raw.model_type;
  if (typeof type !== 'string' || !(MODEL_TYPES as readonly string[]).includes(type)) {
    const got = describe(type);
    throw fieldError('model_type', 'hf.modelTypeUnsupported', { got, supported });
  }
  const r = new Reader(raw);
  const modelType = type as ModelType;
  const vocab = r.int('vocab_size');
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers', 1, null, MAX_LAYERS);
  const heads = r.int('num_attention_heads');
  const tied = r.flag('tie_word_embeddings', false, 'untied');

  const leftOut: RealNote[] = [];
  const mtp = raw.num_nextn_predict_layers;
  if (typeof mtp === 'number' && mtp > 0) {
    leftOut.push(note('leftOut.mtp', { layers: mtp }));
  }
  if (has(raw, 'vision_config')) leftOut.push(note('leftOut.vision', {}));

  const base = { modelType, vocab, hidden, layers, tied };
  const shape = modelType === 'deepseek_v3' || modelType === 'deepseek_v2' ? readDeepseek(r, base, heads) : readGqaMoe(r, base, heads);
  return { ...shape, defaults: r.defaults, leftOut };
}
