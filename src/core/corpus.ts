/**
 * The built-in corpus: short sentences over a small vocabulary in which every word carries a
 * category. Categories give the routing something to specialise on (issue: live training) and let
 * the page colour tokens by kind. The sentences are hand-written so that words of one category
 * appear in similar places (after "the" comes a colour or an animal, after a number a plural noun).
 */

import type { WordClass } from './word-class';

export const CATEGORIES = ['function', 'number', 'colour', 'animal', 'verb', 'adjective', 'object', 'person', 'punctuation'] as const;
/** A category of the toy vocabulary. */
export type ToyCategory = (typeof CATEGORIES)[number];
/** What a token is: a toy category, a word class of the open vocabulary (shared names such as 'verb' are one string), or unknown. */
export type Category = ToyCategory | WordClass | 'unknown';

const WORDS: Record<ToyCategory, string> = {
  function: 'the a an and or but of on in under over to with from by at near into do is are was were it they we she he',
  number: 'one two three four five six seven eight nine ten twelve twenty hundred',
  colour: 'red blue green yellow black white orange purple grey brown pink',
  animal: 'cat cats dog dogs fox foxes bird birds fish horse horses cow cows mouse mice owl owls frog frogs bee bees',
  verb: 'runs run jumps jump sees see eats eat sleeps sleep sings sing swims swim flies fly reads read finds find likes like counts count paints paint',
  adjective: 'big small quick lazy happy sleepy old young tall tiny loud quiet',
  object: 'ball balls box boxes tree trees house houses book books hat hats apple apples river hill boat boats',
  person: 'teacher teachers child children girl boy farmer students',
  punctuation: '. , ! ?',
};

/** word → category, for every word of the vocabulary. */
export const LEXICON: ReadonlyMap<string, Exclude<Category, 'unknown'>> = new Map(
  (Object.entries(WORDS) as [Exclude<Category, 'unknown'>, string][]).flatMap(([cat, list]) =>
    list.split(' ').map((w) => [w, cat] as const),
  ),
);

export const SENTENCES: readonly string[] = [
  'the quick brown fox jumps over the lazy dog .',
  'two red birds sing in the old tree .',
  'the teacher counts twelve blue books .',
  'a small grey mouse eats the yellow apple .',
  'three happy children paint a green boat .',
  'the big black horse runs to the river .',
  'five white owls sleep in the tall tree .',
  'she reads a book to the young students .',
  'the farmer sees four brown cows near the hill .',
  'a tiny pink frog swims under the boat .',
  'they find seven orange balls in a box .',
  'the girl likes the purple hat .',
  'ten quiet fish swim in the blue river .',
  'the boy and the dog run over the hill .',
  'eight loud bees fly to the red house .',
  'the old cat sleeps on a white box .',
  'we count twenty black birds on the house .',
  'he paints the tall tree green .',
  'six sleepy foxes sleep under the hill .',
  'the children see a big yellow bird !',
  'a lazy cow eats with the brown horses .',
  'nine small frogs jump into the river .',
  'the students read twelve old books .',
  'one happy dog finds the red ball .',
  'the teachers like the grey owls .',
  'four tiny mice run from the cat .',
  'it is a quick orange fish .',
  'the farmer and the girl count the cows .',
  'a young fox sees two white hats , and it runs .',
  'the pink bird sings near the house .',
  'hundred green apples are in the boxes .',
  'do the cats sleep ? the cats sleep .',
  'the boy paints three blue boats .',
  'a big owl flies over the quiet river .',
  'the children were happy , and the dog was sleepy .',
  'five purple balls are under the tree .',
  'she finds a black hat in the old house .',
  'two tall horses run with the farmer .',
  'the bees fly from the yellow tree to the hill .',
  'we see eight grey birds at the river !',
];

export const DEFAULT_SENTENCE = SENTENCES[0] as string;

/** A few sentences offered as presets on the pages. */
export const PRESET_SENTENCES: readonly string[] = [
  SENTENCES[0] as string,
  SENTENCES[1] as string,
  SENTENCES[2] as string,
  SENTENCES[28] as string,
];

/**
 * A small grammar over the same vocabulary, for training: every word of a category appears in the
 * same kinds of places, so a category's words share what tends to follow them. Singular and
 * plural forms agree. Generated from a seeded stream, so a seed gives the same sentences.
 */
const GRAMMAR: Record<string, string[]> = {
  adj: WORDS.adjective.split(' '),
  colour: WORDS.colour.split(' '),
  number: 'two three four five six seven eight nine ten twelve twenty hundred'.split(' '),
  prep: 'on in under over near to from with'.split(' '),
  animal1: 'cat dog fox bird fish horse cow mouse owl frog bee'.split(' '),
  animalN: 'cats dogs foxes birds fish horses cows mice owls frogs bees'.split(' '),
  object1: 'ball box tree house book hat apple river hill boat'.split(' '),
  objectN: 'balls boxes trees houses books hats apples boats'.split(' '),
  person1: 'teacher child girl boy farmer'.split(' '),
  personN: 'teachers children students'.split(' '),
  verb3: 'runs jumps sees eats sleeps sings swims flies reads finds likes counts paints'.split(' '),
  verbP: 'run jump see eat sleep sing swim fly read find like count paint'.split(' '),
  pronounP: 'they we'.split(' '),
  pronoun1: 'she he it'.split(' '),
};

const TEMPLATES: readonly string[] = [
  'the {adj} {colour} {animal1} {verb3} {prep} the {object1} .',
  '{number} {colour} {animalN} {verbP} {prep} the {object1} .',
  'the {person1} {verb3} {number} {adj} {objectN} .',
  'a {adj} {animal1} {verb3} with the {colour} {object1} !',
  '{pronounP} {verbP} the {colour} {objectN} .',
  'the {personN} {verbP} {number} {colour} {animalN} .',
  '{pronoun1} {verb3} a {adj} {colour} {object1} , and the {animal1} {verb3} .',
  'the {colour} {animalN} and the {adj} {personN} {verbP} {prep} the {object1} ?',
];

export interface UniformSource {
  /** Uniform in [0, 1). */
  next(): number;
}

export function generateSentence(rng: UniformSource): string {
  const template = TEMPLATES[Math.floor(rng.next() * TEMPLATES.length)] as string;
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const words = GRAMMAR[slot] as string[];
    return words[Math.floor(rng.next() * words.length)] as string;
  });
}

/** The sentences the experiments page starts experiment 6 with: "run" as a verb, then as a noun. */
export const DEFAULT_EXPERIMENT_TEXT = 'They run to the shop.\nShe went for a run in the park.';
