/**
 * Experiment 1, which words go to which expert: for each word class, the share of its tokens routed to
 * each expert, at one layer, against the share uniform routing would give.
 *
 * Sources.
 * - Mixtral of Experts (Jiang et al. 2024), Fig. 7: the proportion of tokens of each domain of The
 *   Pile assigned to each of the 8 experts, layers 0, 15 and 31, with a dashed line at 1/8 "the
 *   proportion expected with uniform sampling". The caption counts experts chosen as first OR second
 *   choice, so each token gives two assignments and the line at 1/E is a share of assignments
 *   (the paper's appendix splits first and second choices; a first-choice-only share also has the line 1/E).
 * - OLMoE (Muennighoff et al. 2024), domain and vocabulary specialisation figures: the share of a
 *   domain's tokens for which the expert is among the token's top-k, so a class's shares add up to k
 *   and uniform routing gives k/E (8/64 for OLMoE).
 *
 * Formulas, for a class c and an expert e, n_c tokens of class c, A_c(e) the tokens of class c whose
 * choices include e (an expert appears at most once in a token's choices, so A_c(e) is also the
 * number of c's choices that went to e), m_c = Σ_e A_c(e) the class's choices:
 *   choice 'first':  share(c, e) = F_c(e) / n_c, F_c(e) = tokens of c whose first choice is e.
 *                    Rows add up to 1; uniform line 1/E.                        (the first-choice view)
 *   choice 'all':    share(c, e)      = A_c(e) / m_c   share of the class's choices. Rows add up to 1;
 *                                       uniform line 1/E.                        (Mixtral Fig. 7)
 *                    tokenShare(c, e) = A_c(e) / n_c   share of the class's tokens with e among their
 *                                       choices. Rows add up to m_c / n_c (= k); uniform line
 *                                       k̄/E, k̄ = the mean choices per token over all classes (= k for
 *                                       a token-choice router counted as routed).  (OLMoE)
 * For 'first', tokenShare = share. Dropped choices: see shared.ts (routed by default, or ran only).
 */
import { WORD_CLASSES } from '../word-class';
import type { Category } from '../corpus';
import { chosen, layerTokens, ratio, shapeOf, traceList, type Counting, type PlainRow, type Traces } from './shared';

export type ChoiceKind = 'first' | 'all';

export interface ClassSharesOptions {
  choice?: ChoiceKind;
  counting?: Counting;
  /** Row order: these classes first (when met), then any other class in the order met. Default: WORD_CLASSES. */
  order?: readonly Category[];
}

export interface ClassTotals {
  /** Tokens counted (a token with no choice counted is left out). */
  tokens: number;
  /** Choices counted: 'first' one per token, 'all' every choice. */
  choices: number;
  /** Per expert: first choices ('first') or tokens with the expert among their choices ('all'). */
  counts: number[];
  /** counts / choices: adds up to 1. */
  shares: number[];
  /** counts / tokens: adds up to 1 ('first') or to the mean choices per token ('all'). */
  tokenShares: number[];
}

export interface ClassShares {
  layer: number;
  choice: ChoiceKind;
  counting: Counting;
  /** E and k of the traces' shape. */
  experts: number;
  k: number;
  /** Classes with at least one counted token, in row order. */
  classes: Category[];
  /** One per class. */
  rows: ClassTotals[];
  /** Every class pooled. */
  total: ClassTotals;
  /** The uniform line for `shares`: 1/E. */
  baseline: number;
  /** The uniform line for `tokenShares`: 1/E ('first'), or mean choices per token / E ('all', OLMoE's k/E). */
  tokenBaseline: number;
  /** Tokens left out: no choice counted (with 'ran', all their choices were dropped). */
  uncounted: number;
}

function totals(counts: number[], tokens: number): ClassTotals {
  const choices = counts.reduce((a, b) => a + b, 0);
  return { tokens, choices, counts, shares: counts.map((c) => ratio(c, choices)), tokenShares: counts.map((c) => ratio(c, tokens)) };
}

/** Experiment 1 at one layer (see the file's comment). */
export function classShares(traces: Traces, layer: number, options: ClassSharesOptions = {}): ClassShares {
  const { choice = 'first', counting = 'routed', order = WORD_CLASSES } = options;
  const { experts: E, active: k } = shapeOf(traces);
  const classes: Category[] = [];
  const counts: number[][] = [];
  const tokens: number[] = [];
  let uncounted = 0;
  for (const trace of traceList(traces)) {
    for (const { index, routing } of layerTokens(trace, layer)) {
      const picks = chosen(routing, counting);
      if (picks.length === 0) {
        uncounted++;
        continue;
      }
      const category = trace.tokens[index]!.category;
      let row = classes.indexOf(category);
      if (row < 0) {
        row = classes.push(category) - 1;
        counts.push(new Array<number>(E).fill(0));
        tokens.push(0);
      }
      tokens[row]!++;
      for (const e of choice === 'first' ? picks.slice(0, 1) : picks) counts[row]![e]!++;
    }
  }
  const rank = (c: Category) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length + classes.indexOf(c) : i;
  };
  const sorted = classes.map((_, i) => i).sort((a, b) => rank(classes[a]!) - rank(classes[b]!));
  const rows = sorted.map((i) => totals(counts[i]!, tokens[i]!));
  const allCounts = Array.from({ length: E }, (_, e) => rows.reduce((a, r) => a + r.counts[e]!, 0));
  const total = totals(
    allCounts,
    rows.reduce((a, r) => a + r.tokens, 0),
  );
  return {
    layer,
    choice,
    counting,
    experts: E,
    k,
    classes: sorted.map((i) => classes[i]!),
    rows,
    total,
    baseline: ratio(1, E),
    tokenBaseline: choice === 'first' ? ratio(1, E) : ratio(ratio(total.choices, total.tokens), E),
    uncounted,
  };
}

/** The row name of every class pooled, in exports. */
export const TOTAL_ROW = 'total';

/**
 * Long-form export: one row per (class, expert), then the pooled total's rows (class `total`):
 * layer, choice, counting, class, expert, tokens, choices, count, share, baseline, tokenShare, tokenBaseline.
 */
export function classSharesRows(r: ClassShares): PlainRow[] {
  const block = (name: string, t: ClassTotals): PlainRow[] =>
    t.counts.map((count, expert) => ({
      layer: r.layer,
      choice: r.choice,
      counting: r.counting,
      class: name,
      expert,
      tokens: t.tokens,
      choices: t.choices,
      count,
      share: t.shares[expert]!,
      baseline: r.baseline,
      tokenShare: t.tokenShares[expert]!,
      tokenBaseline: r.tokenBaseline,
    }));
  return [...r.classes.flatMap((c, i) => block(c, r.rows[i]!)), ...block(TOTAL_ROW, r.total)];
}
