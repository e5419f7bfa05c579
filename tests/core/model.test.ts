import { dispose, memory, slice, tensor2d, type Tensor2D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ROUTERS, validateConfig, type MoeConfig, type RouterKind } from '../../src/core/config';
import { SENTENCES } from '../../src/core/corpus';
import { MoeModel, rmsNorm, type DispatchMode } from '../../src/core/model';
import type { ExpertWeights } from '../../src/core/moe-layer';
import { tokenize, type Token } from '../../src/core/tokenizer';

/** A checked config: the test fails early if a case is not a valid config. */
function cfg(change: Partial<MoeConfig> = {}): MoeConfig {
  const r = validateConfig({ ...DEFAULT_CONFIG, ...change });
  if (!r.ok) throw new Error(`bad test config: ${JSON.stringify(r.problems)}`);
  return r.config;
}

const TEXT = `${SENTENCES[0] ?? ''} ${SENTENCES[1] ?? ''}`;
const TOKENS: Token[] = tokenize(TEXT).tokens;

function values(t: Tensor2D | Float32Array | Int32Array | { dataSync(): ArrayLike<number> }): number[] {
  return Array.from('dataSync' in t ? t.dataSync() : t);
}

function maxAbsDiff(a: Tensor2D, b: Tensor2D): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

async function output(model: MoeModel, tokens: Token[], mode: DispatchMode): Promise<Tensor2D> {
  const { output: out } = await model.run(tokens, { mode, keepOutput: true });
  if (!out) throw new Error('keepOutput returned no output');
  return out;
}

function groupsFor(router: RouterKind, experts: number): Partial<MoeConfig> {
  return router === 'sigmoid-bias' && experts >= 64 ? { nGroup: 8, topkGroup: 4, routeScale: 2.5 } : {};
}

describe('rmsNorm', () => {
  it('divides each row by its root mean square', () => {
    const x = tensor2d([
      [3, 4],
      [0, 0],
      [-2, 2],
    ]);
    const y = rmsNorm(x);
    const r = Math.sqrt(12.5 + 1e-6);
    const expected = [3 / r, 4 / r, 0, 0, -1, 1];
    values(y).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
    dispose([x, y]);
  });
});

describe('sparse dispatch equals the dense reference (max abs diff ≤ 1e-5)', () => {
  const variants: [string, Partial<MoeConfig>][] = [
    ['defaults', {}],
    ['shared experts', { sharedExperts: 2 }],
    ['granularity 2', { granularity: 2 }],
    ['capacity factor 0.5', { capacityFactor: 0.5 }],
    ['2 layers', { layers: 2 }],
    ['E=64 k=4', { routedExperts: 64, topK: 4 }],
    ['all together', { sharedExperts: 1, granularity: 2, capacityFactor: 0.5, layers: 2, routedExperts: 32, topK: 2 }],
  ];
  for (const router of ROUTERS) {
    for (const [name, change] of variants) {
      it(`${router}, ${name}`, async () => {
        const c = cfg({ router, ...change, ...groupsFor(router, change.routedExperts ?? 8) });
        const model = new MoeModel(c);
        const sparse = await output(model, TOKENS, 'sparse');
        const dense = await output(model, TOKENS, 'dense');
        expect(sparse.shape).toEqual([TOKENS.length, 32]);
        const out = values(sparse);
        expect(out.every(Number.isFinite)).toBe(true);
        expect(maxAbsDiff(sparse, dense)).toBeLessThanOrEqual(1e-5);
        if (c.capacityFactor === 0.5 && router !== 'expert-choice') {
          const { trace } = await model.run(TOKENS);
          expect(trace.layers.reduce((a, l) => a + l.droppedChoices, 0)).toBeGreaterThan(0);
        }
        dispose([sparse, dense]);
        model.dispose();
      });
    }
  }

  it('the MoE layers change the hidden states (the comparison is not vacuous)', async () => {
    const model = new MoeModel(cfg());
    const out = await output(model, TOKENS, 'sparse');
    const ids = TOKENS.map((t) => t.id);
    const emb = model.embedding.dataSync();
    const x = out.dataSync();
    let diff = 0;
    ids.forEach((id, t) => {
      for (let i = 0; i < 32; i++) diff = Math.max(diff, Math.abs((x[t * 32 + i] as number) - (emb[id * 32 + i] as number)));
    });
    expect(diff).toBeGreaterThan(0.01);
    out.dispose();
    model.dispose();
  });
});

describe('determinism', () => {
  for (const router of ROUTERS) {
    it(`${router}: the same seed gives an identical trace from two models`, async () => {
      const c = cfg({
        router,
        layers: 2,
        sharedExperts: 1,
        capacityFactor: 1,
        ...(router === 'sigmoid-bias' ? { nGroup: 4, topkGroup: 2 } : {}),
      });
      const a = new MoeModel(c);
      const b = new MoeModel({ ...c });
      const ta = (await a.run(TOKENS)).trace;
      const tb = (await b.run(TOKENS)).trace;
      expect(tb).toEqual(ta);
      // And a second run of the same model repeats itself.
      expect((await a.run(TOKENS)).trace).toEqual(ta);
      a.dispose();
      b.dispose();
    });

    it(`${router}: a different seed gives different routing`, async () => {
      const a = new MoeModel(cfg({ router, seed: 1 }));
      const b = new MoeModel(cfg({ router, seed: 2 }));
      const ra = (await a.run(TOKENS)).trace.layers[0]?.tokens.map((t) => t.experts);
      const rb = (await b.run(TOKENS)).trace.layers[0]?.tokens.map((t) => t.experts);
      expect(ra).toHaveLength(TOKENS.length);
      expect(rb).not.toEqual(ra);
      a.dispose();
      b.dispose();
    });
  }

  it('adding experts (8 → 16) keeps the router columns and weights of experts 0..7', () => {
    for (const router of ['softmax-topk', 'noisy-topk'] as const) {
      const a = new MoeModel(cfg({ router, layers: 2 }));
      const b = new MoeModel(cfg({ router, layers: 2, routedExperts: 16 }));
      a.layers.forEach((la, l) => {
        const lb = b.layers[l];
        if (!lb) throw new Error('missing layer');
        expect(lb.router.shape).toEqual([32, 16]);
        const first = slice(lb.router, [0, 0], [32, 8]);
        const extra = slice(lb.router, [0, 8], [32, 8]);
        expect(values(first)).toEqual(values(la.router));
        expect(values(extra)).not.toEqual(values(la.router));
        dispose([first, extra]);
        if (la.noiseRouter && lb.noiseRouter) {
          const nb = slice(lb.noiseRouter, [0, 0], [32, 8]);
          expect(values(nb)).toEqual(values(la.noiseRouter));
          nb.dispose();
        }
        for (let e = 0; e < 8; e++) {
          const wa = la.experts[e] as ExpertWeights;
          const wb = lb.experts[e] as ExpertWeights;
          expect(values(wb.gate)).toEqual(values(wa.gate));
          expect(values(wb.down)).toEqual(values(wa.down));
        }
      });
      expect(values(b.embedding)).toEqual(values(a.embedding));
      a.dispose();
      b.dispose();
    }
  });

  it('noisy-topk: the same noise step repeats, another step changes the noise', async () => {
    const model = new MoeModel(cfg({ router: 'noisy-topk' }));
    const n0 = (await model.run(TOKENS, { noiseStep: 0 })).trace;
    const again = (await model.run(TOKENS, { noiseStep: 0 })).trace;
    const n1 = (await model.run(TOKENS, { noiseStep: 1 })).trace;
    expect(again).toEqual(n0);
    expect(n1.layers[0]?.tokens.map((t) => t.noise)).not.toEqual(n0.layers[0]?.tokens.map((t) => t.noise));
    expect(n1.layers[0]?.tokens.map((t) => t.logits)).toEqual(n0.layers[0]?.tokens.map((t) => t.logits));
    model.dispose();
  });

  it('noisy-topk with router noise 0 routes exactly like softmax-topk', async () => {
    const soft = new MoeModel(cfg({ router: 'softmax-topk', layers: 2, capacityFactor: 1 }));
    const noisy = new MoeModel(cfg({ router: 'noisy-topk', routerNoise: 0, layers: 2, capacityFactor: 1 }));
    const ts = (await soft.run(TOKENS)).trace;
    const tn = (await noisy.run(TOKENS)).trace;
    ts.layers.forEach((l, i) => {
      const ln = tn.layers[i];
      expect(ln?.tokens.map((t) => [t.experts, t.weights, t.dropped])).toEqual(l.tokens.map((t) => [t.experts, t.weights, t.dropped]));
      expect(ln?.tokens.map((t) => t.scores)).toEqual(l.tokens.map((t) => t.scores));
      expect(ln?.experts.map((e) => [e.demand, e.load])).toEqual(l.experts.map((e) => [e.demand, e.load]));
    });
    soft.dispose();
    noisy.dispose();
  });
});

describe('run options', () => {
  it('keepOutput: false returns no tensor and keeps none', async () => {
    const model = new MoeModel(cfg());
    const before = memory().numTensors;
    const r = await model.run(TOKENS);
    expect(r.output).toBeNull();
    expect(memory().numTensors).toBe(before);
    const kept = await model.run(TOKENS, { keepOutput: true });
    expect(kept.output?.shape).toEqual([TOKENS.length, 32]);
    expect(memory().numTensors).toBe(before + 1);
    kept.output?.dispose();
    model.dispose();
  });

  it.each([
    ['softmax-topk', {}],
    ['noisy-topk', {}],
    ['sigmoid-bias', { nGroup: 4, topkGroup: 2 }],
  ] as const)(
    'choicesOnly (%s, two layers, capacity drops): the same choices, weights, drops, groups and loads, no per-expert numbers',
    async (router, groups) => {
      const model = new MoeModel(cfg({ router, layers: 2, capacityFactor: 0.5, ...groups }));
      const full = (await model.run(TOKENS, { noiseStep: 3 })).trace;
      const lean = (await model.run(TOKENS, { noiseStep: 3, choicesOnly: true })).trace;
      expect(lean.layers).toHaveLength(2);
      lean.layers.forEach((l, i) => {
        const f = full.layers[i]!;
        expect(l.experts).toEqual(f.experts);
        expect(l.balance).toEqual(f.balance);
        expect(l.droppedChoices).toBe(f.droppedChoices);
        expect(l.droppedChoices).toBeGreaterThan(0);
        l.tokens.forEach((t, j) => {
          const ft = f.tokens[j]!;
          expect([t.experts, t.weights, t.dropped, t.used, t.skipped, t.keptGroups]).toEqual([
            ft.experts,
            ft.weights,
            ft.dropped,
            ft.used,
            ft.skipped,
            ft.keptGroups,
          ]);
          if (router === 'sigmoid-bias') expect(t.keptGroups).toHaveLength(2);
          expect([t.logits, t.scores, t.input, t.noise, t.biased]).toEqual([[], [], undefined, undefined, undefined]);
        });
      });
      expect(lean.perToken).toEqual(full.perToken);
      model.dispose();
    },
  );

  it('the sigmoid-bias selection bias steers routing and is recorded', async () => {
    const model = new MoeModel(cfg({ router: 'sigmoid-bias' }));
    const layer = model.layers[0];
    if (!layer) throw new Error('no layer');
    layer.bias[6] = 5;
    const { trace } = await model.run(TOKENS);
    const l0 = trace.layers[0];
    expect(l0?.bias?.[6]).toBe(5);
    for (const t of l0?.tokens ?? []) expect(t.experts[0]).toBe(6);
    // The recorded bias is a copy: changing the live bias later does not change the trace.
    layer.bias[6] = 0;
    expect(l0?.bias?.[6]).toBe(5);
    model.dispose();
  });
});

describe('memory', () => {
  it('numTensors is unchanged after 1,000 forward passes', async () => {
    const model = new MoeModel(cfg());
    const tokens = tokenize('the cat runs .').tokens;
    await model.run(tokens); // warm-up
    const before = memory().numTensors;
    for (let i = 0; i < 1000; i++) await model.run(tokens);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('numTensors is unchanged after runs of every router, both modes, with output kept and disposed', async () => {
    for (const router of ROUTERS) {
      const model = new MoeModel(cfg({ router, layers: 2, sharedExperts: 1, capacityFactor: 0.5 }));
      const before = memory().numTensors;
      for (let i = 0; i < 20; i++) {
        await model.run(TOKENS, { mode: i % 2 ? 'dense' : 'sparse', noiseStep: i });
        const { output: out } = await model.run(TOKENS, { keepOutput: true });
        out?.dispose();
      }
      await model.run([]);
      expect(memory().numTensors).toBe(before);
      model.dispose();
    }
  });

  it('numTensors is unchanged after 100 config changes (construct, run, dispose)', async () => {
    const tokens = tokenize('the red fox jumps over a lazy dog .').tokens;
    const changes: Partial<MoeConfig>[] = [];
    for (let i = 0; i < 100; i++) {
      const router = ROUTERS[i % 4] as RouterKind;
      changes.push({
        router,
        routedExperts: [4, 8, 16][i % 3] as number,
        topK: 1 + (i % 2),
        granularity: [1, 2][(i >> 2) % 2] as number,
        sharedExperts: i % 3,
        layers: 1 + (i % 2),
        capacityFactor: i % 5 === 0 ? null : 0.5 + (i % 4) * 0.5,
        seed: i,
        ...(router === 'sigmoid-bias' ? { nGroup: 2, topkGroup: 2 } : {}),
      });
    }
    // Build the first model once so that backend set-up is not counted.
    const warm = new MoeModel(cfg());
    await warm.run(tokens);
    warm.dispose();
    const before = memory().numTensors;
    const beforeBytes = memory().numBytes;
    for (const change of changes) {
      const model = new MoeModel(cfg(change));
      await model.run(tokens);
      model.dispose();
    }
    expect(memory().numTensors).toBe(before);
    expect(memory().numBytes).toBe(beforeBytes);
  });
});
