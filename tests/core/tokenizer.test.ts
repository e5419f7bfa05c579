import { describe, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_SENTENCE, LEXICON, PRESET_SENTENCES, SENTENCES } from '../../src/core/corpus';
import { buildVocab, MAX_TOKENS, tokenize, UNKNOWN_ID, UNKNOWN_TEXT, VOCAB } from '../../src/core/tokenizer';

const texts = (s: string): string[] => tokenize(s).tokens.map((t) => t.text);

describe('vocabulary', () => {
  it('id 0 is the unknown token; every lexicon word has one id', () => {
    expect(UNKNOWN_ID).toBe(0);
    expect(VOCAB.words[0]).toBe(UNKNOWN_TEXT);
    expect(VOCAB.categories[0]).toBe('unknown');
    expect(VOCAB.words).toHaveLength(LEXICON.size + 1);
    expect(new Set(VOCAB.words).size).toBe(VOCAB.words.length);
    VOCAB.words.forEach((w, i) => expect(VOCAB.ids.get(w)).toBe(i));
    for (const [word, category] of LEXICON) expect(VOCAB.categories[VOCAB.ids.get(word) as number]).toBe(category);
  });

  it('every lexicon category is a known category', () => {
    for (const category of LEXICON.values()) expect(CATEGORIES).toContain(category);
  });

  it('a custom lexicon builds its own vocabulary', () => {
    const v = buildVocab(new Map([['zebra', 'animal']]));
    expect(v.words).toEqual(['<unk>', 'zebra']);
    expect(tokenize('the zebra', v).tokens.map((t) => [t.id, t.unknown])).toEqual([
      [0, true],
      [1, false],
    ]);
  });
});

describe('tokenize', () => {
  it('lower-cases and splits off punctuation', () => {
    expect(texts('The CAT sees a Dog.')).toEqual(['the', 'cat', 'sees', 'a', 'dog', '.']);
    expect(texts('dogs,cats!birds?')).toEqual(['dogs', ',', 'cats', '!', 'birds', '?']);
    expect(texts('  the\tcat\n\nruns  ')).toEqual(['the', 'cat', 'runs']);
    expect(texts('wait...')).toEqual(['wait', '.', '.', '.']);
  });

  it('looks up ids and categories', () => {
    const { tokens } = tokenize('The red fox runs.');
    expect(tokens).toEqual([
      { text: 'the', id: VOCAB.ids.get('the'), category: 'function', unknown: false },
      { text: 'red', id: VOCAB.ids.get('red'), category: 'colour', unknown: false },
      { text: 'fox', id: VOCAB.ids.get('fox'), category: 'animal', unknown: false },
      { text: 'runs', id: VOCAB.ids.get('runs'), category: 'verb', unknown: false },
      { text: '.', id: VOCAB.ids.get('.'), category: 'punctuation', unknown: false },
    ]);
    for (const t of tokens) expect(t.id).toBeGreaterThan(0);
  });

  it('flags unknown words (id 0) and keeps them', () => {
    const { tokens } = tokenize('the zebra jumps; 42 times');
    expect(tokens.map((t) => t.text)).toEqual(['the', 'zebra', 'jumps', ';', '42', 'times']);
    expect(tokens.map((t) => t.unknown)).toEqual([false, true, false, true, true, true]);
    expect(tokens[1]).toEqual({ text: 'zebra', id: 0, category: 'unknown', unknown: true });
    for (const t of tokens.filter((x) => x.unknown)) {
      expect(t.id).toBe(UNKNOWN_ID);
      expect(t.category).toBe('unknown');
    }
  });

  it('typing the unknown marker itself does not produce a known token', () => {
    const { tokens } = tokenize('<unk>');
    expect(tokens.every((t) => t.unknown && t.id === 0)).toBe(true);
  });

  it('empty and blank text give no tokens', () => {
    expect(tokenize('')).toEqual({ tokens: [], truncated: false, totalTokens: 0 });
    expect(tokenize('   \n ')).toEqual({ tokens: [], truncated: false, totalTokens: 0 });
  });

  it('non-string input gives no tokens instead of throwing', () => {
    expect(tokenize(undefined as unknown as string)).toEqual({ tokens: [], truncated: false, totalTokens: 0 });
    expect(tokenize(42 as unknown as string).tokens).toEqual([]);
  });

  it(`cuts at MAX_TOKENS (${MAX_TOKENS}) and flags it`, () => {
    expect(MAX_TOKENS).toBe(64);
    const exact = tokenize(Array.from({ length: MAX_TOKENS }, () => 'cat').join(' '));
    expect(exact.tokens).toHaveLength(MAX_TOKENS);
    expect(exact.truncated).toBe(false);
    expect(exact.totalTokens).toBe(MAX_TOKENS);

    const long = tokenize(Array.from({ length: 70 }, (_, i) => (i < 64 ? 'cat' : 'dog')).join(' '));
    expect(long.tokens).toHaveLength(MAX_TOKENS);
    expect(long.truncated).toBe(true);
    expect(long.totalTokens).toBe(70);
    expect(long.tokens.every((t) => t.text === 'cat')).toBe(true);
  });

  it('an emoji with its modifiers is one token; what draws nothing never is one', () => {
    expect(texts('the 👨‍👩‍👧 and ❤️ 👍🏽 🇫🇷 1️⃣')).toEqual(['the', '👨‍👩‍👧', 'and', '❤️', '👍🏽', '🇫🇷', '1️⃣']);
    // Zero-width space, controls, a byte-order mark and a stray combining mark separate words like spaces.
    expect(texts('the\u200bcat\u0000runs\ufeff. \u0301')).toEqual(['the', 'cat', 'runs', '.']);
    // A combining accent stays on its word (and makes it a different, unknown word).
    expect(tokenize('cafe\u0301 fox').tokens.map((t) => [t.text, t.unknown])).toEqual([
      ['cafe\u0301', true],
      ['fox', false],
    ]);
  });

  it('punctuation counts toward the limit; a custom limit works', () => {
    const r = tokenize('the cat . the dog .', VOCAB, 4);
    expect(r.tokens.map((t) => t.text)).toEqual(['the', 'cat', '.', 'the']);
    expect(r.truncated).toBe(true);
    expect(r.totalTokens).toBe(6);
  });
});

describe('built-in corpus', () => {
  it('every word in SENTENCES is in the LEXICON', () => {
    expect(SENTENCES.length).toBeGreaterThan(0);
    for (const sentence of SENTENCES) {
      const r = tokenize(sentence);
      const unknown = r.tokens.filter((t) => t.unknown).map((t) => t.text);
      expect(unknown, sentence).toEqual([]);
      expect(r.truncated).toBe(false);
    }
  });

  it('the default and preset sentences come from the corpus', () => {
    expect(SENTENCES).toContain(DEFAULT_SENTENCE);
    for (const s of PRESET_SENTENCES) expect(SENTENCES).toContain(s);
  });
});

describe('quotes and apostrophes', () => {
  it('splits quotes around a word off and keeps inner apostrophes', () => {
    expect(tokenize("the 'cat' sees").tokens.map((t) => t.text)).toEqual(['the', "'", 'cat', "'", 'sees']);
    expect(tokenize("the 'cat'").tokens[2]).toMatchObject({ text: 'cat', unknown: false });
    expect(tokenize("don't run").tokens.map((t) => t.text)).toEqual(["don't", 'run']);
  });
});
