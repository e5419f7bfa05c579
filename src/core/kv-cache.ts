/**
 * Key-value cache sizes of four kinds of attention, as in Table 1 of the DeepSeek-V2 paper
 * (arXiv 2405.04434). Plain TypeScript: no tfjs, no DOM.
 *
 * While a model writes, every earlier token's keys and values are kept (cached) in every layer, so
 * that a new token only computes its own. Per token, with n_h heads of width d_h in each of l layers:
 *
 *   multi-head attention (MHA)        2 · n_h · d_h · l     every head has its own key and value
 *   grouped-query attention (GQA)     2 · n_g · d_h · l     n_g key-value heads, each shared by n_h/n_g query heads
 *   multi-query attention (MQA)       2 · d_h · l           one key-value head shared by all
 *   multi-head latent attention (MLA) (d_c + d_h^R) · l     one latent vector of d_c numbers, from which the keys
 *                                                           and values of all heads are rebuilt, plus one small
 *                                                           rotary key of d_h^R numbers shared by all heads
 *
 * DeepSeek-V2 and V3 use d_c = 4·d_h = 512 and d_h^R = d_h/2 = 64, so MLA keeps 9/2·d_h·l: as much
 * as GQA with 2.25 groups. V3: (512 + 64) · 61 = 35,136 numbers per token.
 */

import type { CodeOf } from './coded';

export const ATTENTION_KINDS = ['mha', 'gqa', 'mqa', 'mla'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** The shape that decides an attention layer's cache. */
export interface AttentionShape {
  /** l: layers with attention. */
  layers: number;
  /** n_h: query heads per layer. */
  heads: number;
  /** d_h: width of one head's key (and value). */
  headDim: number;
  /** n_g: key-value heads (groups) for grouped-query attention. */
  kvGroups: number;
  /** d_c: width of the cached latent vector (DeepSeek's kv_lora_rank). */
  latentDim: number;
  /** d_h^R: width of the decoupled rotary key (DeepSeek's qk_rope_head_dim); 0 when there is none. */
  ropeDim: number;
}

export interface KvPreset {
  id: string;
  name: string;
  /** Which attention the model really uses; the other rows are what-ifs with the same heads. */
  native: AttentionKind;
  shape: AttentionShape;
  /** Longest context the model was published with, in tokens. (Where the numbers come from is in the ui's catalogue, by id.) */
  maxContext: number;
}

/**
 * DeepSeek-V3's attention. config.json: num_hidden_layers 61, num_attention_heads 128,
 * qk_nope_head_dim = v_head_dim = 128, kv_lora_rank 512, qk_rope_head_dim 64. Technical report arXiv 2412.19437.
 */
const V3_SHAPE: AttentionShape = Object.freeze({ layers: 61, heads: 128, headDim: 128, kvGroups: 8, latentDim: 512, ropeDim: 64 });

/**
 * The presets. Numbers from the published configs (Hugging Face config.json) and papers; copied
 * here so that a clone of the project works on its own.
 */
export const KV_PRESETS: readonly KvPreset[] = Object.freeze([
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    native: 'mla',
    shape: V3_SHAPE,
    maxContext: 131072,
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    native: 'mla',
    // config.json: num_hidden_layers 60, 128 heads of 128, kv_lora_rank 512, qk_rope_head_dim 64. arXiv 2405.04434.
    shape: { layers: 60, heads: 128, headDim: 128, kvGroups: 8, latentDim: 512, ropeDim: 64 },
    maxContext: 131072,
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    native: 'gqa',
    // config.json: num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 8, hidden 4096 / 32 heads = 128.
    shape: { layers: 32, heads: 32, headDim: 128, kvGroups: 8, latentDim: 512, ropeDim: 64 },
    maxContext: 32768,
  },
  {
    id: 'mha-v3-width',
    name: 'Plain multi-head, DeepSeek-V3’s size',
    native: 'mha',
    shape: V3_SHAPE,
    maxContext: 131072,
  },
]);

/** The toy attention layer on the page (one layer, 4 heads of 8, no rotary part), with its current d_c. */
export function toyPreset(
  latentDim: number,
  shape: { heads: number; headDim: number; maxContext: number } = { heads: 4, headDim: 8, maxContext: 64 },
): KvPreset {
  return {
    id: 'toy',
    name: 'toy',
    native: 'mla',
    shape: { layers: 1, heads: shape.heads, headDim: shape.headDim, kvGroups: Math.max(1, shape.heads / 2), latentDim, ropeDim: 0 },
    maxContext: shape.maxContext,
  };
}

/** Cached numbers (elements) per token in one layer. */
export function perTokenPerLayer(kind: AttentionKind, s: AttentionShape): number {
  switch (kind) {
    case 'mha':
      return 2 * s.heads * s.headDim;
    case 'gqa':
      return 2 * s.kvGroups * s.headDim;
    case 'mqa':
      return 2 * s.headDim;
    case 'mla':
      return s.latentDim + s.ropeDim;
  }
}

/** Cached numbers per token over all layers: the quantity of Table 1. */
export function perToken(kind: AttentionKind, s: AttentionShape): number {
  return perTokenPerLayer(kind, s) * s.layers;
}

/** Cached numbers for `tokens` tokens of context in each of `batch` sequences. */
export function cacheElements(kind: AttentionKind, s: AttentionShape, tokens: number, batch = 1): number {
  return perToken(kind, s) * tokens * batch;
}

export const PRECISIONS = {
  fp32: { label: 'fp32 (4 bytes)', bytes: 4 },
  bf16: { label: 'bf16 (2 bytes)', bytes: 2 },
  fp16: { label: 'fp16 (2 bytes)', bytes: 2 },
  fp8: { label: 'fp8 (1 byte)', bytes: 1 },
} as const;
export type Precision = keyof typeof PRECISIONS;

export function cacheBytes(elements: number, precision: Precision): number {
  return elements * PRECISIONS[precision].bytes;
}

/** The formula of each row, in the paper's notation. */
export const FORMULAS: Readonly<Record<AttentionKind, string>> = {
  mha: '2 · n_h · d_h · l',
  gqa: '2 · n_g · d_h · l',
  mqa: '2 · d_h · l',
  mla: '(d_c + d_h^R) · l',
};

export const KIND_NAMES: Readonly<Record<AttentionKind, string>> = {
  mha: 'Multi-head (MHA)',
  gqa: 'Grouped-query (GQA)',
  mqa: 'Multi-query (MQA)',
  mla: 'Multi-head latent (MLA)',
};

/** The formula with the shape's numbers put in, e.g. "(512 + 64) · 61". */
export function formulaWithNumbers(kind: AttentionKind, s: AttentionShape): string {
  switch (kind) {
    case 'mha':
      return `2 · ${s.heads} · ${s.headDim} · ${s.layers}`;
    case 'gqa':
      return `2 · ${s.kvGroups} · ${s.headDim} · ${s.layers}`;
    case 'mqa':
      return `2 · ${s.headDim} · ${s.layers}`;
    case 'mla':
      return `(${s.latentDim} + ${s.ropeDim}) · ${s.layers}`;
  }
}

/** Binary units: 1 KiB = 1,024 bytes, 1 MiB = 1,024 KiB, 1 GiB = 1,024 MiB, 1 TiB = 1,024 GiB. */
const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in binary units with three significant figures, e.g. 9,210,691,584 → "8.58 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let u = 0;
  let v = bytes;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${v} ${v === 1 ? 'byte' : 'bytes'}`;
  const text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${text} ${UNITS[u]}`;
}

export const LIMITS = { minContext: 1, maxContext: 131072, minBatch: 1, maxBatch: 1024 } as const;

/** The typed numbers checkWhole is asked about (the catalogue names each). */
export type KvLabel = 'context' | 'batch' | 'seed';
/** The units a range can be given in (none: ''). */
export type KvUnit = 'tokens';

/**
 * The messages of checkWhole, by code, with their arguments (see ./coded). `label` and `unit` are
 * keys, so the page's catalogue words every part in its own language.
 */
export interface KvMessages {
  'kv.notNumber': { label: KvLabel; min: number; max: number; unit: KvUnit | '' };
  'kv.notWhole': { label: KvLabel; min: number; max: number; unit: KvUnit | ''; value: number };
  'kv.outOfRange': { label: KvLabel; min: number; max: number; unit: KvUnit | ''; value: number };
}
export type KvCode = keyof KvMessages;

export type Checked = { ok: true; value: number } | ({ ok: false } & CodeOf<KvMessages>);

/** Checks a typed whole number against a range; a refusal is a code and its arguments, for the page to word. */
export function checkWhole(input: unknown, label: KvLabel, min: number, max: number, unit: KvUnit | '' = ''): Checked {
  const text = typeof input === 'string' ? input.trim() : input;
  const v = typeof text === 'string' ? (text === '' ? Number.NaN : Number(text)) : typeof text === 'number' ? text : Number.NaN;
  const fail = <C extends KvCode>(code: C, args: KvMessages[C]): Checked => ({ ok: false, code, args }) as Checked;
  if (!Number.isFinite(v)) return fail('kv.notNumber', { label, min, max, unit });
  if (!Number.isInteger(v)) return fail('kv.notWhole', { label, min, max, unit, value: v });
  if (v < min || v > max) return fail('kv.outOfRange', { label, min, max, unit, value: v });
  return { ok: true, value: v };
}
