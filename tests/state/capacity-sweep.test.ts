import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dropsAtCapacity } from '../../src/core/capacity';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { SENTENCES } from '../../src/core/corpus';
import { MoeModel } from '../../src/core/model';
import { capacityFor } from '../../src/core/router';
import { tokenize } from '../../src/core/tokenizer';
import { WeightStore } from '../../src/core/weight-store';
import { CapacitySweeper, factorsWith, measureSweep, SWEEP_FACTORS, sweepKey, type SweepModel } from '../../src/state/capacity-sweep';
import { OPEN_VOCAB, tokenizeOpen } from '../../src/core/open-vocab';

const config: MoeConfig = { ...DEFAULT_CONFIG };

/**
 * The same sweep by another route: each sentence routed once without a limit, then capacity applied
 * to its demand per expert by the first-come rule (Σ max(0, demand − capacity)).
 */
async function fromDemand(c: MoeConfig, factors: readonly (number | null)[], sentences: readonly string[]): Promise<number[]> {
  const model = new MoeModel({ ...c, capacityFactor: null });
  try {
    const demands: { T: number; demand: number[] }[] = [];
    for (const s of sentences) {
      const { tokens } = tokenize(s);
      const { trace } = await model.run(tokens);
      demands.push({ T: tokens.length, demand: trace.layers[0]!.experts.map((e) => e.demand) });
    }
    return factors.map((f) =>
      demands.reduce((a, d) => a + (f === null ? 0 : dropsAtCapacity(d.demand, capacityFor(d.T, c.topK, c.routedExperts, f))), 0),
    );
  } finally {
    model.dispose();
  }
}

describe('factorsWith and sweepKey', () => {
  it('adds the current factor in order, no limit last; a factor already there is not repeated', () => {
    expect(factorsWith(2.5)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, null]);
    expect(factorsWith(1)).toEqual([...SWEEP_FACTORS]);
    expect(factorsWith(null)).toEqual([...SWEEP_FACTORS]);
    expect(factorsWith(4)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4, null]);
  });
  it('the key ignores only the capacity factor', () => {
    expect(sweepKey({ ...config, capacityFactor: 1 })).toBe(sweepKey({ ...config, capacityFactor: null }));
    expect(sweepKey({ ...config, topK: 3 })).not.toBe(sweepKey(config));
  });
});

describe('measureSweep (live model, cpu backend)', () => {
  it('pools every built-in sentence per factor; equals capacity applied to the demand; no limit drops nothing', async () => {
    const points = (await measureSweep(config, SWEEP_FACTORS))!;
    expect(points.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
    const tokens = SENTENCES.reduce((a, s) => a + tokenize(s).tokens.length, 0);
    for (const p of points) {
      expect(p.batches).toBe(SENTENCES.length);
      expect(p.tokens).toBe(tokens);
      expect(p.choices).toBe(tokens * config.topK);
    }
    expect(points.map((p) => p.dropped)).toEqual(await fromDemand(config, SWEEP_FACTORS, SENTENCES));
    expect(points.at(-1)!.dropped).toBe(0);
    // More slots never drop more.
    for (let i = 1; i < points.length; i++) expect(points[i]!.dropped).toBeLessThanOrEqual(points[i - 1]!.dropped);
    // Imbalance is real: even factor 1 drops choices, because the busiest experts get more than the mean.
    expect(points.find((p) => p.factor === 1)!.dropped).toBeGreaterThan(0);
    expect(points[0]!.maxOverMean.mean).toBeGreaterThan(1);
    expect(points[0]!.maxOverMean.max).toBeGreaterThanOrEqual(points[0]!.maxOverMean.mean);
    console.log(
      `sweep, default config: ${points.map((p) => `${p.factor ?? 'none'}: ${p.dropped}/${p.choices}`).join(', ')}; max/mean ${points[0]!.maxOverMean.mean.toFixed(3)}`,
    );
  });

  it('other routers and shapes agree with the demand too (noisy top-k, sigmoid with bias; 16 experts, top-3)', async () => {
    const few = SENTENCES.slice(0, 6);
    for (const c of [
      { ...config, router: 'noisy-topk' as const },
      { ...config, router: 'sigmoid-bias' as const, routedExperts: 16, topK: 3 },
    ]) {
      const points = (await measureSweep(c, SWEEP_FACTORS, { sentences: few }))!;
      expect(points.map((p) => p.dropped)).toEqual(await fromDemand(c, SWEEP_FACTORS, few));
    }
  });

  it('expert choice never drops a choice; tokens with no expert are counted instead', async () => {
    const points = (await measureSweep({ ...config, router: 'expert-choice' }, [0.5, 1, null], { sentences: SENTENCES.slice(0, 5) }))!;
    expect(points.map((p) => p.dropped)).toEqual([0, 0, 0]);
    expect(points[0]!.skippedTokens).toBeGreaterThan(0);
  });

  it('leaks no tensors: with a shared weight store (two sweeps, then a new shape) and with fresh weights; progress and cancel', async () => {
    const start = memory().numTensors;
    await measureSweep(config, [1, null], { sentences: SENTENCES.slice(0, 4) });
    expect(memory().numTensors).toBe(start);

    const store = new WeightStore();
    const seen: [number, number][] = [];
    await measureSweep(config, SWEEP_FACTORS, { weights: store, sentences: SENTENCES.slice(0, 5), progress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([40, 40]);
    const withWeights = memory().numTensors;
    expect(withWeights).toBeGreaterThan(start);
    const again = await measureSweep(config, SWEEP_FACTORS, { weights: store, sentences: SENTENCES.slice(0, 5) });
    expect(memory().numTensors).toBe(withWeights);
    // Same weights, same drops.
    expect(again!.map((p) => p.dropped)).toEqual(
      (await measureSweep(config, SWEEP_FACTORS, { sentences: SENTENCES.slice(0, 5) }))!.map((p) => p.dropped),
    );
    // A new shape: the old experts' weights are swept away, the new ones kept.
    await measureSweep({ ...config, routedExperts: 4 }, [1], { weights: store, sentences: SENTENCES.slice(0, 2) });
    expect(memory().numTensors).toBeLessThan(withWeights);
    let asked = 0;
    const cancelled = await measureSweep(config, SWEEP_FACTORS, { weights: store, cancelled: () => ++asked > 3 });
    expect(cancelled).toBeNull();
    store.dispose();
    expect(memory().numTensors).toBe(start);
  });
});

describe('CapacitySweeper', () => {
  it("measures on the page's model, and again when its weights change (trained weights arriving)", async () => {
    const few = SENTENCES.slice(0, 3);
    const sweeper = new CapacitySweeper(few);
    const pageModel = (id: string, seed: number): SweepModel => ({
      id,
      build: (c) => new MoeModel({ ...c, seed }, OPEN_VOCAB),
      tokenize: (text) => tokenizeOpen(text, { lang: 'en' }),
    });
    await sweeper.request({ ...config, capacityFactor: 1 }, pageModel('random', 1));
    const a = sweeper.points;
    expect(a).toEqual(await measureSweep(config, SWEEP_FACTORS, { sentences: few, model: pageModel('x', 1) }));
    await sweeper.request({ ...config, capacityFactor: 1 }, pageModel('trained', 2));
    expect(sweeper.points).toEqual(await measureSweep(config, SWEEP_FACTORS, { sentences: few, model: pageModel('y', 2) }));
    expect(sweeper.points).not.toEqual(a);
    sweeper.dispose();
  });

  it('measures every factor, then only a new one; a new shape starts over; no tensors leak', async () => {
    const start = memory().numTensors;
    const few = SENTENCES.slice(0, 3);
    const sweeper = new CapacitySweeper(few);
    let changes = 0;
    sweeper.addEventListener('change', () => changes++);
    await sweeper.request({ ...config, capacityFactor: 1 });
    expect(sweeper.points.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
    expect(sweeper.progress).toBeNull();
    expect(changes).toBeGreaterThan(SWEEP_FACTORS.length * few.length);
    const first = sweeper.points;

    await sweeper.request({ ...config, capacityFactor: 2.5 });
    expect(sweeper.points.map((p) => p.factor)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, null]);
    // The earlier points were kept, not measured again.
    expect(sweeper.points.filter((p) => p.factor !== 2.5)).toEqual([...first]);

    // Two requests in a row: the first shape is abandoned, the second measured.
    void sweeper.request({ ...config, topK: 3 });
    await sweeper.request({ ...config, topK: 1, capacityFactor: 1 });
    expect(sweeper.points.map((p) => p.factor)).toEqual([...SWEEP_FACTORS]);
    expect(sweeper.points[0]!.choices).toBe(few.reduce((a, s) => a + tokenize(s).tokens.length, 0));
    expect(sweeper.points).toEqual(await measureSweep({ ...config, topK: 1 }, SWEEP_FACTORS, { sentences: few }));

    // Disposed while measuring: the run stops and the weights are freed.
    const pending = sweeper.request({ ...config, seed: 9 });
    sweeper.dispose();
    await pending;
    expect(memory().numTensors).toBe(start);
  });
});
