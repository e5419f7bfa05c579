import { describe, expect, it } from 'vitest';
import { loadBalance } from '../../src/core/balance';
import { DEFAULT_CONFIG, ROUTERS, validateConfig, type MoeConfig } from '../../src/core/config';
import { MoeModel } from '../../src/core/model';
import { toyParams } from '../../src/core/params';
import { capacityFor, type Routing } from '../../src/core/router';
import { tokenize, VOCAB, type Token } from '../../src/core/tokenizer';
import { buildTrace, layerTrace, type Trace } from '../../src/core/trace';

function cfg(change: Partial<MoeConfig> = {}): MoeConfig {
  const r = validateConfig({ ...DEFAULT_CONFIG, ...change });
  if (!r.ok) throw new Error(`bad test config: ${JSON.stringify(r.problems)}`);
  return r.config;
}

const V = VOCAB.words.length;
const TEXT = 'The quick brown fox jumps over the lazy dog. Two red birds sing in the old tree.';
const TOKENS: Token[] = tokenize(TEXT).tokens;

async function traceOf(c: MoeConfig, tokens: Token[] = TOKENS, truncated = false): Promise<Trace> {
  const model = new MoeModel(c);
  try {
    return (await model.run(tokens, { truncated })).trace;
  } finally {
    model.dispose();
  }
}

/** Only numbers, strings, booleans, null, arrays and plain objects, all the way down. */
function isPlainData(v: unknown): boolean {
  if (v === null || ['number', 'string', 'boolean'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.every(isPlainData);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    return (proto === Object.prototype || proto === null) && Object.values(v as object).every(isPlainData);
  }
  return false;
}

const sum = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0);

describe('trace: tokens', () => {
  it('per token text, id, category, unknown and index', async () => {
    const t = await traceOf(cfg());
    expect(t.tokens).toHaveLength(TOKENS.length);
    expect(t.tokens.slice(0, 3)).toEqual([
      { text: 'the', id: VOCAB.ids.get('the'), category: 'function', unknown: false, index: 0 },
      { text: 'quick', id: VOCAB.ids.get('quick'), category: 'adjective', unknown: false, index: 1 },
      { text: 'brown', id: VOCAB.ids.get('brown'), category: 'colour', unknown: false, index: 2 },
    ]);
    expect(t.tokens[9]).toEqual({ text: '.', id: VOCAB.ids.get('.'), category: 'punctuation', unknown: false, index: 9 });
    t.tokens.forEach((tok, i) => expect(tok.index).toBe(i));
  });

  it('unknown words are flagged (id 0) and routed, not dropped', async () => {
    const tokens = tokenize('the zebra jumps over the xylophone').tokens;
    const t = await traceOf(cfg({ layers: 2 }), tokens);
    expect(t.tokens.map((x) => x.unknown)).toEqual([false, true, false, false, false, true]);
    expect(t.tokens[1]).toEqual({ text: 'zebra', id: 0, category: 'unknown', unknown: true, index: 1 });
    for (const layer of t.layers) {
      for (const i of [1, 5]) {
        const r = layer.tokens[i];
        expect(r?.experts).toHaveLength(2);
        expect(r?.dropped).toEqual([false, false]);
        expect(r?.used).toBe(2);
        expect(r?.skipped).toBe(false);
      }
    }
    expect(t.perToken[1]?.activeParams).toBe(t.params.activeNominal);
  });

  it('the truncated flag is passed through', async () => {
    expect((await traceOf(cfg(), TOKENS, true)).truncated).toBe(true);
    expect((await traceOf(cfg(), TOKENS)).truncated).toBe(false);
  });

  it('an empty token list gives an empty trace without throwing', async () => {
    const c = cfg({ layers: 2, router: 'sigmoid-bias', nGroup: 2, topkGroup: 1 });
    const model = new MoeModel(c);
    const { trace, output } = await model.run([], { keepOutput: true });
    model.dispose();
    expect(output).toBeNull();
    expect(trace.tokens).toEqual([]);
    expect(trace.perToken).toEqual([]);
    expect(trace.layers).toHaveLength(2);
    for (const l of trace.layers) {
      expect(l.tokens).toEqual([]);
      expect(l.experts).toHaveLength(8);
      expect(l.experts.every((e) => e.demand === 0 && e.load === 0)).toBe(true);
      expect(l.droppedChoices).toBe(0);
      expect(l.skippedTokens).toBe(0);
      expect(l.balance).toEqual({ maxOverMean: 0, cv: 0 });
    }
    expect(trace.params.activeMean).toBe(0);
    expect(trace.flops.sparseMean).toBe(0);
    expect(trace.flops.densePerToken).toBe(2 * 32 * V + 2 * 2 * (256 + 8 * 6144)); // head + 2 layers
    for (const router of ROUTERS) await expect(traceOf(cfg({ router }), [])).resolves.toBeDefined();
  });
});

describe('trace: per-layer routing', () => {
  for (const router of ROUTERS) {
    it(`${router}: scores and logits have one entry per routed expert; optional fields only where they apply`, async () => {
      const grouped = router === 'sigmoid-bias' ? { nGroup: 4, topkGroup: 2 } : {};
      const c = cfg({ router, granularity: 2, ...grouped });
      const t = await traceOf(c);
      const E = 16;
      const l0 = t.layers[0];
      if (!l0) throw new Error('no layer');
      expect(l0.index).toBe(0);
      expect(l0.tokens).toHaveLength(TOKENS.length);
      for (const r of l0.tokens) {
        expect(r.scores).toHaveLength(E);
        expect(r.logits).toHaveLength(E);
        if (router === 'noisy-topk') expect(r.noise).toHaveLength(E);
        else expect(r.noise).toBeUndefined();
        if (router === 'sigmoid-bias') {
          expect(r.biased).toHaveLength(E);
          expect(r.keptGroups).toHaveLength(2);
          for (const e of r.experts) expect(r.keptGroups).toContain(Math.floor(e / 4));
          // s = sigmoid(logit); biased = s + bias (bias 0 on a new model)
          r.logits.forEach((z, e) => expect(r.scores[e]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6));
          expect(r.biased).toEqual(r.scores);
        } else {
          expect(r.biased).toBeUndefined();
          expect(r.keptGroups).toBeUndefined();
          expect(sum(r.scores)).toBeCloseTo(1, 10);
        }
        if (router !== 'expert-choice') {
          expect(r.experts).toHaveLength(4);
          expect(sum(r.weights)).toBeCloseTo(1, 10);
        }
      }
      if (router === 'sigmoid-bias') expect(l0.bias).toEqual(new Array<number>(E).fill(0));
      else expect(l0.bias).toBeUndefined();
    });
  }

  it('sigmoid-bias with one group still records the single kept group', async () => {
    const t = await traceOf(cfg({ router: 'sigmoid-bias' }));
    for (const r of t.layers[0]?.tokens ?? []) expect(r.keptGroups).toEqual([0]);
  });

  it('per expert demand, load and params agree with the per-token choices', async () => {
    const c = cfg({ capacityFactor: 0.5, layers: 2, sharedExperts: 1 });
    const t = await traceOf(c);
    const T = TOKENS.length;
    for (const l of t.layers) {
      expect(l.capacity).toBe(capacityFor(T, 2, 8, 0.5));
      expect(l.experts).toHaveLength(8);
      l.experts.forEach((x, e) => {
        expect(x.index).toBe(e);
        expect(x.params).toBe(6144);
        const choices = l.tokens.flatMap((r) => r.experts.map((ex, j) => ({ ex, dropped: r.dropped[j] }))).filter((ch) => ch.ex === e);
        expect(x.demand).toBe(choices.length);
        expect(x.load).toBe(choices.filter((ch) => !ch.dropped).length);
        expect(x.load).toBeLessThanOrEqual(l.capacity ?? Infinity);
      });
      expect(sum(l.experts.map((x) => x.demand))).toBe(T * 2);
      const dropped = l.tokens.reduce((a, r) => a + r.dropped.filter(Boolean).length, 0);
      expect(l.droppedChoices).toBe(dropped);
      expect(dropped).toBeGreaterThan(0);
      expect(sum(l.experts.map((x) => x.load))).toBe(T * 2 - dropped);
      expect(l.skippedTokens).toBe(l.tokens.filter((r) => r.used === 0).length);
      for (const r of l.tokens) {
        expect(r.used).toBe(r.dropped.filter((d) => !d).length);
        expect(r.skipped).toBe(r.used === 0);
      }
      expect(l.balance).toEqual(loadBalance(l.experts.map((x) => x.demand)));
    }
  });

  it('expert choice: every expert has load = capacity', async () => {
    const t = await traceOf(cfg({ router: 'expert-choice', capacityFactor: 1.25 }));
    const cap = Math.ceil((TOKENS.length * 2 * 1.25) / 8 - 1e-9);
    const l0 = t.layers[0];
    expect(l0?.capacity).toBe(cap);
    expect(l0?.experts.map((x) => x.load)).toEqual(new Array<number>(8).fill(cap));
    expect(l0?.balance).toEqual({ maxOverMean: 1, cv: 0 });
  });
});

describe('trace: parameters and FLOPs', () => {
  it('default config by hand: every token active = V·32 + 256 + 2·6144', async () => {
    const t = await traceOf(cfg());
    const expected = V * 32 + 256 + 2 * 6144; // tied embedding + router + 2 experts
    for (const c of t.perToken) {
      expect(c.activeParams).toBe(expected);
      expect(c.flops).toBe(2 * 32 * V + 2 * (256 + 2 * 6144));
    }
    expect(t.params.activeMean).toBe(expected);
    expect(t.params.total).toBe(V * 32 + 256 + 8 * 6144);
    expect(t.params).toMatchObject(toyParams(cfg(), V));
    expect(t.flops).toEqual({ sparseMean: 2 * 32 * V + 25088, densePerToken: 2 * 32 * V + 98816 });
  });

  it('perToken activeParams = embedding + Σ_layers (router + shared + used·routedExpert), with drops', async () => {
    const c = cfg({ capacityFactor: 0.5, layers: 2, sharedExperts: 2, router: 'noisy-topk' });
    const t = await traceOf(c);
    const p = toyParams(c, V);
    expect(p.router).toBe(512);
    expect(p.sharedTotal).toBe(2 * 6144);
    t.perToken.forEach((cost, i) => {
      const used = t.layers.map((l) => l.tokens[i]?.used ?? -1);
      const expected = V * 32 + 2 * (512 + 2 * 6144) + sum(used) * 6144;
      expect(cost.activeParams).toBe(expected);
      expect(cost.flops).toBe(2 * 32 * V + 2 * (2 * (512 + 2 * 6144) + sum(used) * 6144));
    });
    const mean = sum(t.perToken.map((c) => c.activeParams)) / TOKENS.length;
    expect(t.params.activeMean).toBeCloseTo(mean, 6);
    expect(t.params.activeMean).toBeLessThan(p.activeNominal); // some choices were dropped
    expect(t.flops.sparseMean).toBeCloseTo(sum(t.perToken.map((c) => c.flops)) / TOKENS.length, 6);
    expect(t.flops.densePerToken).toBe(2 * 32 * V + 2 * 2 * (512 + 2 * 6144 + 8 * 6144));
    expect(t.flops.sparseMean).toBeLessThan(t.flops.densePerToken);
  });

  it('the trace carries the config and the expert shape', async () => {
    const c = cfg({ granularity: 4, sharedExperts: 1 });
    const t = await traceOf(c);
    expect(t.config).toEqual(c);
    expect(t.shape).toEqual({ experts: 32, active: 8, hidden: 16, shared: 1, width: 32, groupSize: 32 });
  });
});

describe('trace: plain data', () => {
  for (const router of ROUTERS) {
    it(`${router}: numbers, strings and booleans only; survives a JSON round trip`, async () => {
      const t = await traceOf(
        cfg({ router, layers: 2, capacityFactor: 0.5, ...(router === 'sigmoid-bias' ? { nGroup: 2, topkGroup: 1 } : {}) }),
      );
      expect(isPlainData(t)).toBe(true);
      expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    });
  }
});

describe('layerTrace and buildTrace on a hand-made routing', () => {
  // 3 tokens, 2 experts, k = 1, capacity 1: token 0 → e0, token 1 → e0 (dropped), token 2 → e1.
  const routing: Routing = {
    scores: Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.3, 0.7]),
    routes: [
      { experts: [0], weights: [1], dropped: [false] },
      { experts: [0], weights: [1], dropped: [true] },
      { experts: [1], weights: [1], dropped: [false] },
    ],
    capacity: 1,
    demand: [2, 1],
    load: [1, 1],
  };
  const c = cfg({ routedExperts: 2, topK: 1, capacityFactor: 0.5 });
  const p = toyParams(c, 10);
  const tokens: Token[] = tokenize('the cat runs').tokens;

  it('counts drops and skipped tokens', () => {
    const l = layerTrace(0, { routing, logits: Float32Array.from([2, 0, 1, 0, 0, 1]) }, c, p);
    expect(l.tokens.map((r) => [r.used, r.skipped])).toEqual([
      [1, false],
      [0, true],
      [1, false],
    ]);
    expect(l.droppedChoices).toBe(1);
    expect(l.skippedTokens).toBe(1);
    expect(l.tokens[1]?.scores).toEqual([0.8, 0.2]);
    expect(l.tokens[1]?.logits).toEqual([1, 0]);
    expect(l.experts).toEqual([
      { index: 0, demand: 2, load: 1, params: 3 * 32 * 64 },
      { index: 1, demand: 1, load: 1, params: 3 * 32 * 64 },
    ]);
    // Balance over demand [2, 1]: mean 1.5, max/mean 4/3, cv = 0.5/1.5
    expect(l.balance.maxOverMean).toBeCloseTo(4 / 3, 12);
    expect(l.balance.cv).toBeCloseTo(1 / 3, 12);
  });

  it('a skipped token is charged no routed expert', () => {
    const l = layerTrace(0, { routing, logits: new Float32Array(6) }, c, p);
    const t = buildTrace(c, tokens, false, [l], p);
    const emb = 10 * 32; // also the output head (tied): counted once, used once per token
    const router = 32 * 2;
    expect(t.perToken.map((x) => x.activeParams)).toEqual([emb + router + 6144, emb + router, emb + router + 6144]);
    expect(t.perToken.map((x) => x.flops)).toEqual([2 * (emb + router + 6144), 2 * (emb + router), 2 * (emb + router + 6144)]);
    expect(t.params.activeMean).toBeCloseTo(emb + router + (2 / 3) * 6144, 9);
    expect(t.flops.densePerToken).toBe(2 * (emb + router + 2 * 6144));
  });
});
