/**
 * How much the routing has specialised by word category. Each vocabulary word is routed once (in
 * this toy, routing depends only on the word: there is no attention), and the map counts, for each
 * category, how many of its words have each expert as their top-1 expert.
 *
 * The score is the adjusted mutual information (AMI, Vinh, Epps & Bailey 2010) between category and
 * top-1 expert: 0 when the experts say no more about the category than chance would (as with the
 * random weights of an untrained model), 1 when each category has experts of its own.
 *   AMI = (MI − E[MI]) / (mean(H(C), H(E)) − E[MI]),
 * E[MI] being the mutual information expected from chance for tables with the same row and column
 * totals (hypergeometric model). Plain mutual information would start well above 0 with 141 words
 * in 72 cells, even for random routing.
 */
import { CATEGORIES, type Category } from './corpus';
import type { Token, Vocab } from './tokenizer';
import type { Trace } from './trace';

export interface SpecialisationMap {
  categories: Category[];
  /** counts[c][e]: words of category c whose top-1 expert is e. */
  counts: number[][];
  /** Adjusted mutual information between category and top-1 expert. */
  score: number;
}

/** Every word of the vocabulary once (not the unknown token), as tokens to route. */
export function vocabularyTokens(vocab: Vocab): Token[] {
  return vocab.words.flatMap((text, id) => (id === 0 ? [] : [{ text, id, category: vocab.categories[id] ?? 'unknown', unknown: false }]));
}

function totals(table: readonly (readonly number[])[]): { rows: number[]; cols: number[]; n: number } {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = (table[0] ?? []).map((_, j) => table.reduce((a, r) => a + (r[j] ?? 0), 0));
  return { rows, cols, n: rows.reduce((a, b) => a + b, 0) };
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export function mutualInformation(table: readonly (readonly number[])[]): number {
  const { rows, cols, n } = totals(table);
  let mi = 0;
  table.forEach((r, i) =>
    r.forEach((c, j) => {
      if (c > 0) mi += (c / n) * Math.log((c * n) / ((rows[i] as number) * (cols[j] as number)));
    }),
  );
  return n === 0 ? 0 : mi;
}

/** E[MI] under the hypergeometric model (sums over every possible cell count). */
export function expectedMutualInformation(rows: readonly number[], cols: readonly number[], n: number): number {
  const logFact = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logFact[i] = (logFact[i - 1] as number) + Math.log(i);
  const lf = (k: number) => logFact[k] as number;
  let emi = 0;
  for (const a of rows) {
    for (const b of cols) {
      for (let nij = Math.max(1, a + b - n); nij <= Math.min(a, b); nij++) {
        const logP = lf(a) + lf(b) + lf(n - a) + lf(n - b) - lf(n) - lf(nij) - lf(a - nij) - lf(b - nij) - lf(n - a - b + nij);
        emi += (nij / n) * Math.log((n * nij) / (a * b)) * Math.exp(logP);
      }
    }
  }
  return emi;
}

export function adjustedMutualInformation(table: readonly (readonly number[])[]): number {
  const { rows, cols, n } = totals(table);
  if (n === 0) return 0;
  const mi = mutualInformation(table);
  const emi = expectedMutualInformation(rows, cols, n);
  const denominator = (entropy(rows, n) + entropy(cols, n)) / 2 - emi;
  return Math.abs(denominator) < 1e-12 ? 0 : (mi - emi) / denominator;
}

/**
 * The category × top-1 expert map of a trace, for one layer: of vocabularyTokens (each word once), or
 * of running text (each occurrence). Rows follow `order`, then any other category met, in order met.
 */
export function specialisation(trace: Trace, layer = 0, order: readonly Category[] = [...CATEGORIES, 'unknown']): SpecialisationMap {
  const categories: Category[] = [...order];
  for (const tok of trace.tokens) if (!categories.includes(tok.category)) categories.push(tok.category);
  const lt = trace.layers[layer];
  const E = trace.shape.experts;
  const counts = categories.map(() => new Array<number>(E).fill(0));
  trace.tokens.forEach((tok, t) => {
    const r = lt?.tokens[t];
    const top = r?.experts.find((_, j) => !r.dropped[j]);
    const row = counts[categories.indexOf(tok.category)];
    if (top !== undefined && row) row[top] = (row[top] as number) + 1;
  });
  const used = categories.map((_, i) => i).filter((i) => (counts[i] as number[]).some((c) => c > 0));
  const table = used.map((i) => counts[i] as number[]);
  return { categories: used.map((i) => categories[i] as Category), counts: table, score: adjustedMutualInformation(table) };
}
