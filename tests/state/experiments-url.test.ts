import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import {
  decodeExperimentsView,
  defaultExperimentsView,
  encodeExperimentsView,
  EXPERIMENT_IDS,
  MAX_WORD_CHARS,
} from '../../src/state/experiments-url';

describe('the experiments page’s link (x, e, k, L, r, seed, w, layer, word, text)', () => {
  it('an empty link is the default view, with no notice', () => {
    const d = decodeExperimentsView('');
    expect(d.view).toEqual(defaultExperimentsView());
    expect(d.notices).toEqual([]);
    expect(d.ignored).toEqual([]);
  });

  it('every experiment, model, weights and layer round-trips through the link', () => {
    for (const experiment of EXPERIMENT_IDS) {
      const view = {
        experiment,
        config: { ...DEFAULT_CONFIG, routedExperts: 16, topK: 3, layers: 2, router: 'sigmoid-bias' as const, seed: 42 },
        weights: 'random' as const,
        layer: 1,
        word: 'bank',
        text: 'I sat by the bank.\nThe bank lent money.',
      };
      const q = encodeExperimentsView(view);
      expect(q).toContain(`x=${experiment}`);
      const d = decodeExperimentsView(q);
      expect(d.notices).toEqual([]);
      expect(d.view).toEqual(view);
      expect(encodeExperimentsView(d.view)).toBe(q);
    }
  });

  it('bad values keep the default with a notice; unknown keys are listed; the word is cut and lower-cased', () => {
    const d = decodeExperimentsView(`?x=magic&k=99&w=golden&layer=-3&word=${'Ab'.repeat(40)}&zoom=2`);
    expect(d.view.experiment).toBe('words');
    expect(d.view.weights).toBe('trained');
    expect(d.view.layer).toBe(0);
    expect(d.view.word.length).toBeLessThanOrEqual(MAX_WORD_CHARS);
    expect(d.view.word).toBe(d.view.word.toLowerCase());
    expect(d.notices.length).toBeGreaterThanOrEqual(3);
    expect(d.ignored).toEqual([{ key: 'zoom', value: '2' }]);
  });

  it('the main page’s kept keys (lang, backend, theme, present) bring no notice', () => {
    const d = decodeExperimentsView('?x=knockout&lang=zh&backend=cpu&theme=dark&present=1');
    expect(d.view.experiment).toBe('knockout');
    expect(d.notices).toEqual([]);
    expect(d.ignored).toEqual([]);
  });
});
