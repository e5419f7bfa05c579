/**
 * The word classes of the open vocabulary (issue 15): every word of the English and Chinese
 * lexicons, and every word the tagger classes in context, belongs to exactly one of them.
 */
export const WORD_CLASSES = [
  'noun',
  'name',
  'verb',
  'adjective',
  'adverb',
  'pronoun',
  'determiner',
  'preposition',
  'conjunction',
  'number',
  'punctuation',
  'interjection',
  'symbol',
] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

/** Is this string one of the word classes? */
export function isWordClass(value: unknown): value is WordClass {
  return typeof value === 'string' && (WORD_CLASSES as readonly string[]).includes(value);
}
