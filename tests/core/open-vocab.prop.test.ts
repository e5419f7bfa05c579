/** Property test of the open vocabulary's tokenizer (src/core/open-vocab.ts) on any text: it never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPEN_VOCAB, tokenizeOpen, type Tagger } from '../../src/core/open-vocab';
// The full lexicons, as the page has them once a sentence needs them.
import '../../src/core/lexicon';
import { UNKNOWN_ID } from '../../src/core/tokenizer';
import type { WordClass } from '../../src/core/word-class';
import { RUNS } from '../fuzz-runs';

/** A stand-in tagger: every word it is asked about is an adjective. */
const adjectives: Tagger = (words) => words.map((): WordClass => 'adjective');

describe('tokenizeOpen on any text', () => {
  it('never throws, keeps to maxTokens and gives every token a row of the vocabulary', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.integer({ min: 0, max: 80 }),
        fc.boolean(),
        (text, maxTokens, withTagger) => {
          const out = tokenizeOpen(text, { lang: 'en', maxTokens, ...(withTagger ? { tagger: adjectives } : {}) });
          expect(out.tokens.length).toBeLessThanOrEqual(maxTokens);
          expect(out.truncated).toBe(out.totalTokens > maxTokens);
          for (const t of out.tokens) {
            expect(t.id).toBeGreaterThanOrEqual(0);
            expect(t.id).toBeLessThan(OPEN_VOCAB.words.length);
            expect(t.unknown).toBe(t.id === UNKNOWN_ID);
          }
        },
      ),
      RUNS,
    );
  });
});
