/**
 * The experiments on real traces: 200 held-out sentences routed by the page's default model with the
 * shipped trained checkpoint (tests/node-weights.ts), each sentence its own trace. Prints the numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { heldOutSentences } from '../../../src/core/evaluate';
import { classShares, coActivation, neighbourRates, repeatedWords, sameWordContexts } from '../../../src/core/experiments';
import type { MoeModel } from '../../../src/core/model';
import { openCorpus } from '../../../src/core/open-corpus';
import type { Trace } from '../../../src/core/trace';
import { TRAINING_RECIPE } from '../../../src/core/trained-recipe';
import { pageModel } from '../../node-weights';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('experiments on the trained default model', () => {
  let model: MoeModel;
  const traces: Trace[] = [];

  beforeAll(async () => {
    model = await pageModel(DEFAULT_CONFIG);
    for (const s of heldOutSentences(TRAINING_RECIPE.heldOutSeed, openCorpus(), 200)) traces.push((await model.run(s)).trace);
  });
  afterAll(() => model.dispose());

  it('class shares show specialisation: some class sends ≥ 50% of its first choices to one expert', () => {
    const r = classShares(traces, 0, { choice: 'first' });
    const lines = r.classes.map((c, i) => {
      const row = r.rows[i]!;
      const top = row.shares.indexOf(Math.max(...row.shares));
      return `${c.padEnd(12)} n=${String(row.tokens).padStart(4)}  top expert ${top} ${pct(row.shares[top]!)}  [${row.shares.map((s) => (100 * s).toFixed(0).padStart(3)).join(' ')}]`;
    });
    console.log(`class shares, first choice, layer 0 (line ${pct(r.baseline)}):\n${lines.join('\n')}`);
    expect(Math.max(...r.rows.map((row) => Math.max(...row.shares)))).toBeGreaterThanOrEqual(0.5);
    for (const row of r.rows) expect(row.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const all = classShares(traces, 0, { choice: 'all' });
    expect(all.tokenBaseline).toBeCloseTo(2 / 8, 12);
  });

  it('neighbours, co-activation and the same word, printed', () => {
    const n = neighbourRates(traces, 0);
    console.log(
      `neighbours: same first ${pct(n.sameFirst.rate)} vs ${pct(n.sameFirst.baseline)} ± ${pct(n.sameFirst.standardError)} (z ${n.sameFirst.z.toFixed(1)}, ${n.sameFirst.pairs} pairs); ` +
        `share one ${pct(n.shareAny.rate)} vs ${pct(n.shareAny.baseline)} ± ${pct(n.shareAny.standardError)} (z ${n.shareAny.z.toFixed(1)})`,
    );
    expect(n.sameFirst.pairs).toBe(traces.reduce((a, t) => a + t.tokens.length - 1, 0));
    const c = coActivation(traces, 0);
    console.log(
      `co-activation (conditional, %):\n${c.conditional.map((row) => row.map((x) => (100 * x).toFixed(0).padStart(4)).join('')).join('\n')}`,
    );
    expect(c.tokens).toBe(traces.reduce((a, t) => a + t.tokens.length, 0));
    // No attention: a word read as the same row is routed the same in every sentence.
    const words = repeatedWords(traces, 5).slice(0, 8);
    for (const { word } of words) {
      const s = sameWordContexts(traces, word);
      console.log(`same word "${word}": ${s.occurrences.length} times, rows ${s.ids.join('/')}, keeps ${pct(s.keepShare)}`);
      if (s.ids.length === 1) expect(s.keeps).toBe(true);
    }
  });
});
