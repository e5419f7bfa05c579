import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { countParams, PARTS, toyParams } from '../../src/core/params';
import { presetById } from '../../src/core/presets';
import { scaleModelFromConfig, scaleModelFromToy } from '../../src/core/scale-model';
import { VOCAB } from '../../src/core/tokenizer';
import { notesEn, ruleEn } from '../words';

describe('scaleModelFromToy: the toy, counted by the simulator’s own toyParams', () => {
  const V = VOCAB.words.length;
  it('default toy: same total and active as toyParams, parts add up', () => {
    const m = scaleModelFromToy(DEFAULT_CONFIG, V);
    const p = toyParams(DEFAULT_CONFIG, V);
    expect(m.total).toBe(p.total);
    expect(m.active).toBe(p.activeNominal);
    expect(m.embedding).toBe(V * 32);
    // The output head is whatever toyParams counts beyond the embedding and the MoE layer (0 when tied).
    const head = p.total - p.embedding - (256 + 8 * 6144);
    expect(m.parts.outputHead.total).toBe(head);
    expect(m.activeWithoutEmbedding).toBe(head + 256 + 2 * 6144);
    expect(PARTS.reduce((a, k) => a + m.parts[k].total, 0)).toBe(m.total);
    expect(PARTS.reduce((a, k) => a + m.parts[k].active, 0)).toBe(m.active);
    expect(m.parts.attention.total).toBe(0);
    expect(m.layer).toMatchObject({ experts: 8, topK: 2, shared: 0, routedParams: 6144, moeLayers: 1 });
  });
  it('fine-grained, shared, several layers', () => {
    const c = { ...DEFAULT_CONFIG, granularity: 4, sharedExperts: 2, layers: 3 };
    const m = scaleModelFromToy(c, V);
    const p = toyParams(c, V);
    expect(m.total).toBe(p.total);
    expect(m.active).toBe(p.activeNominal);
    expect(m.layer).toMatchObject({ experts: 32, topK: 8, shared: 2, routedParams: 1536, sharedParams: 1536, moeLayers: 3 });
    expect(PARTS.reduce((a, k) => a + m.parts[k].active, 0)).toBe(m.active);
  });
});

describe('scaleModelFromConfig', () => {
  it('DeepSeek-V3: one layer of 256 routed + 1 shared, 8 groups, 4 kept', () => {
    const p = presetById('deepseek-v3')!;
    const m = scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
    const c = countParams(p.config);
    expect(m).toMatchObject({
      total: c.total,
      active: c.active,
      embedding: c.embedding,
      hidden: 7168,
      vocab: 129280,
      modelType: 'deepseek_v3',
    });
    expect(m.layer).toEqual({
      experts: 256,
      topK: 8,
      shared: 1,
      routedParams: 3 * 7168 * 2048,
      sharedParams: 3 * 7168 * 2048,
      nGroup: 8,
      topkGroup: 4,
      moeLayers: 58,
      denseLayers: 3,
    });
    expect(m.published?.total).toBe(671e9);
    expect(ruleEn(m)).toContain('8 groups');
  });
  it('notes tied embeddings', () => {
    const m = scaleModelFromConfig({ ...presetById('mixtral-8x7b')!.config, tie_word_embeddings: true }, { id: 'x', name: 'x' });
    expect(notesEn(m).join(' ')).toContain('counted once');
    expect(m.published).toBeNull();
  });
});
