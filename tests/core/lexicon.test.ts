/** The open vocabulary's lexicons (src/core/lexicon/*.json, built by scripts/build-lexicon.ts). */
import { describe, expect, it } from 'vitest';
import { LEXICON as TOY } from '../../src/core/corpus';
import { EN_LEXICON, openRows, ZH_LEXICON, type Lexicon } from '../../src/core/lexicon';
import rowsJson from '../../src/core/lexicon/rows.json';
import { vocabHash } from '../../src/core/checkpoint';
import { OPEN_VOCAB } from '../../src/core/open-vocab';
import { WORD_CLASSES, type WordClass } from '../../src/core/word-class';

const all = (lex: Lexicon): string[] => WORD_CLASSES.flatMap((c) => [...lex.classes[c]]);
const classOf = (lex: Lexicon, word: string): WordClass | undefined => WORD_CLASSES.find((c) => lex.classes[c].includes(word));

describe('lexicons', () => {
  it('cover at least 5,000 English and 1,000 Chinese words, each once', () => {
    for (const [lex, min] of [
      [EN_LEXICON, 5_000],
      [ZH_LEXICON, 1_000],
    ] as const) {
      const words = all(lex);
      expect(words.length).toBeGreaterThanOrEqual(min);
      expect(new Set(words).size).toBe(words.length);
      for (const w of words) expect(w).toBe(w.trim());
    }
  });

  it('files English words under sensible classes, lower-cased', () => {
    for (const w of all(EN_LEXICON)) expect(w).toBe(w.toLowerCase());
    const expected: [string, WordClass][] = [
      ['the', 'determiner'],
      ['cat', 'noun'],
      ['she', 'pronoun'],
      ['under', 'preposition'],
      ['because', 'conjunction'],
      ['twenty', 'number'],
      ['quickly', 'adverb'],
      ['happy', 'adjective'],
      // The commonest reading of a word with two (SemCor's counts): "run" a verb, "light" and "time" nouns.
      ['run', 'verb'],
      ['runs', 'verb'],
      ['light', 'noun'],
      ['time', 'noun'],
      ['will', 'verb'],
      ["don't", 'verb'],
      ["i'm", 'pronoun'],
      ['paris', 'name'],
      ['john', 'name'],
      ['hello', 'interjection'],
      ['.', 'punctuation'],
    ];
    for (const [w, c] of expected) expect([w, classOf(EN_LEXICON, w)]).toEqual([w, c]);
  });

  it('has the closed classes of common English complete', () => {
    const closed: Partial<Record<WordClass, string>> = {
      determiner: 'the a an this that these those some any no every each all both many few',
      pronoun: 'i me my you your he him his she her it its we us our they them their who',
      preposition: 'of in on at by for with from to into about over under near after before between through',
      conjunction: 'and or but nor so yet because although if while unless',
    };
    for (const [cls, words] of Object.entries(closed))
      for (const w of words.split(' ')) expect([w, classOf(EN_LEXICON, w)]).toEqual([w, cls]);
  });

  it('holds every word of the toy vocabulary', () => {
    for (const [w, cat] of TOY) {
      const cls = classOf(EN_LEXICON, w);
      expect([w, cls === undefined]).toEqual([w, false]);
      if (cat === 'number' || cat === 'punctuation' || cat === 'verb' || cat === 'adjective') expect([w, cls]).toEqual([w, cat]);
      if (cat === 'animal' || cat === 'object' || cat === 'person') expect([w, cls]).toEqual([w, 'noun']);
      if (cat === 'colour') expect(['adjective', 'noun']).toContain(cls); // "orange" is mostly the fruit
    }
  });

  it('has Chinese words Intl.Segmenter keeps whole, in the same classes', () => {
    const seg = new Intl.Segmenter('zh', { granularity: 'word' });
    const words = all(ZH_LEXICON).filter((w) => /\p{Script=Han}/u.test(w));
    for (const w of words.slice(0, 300)) expect([...seg.segment(w)].map((s) => s.segment)).toEqual([w]);
    expect(classOf(ZH_LEXICON, '她')).toBe('pronoun');
    expect(classOf(ZH_LEXICON, '喜欢')).toBe('verb');
    expect(classOf(ZH_LEXICON, '。')).toBe('punctuation');
    expect(classOf(ZH_LEXICON, '和')).toBe('conjunction');
  });
});

describe('the open vocabulary’s own rows', () => {
  it('rows.json is what the lexicons give (regenerate with node scripts/run-ts.mjs scripts/build-rows.ts), and the model’s vocabulary is unchanged', () => {
    expect(rowsJson).toEqual(openRows());
    expect(vocabHash(OPEN_VOCAB.words)).toBe('da9bdf0d3f5f0d42');
  });
});
