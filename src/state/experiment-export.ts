/**
 * The experiments page's exports: a result's rows (the core measurements' own export rows, every
 * layer) as CSV (RFC 4180, a header of every column met, CRLF line ends) and the result as JSON with
 * the view that reproduces it.
 */
import { classSharesRows, coActivationRows, neighbourRows, sameWordRows, type PlainRow } from '../core/experiments';
import type { ExperimentResult } from './experiment-runs';
import { csvField } from './export';
import { encodeExperimentsView, type ExperimentsView } from './experiments-url';

/** One flat row per number of the result, every layer. */
export function experimentRows(r: ExperimentResult): PlainRow[] {
  switch (r.experiment) {
    case 'words':
      return [...r.first.flatMap(classSharesRows), ...r.all.flatMap(classSharesRows)];
    case 'neighbours':
      return r.layers.flatMap(neighbourRows);
    case 'together':
      return r.layers.flatMap(coActivationRows);
    case 'knockout':
      return [
        ...r.table.rows.map((row) => ({ ablation: 'expert', r: null, ...row, baseline: r.table.baseline, tokens: r.table.tokens })),
        ...r.topR.map((t) => ({ ablation: 'top-r', layer: null, expert: null, ...t })),
      ];
    case 'settles':
      return r.curve.layers.flatMap((per, layer) =>
        per.map((saturation, i) => ({ layer, step: r.curve.steps[i] ?? null, saturation, baseline: r.curve.baseline })),
      );
    case 'same-word':
      return r.layers.flatMap(sameWordRows);
    case 'compute':
      return [...r.moe, ...r.dense].map((p) => ({ ...p }));
  }
}

/** Rows as CSV: the columns in the order first met. */
export function rowsToCsv(rows: readonly PlainRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const line = (values: string[]): string => values.join(',');
  const cell = (v: PlainRow[string] | undefined): string => (v === null || v === undefined ? '' : csvField(v));
  return `${[line(columns.map(csvField)), ...rows.map((row) => line(columns.map((c) => cell(row[c]))))].join('\r\n')}\r\n`;
}

/** The result and the query that reproduces its view, as JSON. */
export function experimentJson(r: ExperimentResult, view: ExperimentsView): string {
  return `${JSON.stringify({ query: encodeExperimentsView(view), view: { ...view }, result: r }, null, 2)}\n`;
}

/** `moe-lab-experiment-<id>-<E>x<k>-L<layers>-seed<seed>-<weights>.<ext>`. */
export function experimentFileName(view: ExperimentsView, ext: string): string {
  const c = view.config;
  return `moe-lab-experiment-${view.experiment}-${c.routedExperts}x${c.topK}-L${c.layers}-seed${c.seed}-${view.weights}.${ext}`;
}
