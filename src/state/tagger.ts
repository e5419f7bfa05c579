/**
 * The in-context tagger of the open vocabulary (issue 15): compromise's part-of-speech tagger,
 * loaded on first use so that it is a chunk of its own, off the first page. Words outside the
 * lexicon get their class from it, the same mapping (src/core/tag-class.ts) the lexicon's words got
 * theirs from when it was built.
 */
import { tagClass } from '../core/tag-class';
import type { Tagger } from '../core/open-vocab';
import type { WordClass } from '../core/word-class';

interface Term {
  tags?: string[];
  offset?: { start: number; length: number };
}

let loading: Promise<Tagger> | null = null;

/** The tagger; compromise is fetched once, on the first call. */
export function loadTagger(): Promise<Tagger> {
  loading ??= import('compromise/two').then(({ default: nlp }) => {
    const tagger: Tagger = (words) => {
      // The words joined by spaces, so each compromise term falls inside one word; a word that
      // has no term of its own (punctuation, which compromise attaches to the word before) is null; a word that
      // compromise splits ("don't" → do + not) takes its first term's class.
      const starts: number[] = [];
      let text = '';
      for (const w of words) {
        starts.push(text.length);
        text += `${w} `;
      }
      const classes: (WordClass | null)[] = words.map(() => null);
      const docs = nlp(text).json({ offset: true }) as { terms: Term[] }[];
      let word = 0;
      for (const term of docs.flatMap((d) => d.terms)) {
        const start = term.offset?.start;
        if (start === undefined) continue;
        while (word + 1 < starts.length && (starts[word + 1] as number) <= start) word += 1;
        if (classes[word] === null) classes[word] = tagClass(term.tags ?? []) ?? 'noun';
      }
      return classes;
    };
    return tagger;
  });
  return loading;
}
