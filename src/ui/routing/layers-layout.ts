/**
 * The geometry of the layer-to-layer flow that <layers-view> draws: a pure function of the trace,
 * the width and the selected token (no DOM), so it is tested in Node.
 *
 * The picture reads left to right: the sentence's words in a column, then one column per MoE layer.
 * In a layer's column, a box per expert that was some word's top expert THERE, in expert-number order
 * (E0 at the top), its height in proportion to how many words it took; one line per word runs from
 * the word through its top expert at every layer (an alluvial diagram, as in the OLMoE paper's
 * cross-layer figures).
 *
 * Choices, and why:
 * - Rows per column, not one shared axis of every expert: a layer's experts are its own networks
 *   (E3 of layer 1 is not E3 of layer 2), and only the experts a word went to carry information. With
 *   256 routed experts a column holds at most one box per word (≤ 64), not 256 rows of 1.5 px, so every
 *   box is tall enough to see and most can be named.
 * - "Top expert" is the first of the token's experts (best first) that processed it: a first choice
 *   dropped over capacity did no work, and the next kept choice did. The view says when that happened.
 * - A token no expert processed at a layer (every choice dropped) rides the residual connection: it
 *   sits in a "none" lane at the bottom of that column, marked, and its line BREAKS there (a gap), so
 *   a line never claims the word went through an expert it did not.
 * - Inside a box, words are ordered by where they came from (their height in the previous column), so
 *   lines cross as little as the expert order allows.
 * - Labels ("E12", the words, the layer headings) are boxes; thinned greedily by priority (headings,
 *   then the selected word and its experts, then the busiest experts, then the words in order), a label
 *   is kept only when its box overlaps no kept one. The table beside the picture names them all.
 */
import { scalePoint } from 'd3-scale';
import { curveBumpX, line } from 'd3-shape';
import type { TokenRouting, Trace } from '../../core/trace';
import { textUnits } from '../shared/format';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One expert's box in one layer's column (expert null: the lane of tokens no expert processed). */
export interface FlowNode {
  layer: number;
  expert: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Tokens whose top expert this is at this layer, top to bottom. */
  tokens: number[];
  /** The selected token passes through it. */
  selected: boolean;
}

/** Where a token's line passes a layer's column: the middle of its slot in its box. */
export interface FlowPoint {
  layer: number;
  expert: number | null;
  x: number;
  y: number;
}

export interface TokenPath {
  token: number;
  /** The word's point in the words' column. */
  start: { x: number; y: number };
  /** One per layer. */
  points: FlowPoint[];
  /** SVG path (d3-shape line, curveBumpX), broken at layers where no expert processed the token. */
  d: string;
  selected: boolean;
}

export interface FlowLabel {
  kind: 'heading' | 'word' | 'expert';
  text: string;
  /** Anchor point; the text is vertically centred on y. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  /** word: its token; expert: its layer and expert. */
  token?: number;
  layer?: number;
  expert?: number | null;
}

export interface LayersLayout {
  width: number;
  height: number;
  /** Font size the label boxes were measured for, in px. */
  font: number;
  /** x of the words' column. */
  wordX: number;
  /** x of each layer's column (its boxes' centre). */
  columns: number[];
  nodes: FlowNode[];
  /** One per token, in token order. */
  paths: TokenPath[];
  /** The labels kept: no two boxes overlap. */
  labels: FlowLabel[];
  /** Labels left out so that none overlap. */
  hidden: number;
}

export interface LayersLayoutOptions {
  width: number;
  /** Index of the selected token (none when out of range). */
  selected: number;
  /** Font size of the labels in px. */
  font?: number;
  /** A layer's heading (1-based n), and a short one used when the long ones do not fit side by side. */
  heading?: (n: number) => string;
  shortHeading?: (n: number) => string;
  /** Label of the lane of tokens no expert processed. */
  noneText?: string;
}

/** Width of a box in px. */
export const NODE_WIDTH = 10;
/** Words longer than this many characters are shortened (with …) in the picture, not in the table. */
export const WORD_CHARS = 12;
const MIN_WIDTH = 240;

/** The expert that processed the token first (its router's best kept choice), null when none did. */
export function topExpert(r: TokenRouting | undefined): number | null {
  if (!r) return null;
  const j = r.experts.findIndex((_, i) => !r.dropped[i]);
  return j < 0 ? null : (r.experts[j] as number);
}

/** The gate weight of the top expert (0 when none). */
export function topWeight(r: TokenRouting | undefined): number {
  if (!r) return 0;
  const j = r.experts.findIndex((_, i) => !r.dropped[i]);
  return j < 0 ? 0 : (r.weights[j] ?? 0);
}

export function overlaps(a: Box, b: Box, pad = 1): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > WORD_CHARS ? `${chars.slice(0, WORD_CHARS - 1).join('')}…` : text;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function layersLayout(trace: Trace, options: LayersLayoutOptions): LayersLayout {
  const width = Math.max(MIN_WIDTH, options.width);
  const font = options.font ?? 12;
  const lineH = Math.ceil(font * 1.3);
  const textW = (t: string) => textUnits(t) * font * 0.62 + 2;
  const boxAt = (x: number, y: number, w: number, anchor: FlowLabel['anchor']): Box => ({
    x: anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2,
    y: y - lineH / 2,
    width: w,
    height: lineH,
  });
  const heading = options.heading ?? ((n: number) => `L${n}`);
  const shortHeading = options.shortHeading ?? heading;
  const noneText = options.noneText ?? '✕';
  const n = trace.tokens.length;
  const L = trace.layers.length;
  const selected = options.selected >= 0 && options.selected < n ? options.selected : -1;

  // Top expert of every token at every layer.
  const tops = trace.layers.map((layer) => trace.tokens.map((_, t) => topExpert(layer.tokens[t])));
  const words = trace.tokens.map((t) => clip(t.text));
  const expertLabel = (e: number | null) => (e === null ? noneText : `E${e}`);

  // Horizontal: the words' labels on the left (at most a quarter of the width), the experts' labels
  // right of each column's boxes.
  const wordW = Math.min(width * 0.25, Math.max(0, ...words.map(textW)));
  const labelW = Math.max(textW(expertLabel(trace.shape.experts - 1)), ...tops.flat().map((e) => textW(expertLabel(e))));
  const wordX = Math.ceil(wordW + 6);
  const right = width - NODE_WIDTH / 2 - 4 - labelW;
  const x = scalePoint<number>()
    .domain([-1, ...trace.layers.map((_, l) => l)])
    .range([wordX, right]);
  const columns = trace.layers.map((_, l) => x(l) as number);

  // Vertical: each token a slot of s px in its box, boxes g px apart; columns centred.
  const slot = clamp(320 / Math.max(1, n), 4, 16);
  const gap = clamp(slot * 0.5, 2, 6);
  const top = lineH + 6;
  const keys = tops.map((col) => [...new Set(col)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b)));
  const colH = keys.map((k) => n * slot + Math.max(0, k.length - 1) * gap);
  const H = Math.max(n * slot, ...colH);
  const height = Math.ceil(top + H + 6);

  const start = trace.tokens.map((_, t) => ({ x: wordX, y: top + ((t + 0.5) * H) / Math.max(1, n) }));
  const nodes: FlowNode[] = [];
  const points: FlowPoint[][] = trace.tokens.map(() => []);
  let prevY = start.map((p) => p.y);
  trace.layers.forEach((_, l) => {
    let y = top + (H - (colH[l] as number)) / 2;
    const nextY = [...prevY];
    for (const e of keys[l] as (number | null)[]) {
      const members = trace.tokens.map((_, t) => t).filter((t) => tops[l]![t] === e);
      members.sort((a, b) => (prevY[a] as number) - (prevY[b] as number) || a - b);
      const cx = columns[l] as number;
      nodes.push({
        layer: l,
        expert: e,
        x: cx - NODE_WIDTH / 2,
        y,
        width: NODE_WIDTH,
        height: members.length * slot,
        tokens: members,
        selected: members.includes(selected),
      });
      members.forEach((t, j) => {
        const py = y + (j + 0.5) * slot;
        points[t]!.push({ layer: l, expert: e, x: cx, y: py });
        nextY[t] = py;
      });
      y += members.length * slot + gap;
    }
    prevY = nextY;
  });

  // A line through every box it passes (in at its left edge, out at its right), broken where no
  // expert processed the token.
  interface P {
    x: number;
    y: number;
    on: boolean;
  }
  const draw = line<P>()
    .x((p) => p.x)
    .y((p) => p.y)
    .defined((p) => p.on)
    .curve(curveBumpX);
  const paths = trace.tokens.map((_, t): TokenPath => {
    const pts = points[t]!;
    const through: P[] = [{ ...start[t]!, on: true }];
    for (const p of pts) {
      const on = p.expert !== null;
      through.push({ x: p.x - NODE_WIDTH / 2, y: p.y, on }, { x: p.x + NODE_WIDTH / 2, y: p.y, on });
    }
    return { token: t, start: start[t]!, points: pts, d: draw(through) ?? '', selected: t === selected };
  });

  // Labels, by priority; headings first (long ones when they all fit side by side).
  const spacing = L > 1 ? (columns[1] as number) - (columns[0] as number) : width;
  const fitsLong = trace.layers.every((_, l) => textW(heading(l + 1)) + 4 <= spacing);
  const headingText = (l: number) => (fitsLong ? heading(l + 1) : shortHeading(l + 1));
  const candidates: FlowLabel[] = trace.layers.map((_, l) => {
    const text = headingText(l);
    const w = textW(text);
    // Centred on its column, moved in where it would run past the edge.
    const cx = clamp(columns[l] as number, w / 2, width - w / 2);
    return { kind: 'heading', text, x: cx, y: lineH / 2 + 1, anchor: 'middle', box: boxAt(cx, lineH / 2 + 1, w, 'middle'), layer: l };
  });
  const wordLabel = (t: number): FlowLabel => {
    const p = start[t]!;
    const lx = wordX - 4;
    const text = words[t] as string;
    return { kind: 'word', text, x: lx, y: p.y, anchor: 'end', box: boxAt(lx, p.y, textW(text), 'end'), token: t };
  };
  const nodeLabel = (nd: FlowNode): FlowLabel => {
    const text = expertLabel(nd.expert);
    const lx = nd.x + NODE_WIDTH + 3;
    const ly = nd.y + nd.height / 2;
    return {
      kind: 'expert',
      text,
      x: lx,
      y: ly,
      anchor: 'start',
      box: boxAt(lx, ly, textW(text), 'start'),
      layer: nd.layer,
      expert: nd.expert,
    };
  };
  if (selected >= 0) candidates.push(wordLabel(selected));
  const byWeight = [...nodes].sort(
    (a, b) =>
      Number(b.selected) - Number(a.selected) ||
      b.tokens.length - a.tokens.length ||
      a.layer - b.layer ||
      (a.expert ?? -1) - (b.expert ?? -1),
  );
  candidates.push(...byWeight.map(nodeLabel));
  for (let t = 0; t < n; t++) if (t !== selected) candidates.push(wordLabel(t));

  const labels: FlowLabel[] = [];
  for (const c of candidates) {
    const b = c.box;
    const inside = b.x >= 0 && b.x + b.width <= width + 0.5 && b.y >= 0 && b.y + b.height <= height + 0.5;
    if (inside && !labels.some((k) => overlaps(k.box, b))) labels.push(c);
  }
  return { width, height, font, wordX, columns, nodes, paths, labels, hidden: candidates.length - labels.length };
}
