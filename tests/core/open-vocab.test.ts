/** The open vocabulary and its tokenizer (src/core/open-vocab.ts). */
import { describe, expect, it } from 'vitest';
import { classToken, OPEN_VOCAB, tokenizeOpen, type Tagger } from '../../src/core/open-vocab';
// The full lexicons, as the page has them once a sentence needs them.
import '../../src/core/lexicon';
import { UNKNOWN_ID } from '../../src/core/tokenizer';
import { WORD_CLASSES, type WordClass } from '../../src/core/word-class';

const classes = (text: string, lang: 'en' | 'zh' = 'en', tagger?: Tagger): string[] =>
  tokenizeOpen(text, { lang, ...(tagger ? { tagger } : {}) }).tokens.map((t) => t.category);
/** A stand-in tagger: every word it is asked about is an adjective. */
const adjectives: Tagger = (words) => words.map((): WordClass => 'adjective');

describe('OPEN_VOCAB', () => {
  it('has <unk>, then one class token per class, with classOf and classes', () => {
    expect(OPEN_VOCAB.words[0]).toBe('<unk>');
    expect(OPEN_VOCAB.classes).toEqual(WORD_CLASSES);
    WORD_CLASSES.forEach((c, i) => {
      expect(OPEN_VOCAB.words[i + 1]).toBe(classToken(c));
      expect(OPEN_VOCAB.classOf?.[i + 1]).toBe(i);
      expect(OPEN_VOCAB.categories[i + 1]).toBe(c);
    });
    expect(OPEN_VOCAB.classOf?.[0]).toBe(-1);
    expect(OPEN_VOCAB.classOf?.length).toBe(OPEN_VOCAB.words.length);
    expect(OPEN_VOCAB.ids.size).toBe(OPEN_VOCAB.words.length);
    const cat = OPEN_VOCAB.ids.get('cat') as number;
    expect(OPEN_VOCAB.classes?.[OPEN_VOCAB.classOf?.[cat] ?? -1]).toBe('noun');
  });
});

describe('tokenizeOpen, English', () => {
  it('classes "The cat sat on the mat ." from the lexicon ("mat" is not in it: tests/state/tagger.test.ts tags it)', () => {
    const out = tokenizeOpen('The cat sat on the mat .', { lang: 'en' });
    expect(out.tokens.map((t) => t.category)).toEqual([
      'determiner',
      'noun',
      'verb',
      'preposition',
      'determiner',
      'unknown',
      'punctuation',
    ]);
    expect(out.tokens.some((t) => t.tagged)).toBe(false);
    expect(out.tokens[0]?.text).toBe('the');
  });

  it('recognises numbers in digits by rule and names by the lexicon', () => {
    const out = tokenizeOpen('I saw 42 foxes near Paris!', { lang: 'en' });
    expect(out.tokens.map((t) => [t.text, t.category])).toEqual([
      ['i', 'pronoun'],
      ['saw', 'verb'],
      ['42', 'number'],
      ['foxes', 'noun'],
      ['near', 'preposition'],
      ['paris', 'name'],
      ['!', 'punctuation'],
    ]);
    expect(out.tokens[2]?.id).toBe(OPEN_VOCAB.ids.get('<number>'));
    expect(out.tokens[2]?.tagged).toBe(false);
    for (const n of ['3.5', '1,000', '2026', '21st', '1990s'])
      expect(classes(`in ${n} .`)).toEqual(['preposition', 'number', 'punctuation']);
  });

  it('gives a word outside the lexicon its class token from the tagger, tagged', () => {
    const out = tokenizeOpen('The florbish cat', { lang: 'en', tagger: adjectives });
    expect(out.tokens[1]).toEqual({
      text: 'florbish',
      id: OPEN_VOCAB.ids.get('<adjective>'),
      category: 'adjective',
      unknown: false,
      tagged: true,
    });
    expect(out.tokens[2]?.tagged).toBeUndefined();
  });

  it('without a tagger a word outside the lexicon is unknown', () => {
    const [, florbish] = tokenizeOpen('The florbish cat', { lang: 'en' }).tokens;
    expect(florbish).toEqual({ text: 'florbish', id: UNKNOWN_ID, category: 'unknown', unknown: true });
  });

  it('hands the tagger the sentence in order and as typed, and files a lower-case "name" as a noun', () => {
    let seen: readonly string[] = [];
    const names: Tagger = (words) => {
      seen = words;
      return words.map((): WordClass => 'name');
    };
    const out = tokenizeOpen('Zorblat met the zorblat .', { lang: 'en', tagger: names });
    expect(seen).toEqual(['Zorblat', 'met', 'the', 'zorblat', '.']);
    expect(out.tokens[0]?.category).toBe('name');
    expect(out.tokens[3]?.category).toBe('noun');
  });

  it('survives a tagger that throws or answers nonsense', () => {
    const bad: Tagger = () => {
      throw new Error('no');
    };
    expect(classes('a florbish', 'en', bad)).toEqual(['determiner', 'unknown']);
    const odd = (() => ['weird']) as unknown as Tagger;
    expect(classes('florbish cat', 'en', odd)).toEqual(['unknown', 'noun']);
  });

  it('makes emoji and other symbols symbols, and unlisted punctuation punctuation', () => {
    expect(classes('cat 🐱 👨‍👩‍👧 ©')).toEqual(['noun', 'symbol', 'symbol', 'symbol']);
    expect(classes('[cat]')).toEqual(['punctuation', 'noun', 'punctuation']);
  });

  it('cuts at maxTokens as tokenize does', () => {
    const out = tokenizeOpen('the cat '.repeat(50), { lang: 'en', maxTokens: 7 });
    expect(out.tokens).toHaveLength(7);
    expect(out.truncated).toBe(true);
    expect(out.totalTokens).toBe(100);
    expect(tokenizeOpen('the cat', { lang: 'en', maxTokens: 7 }).truncated).toBe(false);
  });
});

describe('tokenizeOpen, Chinese', () => {
  it('classes "她 喜欢 读书 。" spaced and unspaced alike', () => {
    const spaced = tokenizeOpen('她 喜欢 读书 。', { lang: 'zh' });
    const unspaced = tokenizeOpen('她喜欢读书。', { lang: 'zh' });
    // 读书 is not among the lexicon's words, so it is read as 读 (verb) + 书 (noun).
    expect(spaced.tokens.map((t) => t.text)).toEqual(['她', '喜欢', '读', '书', '。']);
    expect(unspaced.tokens.map((t) => [t.text, t.category])).toEqual(spaced.tokens.map((t) => [t.text, t.category]));
    expect(spaced.tokens.map((t) => t.category)).toEqual(['pronoun', 'verb', 'verb', 'noun', 'punctuation']);
    expect(spaced.tokens.some((t) => t.unknown)).toBe(false);
  });

  it('tries a segment the lexicon lacks character by character', () => {
    // Intl.Segmenter keeps 我的 whole; the lexicon has 我 and 的.
    const out = tokenizeOpen('我的朋友在北京。', { lang: 'zh' });
    expect(out.tokens.map((t) => [t.text, t.category])).toEqual([
      ['我', 'pronoun'],
      ['的', 'preposition'],
      ['朋友', 'noun'],
      ['在', 'preposition'],
      ['北京', 'name'],
      ['。', 'punctuation'],
    ]);
  });

  it('cuts a segment the lexicon lacks into its longest words before single characters', () => {
    // Intl.Segmenter keeps 很喜欢 and 不知道 whole; the lexicon has 很, 喜欢, 不知 and 道 but neither whole.
    const texts = tokenizeOpen('我很喜欢，我不知道。', { lang: 'zh' }).tokens.map((t) => t.text);
    expect(texts).toEqual(['我', '很', '喜欢', '，', '我', '不知', '道', '。']);
  });

  it('sends Latin runs in Chinese text through the English path, digits by rule', () => {
    const out = tokenizeOpen('我爱cat，2026年', { lang: 'zh' });
    expect(out.tokens.map((t) => [t.text, t.category])).toEqual([
      ['我', 'pronoun'],
      ['爱', 'verb'],
      ['cat', 'noun'],
      ['，', 'punctuation'],
      ['2026', 'number'],
      ['年', 'number'],
    ]);
  });
});
