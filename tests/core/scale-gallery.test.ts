import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { KV_PRESETS, perToken } from '../../src/core/kv-cache';
import { countParams } from '../../src/core/params';
import { PRESETS, presetById, type PresetId } from '../../src/core/presets';
import { ConfigFieldError, type GqaAttention } from '../../src/core/real-config';
import { galleryRow, galleryRows, kvCacheOf, kvCacheOfConfig, presetModels } from '../../src/core/scale-gallery';
import { scaleModelFromToy } from '../../src/core/scale-model';
import { OPEN_EMBEDDING_ROWS } from '../../src/core/open-vocab';

const config = (id: PresetId) => presetById(id)!.config;
const elements = (id: PresetId) => {
  const c = kvCacheOfConfig(config(id));
  return perToken(c.kind, c.shape);
};

describe('kvCacheOfConfig: the cache kind and shape from a config', () => {
  it('multi-head latent attention: (kv_lora_rank + qk_rope_head_dim) × layers', () => {
    expect(kvCacheOfConfig(config('deepseek-v3')).kind).toBe('mla');
    expect(elements('deepseek-v3')).toBe((512 + 64) * 61); // 35,136
    expect(elements('deepseek-v2')).toBe((512 + 64) * 60);
    expect(elements('kimi-k2')).toBe((512 + 64) * 61);
    expect(elements('deepseek-v2-lite')).toBe((512 + 64) * 27);
    expect(kvCacheOfConfig(config('deepseek-v3')).shape).toEqual({
      layers: 61,
      heads: 128,
      headDim: 128,
      kvGroups: 128,
      latentDim: 512,
      ropeDim: 64,
    });
  });
  it('grouped-query attention: 2 × num_key_value_heads × head_dim × layers', () => {
    expect(kvCacheOfConfig(config('mixtral-8x7b')).kind).toBe('gqa');
    expect(elements('mixtral-8x7b')).toBe(2 * 8 * 128 * 32); // 65,536
    expect(elements('llama-3.1-8b')).toBe(2 * 8 * 128 * 32);
    expect(elements('qwen3-235b-a22b')).toBe(2 * 4 * 128 * 94);
    expect(elements('glm-4.5')).toBe(2 * 8 * 128 * 92);
    // gpt-oss gives head_dim 64 (not hidden / heads).
    expect(elements('gpt-oss-120b')).toBe(2 * 8 * 64 * 36);
    expect(elements('mixtral-8x22b')).toBe(2 * 8 * 128 * 56);
  });
  it('multi-head where every query head has its own key-value head', () => {
    expect(kvCacheOfConfig(config('olmoe-1b-7b')).kind).toBe('mha');
    expect(elements('olmoe-1b-7b')).toBe(2 * 16 * 128 * 16);
    expect(kvCacheOfConfig(config('qwen1.5-moe-a2.7b')).kind).toBe('mha');
    expect(elements('qwen1.5-moe-a2.7b')).toBe(2 * 16 * 128 * 24);
  });
  it('multi-query where one key-value head serves all', () => {
    const a: GqaAttention = { kind: 'gqa', heads: 8, kvHeads: 1, headDim: 64, qkvBias: false, oBias: false, qkNorm: 'none', sinks: false };
    const c = kvCacheOf(a, 10);
    expect(c.kind).toBe('mqa');
    expect(perToken(c.kind, c.shape)).toBe(2 * 64 * 10);
  });
  it('agrees with the memory page’s own shapes for the models both pages show', () => {
    for (const id of ['deepseek-v3', 'deepseek-v2', 'mixtral-8x7b'] as const) {
      const kv = KV_PRESETS.find((p) => p.id === id)!;
      expect(elements(id)).toBe(perToken(kv.native, kv.shape));
      expect(kvCacheOfConfig(config(id)).kind).toBe(kv.native);
    }
  });
  it('a config it cannot read is refused with the reader’s error', () => {
    expect(() => kvCacheOfConfig({ model_type: 'mixtral' })).toThrow(ConfigFieldError);
  });
});

describe('galleryRows: every preset and the toy, largest first', () => {
  const toy = scaleModelFromToy(DEFAULT_CONFIG, OPEN_EMBEDDING_ROWS);
  const rows = galleryRows(toy);

  it('holds all 17 presets and the toy, sorted by total', () => {
    expect(PRESETS).toHaveLength(17);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...PRESETS.map((p) => p.id), 'toy']));
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.total).toBeGreaterThanOrEqual(rows[i]!.total);
    expect(rows[0]!.id).toBe('kimi-k2');
    expect(rows[1]!.id).toBe('deepseek-v3');
    expect(rows.at(-1)!.id).toBe('toy');
  });
  it('each preset’s total and active are the page’s own count (countParams)', () => {
    for (const p of PRESETS) {
      const row = rows.find((r) => r.id === p.id)!;
      const c = countParams(p.config);
      expect(row.total).toBe(c.total);
      expect(row.active).toBe(c.active);
      expect(row.activeShare).toBeCloseTo(c.active / c.total, 12);
      expect(row.name).toBe(p.name);
    }
    const v3 = rows.find((r) => r.id === 'deepseek-v3')!;
    expect(v3).toMatchObject({ total: 671_026_419_200, experts: 256, topK: 8, shared: 1, kind: 'real' });
    expect(v3.kv).toEqual({ kind: 'mla', elements: 35_136, bytes: 70_272 });
  });
  it('the dense model has no experts and uses every weight', () => {
    const llama = rows.find((r) => r.id === 'llama-3.1-8b')!;
    expect(llama).toMatchObject({ experts: 0, topK: 0, shared: 0, activeShare: 1 });
    expect(llama.kv).toEqual({ kind: 'gqa', elements: 65_536, bytes: 131_072 }); // 128 KiB in bf16
  });
  it('the toy is the page’s toy: its own count, and no attention to cache', () => {
    const row = rows.find((r) => r.id === 'toy')!;
    expect(row).toMatchObject({ kind: 'toy', total: toy.total, active: toy.active, experts: 8, topK: 2, shared: 0, kv: null });
    const bigger = scaleModelFromToy({ ...DEFAULT_CONFIG, routedExperts: 64, topK: 4 }, OPEN_EMBEDDING_ROWS);
    const other = galleryRows(bigger, presetModels()).find((r) => r.id === 'toy')!;
    expect(other).toMatchObject({ total: bigger.total, active: bigger.active, experts: 64, topK: 4 });
  });
  it('bytes follow the precision asked for', () => {
    const v3 = presetModels().find((m) => m.id === 'deepseek-v3')!;
    expect(galleryRow(v3, 'fp32').kv!.bytes).toBe(35_136 * 4);
    expect(galleryRow(v3, 'fp8').kv!.bytes).toBe(35_136);
  });
});
