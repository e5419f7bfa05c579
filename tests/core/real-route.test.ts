import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { presetById } from '../../src/core/presets';
import { MAX_ROUTE_WORK, routeRandomToken, routerWeightsCached, type RealRoute } from '../../src/core/real-route';
import { scaleModelFromConfig, scaleModelFromToy } from '../../src/core/scale-model';
import { ruleEn } from '../words';

const model = (id: string) => {
  const p = presetById(id)!;
  return scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
};
const V3 = model('deepseek-v3');
const V2 = model('deepseek-v2');
const MIXTRAL = model('mixtral-8x7b');

/** Indices sorted by value, best first, ties to the lower index. */
const ranked = (values: number[], allowed: (i: number) => boolean = () => true): number[] =>
  values
    .map((v, i) => [v, i] as const)
    .filter(([, i]) => allowed(i))
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

function expectTopK(r: RealRoute, k: number, allowed: (i: number) => boolean = () => true): void {
  expect(r.chosen).toHaveLength(k);
  expect(new Set(r.chosen).size).toBe(k);
  expect(r.chosen).toEqual(ranked(r.scores, allowed).slice(0, k));
}

describe('routeRandomToken at DeepSeek-V3 scale (sigmoid, 8 groups, best 4, top 8, × 2.5)', () => {
  const r = routeRandomToken(V3, 7);
  it('scores every one of the 256 experts with a sigmoid', () => {
    expect(r.scores).toHaveLength(256);
    for (const s of r.scores) expect(s > 0 && s < 1).toBe(true);
    expect(r.multiplyAdds).toBe(256 * 7168);
  });
  it('keeps the 4 groups whose two best scores sum highest', () => {
    expect(r.groupScores).toHaveLength(8);
    for (let g = 0; g < 8; g++) {
      const members = r.scores.slice(g * 32, g * 32 + 32).sort((a, b) => b - a);
      expect(r.groupScores![g]).toBeCloseTo(members[0]! + members[1]!, 12);
    }
    expect(r.keptGroups).toEqual(ranked(r.groupScores!).slice(0, 4));
  });
  it('chooses the top 8 inside the kept groups; weights renormalised times 2.5', () => {
    const kept = new Set(r.keptGroups);
    expectTopK(r, 8, (e) => kept.has(Math.floor(e / 32)));
    expect(sum(r.weights)).toBeCloseTo(2.5, 12);
    r.chosen.forEach((e, j) => expect(r.weights[j]).toBeCloseTo((r.scores[e]! / sum(r.chosen.map((c) => r.scores[c]!))) * 2.5, 12));
    expect(r.sharedGate).toBeNull();
  });
  it('is a pure function of the seed', () => {
    expect(routeRandomToken(V3, 7)).toEqual(r);
    expect(routeRandomToken(V3, 8).chosen).not.toEqual(r.chosen);
    // The router weights stay the same across tokens; a different weight seed is a different router.
    expect(routeRandomToken(V3, 7, 1).chosen).not.toEqual(r.chosen);
  });
  it('takes a raw config.json object too', () => {
    expect(routeRandomToken(presetById('deepseek-v3')!.config, 7)).toEqual(r);
  });
  it('different tokens use many different experts', () => {
    const used = new Set<number>();
    for (let s = 0; s < 60; s++) for (const e of routeRandomToken(V3, s).chosen) used.add(e);
    expect(used.size).toBeGreaterThan(150);
  });
});

describe('DeepSeek-V2 (softmax, groups ranked by their best score, best 3 of 8, top 6, × 16 without renormalising)', () => {
  const r = routeRandomToken(V2, 3);
  it('follows the rule', () => {
    expect(sum(r.scores)).toBeCloseTo(1, 12);
    for (let g = 0; g < 8; g++) expect(r.groupScores![g]).toBe(Math.max(...r.scores.slice(g * 20, g * 20 + 20)));
    expect(r.keptGroups).toEqual(ranked(r.groupScores!).slice(0, 3));
    const kept = new Set(r.keptGroups);
    expectTopK(r, 6, (e) => kept.has(Math.floor(e / 20)));
    r.chosen.forEach((e, j) => expect(r.weights[j]).toBeCloseTo(r.scores[e]! * 16, 12));
  });
});

describe('Mixtral (top-2 logits, softmax over those 2)', () => {
  it('weights sum to 1 and equal the renormalised probabilities', () => {
    const r = routeRandomToken(MIXTRAL, 11);
    expectTopK(r, 2);
    expect(sum(r.weights)).toBeCloseTo(1, 12);
    expect(r.weights[0]).toBeGreaterThanOrEqual(r.weights[1]!);
    expect(r.weights[0]! / r.weights[1]!).toBeCloseTo(r.scores[r.chosen[0]!]! / r.scores[r.chosen[1]!]!, 10);
    expect(r.groupScores).toBeNull();
    expect(r.multiplyAdds).toBe(8 * 4096);
  });
  it('over many tokens every expert gets work', () => {
    const used = new Set<number>();
    for (let s = 0; s < 100; s++) for (const e of routeRandomToken(MIXTRAL, s).chosen) used.add(e);
    expect(used.size).toBe(8);
  });
});

describe('Qwen2-MoE style rule (softmax top-k, probabilities as they are, gated shared expert)', () => {
  it('gives the shared gate and unnormalised weights', () => {
    const m = scaleModelFromConfig(
      {
        model_type: 'qwen2_moe',
        vocab_size: 10,
        hidden_size: 64,
        num_hidden_layers: 1,
        num_attention_heads: 2,
        num_experts: 60,
        num_experts_per_tok: 4,
        moe_intermediate_size: 8,
        shared_expert_intermediate_size: 32,
        norm_topk_prob: false,
      },
      { id: 'q', name: 'q' },
    );
    const r = routeRandomToken(m, 5);
    expectTopK(r, 4);
    r.chosen.forEach((e, j) => expect(r.weights[j]).toBe(r.scores[e]));
    expect(sum(r.weights)).toBeLessThan(1);
    expect(r.sharedGate! > 0 && r.sharedGate! < 1).toBe(true);
    expect(r.multiplyAdds).toBe(60 * 64 + 64);
  });
});

describe('the toy', () => {
  const toy = (c: Partial<MoeConfig>) => scaleModelFromToy({ ...DEFAULT_CONFIG, ...c }, 100);
  it('softmax top-2 of 8', () => {
    const r = routeRandomToken(toy({}), 1);
    expectTopK(r, 2);
    expect(sum(r.weights)).toBeCloseTo(1, 12);
  });
  it('noisy top-k adds noise (a second router matrix) and changes some choices', () => {
    const plain = toy({});
    const noisy = toy({ router: 'noisy-topk', routerNoise: 3 });
    expect(routeRandomToken(noisy, 1).multiplyAdds).toBe(2 * 8 * 32);
    let differ = 0;
    for (let s = 0; s < 40; s++) if (routeRandomToken(noisy, s).chosen.join() !== routeRandomToken(plain, s).chosen.join()) differ++;
    expect(differ).toBeGreaterThan(0);
    const r = routeRandomToken(noisy, 2);
    expect(r.chosen).toHaveLength(2);
    expect(sum(r.weights)).toBeCloseTo(1, 12);
  });
  it('sigmoid with groups and route scale, like V3', () => {
    const r = routeRandomToken(toy({ router: 'sigmoid-bias', routedExperts: 16, nGroup: 4, topkGroup: 2, routeScale: 2 }), 4);
    expect(r.keptGroups).toHaveLength(2);
    const kept = new Set(r.keptGroups);
    expectTopK(r, 2, (e) => kept.has(Math.floor(e / 4)));
    expect(sum(r.weights)).toBeCloseTo(2, 12);
  });
  it('expert choice routes one token by softmax top-k, and says so', () => {
    const m = toy({ router: 'expert-choice' });
    expect(ruleEn(m, 'expert-choice')).toContain('expert choice');
    expectTopK(routeRandomToken(m, 1), 2);
  });
});

describe('limits', () => {
  it('refuses a router larger than MAX_ROUTE_WORK multiply-adds', () => {
    const big = { hidden: 65536, experts: 2048, topK: 8, shared: 0, router: V3.router };
    expect(65536 * 2048).toBeGreaterThan(MAX_ROUTE_WORK);
    expect(() => routeRandomToken(big, 1)).toThrow(
      expect.objectContaining({ code: 'route.tooMuchWork', args: { work: 134_217_728, max: 4_194_304 } }),
    );
  });
  it('passes config errors through', () => {
    expect(() => routeRandomToken({ model_type: 'gpt2' }, 1)).toThrow(
      expect.objectContaining({ code: 'hf.modelTypeUnsupported', field: 'model_type', args: expect.objectContaining({ got: '"gpt2"' }) }),
    );
  });
});

describe('routerWeightsCached', () => {
  it('is true once a router has been drawn, and routing results do not depend on it', () => {
    const m = scaleModelFromConfig({ ...presetById('mixtral-8x7b')!.config, hidden_size: 4104, head_dim: 128 }, { id: 'm', name: 'm' });
    expect(routerWeightsCached(m)).toBe(false);
    const first = routeRandomToken(m, 3);
    expect(routerWeightsCached(m)).toBe(true);
    expect(routeRandomToken(m, 3)).toEqual(first);
  });
});
