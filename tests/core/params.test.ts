import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, GRANULARITIES, type MoeConfig } from '../../src/core/config';
import { activeParams, denseTokenFlops, swigluParams, tokenFlops, toyParams } from '../../src/core/params';
import { VOCAB } from '../../src/core/tokenizer';

const cfg = (change: Partial<MoeConfig> = {}): MoeConfig => ({ ...DEFAULT_CONFIG, ...change });
const V = VOCAB.words.length;

describe('swigluParams', () => {
  it('3·width·hidden (gate, up, down)', () => {
    expect(swigluParams(32, 64)).toBe(6144);
    expect(swigluParams(2, 1)).toBe(6);
  });
});

describe('toyParams, default config by hand', () => {
  it('d=32, h=64, E=8, k=2, 1 layer', () => {
    const p = toyParams(cfg(), 100);
    expect(p.vocabSize).toBe(100);
    expect(p.embedding).toBe(100 * 32);
    expect(p.router).toBe(32 * 8); // 256
    expect(p.router).toBe(256);
    expect(p.routedExpert).toBe(3 * 32 * 64); // 6144
    expect(p.routedExpert).toBe(6144);
    expect(p.sharedExpert).toBe(6144);
    expect(p.routedExperts).toBe(8);
    expect(p.sharedExperts).toBe(0);
    expect(p.routedTotal).toBe(8 * 6144); // 49152
    expect(p.sharedTotal).toBe(0);
    expect(p.layers).toBe(1);
    // The output head is tied to the embedding, so the embedding counts once.
    expect(p.total).toBe(3200 + 256 + 49152);
    expect(p.activeNominal).toBe(3200 + 256 + 2 * 6144);
  });

  it('with the built-in vocabulary, embedding = vocabSize·32', () => {
    const p = toyParams(cfg(), V);
    expect(p.embedding).toBe(V * 32);
    expect(p.total).toBe(V * 32 + 256 + 49152);
    expect(p.activeNominal).toBe(V * 32 + 256 + 12288);
  });

  it('noisy-topk doubles the router (gate and noise matrices)', () => {
    const p = toyParams(cfg({ router: 'noisy-topk' }), 100);
    expect(p.router).toBe(512);
    expect(p.total).toBe(3200 + 512 + 49152);
    for (const router of ['softmax-topk', 'sigmoid-bias', 'expert-choice'] as const)
      expect(toyParams(cfg({ router }), 100).router).toBe(256);
  });

  it('layers multiply everything but the (tied) embedding', () => {
    const p = toyParams(cfg({ layers: 3, sharedExperts: 1 }), 100);
    expect(p.total).toBe(3200 + 3 * (256 + 49152 + 6144));
    expect(p.activeNominal).toBe(3200 + 3 * (256 + 6144 + 2 * 6144));
  });
});

describe('fine-grained experts keep parameters and active parameters', () => {
  const base = toyParams(cfg({ layers: 2 }), 100);
  for (const m of GRANULARITIES) {
    it(`granularity ${m}: E·m experts of hidden h/m, m·k active`, () => {
      const p = toyParams(cfg({ layers: 2, granularity: m }), 100);
      expect(p.routedExperts).toBe(8 * m);
      expect(p.routedExpert).toBe((3 * 32 * 64) / m);
      // Expert parameters are unchanged: E·m · 3·d·h/m = 3·d·h·E.
      expect(p.routedTotal).toBe(base.routedTotal);
      expect(p.routedTotal).toBe(49152);
      // Nominally active expert parameters are unchanged: m·k · 3·d·h/m = 3·d·h·k.
      const activeExperts = (q: typeof p): number => q.activeNominal - q.embedding - q.layers * (q.router + q.sharedTotal);
      expect(activeExperts(p)).toBe(activeExperts(base));
      expect(activeExperts(p)).toBe(2 * 2 * 6144);
      // The router has one column per (fine-grained) expert, so it grows by m; nothing else changes.
      expect(p.router).toBe(32 * 8 * m);
      expect(p.total - p.layers * p.router).toBe(base.total - base.layers * base.router);
      expect(p.activeNominal - p.layers * p.router).toBe(base.activeNominal - base.layers * base.router);
    });
  }
});

describe('shared experts', () => {
  for (const m of GRANULARITIES) {
    for (const layers of [1, 2]) {
      it(`add sharedExperts·3·d·(h/m) per layer to total and active (m=${m}, layers=${layers})`, () => {
        const without = toyParams(cfg({ granularity: m, layers }), 100);
        for (let ks = 1; ks <= 4; ks++) {
          const p = toyParams(cfg({ granularity: m, layers, sharedExperts: ks }), 100);
          const add = layers * ks * 3 * 32 * (64 / m);
          expect(p.sharedExpert).toBe(3 * 32 * (64 / m));
          expect(p.sharedTotal).toBe(ks * 3 * 32 * (64 / m));
          expect(p.total - without.total).toBe(add);
          expect(p.activeNominal - without.activeNominal).toBe(add);
        }
      });
    }
  }
});

describe('activeParams and FLOPs', () => {
  const p = toyParams(cfg(), 100);
  const p2 = toyParams(cfg({ layers: 2, sharedExperts: 1 }), 100);

  it('activeParams = embedding + Σ_layers (router + shared + used·routedExpert)', () => {
    expect(activeParams(p, [2])).toBe(3200 + 256 + 2 * 6144);
    expect(activeParams(p, [1])).toBe(3200 + 256 + 6144);
    expect(activeParams(p, [0])).toBe(3200 + 256);
    expect(activeParams(p2, [2, 1])).toBe(3200 + 2 * (256 + 6144) + 3 * 6144);
    expect(activeParams(p, [])).toBe(3200);
    expect(activeParams(p, [2])).toBe(p.activeNominal);
  });

  it('tokenFlops = 2 per weight used, with the tied embedding once as the output head', () => {
    expect(tokenFlops(p, [2])).toBe(2 * 3200 + 2 * (256 + 2 * 6144)); // 31488
    expect(tokenFlops(p, [2])).toBe(31488);
    expect(tokenFlops(p, [0])).toBe(2 * 3200 + 512);
    expect(tokenFlops(p2, [2, 0])).toBe(2 * 3200 + 2 * (256 + 6144 + 2 * 6144) + 2 * (256 + 6144));
  });

  it('dense FLOPs run every routed expert on every token', () => {
    expect(denseTokenFlops(p)).toBe(2 * 3200 + 2 * (256 + 8 * 6144)); // 105216
    expect(denseTokenFlops(p)).toBe(105216);
    expect(denseTokenFlops(p2)).toBe(2 * 3200 + 2 * 2 * (256 + 6144 + 8 * 6144));
  });

  it('fine-grained experts keep expert FLOPs: sparse FLOPs grow only by the bigger router', () => {
    for (const m of GRANULARITIES) {
      const q = toyParams(cfg({ granularity: m }), 100);
      expect(tokenFlops(q, [2 * m]) - 2 * q.router - 2 * q.embedding).toBe(2 * 2 * 6144);
      expect(denseTokenFlops(q) - 2 * q.router - 2 * q.embedding).toBe(2 * 8 * 6144);
    }
  });
});
