/**
 * Data exports of the current view (issue 7): the trace as JSON and CSV, and their file names. Pure
 * functions of the plain-data trace; no DOM, so Node tests run them. The CSV and JSON are data and
 * stay in English. The picture (SVG and PNG) is drawn in the ui: src/ui/simulator/picture-svg.ts.
 */
import { expertShape } from '../core/config';
import type { Trace } from '../core/trace';

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/** Bumped when the layout of the exported JSON changes. */
export const EXPORT_FORMAT = 'moe-lab-trace';
export const EXPORT_VERSION = 1;

/** The same data with object keys in sorted order at every depth (arrays keep their order). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortedKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * The view (the URL's settings, config included) and the whole trace as pretty JSON. Keys are
 * sorted at every depth, so the same view always gives the same text; numbers are written exactly as
 * the trace holds them (JavaScript's shortest round-trip form).
 */
export function traceToJson(trace: Trace, view: unknown): string {
  const doc = { format: EXPORT_FORMAT, version: EXPORT_VERSION, view: sortedKeys(view ?? null), trace: sortedKeys(trace) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export const CSV_HEADER = ['token_index', 'text', 'category', 'unknown', 'layer', 'rank', 'expert', 'gate_weight', 'dropped'] as const;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per token × chosen routed expert of one layer, after a header (RFC 4180: CRLF line ends,
 * fields quoted when needed). Indices are the trace's (token, layer and expert from 0, expert 0 is
 * "E0" on the page); rank 1 is the token's first choice. Gate weights are written in full. Shared
 * experts, which every token uses, have no rows; a token that chose nothing (expert choice) has none.
 */
export function traceToCsv(trace: Trace, layer: number): string {
  const lt = trace.layers[layer];
  const lines = [CSV_HEADER.join(',')];
  if (lt) {
    for (const tok of trace.tokens) {
      const r = lt.tokens[tok.index];
      if (!r) continue;
      r.experts.forEach((expert, j) => {
        const row = [tok.index, tok.text, tok.category, tok.unknown, lt.index, j + 1, expert, r.weights[j] ?? 0, r.dropped[j] === true];
        lines.push(row.map(csvField).join(','));
      });
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------

/** `moe-lab-<router>-<experts>x<topk>-seed<seed>.<ext>`, with the experts and top-k that run (after fine-grained splitting). */
export function exportFileName(trace: Trace, ext: string): string {
  const { experts, active } = expertShape(trace.config);
  return `moe-lab-${trace.config.router}-${experts}x${active}-seed${trace.config.seed}.${ext}`;
}
