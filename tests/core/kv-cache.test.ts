import { describe, expect, it } from 'vitest';
import {
  ATTENTION_KINDS,
  cacheBytes,
  cacheElements,
  checkWhole,
  formatBytes,
  formulaWithNumbers,
  KV_PRESETS,
  perToken,
  perTokenPerLayer,
  toyPreset,
  type AttentionShape,
  type KvPreset,
} from '../../src/core/kv-cache';

const preset = (id: string): KvPreset => {
  const p = KV_PRESETS.find((q) => q.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};
const V3 = preset('deepseek-v3').shape;
const V2 = preset('deepseek-v2').shape;
const MIXTRAL = preset('mixtral-8x7b').shape;

describe('the four formulas by hand (Table 1 of the DeepSeek-V2 paper)', () => {
  const s: AttentionShape = { layers: 3, heads: 4, headDim: 5, kvGroups: 2, latentDim: 7, ropeDim: 1 };

  it('per token per layer: 2·n_h·d_h, 2·n_g·d_h, 2·d_h, d_c + d_h^R', () => {
    expect(perTokenPerLayer('mha', s)).toBe(2 * 4 * 5);
    expect(perTokenPerLayer('gqa', s)).toBe(2 * 2 * 5);
    expect(perTokenPerLayer('mqa', s)).toBe(2 * 5);
    expect(perTokenPerLayer('mla', s)).toBe(7 + 1);
  });

  it('per token over l layers, and for a context and batch', () => {
    expect(perToken('mha', s)).toBe(120);
    expect(perToken('gqa', s)).toBe(60);
    expect(perToken('mqa', s)).toBe(30);
    expect(perToken('mla', s)).toBe(24);
    expect(cacheElements('mla', s, 10, 2)).toBe(24 * 10 * 2);
    expect(cacheElements('mha', s, 1)).toBe(120);
  });

  it('GQA with n_g = n_h is MHA, with n_g = 1 is MQA', () => {
    for (const shape of [V3, MIXTRAL, s]) {
      expect(perToken('gqa', { ...shape, kvGroups: shape.heads })).toBe(perToken('mha', shape));
      expect(perToken('gqa', { ...shape, kvGroups: 1 })).toBe(perToken('mqa', shape));
    }
  });

  it('writes the formula with the numbers in', () => {
    expect(formulaWithNumbers('mla', V3)).toBe('(512 + 64) · 61');
    expect(formulaWithNumbers('mha', V3)).toBe('2 · 128 · 128 · 61');
    expect(formulaWithNumbers('gqa', MIXTRAL)).toBe('2 · 8 · 128 · 32');
    expect(formulaWithNumbers('mqa', MIXTRAL)).toBe('2 · 128 · 32');
  });
});

describe('published figures', () => {
  it('DeepSeek-V3: 576 per token per layer against 32,768 for multi-head; (512 + 64) · 61 = 35,136 per token', () => {
    expect(preset('deepseek-v3').native).toBe('mla');
    expect(perTokenPerLayer('mla', V3)).toBe(576);
    expect(perTokenPerLayer('mha', V3)).toBe(2 * 128 * 128);
    expect(perTokenPerLayer('mha', V3)).toBe(32768);
    expect(perToken('mla', V3)).toBe(35136);
    expect(perToken('mha', V3)).toBe(1998848);
    // The same shape, plain multi-head: the comparison preset.
    expect(perToken('mha', preset('mha-v3-width').shape)).toBe(1998848);
    expect(preset('mha-v3-width').native).toBe('mha');
  });

  it('DeepSeek-V2 (Table 1): with d_c = 4·d_h and d_h^R = d_h/2, MLA keeps 9/2·d_h·l, as much as GQA with 2.25 groups', () => {
    expect(V2.latentDim).toBe(4 * V2.headDim);
    expect(V2.ropeDim).toBe(V2.headDim / 2);
    expect(perToken('mla', V2)).toBe((9 / 2) * V2.headDim * V2.layers);
    expect(perToken('mla', V2)).toBe(34560);
    expect(perToken('mla', V2)).toBe(perToken('gqa', { ...V2, kvGroups: 2.25 }));
  });

  it('DeepSeek-V2 caches 93.3% less than DeepSeek 67B (GQA, 95 layers, 8 groups of 128; 16-bit) when its cache is quantised to 6 bits per element', () => {
    const deepseek67b: AttentionShape = { layers: 95, heads: 64, headDim: 128, kvGroups: 8, latentDim: 0, ropeDim: 0 };
    expect(perToken('gqa', deepseek67b)).toBe(194560);
    const reduction = 1 - (perToken('mla', V2) * 6) / (perToken('gqa', deepseek67b) * 16);
    expect(reduction * 100).toBeCloseTo(93.3, 1);
  });

  it('Mixtral 8x7B: 2·8·128·32 = 65,536 per token; its full 32K context at 16 bits is exactly 4 GiB', () => {
    expect(preset('mixtral-8x7b').native).toBe('gqa');
    expect(perToken('gqa', MIXTRAL)).toBe(65536);
    expect(perToken('mha', MIXTRAL)).toBe(2 * 32 * 128 * 32);
    expect(cacheBytes(cacheElements('gqa', MIXTRAL, 32768), 'bf16')).toBe(2 ** 32);
    expect(formatBytes(2 ** 32)).toBe('4.00 GiB');
  });

  it('DeepSeek-V3 at 128K tokens in bf16: 8.58 GiB with MLA, 488 GiB with multi-head', () => {
    const mla = cacheBytes(cacheElements('mla', V3, 131072, 1), 'bf16');
    expect(mla).toBe(35136 * 131072 * 2);
    expect(mla).toBe(9210691584);
    expect(formatBytes(mla)).toBe('8.58 GiB');
    expect(formatBytes(cacheBytes(cacheElements('mha', V3, 131072, 1), 'bf16'))).toBe('488 GiB');
    expect(cacheBytes(100, 'fp32')).toBe(400);
    expect(cacheBytes(100, 'fp16')).toBe(200);
    expect(cacheBytes(100, 'fp8')).toBe(100);
  });

  it('the toy: 2·4·8 = 64 numbers per token for full attention, d_c for the latent', () => {
    const toy = toyPreset(8).shape;
    expect(perToken('mha', toy)).toBe(64);
    expect(perToken('mla', toy)).toBe(8);
    expect(perToken('mla', toyPreset(32).shape)).toBe(32);
  });

  it('every preset gives a positive whole number for every attention kind', () => {
    for (const p of [...KV_PRESETS, toyPreset(4)]) {
      for (const kind of ATTENTION_KINDS) {
        const n = perToken(kind, p.shape);
        expect(Number.isInteger(n) && n > 0, `${p.id} ${kind}`).toBe(true);
      }
      expect(perToken('mla', p.shape)).toBeLessThan(perToken('mha', p.shape));
    }
  });
});

describe('formatBytes (binary units)', () => {
  it('bytes, KiB, MiB, GiB, TiB with three significant figures', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15.0 MiB');
    expect(formatBytes(2 ** 30)).toBe('1.00 GiB');
    expect(formatBytes(5 * 2 ** 40)).toBe('5.00 TiB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('checkWhole (typed input)', () => {
  it('accepts whole numbers in range, with spaces around', () => {
    expect(checkWhole(' 4096 ', 'context', 1, 131072)).toEqual({ ok: true, value: 4096 });
    expect(checkWhole(1, 'batch', 1, 1024)).toEqual({ ok: true, value: 1 });
  });

  it('refuses the rest with a code that names the control, the range and the value', () => {
    expect(checkWhole('200000', 'context', 1, 131072, 'tokens')).toEqual({
      ok: false,
      code: 'kv.outOfRange',
      args: { label: 'context', min: 1, max: 131072, unit: 'tokens', value: 200000 },
    });
    const batch = { label: 'batch', min: 1, max: 1024, unit: '' };
    expect(checkWhole('0', 'batch', 1, 1024)).toEqual({ ok: false, code: 'kv.outOfRange', args: { ...batch, value: 0 } });
    expect(checkWhole('2.5', 'batch', 1, 1024)).toEqual({ ok: false, code: 'kv.notWhole', args: { ...batch, value: 2.5 } });
    expect(checkWhole('abc', 'batch', 1, 1024)).toEqual({ ok: false, code: 'kv.notNumber', args: batch });
    expect(checkWhole('', 'batch', 1, 1024).ok).toBe(false);
    expect(checkWhole(null, 'batch', 1, 1024).ok).toBe(false);
  });
});
