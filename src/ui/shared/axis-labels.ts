/**
 * Which labels of a row a chart can show: an expert axis from 1 to 256 experts, or the numbers over
 * its bars, never two overlapping and none past the chart's edges. Pure functions of positions,
 * texts and a font size (text width is estimated from the characters, a little wide on purpose), so
 * they are unit-tested without a browser; the charts then check the drawn boxes in component tests.
 * The axis numbers come from d3-scale's ticks (1, 2, 5 × 10ⁿ steps), thinned until they fit.
 */
import { scaleLinear } from 'd3-scale';
import { textUnits } from './format';

/**
 * Width of one Latin character in font sizes: a little over the widest common system-ui digits
 * (DejaVu Sans, Linux's fallback: 0.636; Segoe UI and San Francisco about 0.56), so estimates err wide.
 */
export const CHAR_EM = 0.66;
/** Bold text is this much wider. */
export const BOLD = 1.1;

/** Estimated width in px of `text` at `font` px (CJK characters count 1.6: textUnits). */
export function labelWidth(text: string, font: number, bold = false): number {
  return textUnits(text) * CHAR_EM * font * (bold ? BOLD : 1);
}

/** A label placed on a row: its centre `x` (text-anchor middle) and its horizontal extent. */
export interface PlacedLabel {
  /** Index of the candidate (for an expert axis: the expert). */
  index: number;
  text: string;
  x: number;
  left: number;
  right: number;
}

/** How long a label is along its row, in px: its width for a horizontal row (the default). */
export type LabelSize = (text: string) => number;

/**
 * A label centred at `x`, moved inward just enough to lie inside [lo, hi] (the first and last labels
 * of an axis would otherwise hang over the chart's edges). Null when it is longer than the row.
 */
export function placeLabel(
  index: number,
  text: string,
  x: number,
  font: number,
  lo: number,
  hi: number,
  size: LabelSize = (t) => labelWidth(t, font),
): PlacedLabel | null {
  const w = size(text);
  if (w > hi - lo) return null;
  const c = Math.min(Math.max(x, lo + w / 2), hi - w / 2);
  return { index, text, x: c, left: c - w / 2, right: c + w / 2 };
}

const clear = (a: PlacedLabel, b: PlacedLabel, gap: number) => a.right + gap <= b.left || b.right + gap <= a.left;

/**
 * Keeps candidates in the order given (the most important first), each only when it lies inside
 * [lo, hi] and at least `gap` px from every label kept before it. Returned in order of x.
 */
export function thinLabels(
  candidates: readonly { index: number; text: string; x: number }[],
  font: number,
  lo: number,
  hi: number,
  gap = font / 2,
  size?: LabelSize,
): PlacedLabel[] {
  const kept: PlacedLabel[] = [];
  for (const c of candidates) {
    const p = placeLabel(c.index, c.text, c.x, font, lo, hi, size);
    if (p && kept.every((k) => clear(k, p, gap))) kept.push(p);
  }
  return kept.sort((a, b) => a.x - b.x);
}

/** True when every candidate can be shown: none wider than the row, no two closer than `gap`. */
export function allFit(...args: Parameters<typeof thinLabels>): boolean {
  return thinLabels(...args).length === args[0].length;
}

/** Options of an axis: the labels' prefix ('E' for experts, none for other numbers), the least gap between labels (half the font), a label's size along the row. */
export interface AxisOptions {
  prefix?: string;
  gap?: number;
  /** For a vertical axis: the text's height, e.g. `() => 1.2 * font`. */
  size?: LabelSize;
}

/**
 * The labels of an axis of `n` experts (E0 … E{n-1}), the expert e centred at `x(e)`: every expert
 * when all fit; otherwise the most of d3's round ticks over [0, n − 1] that fit (every 2nd, 5th,
 * 10th, 20th, 50th …), and the last expert too (so the axis says how many there are), in place of
 * the round tick it would crowd.
 */
export function expertAxisLabels(
  n: number,
  x: (e: number) => number,
  font: number,
  lo: number,
  hi: number,
  options: AxisOptions = {},
): PlacedLabel[] {
  return n <= 0 ? [] : integerAxisLabels(0, n - 1, x, font, lo, hi, { prefix: 'E', ...options });
}

/**
 * The same for any whole numbers from `from` to `to` (training steps, say): every one when all fit,
 * else d3's round ticks that fit, the two ends first. Labels are `${prefix}${v}`, index v.
 */
export function integerAxisLabels(
  from: number,
  to: number,
  x: (v: number) => number,
  font: number,
  lo: number,
  hi: number,
  { prefix = '', gap = font / 2, size = (t: string) => labelWidth(t, font) }: AxisOptions = {},
): PlacedLabel[] {
  if (to < from) return [];
  const cand = (v: number) => ({ index: v, text: `${prefix}${v}`, x: x(v) });
  const n = to - from + 1;
  const every = n <= 1000 ? Array.from({ length: n }, (_, i) => cand(from + i)) : [];
  if (every.length > 0 && allFit(every, font, lo, hi, gap, size)) return thinLabels(every, font, lo, hi, gap, size);
  const scale = scaleLinear().domain([from, to]);
  const widest = Math.max(size(`${prefix}${from}`), size(`${prefix}${to}`)) + gap;
  let last = '';
  for (let count = Math.max(1, Math.floor((hi - lo) / widest)); count >= 1; count--) {
    const ticks = scale.ticks(count).filter((t) => Number.isInteger(t) && t >= from && t <= to);
    if (ticks.join() === last) continue;
    last = ticks.join();
    const c = ticks.map(cand);
    if (ticks.length > 0 && allFit(c, font, lo, hi, gap, size)) {
      // The two ends first, then the round ticks that do not crowd them.
      return thinLabels([cand(from), cand(to), ...c], font, lo, hi, gap, size);
    }
  }
  return thinLabels([cand(from), cand(to)], font, lo, hi, gap, size);
}

/**
 * A chart's text size in px from the font size its host inherits: a little under the body text,
 * never under 12 px, and at least 20 px when the page's text is 20 px or more (presenter mode: the
 * root grows to 140 %, 22.4 px).
 */
export function chartFontPx(hostPx: number): number {
  const base = Number.isFinite(hostPx) && hostPx > 0 ? hostPx : 16;
  return Math.max(12, base * 0.8, base >= 20 ? 20 : 0);
}
