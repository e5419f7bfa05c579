/**
 * Sizes of a pasted config that the real-scale page accepts (src/core/real-limits.ts, checked by
 * real-config.ts) and the bounded routing at those sizes (real-route.ts). Tiny configs with a million
 * experts, groups or experts per token once froze the page for seconds to minutes; now each is a
 * coded problem naming its field (with a line and column in the pasted text), and everything within
 * the limits is counted and routed. No timing here: the e2e test measures the page's tasks.
 */
import { describe, expect, it } from 'vitest';
import { locateKey } from '../../src/core/json-locate';
import { countParams } from '../../src/core/params';
import { ConfigFieldError, readMoeConfig } from '../../src/core/real-config';
import { REAL_LIMITS } from '../../src/core/real-limits';
import { DRAW_SLICE, drawRouterWeights, MAX_ROUTE_WORK, routeRandomToken, routerWeightsCached } from '../../src/core/real-route';
import { scaleModelFromConfig } from '../../src/core/scale-model';
import { MIXTRAL, V3 } from '../real-config-fixtures';
import { en } from '../words';

/** The configs of the issue that froze the page, and the problem each gets now. */
const FROZE: [string, Record<string, unknown>, string, number, keyof typeof REAL_LIMITS][] = [
  [
    'mixtral, 1,000,000 experts, top-k 1,000,000',
    { ...MIXTRAL, num_local_experts: 1_000_000, num_experts_per_tok: 1_000_000 },
    'num_local_experts',
    1_000_000,
    'experts',
  ],
  [
    'mixtral, 100,000 experts, top-k 100,000',
    { ...MIXTRAL, num_local_experts: 100_000, num_experts_per_tok: 100_000 },
    'num_local_experts',
    100_000,
    'experts',
  ],
  [
    'DeepSeek-V3, 2^20 groups',
    { ...V3, n_routed_experts: 2 ** 20, n_group: 2 ** 20, topk_group: 2 ** 20 },
    'n_routed_experts',
    2 ** 20,
    'experts',
  ],
  [
    'DeepSeek-V3, 65,536 groups',
    { ...V3, hidden_size: 1024, n_routed_experts: 65_536, n_group: 65_536, topk_group: 65_536 },
    'n_routed_experts',
    65_536,
    'experts',
  ],
  [
    '67,108,864 experts of width 1',
    { ...MIXTRAL, hidden_size: 1, num_attention_heads: 1, num_key_value_heads: 1, num_local_experts: 2 ** 26, num_experts_per_tok: 2 },
    'num_local_experts',
    2 ** 26,
    'experts',
  ],
  [
    '8192 experts of width 8192',
    { ...MIXTRAL, hidden_size: 8192, num_attention_heads: 64, num_local_experts: 8192, num_experts_per_tok: 2 },
    'num_local_experts',
    8192,
    'experts',
  ],
  ['4096 experts in 4096 groups', { ...V3, n_routed_experts: 4096, n_group: 4096, topk_group: 4096 }, 'n_group', 4096, 'groups'],
  ['4096 experts, top-k 4096', { ...MIXTRAL, num_local_experts: 4096, num_experts_per_tok: 4096 }, 'num_experts_per_tok', 4096, 'topK'],
  ['65 shared experts', { ...V3, n_routed_experts: 256, n_shared_experts: 65 }, 'n_shared_experts', 65, 'shared'],
];

/** Indices sorted by value, best first, ties to the lower index. */
const ranked = (values: number[], allowed: (i: number) => boolean = () => true): number[] =>
  values
    .map((v, i) => [v, i] as const)
    .filter(([, i]) => allowed(i))
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);

describe('limits on experts, groups, top-k and shared experts', () => {
  it('match real models with room to spare', () => {
    expect(REAL_LIMITS).toEqual({ experts: 4096, groups: 256, topK: 64, shared: 64 });
    expect(MAX_ROUTE_WORK).toBe(4_194_304);
  });

  it.each(FROZE)(
    '%s: a coded problem naming the field, located in the pasted text, instead of running',
    (_name, config, field, value, what) => {
      let err: unknown = null;
      try {
        countParams(config);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigFieldError);
      const e = err as ConfigFieldError & { code: string; args: Record<string, unknown> };
      expect(e.field).toBe(field);
      expect(e.code).toBe('hf.limit');
      expect(e.args).toEqual({ field, value, max: REAL_LIMITS[what], what });
      expect(en(e)).toContain(`"${field}" (${value}) is more `);
      expect(en(e)).toContain(`than this page handles (at most ${REAL_LIMITS[what].toLocaleString('en')};`);
      // Where the paste box shows it: the line and column of the value.
      const text = JSON.stringify(config, null, 2);
      const at = locateKey(text, field)!;
      const line = text.split('\n').findIndex((l) => l.includes(`"${field}":`)) + 1;
      expect(at.line).toBe(line);
      expect(text.slice(at.offset)).toMatch(new RegExp(`^${value}\\b`));
    },
  );

  it('keeps the older checks first: top-k above the experts is still "cannot exceed"', () => {
    expect(() => readMoeConfig({ ...MIXTRAL, num_local_experts: 8, num_experts_per_tok: 100 })).toThrow(
      expect.objectContaining({ code: 'hf.topKExceeds', args: { topK: 100, experts: 8, expertsField: 'num_local_experts' } }),
    );
  });
});

describe('configs at the limits are counted and routed', () => {
  it('4096 experts in 256 groups, best 256 kept, top-64, width 1024: exactly MAX_ROUTE_WORK', () => {
    const m = scaleModelFromConfig(
      { ...V3, hidden_size: 1024, n_routed_experts: 4096, n_group: 256, topk_group: 256, num_experts_per_tok: 64 },
      { id: 'x', name: 'x' },
    );
    expect(m.layer).toMatchObject({ experts: 4096, nGroup: 256, topK: 64, shared: 1 });
    const r = routeRandomToken(m, 1);
    expect(r.multiplyAdds).toBe(MAX_ROUTE_WORK);
    expect(r.keptGroups).toHaveLength(256);
    expect(r.chosen).toEqual(ranked(r.scores).slice(0, 64));
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(2.5, 10);
  });

  it('4096 experts in 256 groups, best 4 kept, top-64: chosen only from the kept groups', () => {
    const m = scaleModelFromConfig(
      { ...V3, n_routed_experts: 4096, n_group: 256, topk_group: 4, num_experts_per_tok: 64 },
      { id: 'x', name: 'x' },
    );
    const r = routeRandomToken(m, 2);
    const kept = new Set(r.keptGroups);
    expect(kept.size).toBe(4);
    expect(r.chosen).toEqual(ranked(r.scores, (e) => kept.has(Math.floor(e / 16))).slice(0, 64));
  });

  it('a router past MAX_ROUTE_WORK is counted but not routed (a coded problem)', () => {
    const m = scaleModelFromConfig(
      { ...MIXTRAL, hidden_size: 16384, num_local_experts: 4096, num_experts_per_tok: 2 },
      { id: 'x', name: 'x' },
    );
    expect(m.total).toBeGreaterThan(0);
    expect(() => routeRandomToken(m, 1)).toThrow(
      expect.objectContaining({ code: 'route.tooMuchWork', args: { work: 67_108_864, max: 4_194_304 } }),
    );
    expect([...drawRouterWeights(m)]).toEqual([]);
  });
});

describe('drawRouterWeights', () => {
  const big = scaleModelFromConfig(
    { ...MIXTRAL, hidden_size: 1000, num_local_experts: 2048, num_experts_per_tok: 2 },
    { id: 'x', name: 'x' },
  );

  it('draws a slice per step, saying how much is drawn, and the route then uses those weights', () => {
    const shares = [...drawRouterWeights(big, 7)];
    expect(shares).toHaveLength(Math.ceil((2048 * 1000) / DRAW_SLICE) - 1);
    shares.forEach((s, i) => expect(s).toBeCloseTo(((i + 1) * DRAW_SLICE) / (2048 * 1000), 12));
    expect(routerWeightsCached(big, 7)).toBe(true);
    expect([...drawRouterWeights(big, 7)]).toEqual([]);
    const drawnInSteps = routeRandomToken(big, 3, 7);

    // Push it out of the kept routers, then route drawing in one go: the same weights, the same route.
    for (let s = 100; s < 105; s++) routeRandomToken(big, 1, s);
    expect(routerWeightsCached(big, 7)).toBe(false);
    expect(routeRandomToken(big, 3, 7)).toEqual(drawnInSteps);
  });
});

describe('the count is closed-form', () => {
  it('MoE layers counted by formula agree with the layers listed one by one', () => {
    for (const layers of [1, 2, 7, 61, 100, 9999]) {
      for (const firstDense of [0, 1, 3, layers]) {
        for (const freq of [1, 2, 3, 7]) {
          const s = readMoeConfig({
            ...V3,
            n_routed_experts: 256,
            n_group: 8,
            topk_group: 4,
            num_hidden_layers: layers,
            first_k_dense_replace: Math.min(firstDense, layers),
            moe_layer_freq: freq,
          });
          expect(s.moeLayers).toBe(s.moeLayer.filter(Boolean).length);
          expect(s.denseLayers).toBe(layers - s.moeLayers);
        }
      }
      for (const step of [1, 2, 5]) {
        const mlpOnly = [0, 1, 1, layers - 1, Math.floor(layers / 2)].filter((i) => i < layers);
        const q = {
          model_type: 'qwen3_moe',
          vocab_size: 100,
          hidden_size: 64,
          intermediate_size: 128,
          moe_intermediate_size: 32,
          num_experts: 8,
          num_experts_per_tok: 2,
          num_hidden_layers: layers,
          num_attention_heads: 4,
          head_dim: 16,
          decoder_sparse_step: step,
          mlp_only_layers: mlpOnly,
        };
        const s = readMoeConfig(q);
        expect(s.moeLayers).toBe(s.moeLayer.filter(Boolean).length);
      }
    }
  });
});
