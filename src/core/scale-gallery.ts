/**
 * The real-scale page's gallery: every preset (presets.ts) and the toy as one list of rows, each
 * counted by the same code as the rest of the page (scale-model.ts, params.ts), with the key-value
 * cache one token adds, by the memory page's formulas (kv-cache.ts). Plain TypeScript: no DOM.
 *
 * The cache's kind and shape come from the config (kvCacheOf): multi-head latent attention
 * (DeepSeek-V2/V3, Kimi K2) keeps kv_lora_rank + qk_rope_head_dim numbers per layer; grouped-query
 * attention keeps a key and a value of head_dim for each of num_key_value_heads (multi-head when
 * that equals num_attention_heads, multi-query when it is 1). Every layer is counted for every token,
 * as Table 1 of the DeepSeek-V2 paper does: a layer with a sliding window keeps no more than its
 * window, so past that length such a model's cache grows by less.
 */
import { PRECISIONS, perToken, type AttentionKind, type AttentionShape, type Precision } from './kv-cache';
import { PRESETS } from './presets';
import type { Attention } from './real-shape';
import { readMoeConfig } from './real-config';
import { scaleModelFromConfig, type ScaleModel } from './scale-model';

/** The attention a model caches, as the memory page's formulas take it. */
export interface KvCache {
  kind: AttentionKind;
  shape: AttentionShape;
}

/**
 * The cache's kind and shape of an attention read from a config, over `layers` layers. For MLA the
 * head width is qk_nope_head_dim (kv-cache.ts's d_h) and there are no groups (kvGroups = heads).
 */
export function kvCacheOf(attention: Attention, layers: number): KvCache {
  if (attention.kind === 'mla') {
    return {
      kind: 'mla',
      shape: {
        layers,
        heads: attention.heads,
        headDim: attention.qkNopeHeadDim,
        kvGroups: attention.heads,
        latentDim: attention.kvLoraRank,
        ropeDim: attention.qkRopeHeadDim,
      },
    };
  }
  const kind: AttentionKind = attention.kvHeads === attention.heads ? 'mha' : attention.kvHeads === 1 ? 'mqa' : 'gqa';
  return {
    kind,
    shape: { layers, heads: attention.heads, headDim: attention.headDim, kvGroups: attention.kvHeads, latentDim: 0, ropeDim: 0 },
  };
}

/** The same from a config.json (throws the reader's ConfigFieldError for a config it cannot read). */
export function kvCacheOfConfig(config: unknown): KvCache {
  const s = readMoeConfig(config);
  return kvCacheOf(s.attention, s.layers);
}

/** The precision the gallery's cache is given in: bf16, two bytes a number. */
export const GALLERY_PRECISION: Precision = 'bf16';

/** One model of the gallery. */
export interface GalleryRow {
  id: string;
  /** A preset's name; the toy's is worded by the page. */
  name: string;
  kind: 'real' | 'toy';
  total: number;
  /** Active for one token, input embedding counted (the toy's convention). */
  active: number;
  /** active / total. */
  activeShare: number;
  /** Routed experts per MoE layer, chosen per token, always-on (shared) per MoE layer; 0 for a dense model. */
  experts: number;
  topK: number;
  shared: number;
  /** The key-value cache of one token, or null where the model has no attention (the toy). */
  kv: { kind: AttentionKind; elements: number; bytes: number } | null;
}

/** One row from a counted model. */
export function galleryRow(m: ScaleModel, precision: Precision = GALLERY_PRECISION): GalleryRow {
  let kv: GalleryRow['kv'] = null;
  if (m.attention) {
    const c = kvCacheOf(m.attention, m.layers);
    const elements = perToken(c.kind, c.shape);
    kv = { kind: c.kind, elements, bytes: elements * PRECISIONS[precision].bytes };
  }
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    total: m.total,
    active: m.active,
    activeShare: m.active / m.total,
    experts: m.layer.experts,
    topK: m.layer.topK,
    shared: m.layer.shared,
    kv,
  };
}

/** Every preset, counted as the page counts it. */
export function presetModels(): ScaleModel[] {
  return PRESETS.map((p) => scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published }));
}

/** Rows, largest total first (ties: the larger active first, then by id). */
export function sortedRows(models: readonly ScaleModel[]): GalleryRow[] {
  return models
    .map((m) => galleryRow(m))
    .sort((a, b) => b.total - a.total || b.active - a.active || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The gallery: every preset and the given toy, largest first. */
export function galleryRows(toy: ScaleModel, presets: readonly ScaleModel[] = presetModels()): GalleryRow[] {
  return sortedRows([...presets, toy]);
}
