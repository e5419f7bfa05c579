/**
 * Property-based tests of the tokenizer (src/core/tokenizer.ts) on any text: empty, huge, lone
 * surrogates, control characters, combining marks, emoji sequences, every script. It never throws,
 * never returns more than MAX_TOKENS tokens, says when it cut, flags every word outside the
 * vocabulary, drops nothing visible, and makes no token that draws nothing.
 * FUZZ_RUNS generated inputs per property (tests/fuzz-runs.ts: 1,000 in `npm test`, 10,000 in
 * `npm run test:fuzz`), except the huge-text one (see there).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEXICON } from '../../src/core/corpus';
import { MAX_TOKENS, tokenize, UNKNOWN_ID, VOCAB, type Tokenized } from '../../src/core/tokenizer';
import { RUNS } from '../fuzz-runs';

const WORDS = [...LEXICON.keys()];

/** One UTF-16 unit, any of them: lone surrogates, controls, format characters. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Characters that draw nothing or change what is next to them. */
const tricky = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u2028',
  '\u2060',
  '\ufeff',
  '\ufe0f',
  '\u0301',
  '\u0308',
  '\u20e3',
  '\ud83d',
  '\ude00',
  '\udbff\udfff',
  '\u{e0067}',
  '\u{e007f}',
  '\u{1f3fd}',
  '\u{1f1eb}',
  '\u{1f1f7}',
  '🦊',
  '❤️',
  '👍🏽',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  '🇫🇷',
  '1️⃣',
  '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
  'é',
  'e\u0301',
  'İ',
  'ß',
  'ǅ',
  'Σ',
  '٣',
  '\u0915\u094d\u0937',
  "'",
  '’',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u3000',
);
/** A vocabulary word as someone might type it. */
const word = fc.constantFrom(...WORDS).chain((w) => fc.mixedCase(fc.constant(w)));
/** A vocabulary word made of letters (not one of its punctuation marks). */
const letterWord = fc.constantFrom(...WORDS.filter((w) => /^\p{L}+$/u.test(w))).chain((w) => fc.mixedCase(fc.constant(w)));

const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: codeUnit, maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.array(fc.oneof(word, tricky, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 90 }).map((p) => p.join('')),
  fc.array(fc.oneof(word, tricky), { maxLength: 90 }).chain((p) => fc.constantFrom(' ', '', '\u00a0', '.', ', ').map((sep) => p.join(sep))),
);

/** Draws nothing on its own: white space, controls, format characters, combining marks. */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{M}]*$/u;
/** A character that is something on its own (a letter, digit, mark of punctuation, symbol). */
const BASE = /[^\s\p{Cc}\p{Cf}\p{M}]/gu;

function tokenizeSafely(text: string, maxTokens?: number): Tokenized {
  let r: Tokenized | undefined;
  expect(() => (r = tokenize(text, VOCAB, maxTokens))).not.toThrow();
  return r!;
}

function expectConsistent(r: Tokenized, maxTokens = MAX_TOKENS): void {
  expect(r.tokens.length).toBeLessThanOrEqual(maxTokens);
  expect(r.tokens.length).toBe(Math.min(r.totalTokens, maxTokens));
  expect(r.truncated).toBe(r.totalTokens > maxTokens);
  for (const t of r.tokens) {
    expect(t.text.length).toBeGreaterThan(0);
    expect(INVISIBLE.test(t.text), JSON.stringify(t.text)).toBe(false);
    const id = VOCAB.ids.get(t.text);
    // A word of the vocabulary gets its id and category; anything else is flagged, never dropped.
    if (id === undefined || id === UNKNOWN_ID) {
      expect(t).toEqual({ text: t.text, id: UNKNOWN_ID, category: 'unknown', unknown: true });
    } else {
      expect(t).toEqual({ text: t.text, id, category: LEXICON.get(t.text), unknown: false });
      expect(VOCAB.words[id]).toBe(t.text);
    }
  }
}

describe('tokenize on any text', () => {
  it('never throws; at most MAX_TOKENS tokens; truncated exactly when there were more; unknown words flagged', () => {
    fc.assert(
      fc.property(anyText, (text) => expectConsistent(tokenizeSafely(text))),
      RUNS,
    );
  });

  it('keeps the same rules for any token limit', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 100 }), (text, max) => expectConsistent(tokenizeSafely(text, max), max)),
      RUNS,
    );
  });

  it('drops nothing visible: every letter, digit and symbol of the text is in a token, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = tokenizeSafely(text, Number.MAX_SAFE_INTEGER);
        const shown = r.tokens.map((t) => t.text).join('');
        expect((shown.match(BASE) ?? []).join('')).toBe((text.toLowerCase().match(BASE) ?? []).join(''));
      }),
      RUNS,
    );
  });

  it('finds every vocabulary word, in any case, between spaces and punctuation', () => {
    const sep = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u3000', ' . ', ', ', '!', '?', '\u200b');
    fc.assert(
      fc.property(fc.array(fc.tuple(letterWord, sep), { minLength: 1, maxLength: 70 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        const r = tokenizeSafely(text);
        const words = r.tokens.filter((t) => !['.', ',', '!', '?'].includes(t.text));
        expect(words.map((t) => t.text)).toEqual(parts.map(([w]) => w.toLowerCase()).slice(0, words.length));
        for (const t of r.tokens) expect(t.unknown).toBe(false);
      }),
      RUNS,
    );
  });

  it('takes huge texts in its stride (200 texts of up to 1,000,000 characters: each costs milliseconds, not microseconds)', () => {
    const huge = fc
      .tuple(
        fc.array(fc.oneof(word, tricky, fc.string({ unit: 'binary', maxLength: 8 })), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1_000_000 }),
      )
      .map(([p, n]) => {
        const unit = p.join(' ');
        return unit.repeat(Math.max(1, Math.floor(n / Math.max(1, unit.length))));
      });
    fc.assert(
      fc.property(huge, (text) => expectConsistent(tokenizeSafely(text))),
      { numRuns: 200 },
    );
    expectConsistent(tokenizeSafely(''));
    expect(tokenize('').totalTokens).toBe(0);
  });

  it('gives nothing for something that is not a string', () => {
    for (const v of [undefined, null, 42, {}, [], Symbol('x')])
      expect(tokenize(v as unknown as string)).toEqual({ tokens: [], truncated: false, totalTokens: 0 });
  });
});
