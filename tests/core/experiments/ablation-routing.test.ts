import { describe, expect, it } from 'vitest';
import { ROUTERS, type RouterKind } from '../../../src/core/config';
import { Rng } from '../../../src/core/rng';
import { softmax } from '../../../src/core/gate-math';
import { route, type RouterInput, type RouterSpec } from '../../../src/core/router';
import { topKIndices } from '../../../src/core/top-k';

function spec(kind: RouterKind, experts: number, topK: number, extra: Partial<RouterSpec> = {}): RouterSpec {
  return { kind, experts, topK, capacityFactor: null, nGroup: 1, topkGroup: 1, routeScale: 1, normalise: true, ...extra };
}

function input(kind: RouterKind, tokens: number, experts: number, seed: number): RouterInput {
  const logits = Rng.stream(seed, 'ablation-logits').normals(tokens * experts, 2);
  const out: RouterInput = { tokens, logits };
  if (kind === 'noisy-topk') out.noise = Rng.stream(seed, 'ablation-noise').normals(tokens * experts, 1);
  if (kind === 'sigmoid-bias') out.bias = Rng.stream(seed, 'ablation-bias').normals(experts, 0.1);
  return out;
}

const row = (a: ArrayLike<number>, t: number, n: number): number[] => Array.from({ length: n }, (_, e) => a[t * n + e] as number);

describe('switching routed experts off (router ablation)', () => {
  it('with no ablation, or an empty one, routes exactly as before', () => {
    for (const kind of ROUTERS) {
      const s = spec(kind, 8, 2, kind === 'expert-choice' ? { capacityFactor: 1 } : {});
      const inp = input(kind, 12, 8, 1);
      const plain = route(s, inp);
      expect(route(s, { ...inp, ablation: {} })).toEqual(plain);
      expect(route(s, { ...inp, ablation: { disabled: [], topR: 0 } })).toEqual(plain);
    }
  });

  it('softmax top-k: a disabled expert is never chosen; each token takes the top k of the rest, weights renormalised over them', () => {
    const s = spec('softmax-topk', 8, 2);
    const inp = input('softmax-topk', 40, 8, 2);
    const r = route(s, { ...inp, ablation: { disabled: [3, 5] } });
    r.routes.forEach((tr, t) => {
      const logits = row(inp.logits, t, 8);
      const masked = logits.map((v, e) => (e === 3 || e === 5 ? -Infinity : v));
      expect(tr.experts).toEqual(topKIndices(masked, 2));
      // The same as leaving the experts out of the softmax.
      const p = softmax(masked);
      const chosen = tr.experts.map((e) => p[e] as number);
      const total = chosen[0]! + chosen[1]!;
      tr.weights.forEach((w, j) => expect(w).toBeCloseTo(chosen[j]! / total, 12));
    });
    expect(r.demand[3]).toBe(0);
    expect(r.demand[5]).toBe(0);
  });

  it('every token choice router: switching off an expert nobody chose changes nothing', () => {
    for (const kind of ['softmax-topk', 'noisy-topk', 'sigmoid-bias'] as const) {
      for (const normalise of [true, false]) {
        const s = spec(kind, 8, 2, { normalise });
        const inp = input(kind, 3, 8, 3);
        const full = route(s, inp);
        const unused = full.demand.findIndex((d) => d === 0);
        expect(unused).toBeGreaterThanOrEqual(0);
        expect(route(s, { ...inp, ablation: { disabled: [unused] } })).toEqual(full);
      }
    }
  });

  it('noisy top-k and sigmoid-bias: the disabled expert is masked in what selection ran on', () => {
    const noisy = input('noisy-topk', 30, 6, 4);
    const rn = route(spec('noisy-topk', 6, 2), { ...noisy, ablation: { disabled: [0] } });
    rn.routes.forEach((tr, t) => {
      const h = row(noisy.logits, t, 6).map((v, e) => (e === 0 ? -Infinity : v + (noisy.noise![t * 6 + e] as number)));
      expect(tr.experts).toEqual(topKIndices(h, 2));
    });
    const sig = input('sigmoid-bias', 30, 8, 5);
    const s = spec('sigmoid-bias', 8, 2, { nGroup: 4, topkGroup: 2 });
    const full = route(s, sig);
    const off = route(s, { ...sig, ablation: { disabled: [1, 6] } });
    off.routes.forEach((tr, t) => {
      expect(tr.experts).not.toContain(1);
      expect(tr.experts).not.toContain(6);
      // Groups are kept as without the ablation; the pick is within them.
      expect(tr.keptGroups).toEqual(full.routes[t]!.keptGroups);
      for (const e of tr.experts) expect(tr.keptGroups).toContain(Math.floor(e / 2));
    });
  });

  it('top-r off: each token gets its choices r+1 … r+k of the full ranking', () => {
    for (const kind of ['softmax-topk', 'noisy-topk', 'sigmoid-bias'] as const) {
      const inp = input(kind, 25, 8, 6);
      const wide = route(spec(kind, 8, 4), inp);
      for (const r of [1, 2]) {
        const off = route(spec(kind, 8, 2), { ...inp, ablation: { topR: r } });
        off.routes.forEach((tr, t) => expect(tr.experts).toEqual(wide.routes[t]!.experts.slice(r, r + 2)));
      }
    }
    // With disabled experts too, the top r are counted among the experts left.
    const inp = input('softmax-topk', 25, 8, 7);
    const wide = route(spec('softmax-topk', 8, 3), { ...inp, ablation: { disabled: [2] } });
    const off = route(spec('softmax-topk', 8, 2), { ...inp, ablation: { disabled: [2], topR: 1 } });
    off.routes.forEach((tr, t) => expect(tr.experts).toEqual(wide.routes[t]!.experts.slice(1, 3)));
  });

  it('top-r with too few experts left: a token gets what remains', () => {
    const r = route(spec('softmax-topk', 4, 2), { ...input('softmax-topk', 5, 4, 8), ablation: { topR: 3 } });
    for (const tr of r.routes) expect(tr.experts).toHaveLength(1);
  });

  it('expert choice: a disabled expert takes no tokens, the others take the same tokens', () => {
    const s = spec('expert-choice', 6, 2, { capacityFactor: 1 });
    const inp = input('expert-choice', 18, 6, 9);
    const full = route(s, inp);
    const off = route(s, { ...inp, ablation: { disabled: [4] } });
    expect(off.load[4]).toBe(0);
    expect(off.demand[4]).toBe(0);
    expect(off.scores).toEqual(full.scores);
    off.routes.forEach((tr, t) => {
      expect(tr.experts).toEqual(full.routes[t]!.experts.filter((e) => e !== 4));
    });
  });

  it("expert choice top-r: no expert takes a token it is among that token's r best for", () => {
    const s = spec('expert-choice', 6, 2, { capacityFactor: 1 });
    const inp = input('expert-choice', 18, 6, 10);
    const off = route(s, { ...inp, ablation: { topR: 1 } });
    off.routes.forEach((tr, t) => {
      const best = topKIndices(row(off.scores, t, 6), 1)[0]!;
      expect(tr.experts).not.toContain(best);
    });
    // Each expert still fills its capacity (18 tokens, enough left for each).
    expect(off.load.every((l) => l === off.capacity)).toBe(true);
  });

  it('refuses an expert that does not exist', () => {
    expect(() => route(spec('softmax-topk', 4, 2), { ...input('softmax-topk', 2, 4, 11), ablation: { disabled: [4] } })).toThrow(
      /expert 4, not in 0..3/,
    );
  });
});
