/**
 * Training sentences for the open vocabulary: short English and Chinese sentences generated from
 * word-class templates ("determiner adjective? noun verb ..."), each slot filled with a word of that
 * class drawn by its frequency rank (Zipf's law, p(rank r) ∝ 1/r^s), so that common words are
 * common, as in real text. Every word of a class appears in the same places, so a word's class is
 * what its neighbours tell the model: the thing experts can specialise on. The toy model has no
 * attention, so what it learns is which class (and which frequent word) tends to follow each word.
 */
import type { Category, UniformSource } from './corpus';
import { EN_LEXICON, ZH_LEXICON } from './lexicon';
import { OPEN_VOCAB } from './open-vocab';
import type { Token, Vocab } from './tokenizer';
import type { Corpus } from './train-batch';

/** Words of each class, most common first. */
export type ClassLists = Readonly<Record<string, readonly string[]>>;

export interface Template {
  /** Space-separated slots: a class name (with "?" when optional: present half of the time), or a literal word in quotes. */
  slots: string;
  /** Relative weight among the templates of its language. */
  weight: number;
}

/** English sentence shapes over the word classes. */
export const EN_TEMPLATES: readonly Template[] = [
  { slots: `determiner adjective? noun verb determiner adjective? noun "."`, weight: 4 },
  { slots: `determiner noun verb preposition determiner adjective? noun "."`, weight: 4 },
  { slots: `pronoun verb adverb "."`, weight: 2 },
  { slots: `pronoun adverb verb determiner noun "."`, weight: 2 },
  { slots: `name verb determiner noun preposition name "."`, weight: 2 },
  { slots: `number adjective? noun verb preposition determiner noun "."`, weight: 2 },
  { slots: `pronoun verb determiner adjective noun "," conjunction pronoun verb adverb "."`, weight: 2 },
  { slots: `interjection "!" pronoun verb determiner noun "!"`, weight: 1 },
  { slots: `determiner noun verb adverb adjective "."`, weight: 2 },
  { slots: `preposition determiner noun "," pronoun verb "."`, weight: 2 },
  { slots: `verb pronoun determiner noun "?"`, weight: 1 },
  { slots: `name conjunction name verb number noun "."`, weight: 1 },
  { slots: `determiner noun preposition determiner noun verb adverb "."`, weight: 2 },
  { slots: `pronoun verb number noun symbol "."`, weight: 1 },
];

/** Chinese sentence shapes over the same classes. */
export const ZH_TEMPLATES: readonly Template[] = [
  { slots: `pronoun verb noun "。"`, weight: 4 },
  { slots: `name adverb verb noun "。"`, weight: 3 },
  { slots: `pronoun verb number noun "。"`, weight: 2 },
  { slots: `noun adverb adjective "。"`, weight: 2 },
  { slots: `pronoun preposition noun verb noun "。"`, weight: 2 },
  { slots: `interjection "！" pronoun adverb verb "！"`, weight: 1 },
  { slots: `pronoun verb noun conjunction noun "。"`, weight: 2 },
  { slots: `determiner noun verb adjective "？"`, weight: 1 },
  { slots: `noun "，" pronoun verb noun "。"`, weight: 2 },
];

export interface ClassCorpusOptions {
  /** Zipf exponent s of the within-class frequency ranks. */
  zipf?: number;
  /** Share of sentences in Chinese (0 for English only). */
  chinese?: number;
}

interface Sampler {
  words: readonly string[];
  /** Cumulative probabilities, ending at 1. */
  cdf: Float64Array;
}

function sampler(words: readonly string[], s: number): Sampler {
  const cdf = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cdf[r] = total += 1 / Math.pow(r + 1, s);
  for (let r = 0; r < words.length; r++) cdf[r] = (cdf[r] as number) / total;
  return { words, cdf };
}

function draw(s: Sampler, u: number): string {
  let lo = 0;
  let hi = s.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.cdf[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return s.words[lo] as string;
}

function pick<T extends { weight: number }>(items: readonly T[], u: number): T {
  const total = items.reduce((a, t) => a + t.weight, 0);
  let acc = 0;
  for (const t of items) {
    acc += t.weight / total;
    if (u < acc) return t;
  }
  return items[items.length - 1] as T;
}

/**
 * A corpus for MoeTrainer: sentences from the templates, as tokens of `vocab`. A word with its own
 * row in the vocabulary gets that row; any other word of the lexicon gets its class token's row
 * (as a word outside the lexicon would), so the class tokens are trained too.
 */
export function classCorpus(lists: { en: ClassLists; zh: ClassLists }, vocab: Vocab, options: ClassCorpusOptions = {}): Corpus {
  const { zipf = 1, chinese = 0.2 } = options;
  const samplers = (l: ClassLists): Map<string, Sampler> => new Map(Object.entries(l).map(([c, words]) => [c, sampler(words, zipf)]));
  const en = samplers(lists.en);
  const zh = samplers(lists.zh);
  const classOfWord = (lang: ClassLists): Map<string, string> =>
    new Map(Object.entries(lang).flatMap(([c, ws]) => ws.map((w) => [w, c] as const)));
  const enClass = classOfWord(lists.en);
  const zhClass = classOfWord(lists.zh);
  const token = (text: string, cls: string): Token => {
    const own = vocab.ids.get(text);
    const id = own ?? vocab.ids.get(`<${cls}>`) ?? 0;
    return { text, id, category: cls as Category, unknown: id === 0 };
  };
  return {
    sentence(rng: UniformSource): Token[] {
      const inChinese = rng.next() < chinese;
      const template = pick(inChinese ? ZH_TEMPLATES : EN_TEMPLATES, rng.next());
      const lang = inChinese ? zh : en;
      const classes = inChinese ? zhClass : enClass;
      const out: Token[] = [];
      for (const slot of template.slots.split(' ')) {
        if (slot.startsWith('"')) {
          const word = slot.slice(1, -1);
          out.push(token(word, classes.get(word) ?? 'punctuation'));
          continue;
        }
        const optional = slot.endsWith('?');
        const cls = optional ? slot.slice(0, -1) : slot;
        if (optional && rng.next() < 0.5) continue;
        const s = lang.get(cls);
        // A class the language's lexicon lacks is skipped (so is the draw, which keeps streams simple).
        const u = rng.next();
        if (s && s.words.length > 0) out.push(token(draw(s, u), cls));
      }
      return out;
    },
  };
}

/** The shipped checkpoints' training sentences: English and Chinese, from the lexicons' word classes. */
export function openCorpus(): Corpus {
  return classCorpus({ en: EN_LEXICON.classes, zh: ZH_LEXICON.classes }, OPEN_VOCAB);
}
