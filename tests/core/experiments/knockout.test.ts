import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import { heldOutSentences, nextWordLoss } from '../../../src/core/evaluate';
import { ablationTable, topRAblation, usageShares } from '../../../src/core/experiments/knockout';
import { MoeModel } from '../../../src/core/model';
import { grammarCorpus } from '../../../src/core/train-batch';
import { VOCAB } from '../../../src/core/tokenizer';
import { OPEN_VOCAB } from '../../../src/core/open-vocab';
import { openCorpus } from '../../../src/core/open-corpus';

const cfg = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...DEFAULT_CONFIG, modelWidth: 16, expertHidden: 16, ...over });
const held = (n: number) => heldOutSentences(7, grammarCorpus(VOCAB), n);

describe('ablationTable (experiment 4)', () => {
  it('one row per layer and expert: the loss with it off, its increase and its usage', async () => {
    const model = new MoeModel(cfg({ layers: 2, routedExperts: 4 }));
    const sentences = held(20);
    const before = memory().numTensors;
    const table = await ablationTable(model, sentences);
    expect(memory().numTensors).toBe(before);
    expect(table.baseline).toBeCloseTo(await nextWordLoss(model, sentences), 6);
    expect(table.rows.map((r) => [r.layer, r.expert])).toEqual([0, 1].flatMap((l) => [0, 1, 2, 3].map((e) => [l, e])));
    expect(table.uniform).toEqual({ firstChoice: 1 / 4, anyChoice: 2 / 4 });
    for (const l of [0, 1]) {
      const rows = table.rows.filter((r) => r.layer === l);
      expect(rows.reduce((a, r) => a + r.firstChoice, 0)).toBeCloseTo(1, 12);
      expect(rows.reduce((a, r) => a + r.anyChoice, 0)).toBeCloseTo(2, 12);
    }
    for (const r of table.rows) {
      expect(r.increase).toBe(r.loss - table.baseline);
      // Each row is the model run with that one expert off.
      const ablation = [0, 1].map((l) => (l === r.layer ? { disabled: [r.expert] } : null));
      expect(r.loss).toBeCloseTo(await nextWordLoss(model, sentences, { ablation }), 5);
    }
    // Switching off a used expert does change the loss.
    expect(table.rows.some((r) => r.increase !== 0)).toBe(true);
    model.dispose();
  });

  it('an expert no token chooses (selection bias −1000) changes the loss by exactly 0', async () => {
    const model = new MoeModel(cfg({ router: 'sigmoid-bias', routedExperts: 4 }));
    model.layers[0]!.bias[2] = -1000;
    const table = await ablationTable(model, held(15));
    const row = table.rows.find((r) => r.expert === 2)!;
    expect(row.anyChoice).toBe(0);
    expect(row.increase).toBe(0);
    expect(row.rerouted).toBe(0);
    expect(table.rows.filter((r) => r.expert !== 2).every((r) => r.increase !== 0)).toBe(true);
    model.dispose();
  });

  it('with many experts and few words, every unchosen expert changes the loss by exactly 0', async () => {
    for (const gateNorm of ['chosen', 'all'] as const) {
      const model = new MoeModel(cfg({ routedExperts: 32, topK: 1, gateNorm }));
      const table = await ablationTable(model, held(2));
      const unused = table.rows.filter((r) => r.anyChoice === 0);
      expect(unused.length).toBeGreaterThan(0);
      for (const r of unused) expect(r.increase).toBe(0);
      model.dispose();
    }
  });

  it('with one layer, exactly the words that chose the expert are re-routed', async () => {
    const model = new MoeModel(cfg());
    const table = await ablationTable(model, held(20));
    for (const r of table.rows) expect(r.rerouted).toBe(Math.round(r.anyChoice * table.tokens));
    model.dispose();
  });

  it('no words: an empty table', async () => {
    const model = new MoeModel(cfg());
    expect(await ablationTable(model, [])).toMatchObject({ baseline: 0, tokens: 0, rows: [] });
    model.dispose();
  });

  it('usageShares counts first and any choices per layer', () => {
    const trace = {
      shape: { experts: 3 },
      layers: [
        {
          index: 0,
          tokens: [{ experts: [0, 1] }, { experts: [0, 2] }, { experts: [1, 0] }, { experts: [0, 1] }],
        },
      ],
    } as unknown as Parameters<typeof usageShares>[0];
    expect(usageShares(trace)).toEqual([
      { layer: 0, expert: 0, firstChoice: 3 / 4, anyChoice: 1 },
      { layer: 0, expert: 1, firstChoice: 1 / 4, anyChoice: 3 / 4 },
      { layer: 0, expert: 2, firstChoice: 0, anyChoice: 1 / 4 },
    ]);
  });
});

describe('topRAblation (experiment 4)', () => {
  it("r = 0 changes nothing; r = 1 (each token's best expert off) raises the loss of a model, without leaking tensors", async () => {
    const model = new MoeModel(cfg());
    const sentences = held(20);
    const before = memory().numTensors;
    const zero = await topRAblation(model, sentences, 0);
    expect(zero.increase).toBe(0);
    const one = await topRAblation(model, sentences, 1);
    expect(memory().numTensors).toBe(before);
    expect(one.baseline).toBe(zero.baseline);
    expect(one.loss).toBeCloseTo(await nextWordLoss(model, sentences, { ablation: [{ topR: 1 }] }), 5);
    expect(one.increase).not.toBe(0);
    expect(one.rerouted).toBe(one.tokens);
    expect(one.tokens).toBeGreaterThan(0);
    await expect(topRAblation(model, sentences, -1)).rejects.toThrow(/r = -1/);
    model.dispose();
  });
});

describe('ablation on the open vocabulary (factorised embedding)', () => {
  it('matches nextWordLoss and leaks no tensors', async () => {
    const model = new MoeModel(cfg(), OPEN_VOCAB);
    const sentences = heldOutSentences(7, openCorpus(), 10);
    const before = memory().numTensors;
    const table = await ablationTable(model, sentences);
    const top = await topRAblation(model, sentences, 1);
    expect(memory().numTensors).toBe(before);
    expect(table.baseline).toBeCloseTo(await nextWordLoss(model, sentences), 5);
    expect(table.rows[3]!.loss).toBeCloseTo(await nextWordLoss(model, sentences, { ablation: [{ disabled: [3] }] }), 5);
    expect(top.loss).toBeCloseTo(await nextWordLoss(model, sentences, { ablation: [{ topR: 1 }] }), 5);
    model.dispose();
  });
});
