/**
 * Small-width real configs (Mixtral and DeepSeek-V3 shapes at hidden size 64) that the limit tests
 * grow to the sizes that once froze the scale page: tests/core/real-limits.test.ts and
 * tests/e2e/scale-limits.test.ts.
 */
export const MIXTRAL = {
  model_type: 'mixtral',
  vocab_size: 32000,
  hidden_size: 64,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 8,
  num_key_value_heads: 8,
};
export const V3 = {
  model_type: 'deepseek_v3',
  vocab_size: 129280,
  hidden_size: 64,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  num_hidden_layers: 61,
  first_k_dense_replace: 3,
  num_attention_heads: 128,
  q_lora_rank: 1536,
  kv_lora_rank: 512,
  qk_nope_head_dim: 128,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  n_shared_experts: 1,
  num_experts_per_tok: 8,
};
