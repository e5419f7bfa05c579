/**
 * compromise's part-of-speech tags → word class. The build of the English lexicon
 * (scripts/build-lexicon.ts) and the in-context tagger (src/state/tagger.ts) share this mapping, so
 * a word outside the lexicon gets a class the same way the lexicon's words got theirs. Kept in core
 * (plain strings, no compromise import) so both sides can use it.
 */
import type { WordClass } from './word-class';

/** First rule that matches wins: a term tagged Noun and Pronoun ("I") is a pronoun, Noun and ProperNoun ("Paris") a name. */
const RULES: readonly (readonly [WordClass, readonly string[]])[] = [
  ['number', ['Value', 'Cardinal', 'Ordinal', 'NumericValue', 'TextValue']],
  ['pronoun', ['Pronoun', 'Possessive']],
  ['determiner', ['Determiner']],
  ['preposition', ['Preposition']],
  ['conjunction', ['Conjunction']],
  ['name', ['ProperNoun', 'Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName', 'Place', 'City', 'Country', 'Region']],
  ['verb', ['Verb', 'Auxiliary', 'Copula', 'Modal']],
  ['adjective', ['Adjective']],
  ['adverb', ['Adverb', 'Negative']],
  ['interjection', ['Expression']],
  ['symbol', ['Emoticon', 'Emoji']],
  ['noun', ['Noun']],
];

/** The word class of a term with these compromise tags, or null when none of the tags says. */
export function tagClass(tags: readonly string[]): WordClass | null {
  for (const [cls, names] of RULES) if (names.some((n) => tags.includes(n))) return cls;
  return null;
}
