/**
 * Every word the exported picture draws (picture-svg.ts), as the page's language gives them: the
 * export menu passes the catalogue's picture section (src/ui/i18n/picture.ts).
 */
import type { Category } from '../../core/corpus';

/**
 * Every word the picture draws, in one language. Numbers come in as numbers, or as text already
 * formatted (counts with separators, percentages, weights) where the parameter is a string. Words of the sentence and the expert labels (E3, S0, ✕) are not here:
 * they are drawn as they are.
 */
export interface PictureWords {
  /** Language tag of these words, written on the drawing (`xml:lang`) so that renderers pick fitting glyphs. */
  lang: string;

  // The config line and the title.
  /** Joins the parts of the config line. */
  list(parts: string[]): string;
  /** The first line: "moe-lab: <config>". */
  heading(config: string): string;
  router(kind: string): string;
  routedExperts(n: number): string;
  topK(k: number): string;
  shared(n: number): string;
  granularity(g: number): string;
  noCapacityLimit: string;
  capacityFactor(factor: number): string;
  noise(noise: number): string;
  groups(groups: number, kept: number): string;
  layers(n: number): string;
  seed(seed: number): string;
  /** The current token: "Token 3 of 10: “cat” (animal)"; `category` is already in words. */
  position(index: number, tokens: number, word: string, category: string, unknown: boolean): string;
  /** Names of the token categories of the vocabulary. */
  categories: Record<Category, string>;
  noTokens: string;
  layer(layer: number, layers: number): string;
  /** The drawing's <title>; `word` is null when there is no token. */
  title(word: string | null, config: string): string;
  /** The drawing's <desc>: the whole sentence. */
  sentence(text: string): string;

  // The token strip.
  stripTitle: string;
  noTokensToRoute: string;
  /** On a chip: the token was dropped altogether. */
  chipDropped: string;
  /** On a chip: the token has no expert. */
  noExpert: string;
  chipNote: string;
  truncated: string;

  // The router scores.
  scoresTitle(word: string): string;
  noTokenSelected: string;
  scoresNote(sigmoid: boolean, highest: string): string;
  chosenItem(expert: number, weight: string, dropped: boolean): string;
  chosen(items: string[]): string;

  // The experts.
  expertsTitle: string;
  /** Under a dropped expert's label. */
  blockDropped: string;
  litItem(expert: number, weight: string, dropped: boolean): string;
  lit(items: string[], shared: string[], idle: number, experts: number): string;

  // The parameter meter (counts and percentages come formatted).
  meterHead(word: string, active: string, total: string, share: string): string;
  meterNote(mean: string, meanShare: string, flops: string, dense: string, saved: string): string;

  // The load per expert.
  loadTitle: string;
  capacityLabel(capacity: number): string;
  noCapacity: string;
  capacityNote(capacity: number, over: number, dropped: number): string;
  loadNote(tail: string): string;
  manyExperts(experts: number, least: number, most: number): string;
}
