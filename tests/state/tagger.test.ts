/** The in-context tagger (src/state/tagger.ts, compromise) with the open vocabulary. */
import { describe, expect, it } from 'vitest';
import { OPEN_VOCAB, tokenizeOpen } from '../../src/core/open-vocab';
// The full lexicons, as the page has them once a sentence needs them.
import '../../src/core/lexicon';
import { loadTagger } from '../../src/state/tagger';

describe('loadTagger', () => {
  it('classes the words of a sentence in context', async () => {
    const tag = await loadTagger();
    expect(tag(['The', 'cat', 'sat', 'on', 'the', 'mat', '.'])).toEqual([
      'determiner',
      'noun',
      'verb',
      'preposition',
      'determiner',
      'noun',
      null,
    ]);
    expect(tag(['I', 'saw', '42', 'foxes', 'in', 'Paris', '!'])).toEqual([
      'pronoun',
      'verb',
      'number',
      'noun',
      'preposition',
      'name',
      null,
    ]);
    expect(tag([])).toEqual([]);
    expect(await loadTagger()).toBe(tag);
  });

  it('gives the first part\'s class to a word compromise splits ("don\'t")', async () => {
    const tag = await loadTagger();
    expect(tag(['they', "don't", 'florbish'])[1]).toBe('verb');
  });

  it('tags the words outside the lexicon when tokenizing', async () => {
    const tagger = await loadTagger();
    const mat = tokenizeOpen('The cat sat on the mat .', { lang: 'en', tagger });
    expect(mat.tokens.map((t) => t.category)).toEqual(['determiner', 'noun', 'verb', 'preposition', 'determiner', 'noun', 'punctuation']);
    expect(mat.tokens.map((t) => t.tagged === true)).toEqual([false, false, false, false, false, true, false]);
    expect(mat.tokens[5]?.id).toBe(OPEN_VOCAB.ids.get('<noun>'));

    const florbish = tokenizeOpen('The florbish cat', { lang: 'en', tagger }).tokens[1];
    expect(['adjective', 'noun']).toContain(florbish?.category);
    expect(florbish?.tagged).toBe(true);

    const names = tokenizeOpen('We met Zorblatova in Quizzleton yesterday .', { lang: 'en', tagger }).tokens;
    expect(names.filter((t) => t.unknown)).toEqual([]);
    expect(names.filter((t) => t.tagged).map((t) => [t.text, t.category])).toEqual([
      ['zorblatova', 'name'],
      ['quizzleton', 'name'],
    ]);

    const science = tokenizeOpen('Photosynthesis converts sunlight into energy 🌞.', { lang: 'en', tagger }).tokens;
    expect(science.map((t) => t.category)).toEqual(['noun', 'verb', 'noun', 'preposition', 'noun', 'symbol', 'punctuation']);
  });
});
