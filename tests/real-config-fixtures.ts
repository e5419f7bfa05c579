/**
 * Small-width real configs (Mixtral and DeepSeek-V3 shapes at hidden size 64) that the limit tests
 * grow to the sizes that once froze the scale page: tests/core/real-limits.test.ts and
 * tests/e2e/scale-limits.test.ts; and the published configs of Qwen1.5-MoE-A2.7B, Qwen3-30B-A3B and
 * OLMoE-1B-7B (the size fields of their presets, which params-real.test.ts checks), which the
 * counting, note and pasted-config tests read.
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
export const QWEN2 = {
  model_type: 'qwen2_moe',
  vocab_size: 151936,
  hidden_size: 2048,
  intermediate_size: 5632,
  moe_intermediate_size: 1408,
  shared_expert_intermediate_size: 5632,
  num_experts: 60,
  num_experts_per_tok: 4,
  num_hidden_layers: 24,
  num_attention_heads: 16,
  num_key_value_heads: 16,
  decoder_sparse_step: 1,
  mlp_only_layers: [],
  norm_topk_prob: false,
  tie_word_embeddings: false,
};
export const QWEN3 = {
  model_type: 'qwen3_moe',
  vocab_size: 151936,
  hidden_size: 2048,
  intermediate_size: 6144,
  moe_intermediate_size: 768,
  num_experts: 128,
  num_experts_per_tok: 8,
  num_hidden_layers: 48,
  num_attention_heads: 32,
  num_key_value_heads: 4,
  head_dim: 128,
  decoder_sparse_step: 1,
  mlp_only_layers: [],
  norm_topk_prob: true,
  tie_word_embeddings: false,
  attention_bias: false,
};
export const OLMOE = {
  model_type: 'olmoe',
  vocab_size: 50304,
  hidden_size: 2048,
  intermediate_size: 1024,
  num_hidden_layers: 16,
  num_attention_heads: 16,
  num_key_value_heads: 16,
  num_experts: 64,
  num_experts_per_tok: 8,
  tie_word_embeddings: false,
  attention_bias: false,
  norm_topk_prob: false,
};
