/**
 * A word-level tokenizer over the built-in lexicon. Text is lower-cased and split into words and
 * single punctuation marks or symbols (an emoji with its modifiers is one). Words outside the
 * vocabulary map to the unknown token (id 0) and are flagged, never dropped.
 */
import { LEXICON, type Category } from './corpus';

export const UNKNOWN_ID = 0;
export const UNKNOWN_TEXT = '<unk>';
/** Longest text, in tokens, that the simulator routes; longer input is cut and flagged. */
export const MAX_TOKENS = 64;

export interface Token {
  /** The word as typed (lower-cased). */
  text: string;
  id: number;
  category: Category;
  unknown: boolean;
  /** True when the word is not in the lexicon and its class came from the tagger (its id is then its class token). */
  tagged?: boolean;
}

export interface Vocab {
  /** id → word; id 0 is the unknown token. */
  words: readonly string[];
  ids: ReadonlyMap<string, number>;
  categories: readonly Category[];
  /**
   * Open vocabulary only: each row's word class, as an index into `classes` (-1 for none). The model
   * then adds the class's own embedding row to every word's row (a factorised embedding), so words
   * that share a class start from, and are pulled towards, the same vector.
   */
  classOf?: Int32Array;
  classes?: readonly string[];
}

export function buildVocab(lexicon: ReadonlyMap<string, Exclude<Category, 'unknown'>> = LEXICON): Vocab {
  const words = [UNKNOWN_TEXT, ...lexicon.keys()];
  const ids = new Map(words.map((w, i) => [w, i]));
  const categories: Category[] = words.map((w, i) => (i === UNKNOWN_ID ? 'unknown' : (lexicon.get(w) ?? 'unknown')));
  return { words, ids, categories };
}

export const VOCAB: Vocab = buildVocab();

export interface Tokenized {
  tokens: Token[];
  /** True when the text had more than maxTokens tokens and was cut. */
  truncated: boolean;
  /** Tokens in the text before cutting. */
  totalTokens: number;
}

/** A run of letters and digits, with the combining marks that belong to them ("café" typed as e + U+0301). */
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}]*`;
/** A mark or symbol that draws something: not a letter, digit, space, control, format character or lone combining mark. */
const MARK = String.raw`[^\s\p{L}\p{N}\p{M}\p{Cc}\p{Cf}]`;
/** What modifies the symbol before it: combining marks (U+FE0F included), skin tones, emoji tag characters. */
const MODIFIER = String.raw`[\p{M}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]`;
/**
 * Words (with inner apostrophes, as in "don't"), or one mark or symbol with its modifiers; an emoji
 * sequence joined by U+200D (👨‍👩‍👧) and a flag (two regional indicators) are one token. Quotes around a
 * word split off. What draws nothing (controls, format characters such as U+200B, a combining mark
 * with nothing to sit on) separates tokens like white space and never becomes a token of its own.
 */
export const PIECE_PATTERN = String.raw`${WORD}(?:'${WORD})*|\p{RI}\p{RI}|${MARK}${MODIFIER}*(?:\u200d${MARK}${MODIFIER}*)*`;
const PIECE = new RegExp(PIECE_PATTERN, 'gu');

export function tokenize(text: string, vocab: Vocab = VOCAB, maxTokens: number = MAX_TOKENS): Tokenized {
  const pieces = typeof text === 'string' ? (text.toLowerCase().match(PIECE) ?? []) : [];
  const tokens = pieces.slice(0, maxTokens).map((piece): Token => {
    const id = vocab.ids.get(piece);
    if (id === undefined || id === UNKNOWN_ID) return { text: piece, id: UNKNOWN_ID, category: 'unknown', unknown: true };
    return { text: piece, id, category: vocab.categories[id] ?? 'unknown', unknown: false };
  });
  return { tokens, truncated: pieces.length > maxTokens, totalTokens: pieces.length };
}
