import {
  add,
  dispose,
  matMul,
  mul,
  slice,
  memory,
  softplus as tfSoftplus,
  tensor2d,
  tidy,
  variable,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { assignmentsOf, gateMatrix, MoeLayer, swiglu, type ExpertWeights } from '../../src/core/moe-layer';
import { toyParams } from '../../src/core/params';
import { Rng } from '../../src/core/rng';
import type { Routing } from '../../src/core/router';

const cfg = (change: Partial<MoeConfig> = {}): MoeConfig => ({ ...DEFAULT_CONFIG, ...change });

function maxAbsDiff(a: Tensor2D, b: Tensor2D): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

function randomInput(T: number, d: number, seed = 1): Tensor2D {
  return tensor2d(Rng.stream(seed, 'test-h').normals(T * d), [T, d]);
}

/** A hand-made routing over 3 tokens and 3 experts; token 1's first choice was dropped. */
const HAND: Routing = {
  scores: new Float64Array(9),
  routes: [
    { experts: [1, 0], weights: [0.7, 0.3], dropped: [false, false] },
    { experts: [1, 2], weights: [0.6, 0.4], dropped: [true, false] },
    { experts: [0, 2], weights: [0.5, 0.5], dropped: [false, false] },
  ],
  capacity: 1,
  demand: [2, 2, 2],
  load: [2, 1, 2],
};

describe('assignmentsOf and gateMatrix', () => {
  it('groups kept choices by expert, in token order, leaving out dropped ones', () => {
    const a = assignmentsOf(HAND, 3);
    expect(Array.from(a.offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(a.tokens)).toEqual([0, 2, 0, 1, 2]);
    expect(Array.from(a.gates)).toEqual([0.3, 0.5, 0.7, 0.4, 0.5].map(Math.fround));
  });

  it('the gate matrix has each kept weight at [token, expert], zero elsewhere', () => {
    expect(Array.from(gateMatrix(HAND, 3))).toEqual([0.3, 0.7, 0, 0, 0, 0.4, 0.5, 0, 0.5].map(Math.fround));
  });

  it('an expert nobody chose gets an empty slice', () => {
    const a = assignmentsOf(HAND, 4);
    expect(Array.from(a.offsets)).toEqual([0, 2, 3, 5, 5]);
    const none = assignmentsOf({ ...HAND, routes: [] }, 3);
    expect(Array.from(none.offsets)).toEqual([0, 0, 0, 0]);
    expect(none.tokens).toHaveLength(0);
  });
});

describe('swiglu', () => {
  it('(silu(x·gate) ⊙ (x·up))·down by hand', () => {
    // x = [1, 2]; x·gate = 1, silu(1) = σ(1) = e/(e+1); x·up = 2; times down [1, −1].
    const w: ExpertWeights = {
      gate: variable(tensor2d([[1], [0]])),
      up: variable(tensor2d([[0], [1]])),
      down: variable(tensor2d([[1, -1]])),
    };
    const x = tensor2d([
      [1, 2],
      [0, 5],
    ]);
    const y = swiglu(x, w);
    expect(y.shape).toEqual([2, 2]);
    const silu1 = Math.E / (Math.E + 1);
    const v = Array.from(y.dataSync());
    // Second row: x·gate = 0, silu(0) = 0 → output 0.
    [2 * silu1, -2 * silu1, 0, 0].forEach((e, i) => expect(v[i]).toBeCloseTo(e, 6));
    dispose([x, y, w.gate, w.up, w.down]);
  });
});

describe('MoeLayer', () => {
  // Every layer a test builds is disposed by the test; between construction and dispose, the
  // layer's own operations (route, sparse, dense) must leave no tensor behind.
  let layers: MoeLayer[] = [];
  let before = 0;
  const build = (c: MoeConfig, index = 0): MoeLayer => {
    const layer = new MoeLayer(c, index);
    layers.push(layer);
    before = memory().numTensors;
    return layer;
  };
  beforeEach(() => {
    layers = [];
  });
  afterEach(() => {
    expect(memory().numTensors).toBe(before);
    for (const l of layers) l.dispose();
  });

  it('has the shapes of the config', () => {
    const layer = build(cfg({ granularity: 2, sharedExperts: 2 }), 0);
    expect(layer.router.shape).toEqual([32, 16]);
    expect(layer.noiseRouter).toBeNull();
    expect(layer.experts).toHaveLength(16);
    expect(layer.shared).toHaveLength(2);
    for (const w of [...layer.experts, ...layer.shared]) {
      expect(w.gate.shape).toEqual([32, 32]);
      expect(w.up.shape).toEqual([32, 32]);
      expect(w.down.shape).toEqual([32, 32]);
    }
    expect(Array.from(layer.bias)).toEqual(new Array<number>(16).fill(0));
    expect(layer.spec).toEqual({
      kind: 'softmax-topk',
      experts: 16,
      topK: 4,
      capacityFactor: null,
      nGroup: 1,
      topkGroup: 1,
      routeScale: 1,
      normalise: true,
    });
    expect(layer.variables()).toHaveLength(1 + 3 * 18);
  });

  it('noisy-topk has a second router matrix', () => {
    const layer = build(cfg({ router: 'noisy-topk' }), 0);
    expect(layer.noiseRouter?.shape).toEqual([32, 8]);
    expect(layer.variables()).toHaveLength(2 + 3 * 8);
  });

  it('its weights add up to the counted parameters per layer', () => {
    for (const c of [cfg(), cfg({ router: 'noisy-topk', sharedExperts: 1 }), cfg({ granularity: 4, sharedExperts: 3, expertHidden: 32 })]) {
      const layer = build(c, 0);
      const p = toyParams(c, 10);
      const counted = layer.variables().reduce((a, v) => a + v.size, 0);
      expect(counted).toBe(p.router + p.routedTotal + p.sharedTotal);
    }
  });

  it('initialises weights with the stated scale', () => {
    const layer = build(cfg({ routedExperts: 64 }), 0);
    const w = layer.router.dataSync();
    let ss = 0;
    for (const v of w) ss += v * v;
    // std 1/√32 → variance 1/32 over 2048 samples
    expect(ss / w.length).toBeGreaterThan(0.8 / 32);
    expect(ss / w.length).toBeLessThan(1.2 / 32);
  });

  it('route() computes the logits h·W and routes them', async () => {
    const layer = build(cfg(), 0);
    const h = randomInput(5, 32);
    const { routing, logits, noise } = await layer.route(h);
    expect(noise).toBeUndefined();
    const expected = tidy(() => matMul(h, layer.router));
    const e = expected.dataSync();
    expect(logits).toHaveLength(40);
    logits.forEach((v, i) => expect(v).toBeCloseTo(e[i] as number, 5));
    expect(routing.routes).toHaveLength(5);
    for (const r of routing.routes) expect(r.experts).toHaveLength(2);
    dispose([h, expected]);
  });

  it('noisy-topk noise = ε·softplus(h·W_noise)·routerNoise, fixed by the noise step', async () => {
    const layer = build(cfg({ router: 'noisy-topk', routerNoise: 0.5 }), 1);
    const h = randomInput(4, 32);
    const a = await layer.route(h, 0);
    const again = await layer.route(h, 0);
    const other = await layer.route(h, 1);
    const sp = tidy(() => tfSoftplus(matMul(h, layer.noiseRouter as Tensor2D)));
    const s = sp.dataSync();
    const eps = Rng.stream(DEFAULT_CONFIG.seed, 'noise', 1, 0).normals(32);
    const noise = a.noise ?? new Float32Array(0);
    expect(noise).toHaveLength(32);
    noise.forEach((v, i) => expect(v).toBeCloseTo((eps[i] as number) * (s[i] as number) * 0.5, 5));
    expect(Array.from(again.noise ?? [])).toEqual(Array.from(noise));
    expect(Array.from(other.noise ?? [])).not.toEqual(Array.from(noise));
    // Selection ran on logits + noise.
    const sel = a.routing.selection ?? new Float64Array(0);
    sel.forEach((v, i) => expect(v).toBeCloseTo((a.logits[i] as number) + (noise[i] as number), 5));
    dispose([h, sp]);
  });

  it('routerNoise 0 gives zero noise', async () => {
    const layer = build(cfg({ router: 'noisy-topk', routerNoise: 0 }), 0);
    const h = randomInput(3, 32);
    const { noise } = await layer.route(h);
    for (const v of noise ?? []) expect(Math.abs(v)).toBe(0);
    h.dispose();
  });

  it('route() uses the selection bias', async () => {
    const layer = build(cfg({ router: 'sigmoid-bias' }), 0);
    const h = randomInput(6, 32);
    layer.bias[5] = 10;
    const { routing } = await layer.route(h);
    for (const r of routing.routes) expect(r.experts[0]).toBe(5);
    h.dispose();
  });

  for (const c of [
    cfg(),
    cfg({ sharedExperts: 2, granularity: 2, capacityFactor: 0.5 }),
    cfg({ router: 'expert-choice', capacityFactor: 1.5 }),
    cfg({ router: 'sigmoid-bias', routedExperts: 16, nGroup: 4, topkGroup: 2, topK: 3, routeScale: 2 }),
  ]) {
    it(`sparse equals dense on the layer (${c.router}, m=${c.granularity}, shared=${c.sharedExperts}, cf=${c.capacityFactor})`, async () => {
      const layer = build(c, 0);
      const h = randomInput(12, 32, 3);
      const { routing } = await layer.route(h);
      const sparse = layer.sparse(h, assignmentsOf(routing, layer.shape.experts));
      const dense = layer.dense(h, gateMatrix(routing, layer.shape.experts));
      expect(sparse.shape).toEqual([12, 32]);
      expect(maxAbsDiff(sparse, dense)).toBeLessThan(1e-5);
      dispose([h, sparse, dense]);
    });
  }

  it('sparse output of one token is Σ gate·expert(token) + shared experts, computed one by one', async () => {
    const layer = build(cfg({ sharedExperts: 1 }), 0);
    const h = randomInput(3, 32, 4);
    const sparse = layer.sparse(h, assignmentsOf(HAND, 8));
    // By hand for token 0: 0.7·expert1 + 0.3·expert0 + shared0; token 1: 0.4·expert2 + shared0.
    const expected = tidy(() => {
      const e = (i: number): Tensor2D => swiglu(h, layer.experts[i] as ExpertWeights);
      const sh = swiglu(h, layer.shared[0] as ExpertWeights);
      const g = tensor2d([0.3, 0.7, 0, 0, 0, 0.4, 0.5, 0, 0.5], [3, 3]);
      const parts = [0, 1, 2].map((i) => mul(e(i), slice(g, [0, i], [3, 1])));
      return add(
        parts.reduce((a, b) => add(a, b)),
        sh,
      ) as Tensor2D;
    });
    expect(maxAbsDiff(sparse, expected)).toBeLessThan(1e-5);
    dispose([h, sparse, expected]);
  });

  it('with every choice dropped the MoE output is zero (or only the shared experts)', () => {
    const allDropped: Routing = { ...HAND, routes: HAND.routes.map((r) => ({ ...r, dropped: r.dropped.map(() => true) })) };
    const plain = build(cfg(), 0);
    const withShared = build(cfg({ sharedExperts: 1 }), 0);
    const h = randomInput(3, 32, 5);
    const out = plain.sparse(h, assignmentsOf(allDropped, 8));
    expect(Array.from(out.dataSync()).every((v) => v === 0)).toBe(true);
    const out2 = withShared.sparse(h, assignmentsOf(allDropped, 8));
    const sh = swiglu(h, withShared.shared[0] as ExpertWeights);
    expect(maxAbsDiff(out2, sh)).toBeLessThan(1e-6);
    dispose([h, out, out2, sh]);
  });

  it('layer index changes the weights; the same index and seed repeat them', () => {
    const a = build(cfg(), 0);
    const b = build(cfg(), 0);
    const c = build(cfg(), 1);
    expect(Array.from(a.router.dataSync())).toEqual(Array.from(b.router.dataSync()));
    expect(Array.from(a.router.dataSync())).not.toEqual(Array.from(c.router.dataSync()));
    expect(Array.from((a.experts[3] as ExpertWeights).down.dataSync())).toEqual(
      Array.from((b.experts[3] as ExpertWeights).down.dataSync()),
    );
  });
});

describe('MoeLayer memory', () => {
  it('construction allocates one tensor per weight; dispose releases every one', () => {
    const start = memory().numTensors;
    const startBytes = memory().numBytes;
    const layer = new MoeLayer(cfg({ router: 'noisy-topk', sharedExperts: 2 }), 0);
    expect(memory().numTensors).toBe(start + layer.variables().length);
    layer.dispose();
    expect(memory().numTensors).toBe(start);
    expect(memory().numBytes).toBe(startBytes);
  });
});
