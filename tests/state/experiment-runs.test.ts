/**
 * The experiments page's runs (src/state/experiment-runs.ts, experiment-runner.ts, experiment-export.ts):
 * each result equals the core measurement run directly on the same model and sentences; a newer
 * request abandons a run; no tensor is left behind; the exports hold every number.
 */
import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { classShares, coActivation, everyLayer, neighbourRates, sameWordContexts } from '../../src/core/experiments';
import { ablationTable, topRAblation } from '../../src/core/experiments/knockout';
import { pairedGap } from '../../src/core/experiments/equal-compute';
import { MoeModel } from '../../src/core/model';
import { OPEN_VOCAB, tokenizeOpen } from '../../src/core/open-vocab';
import type { SweepModel } from '../../src/state/capacity-sweep';
import { experimentRows, rowsToCsv } from '../../src/state/experiment-export';
import { experimentKey, ExperimentRunner } from '../../src/state/experiment-runner';
import {
  experimentSentences,
  ownSentences,
  RunCancelled,
  routeSentences,
  runRoutingExperiment,
  type ExperimentInput,
} from '../../src/state/experiment-runs';

const config: MoeConfig = { ...DEFAULT_CONFIG, layers: 2 };
const model: SweepModel = {
  id: 'random',
  build: (c) => new MoeModel(c, OPEN_VOCAB),
  tokenize: (text) => tokenizeOpen(text, { lang: 'en' }),
};
const input = (experiment: ExperimentInput['experiment'], over: Partial<ExperimentInput> = {}): ExperimentInput => ({
  experiment,
  config,
  model,
  word: 'run',
  text: 'They run to the shop.\nShe went for a run in the park.',
  ...over,
});

async function directTraces(sentences = experimentSentences()) {
  const m = new MoeModel(config, OPEN_VOCAB);
  try {
    return await routeSentences(m, sentences);
  } finally {
    m.dispose();
  }
}

describe('the experiments page’s runs equal the core measurements', () => {
  // Each of these routes the 200 held-out sentences several times: minutes on a loaded two-core machine.
  it('experiments 1–3 and 6 on 200 held-out sentences, every layer', { timeout: 180000 }, async () => {
    const traces = await directTraces();
    expect(traces).toHaveLength(200);
    const before = memory().numTensors;
    const words = (await runRoutingExperiment(input('words'))).result;
    expect(words).toEqual({
      experiment: 'words',
      sentences: 200,
      tokens: traces.reduce((a, t) => a + t.tokens.length, 0),
      first: everyLayer(traces, (t, l) => classShares(t, l, { choice: 'first' })),
      all: everyLayer(traces, (t, l) => classShares(t, l, { choice: 'all' })),
    });
    const neighbours = (await runRoutingExperiment(input('neighbours'))).result;
    expect(neighbours.experiment === 'neighbours' && neighbours.layers).toEqual([0, 1].map((l) => neighbourRates(traces, l)));
    const together = (await runRoutingExperiment(input('together'))).result;
    expect(together.experiment === 'together' && together.layers).toEqual([0, 1].map((l) => coActivation(traces, l)));
    const own = ownSentences(input('same-word').text, model);
    expect(own).toHaveLength(2);
    const all = await directTraces([...own, ...experimentSentences()]);
    const same = (await runRoutingExperiment(input('same-word'))).result;
    expect(same.experiment === 'same-word' && same.layers).toEqual([0, 1].map((layer) => sameWordContexts(all, 'run', { layer })));
    if (same.experiment !== 'same-word') throw new Error('same-word');
    // The toy has no attention: "run" read as the same row keeps its expert in both sentences.
    expect(same.layers[0]!.occurrences.length).toBeGreaterThanOrEqual(2);
    expect(memory().numTensors).toBe(before);
  });

  it('experiment 4: the ablation table and each token’s r best off, r = 1 … k', { timeout: 180000 }, async () => {
    const m = new MoeModel(config, OPEN_VOCAB);
    const sentences = experimentSentences();
    const table = await ablationTable(m, sentences);
    const topR = [await topRAblation(m, sentences, 1), await topRAblation(m, sentences, 2)];
    m.dispose();
    const before = memory().numTensors;
    const r = (await runRoutingExperiment(input('knockout'))).result;
    expect(memory().numTensors).toBe(before);
    expect(r).toEqual({ experiment: 'knockout', sentences: 200, table, topR });
  });

  it('reuses the routing for the same model and config, and a cancelled run throws RunCancelled', async () => {
    const first = await runRoutingExperiment(input('words'));
    const again = await runRoutingExperiment(input('neighbours'), {}, first.traces);
    expect(again.traces?.traces).toBe(first.traces?.traces);
    await expect(runRoutingExperiment(input('together'), { cancelled: () => true })).rejects.toBeInstanceOf(RunCancelled);
  });
});

describe('ExperimentRunner', () => {
  it('latest wins: the result is the last request’s, measured once; progress ends null; no tensors left', async () => {
    const runner = new ExperimentRunner(0);
    const before = memory().numTensors;
    let changes = 0;
    runner.subscribe(() => changes++);
    void runner.request(input('words'));
    await runner.request(input('neighbours'));
    expect(runner.result?.experiment).toBe('neighbours');
    expect(runner.key).toBe(experimentKey(input('neighbours')));
    expect(runner.progress).toBeNull();
    expect(runner.error).toBeNull();
    expect(changes).toBeGreaterThan(2);
    const shown = runner.result;
    await runner.request(input('neighbours'));
    expect(runner.result).toBe(shown);
    runner.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('the key follows what changes the numbers: weights and config always, word and text only for experiment 6, the seed for training', () => {
    expect(experimentKey(input('words', { word: 'cat' }))).toBe(experimentKey(input('words')));
    expect(experimentKey(input('same-word', { word: 'cat' }))).not.toBe(experimentKey(input('same-word')));
    expect(experimentKey(input('words', { model: { ...model, id: 'checkpoint:x' } }))).not.toBe(experimentKey(input('words')));
    expect(experimentKey(input('settles', { model: { ...model, id: 'checkpoint:x' } }))).toBe(experimentKey(input('settles')));
    expect(experimentKey(input('settles', { config: { ...config, seed: 2 } }))).not.toBe(experimentKey(input('settles')));
  });
});

describe('exports', () => {
  it('the CSV has a header of every column and one line per row; quoted fields where needed', async () => {
    const r = (await runRoutingExperiment(input('knockout'))).result;
    const rows = experimentRows(r);
    if (r.experiment !== 'knockout') throw new Error('knockout');
    expect(rows).toHaveLength(r.table.rows.length + r.topR.length);
    const csv = rowsToCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]!.split(',')).toEqual(expect.arrayContaining(['ablation', 'layer', 'expert', 'loss', 'increase', 'r']));
    expect(rowsToCsv([{ a: 'x, "y"', b: null }])).toBe('a,b\r\n"x, ""y""",\r\n');
  });
});

describe('pairedGap (experiment 7’s comparison)', () => {
  it('the mean of the last steps and the paired gap’s standard error, by hand', () => {
    const moe = [9, 3, 2, 1].map((loss) => ({ loss }));
    const dense = [9, 4, 4, 4].map((loss) => ({ loss }));
    // Last 3 steps: gaps −1, −2, −3 → mean −2, sd 1, error 1/√3.
    expect(pairedGap(moe, dense, 3)).toEqual({ moe: 2, dense: 4, gap: -2, error: 1 / Math.sqrt(3) });
    expect(pairedGap(moe.slice(0, 1), dense.slice(0, 1), 3)).toBeNull();
  });
});
