/**
 * Experiment 6, same word, two contexts: a word met in several sentences (or several times in one),
 * its first-choice expert and its set of experts at each occurrence, and whether it keeps its expert.
 *
 * Source: the routing analyses of Mixtral (Jiang et al. 2024, §5, Fig. 8: the same token, e.g. "self"
 * in Python or an indentation, tends to go to the same expert wherever it is) and OLMoE (vocabulary
 * specialisation: some tokens are routed to one expert almost always). In those models a token's
 * hidden state depends on its context through attention, so the same word can change experts.
 *
 * Formulas, over the word's n occurrences (first choices f_1 … f_n, sets S_1 … S_n):
 *   modal       = the most frequent first choice (ties: the lowest expert number)
 *   keepShare   = #{f_o = modal} / n                 1 = it always keeps its first expert
 *   sameSetShare = #{S_o = the modal set} / n        the same for the whole set (order ignored)
 * Random routing would give keepShare near the largest of n draws' shares, about 1/E for large n.
 *
 * What this toy shows, truthfully: the model has no attention, so a token's routing depends only on
 * its embedding row, and the same word is routed identically in every sentence (keepShare = 1). It
 * changes only when the word reaches the model as a different row: a word without a row of its own
 * goes in as its class's token (`tagged`, or a lexicon word without a row), and the tagger may class
 * it differently in two sentences (a noun here, a verb there), which gives it another row and maybe
 * another expert; words sharing a class token are then routed as one. Two more things depend on the
 * rest of the sentence: with a capacity limit, which choices are dropped (counting 'ran'); with the
 * expert-choice router, which experts pick the token at all; and with noisy top-k, the noise sample
 * drawn for the token's position. With attention (Mixtral, OLMoE) the hidden state mixes in the
 * context, so the router sees a different vector in each sentence and the word can change experts.
 */
import type { Category } from '../corpus';
import { chosen, layerTokens, ratio, traceList, type Counting, type PlainRow, type Traces } from './shared';

export interface WordOccurrence {
  /** Which trace (sentence) of the list, and the token's position in it. */
  trace: number;
  position: number;
  /** The row the model read (a class token's id for a tagged word). */
  id: number;
  category: Category;
  tagged: boolean;
  /** The first choice (null: none counted) and every chosen expert, best first. */
  first: number | null;
  experts: number[];
  /** The sentence, its tokens' texts joined by spaces. */
  context: string;
}

export interface SameWord {
  word: string;
  layer: number;
  counting: Counting;
  occurrences: WordOccurrence[];
  /** The modal first choice (null when the word never had one). */
  modal: number | null;
  keepShare: number;
  sameSetShare: number;
  /** Distinct rows the word was read as, in order met. */
  ids: number[];
  /** Every occurrence has the modal first choice. */
  keeps: boolean;
}

function modalOf<T>(values: readonly T[], key: (v: T) => string, lower: (a: T, b: T) => boolean): T | undefined {
  const tally = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    const e = tally.get(key(v));
    if (e) e.n++;
    else tally.set(key(v), { value: v, n: 1 });
  }
  let best: { value: T; n: number } | undefined;
  for (const e of tally.values()) if (!best || e.n > best.n || (e.n === best.n && lower(e.value, best.value))) best = e;
  return best?.value;
}

const setKey = (s: readonly number[]): string => [...s].sort((a, b) => a - b).join(',');

/** Experiment 6 at one layer: every occurrence of `word` (compared lower-cased) in the traces. */
export function sameWordContexts(traces: Traces, word: string, options: { layer?: number; counting?: Counting } = {}): SameWord {
  const { layer = 0, counting = 'routed' } = options;
  const target = word.toLowerCase();
  const occurrences: WordOccurrence[] = [];
  traceList(traces).forEach((trace, t) => {
    const context = trace.tokens.map((x) => x.text).join(' ');
    for (const { index, routing } of layerTokens(trace, layer)) {
      const tok = trace.tokens[index]!;
      if (tok.text.toLowerCase() !== target) continue;
      const experts = chosen(routing, counting);
      occurrences.push({
        trace: t,
        position: index,
        id: tok.id,
        category: tok.category,
        tagged: tok.tagged === true,
        first: experts[0] ?? null,
        experts,
        context,
      });
    }
  });
  const firsts = occurrences.flatMap((o) => (o.first === null ? [] : [o.first]));
  const modal = modalOf(firsts, String, (a, b) => a < b) ?? null;
  const modalSet = modalOf(
    occurrences.map((o) => o.experts),
    setKey,
    (a, b) => setKey(a) < setKey(b),
  );
  const n = occurrences.length;
  const keepShare = ratio(occurrences.filter((o) => o.first !== null && o.first === modal).length, n);
  return {
    word: target,
    layer,
    counting,
    occurrences,
    modal,
    keepShare,
    sameSetShare: modalSet === undefined ? 0 : ratio(occurrences.filter((o) => setKey(o.experts) === setKey(modalSet)).length, n),
    ids: [...new Set(occurrences.map((o) => o.id))],
    keeps: n > 0 && keepShare === 1,
  };
}

/** Words met at least `min` times in the traces (lower-cased), most frequent first, then alphabetically. */
export function repeatedWords(traces: Traces, min = 2): { word: string; count: number }[] {
  const tally = new Map<string, number>();
  for (const trace of traceList(traces))
    for (const tok of trace.tokens) {
      const w = tok.text.toLowerCase();
      tally.set(w, (tally.get(w) ?? 0) + 1);
    }
  return [...tally]
    .filter(([, count]) => count >= min)
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** Export: one row per occurrence: word, layer, counting, trace, position, id, category, tagged, first, experts ('2 5'), keepsModal, context. */
export function sameWordRows(r: SameWord): PlainRow[] {
  return r.occurrences.map((o) => ({
    word: r.word,
    layer: r.layer,
    counting: r.counting,
    trace: o.trace,
    position: o.position,
    id: o.id,
    category: o.category,
    tagged: o.tagged,
    first: o.first,
    experts: o.experts.join(' '),
    keepsModal: o.first !== null && o.first === r.modal,
    context: o.context,
  }));
}
