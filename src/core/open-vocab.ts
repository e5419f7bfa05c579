/**
 * The open vocabulary (issue 15): any English or Chinese sentence routes with meaning. Rows: 0 is
 * the unknown token, then one class token per word class ('<noun>', '<name>', ... in WORD_CLASSES
 * order), then the English lexicon's words class by class, then the Chinese lexicon's.
 *
 * The commonest words of each class (OWN_ROWS, and every word of the toy corpus) get a row of their
 * own; every other word of the lexicon is read as its class's token, which shares the class's row
 * (the model's embedding would otherwise outweigh its experts many times over: 8,000 rows × width).
 * A word outside the lexicon gets its class's token too: numbers written
 * in digits ("42", "3.5", "1,000", "2026") and symbols (emoji, "©") by rule (tagged: false), other
 * words by the tagger in context (tagged: true); with no tagger, or when it has no class for the
 * word, the word is unknown (id 0), as in the toy tokenizer. Chinese (any run of Han characters) is
 * cut into words by Intl.Segmenter; a segment the lexicon lacks is cut into the lexicon's words,
 * longest first, and what is left character by character.
 */
import rows from './lexicon/rows.json';
import { MAX_TOKENS, PIECE_PATTERN, UNKNOWN_ID, UNKNOWN_TEXT, type Token, type Tokenized, type Vocab } from './tokenizer';
import { WORD_CLASSES, isWordClass, type WordClass } from './word-class';
import type { Category } from './corpus';

/**
 * Classes words in context: the words of a sentence in order, as typed (original case, punctuation
 * included), → each word's class, or null when it cannot tell.
 */
export type Tagger = (words: readonly string[]) => (WordClass | null)[];

export interface OpenTokenizeOptions {
  /** The page's language; Han characters are segmented as Chinese whatever it is. */
  lang: 'en' | 'zh';
  /** Classes words outside the lexicon in context; without it they are unknown. */
  tagger?: Tagger;
  /** Longest text, in tokens; longer text is cut and flagged as `tokenize` does. */
  maxTokens?: number;
}

/** The token of a word class: '<noun>', '<verb>', ... */
export const classToken = (cls: WordClass): string => `<${cls}>`;

/**
 * The words with a row of their own, in row order after the class tokens (src/core/lexicon/rows.json,
 * written by scripts/build-rows.ts from the lexicons: lexicon.ts openRows). The full lexicons are
 * not needed to build the model: they load when a sentence has a word outside these rows.
 */
function buildOpenVocab(rows: readonly (readonly [string, string])[]): Vocab {
  const words: string[] = [UNKNOWN_TEXT];
  const categories: Category[] = ['unknown'];
  const classOf: number[] = [-1];
  const ids = new Map<string, number>([[UNKNOWN_TEXT, UNKNOWN_ID]]);
  const add = (word: string, cls: WordClass): void => {
    if (ids.has(word)) return;
    ids.set(word, words.length);
    words.push(word);
    categories.push(cls);
    classOf.push(WORD_CLASSES.indexOf(cls));
  };
  for (const cls of WORD_CLASSES) add(classToken(cls), cls);
  for (const [w, cls] of rows) if (isWordClass(cls)) add(w, cls);
  return { words, ids, categories, classOf: Int32Array.from(classOf), classes: WORD_CLASSES };
}

export const OPEN_VOCAB: Vocab = buildOpenVocab(rows as [string, string][]);

/** Every lexicon word's class, once the lexicons have loaded (lexicon.ts registers it); null before. */
let lexiconClass: ReadonlyMap<string, WordClass> | null = null;

export function registerLexicon(map: ReadonlyMap<string, WordClass>): void {
  lexiconClass = map;
}

/** Whether the full lexicons are here (words outside the model's own rows get their class from them). */
export function lexiconLoaded(): boolean {
  return lexiconClass !== null;
}

/** A number in digits, with decimal point or thousands separators; before the general pieces so "3.5" stays one token. */
const NUMBER = String.raw`\p{Nd}+(?:[.,]\p{Nd}+)*(?![\p{L}\p{N}\p{M}])`;
const OPEN_PIECE = new RegExp(`${NUMBER}|${PIECE_PATTERN}`, 'gu');
/** Digits, optionally with separators and an ordinal or plural ending: "42", "1,000", "21st", "1990s". */
const DIGITS = /^\p{Nd}[\p{Nd}.,]*(?:st|nd|rd|th|s)?$/iu;
const HAN = /\p{Script=Han}/u;
const WORDLIKE = /^[\p{L}\p{N}]/u;
const CAPITAL = /^\p{Lu}/u;

let segmenter: Intl.Segmenter | null | undefined;
function zhSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

interface Piece {
  /** As typed. */
  text: string;
  zh: boolean;
}

/** Longest Chinese word the lexicon has, in characters. */
const LONGEST_ZH = 4;

/**
 * A segment cut into the lexicon's words, longest first from the left ("很喜欢", which the segmenter
 * may keep whole, → 很 + 喜欢); a character no word starts with stays a piece of its own.
 */
function longestWords(segment: string, known: (w: string) => boolean): string[] {
  if (known(segment)) return [segment];
  const chars = [...segment];
  const words: string[] = [];
  for (let i = 0; i < chars.length;) {
    let n = Math.min(LONGEST_ZH, chars.length - i);
    while (n > 1 && !known(chars.slice(i, i + n).join(''))) n -= 1;
    words.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return words;
}

/** The text's pieces; Han runs are cut into words by the segmenter, then into the lexicon's words. */
function pieces(text: string, vocab: Vocab): Piece[] {
  const out: Piece[] = [];
  for (const piece of text.match(OPEN_PIECE) ?? []) {
    if (!HAN.test(piece)) {
      out.push({ text: piece, zh: false });
      continue;
    }
    const seg = zhSegmenter();
    const parts = seg ? [...seg.segment(piece)].map((s) => s.segment) : [...piece];
    for (const part of parts) {
      if (!HAN.test(part)) {
        for (const sub of part.match(OPEN_PIECE) ?? []) out.push({ text: sub, zh: false });
      } else
        for (const word of longestWords(part, (w) => vocab.ids.has(w) || (lexiconClass?.has(w) ?? false)))
          out.push({ text: word, zh: true });
    }
  }
  return out;
}

function classTokenOf(vocab: Vocab, text: string, cls: WordClass, tagged: boolean): Token {
  const id = vocab.ids.get(classToken(cls)) ?? UNKNOWN_ID;
  return { text, id, category: cls, unknown: id === UNKNOWN_ID, tagged };
}

/** Tokenizes for the open vocabulary (see the file's comment). Never throws. */
export function tokenizeOpen(text: string, options: OpenTokenizeOptions, vocab: Vocab = OPEN_VOCAB): Tokenized {
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const all = typeof text === 'string' ? pieces(text, vocab) : [];
  const kept = all.slice(0, Math.max(0, maxTokens));
  const tokens: (Token | null)[] = kept.map(({ text: piece }) => {
    const lower = piece.toLowerCase();
    const id = vocab.ids.get(lower);
    if (id !== undefined && id !== UNKNOWN_ID && !lower.startsWith('<')) {
      return { text: lower, id, category: vocab.categories[id] ?? 'unknown', unknown: false };
    }
    // In the lexicon without a row of its own: its class's token.
    const cls = lexiconClass?.get(lower);
    if (cls && vocab.ids.has(classToken(cls))) return classTokenOf(vocab, lower, cls, false);
    if (DIGITS.test(piece)) return classTokenOf(vocab, lower, 'number', false);
    if (!WORDLIKE.test(piece)) return classTokenOf(vocab, lower, /^\p{P}$/u.test(piece) ? 'punctuation' : 'symbol', false);
    return null;
  });
  if (tokens.some((t, i) => t === null && !kept[i]?.zh) && options.tagger) {
    const english = kept.map((p, i) => ({ p, i })).filter(({ p }) => !p.zh);
    let classes: readonly unknown[] = [];
    try {
      classes = options.tagger(english.map(({ p }) => p.text));
    } catch {
      classes = [];
    }
    english.forEach(({ p, i }, k) => {
      if (tokens[i] !== null) return;
      const cls = classes[k];
      if (!isWordClass(cls)) return;
      // A name only when written with a capital: the tagger's guess on a lower-case word is a noun.
      tokens[i] = classTokenOf(vocab, p.text.toLowerCase(), cls === 'name' && !CAPITAL.test(p.text) ? 'noun' : cls, true);
    });
  }
  return {
    tokens: tokens.map((t, i) => t ?? { text: (kept[i]?.text ?? '').toLowerCase(), id: UNKNOWN_ID, category: 'unknown', unknown: true }),
    truncated: all.length > maxTokens,
    totalTokens: all.length,
  };
}

/** Rows of the open vocabulary's embedding as parameters count them: the words' rows and the class table's. */
export const OPEN_EMBEDDING_ROWS = OPEN_VOCAB.words.length + WORD_CLASSES.length;
