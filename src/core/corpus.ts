/**
 * The built-in corpus: short sentences over a small vocabulary in which every word carries a
 * category. Categories give the routing something to specialise on (issue: live training) and let
 * the page colour tokens by kind. The sentences are hand-written so that words of one category
 * appear in similar places (after "the" comes a colour or an animal, after a number a plural noun).
 */

export const CATEGORIES = [
  'function',
  'number',
  'colour',
  'animal',
  'verb',
  'adjective',
  'object',
  'person',
  'punctuation',
] as const;
export type Category = (typeof CATEGORIES)[number] | 'unknown';

const WORDS: Record<Exclude<Category, 'unknown'>, string> = {
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
