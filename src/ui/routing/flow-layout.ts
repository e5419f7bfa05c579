/**
 * The routing picture of one token, as geometry: a pure function of the trace (no DOM), drawn by
 * flow-picture.ts. Left to right: the token → its embedding (d numbers) → the router, a bar per
 * routed expert (its score) → one link per choice, as wide as its gate weight, to the chosen expert
 * (a dropped choice stops at the capacity wall) → every expert as a square of area ∝ its parameters
 * (shared ones above, always on) → labels of the experts that ran → links, again as wide as the
 * weights, into the weighted sum → the output. Scales from d3-scale place the bars; d3-shape draws
 * the links.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { linkHorizontal } from 'd3-shape';
import type { Trace } from '../../core/trace';
import { expertGrid, spreadLabels, type Box } from './flow-grid';

export type { Box };

export interface FlowInput {
  trace: Trace;
  layer: number;
  position: number;
  width: number;
  height: number;
  /** Font size of the picture's text, in pixels. */
  fontSize: number;
}

export interface FlowBar extends Box {
  expert: number;
  score: number;
  /** Place among the token's choices, -1 when not chosen. */
  choice: number;
}

export interface FlowExpert extends Box {
  /** Routed expert index; shared experts are numbered after the routed ones' flag. */
  expert: number;
  shared: boolean;
  group: number;
  choice: number;
  weight: number | null;
  dropped: boolean;
  /** Whether the expert ran for this token (chosen and kept, or shared). */
  lit: boolean;
  /** Whether its label fits inside its square. */
  labelInside: boolean;
}

export interface FlowLabel extends Box {
  expert: number;
  shared: boolean;
  weight: number;
  /** Leader line from the square to the label, when the label sits beside the grid. */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

export interface FlowLink {
  expert: number;
  shared: boolean;
  weight: number;
  /** Stroke width: weight × linkUnit. */
  width: number;
  dropped: boolean;
  path: string;
  end: { x: number; y: number };
}

export interface FlowLayout {
  width: number;
  height: number;
  fontSize: number;
  token: Box;
  /** The router's input: d numbers (the token's normalised hidden state), when the trace has them. */
  embedding: Box & { cells: number; values: number[] | null };
  router: Box & { bars: FlowBar[]; baseline: number; top: number; maxScore: number };
  /** Pixels of stroke per unit of gate weight (the same for every link). */
  linkUnit: number;
  /** Router → experts (dropped choices end at the wall). */
  links: FlowLink[];
  /** The capacity wall, when the layer has a capacity. */
  wall: { x: number; y1: number; y2: number } | null;
  experts: FlowExpert[];
  groups: Box[];
  labels: FlowLabel[];
  /** Experts (through their labels) → the weighted sum. */
  merges: FlowLink[];
  sum: { cx: number; cy: number; r: number };
  output: Box;
  /** The residual connection, token to sum, drawn below everything. */
  residual: string;
}

const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

function path(x1: number, y1: number, x2: number, y2: number): string {
  return link({ source: [x1, y1], target: [x2, y2] }) ?? '';
}

/**
 * Width of a label such as "E255 · 0.41" at `font`, in pixels: its eleven characters (a capital,
 * digits, spaces) take about 5.7 em of a sans-serif font (flow-marks.ts draws them at `font`), plus a margin.
 */
function labelWidth(font: number): number {
  return font * 6.2;
}

/** The columns' horizontal places at a width, height and font size (lane: the labels' lane width). */
function across(W: number, H: number, font: number, lane: number) {
  const pad = font * 0.6;
  const tokenW = Math.max(font * 4.5, W * 0.085);
  const tokenX = pad;
  const embW = Math.max(font * 1.4, W * 0.022);
  const embX = tokenX + tokenW + W * 0.03;
  const routerW = Math.max(font * 8, W * 0.2);
  const routerX = embX + embW + W * 0.03;
  const outW = Math.max(font * 4.5, W * 0.075);
  const outX = W - pad - outW;
  const r = Math.max(font * 1.1, Math.min(H * 0.07, font * 1.8));
  const sumX = outX - W * 0.03 - r;
  const wallX = routerX + routerW + W * 0.1;
  const gridLeft = wallX + font * 0.8;
  const gridRight = sumX - r - W * 0.05 - lane;
  return { pad, tokenX, tokenW, embX, embW, routerX, routerW, outX, outW, r, sumX, wallX, gridLeft, gridRight };
}

/** Label columns needed for `count` labels at least font × 1.15 tall in a picture `H` high. */
function labelColumns(count: number, H: number, font: number): number {
  return Math.max(1, Math.ceil((count * font * 1.15) / Math.max(1, H - font * 0.4)));
}

/** Width of `cols` label columns side by side. */
function laneWidth(cols: number, font: number): number {
  return cols * labelWidth(font) + (cols - 1) * font * 0.4;
}

/**
 * The font size the picture can keep: the one asked for, or, when the picture is too narrow for
 * its columns at that size, the largest that leaves the expert grid 3 font sizes wide.
 */
function fittingFont(W: number, H: number, font: number, count: number): number {
  const fits = (f: number) => {
    const a = across(W, H, f, laneWidth(labelColumns(count, H, f), f));
    return a.gridRight - a.gridLeft >= f * 3;
  };
  if (fits(font)) return font;
  let lo = 0;
  let hi = font;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return Math.max(lo, font / 64);
}

export function flowLayout(input: FlowInput): FlowLayout {
  const { trace, width: W, height: H } = input;
  const layer = trace.layers[input.layer] ?? trace.layers[0]!;
  const routing = layer.tokens[input.position] ?? null;
  const shape = trace.shape;
  const n = shape.experts;
  const sharedN = shape.shared;
  // Labels: one per expert that ran (kept choices and shared experts).
  const labelCount = (routing?.dropped.filter((d) => !d).length ?? 0) + sharedN;
  const font = fittingFont(W, H, input.fontSize, labelCount);
  const cols = labelColumns(labelCount, H, font);
  const laneW = labelWidth(font);
  const laneGap = font * 0.4;
  const a = across(W, H, font, laneWidth(cols, font));
  const pad = a.pad;
  const midY = H / 2;

  // Left columns: token, embedding, router.
  const token: Box = { x: a.tokenX, y: midY - font * 1.6, w: a.tokenW, h: font * 3.2 };
  const embH = H * 0.62;
  const embedding = { x: a.embX, y: midY - embH / 2, w: a.embW, h: embH, cells: shape.width, values: routing?.input ?? null };
  const routerH = H * 0.62;
  const routerBox: Box = { x: a.routerX, y: midY - routerH / 2, w: a.routerW, h: routerH };
  const barsTop = routerBox.y + font * 1.8;
  const baseline = routerBox.y + routerBox.h - font * 1.4;
  const scores = routing?.scores ?? [];
  const maxScore = Math.max(1e-9, ...scores.map((s) => (Number.isFinite(s) ? Math.abs(s) : 0)));
  const xBand = scaleBand<number>()
    .domain(Array.from({ length: n }, (_, e) => e))
    .range([routerBox.x + pad, routerBox.x + routerBox.w - pad])
    .paddingInner(n > 64 ? 0 : 0.2);
  const yScore = scaleLinear().domain([0, maxScore]).range([baseline, barsTop]);
  const choiceOf = new Map<number, number>((routing?.experts ?? []).map((e, i) => [e, i]));
  const bars: FlowBar[] = Array.from({ length: n }, (_, e) => {
    const score = Math.abs(scores[e] ?? 0);
    const top = yScore(score);
    return {
      expert: e,
      score: scores[e] ?? 0,
      choice: choiceOf.get(e) ?? -1,
      x: xBand(e) ?? 0,
      y: top,
      w: Math.max(0.5, xBand.bandwidth()),
      h: baseline - top,
    };
  });

  // Right columns: output, sum, labels, experts.
  const output: Box = { x: a.outX, y: midY - font * 1.6, w: a.outW, h: font * 3.2 };
  const r = a.r;
  const sum = { cx: a.sumX, cy: midY, r };
  const wallX = a.wallX;
  const gridLeft = a.gridLeft;
  const gridW = Math.max(1, a.gridRight - gridLeft);
  const sharedRatio = trace.params.routedExpert > 0 ? trace.params.sharedExpert / trace.params.routedExpert : 1;
  const top = font * 0.4;
  const maxPitch = Math.min(font * 4.4, H * 0.3);
  // Shared experts: one row above the routed grid, their area in proportion to their parameters.
  const sharedBand = sharedN > 0 ? Math.min(H * 0.22, maxPitch * Math.sqrt(sharedRatio)) + font * 0.6 : 0;
  const grid = expertGrid(
    n,
    shape.groupSize > 0 && shape.groupSize < n ? n / shape.groupSize : 1,
    { x: gridLeft, y: top + sharedBand, w: gridW, h: H - top - sharedBand - font * 0.4 },
    maxPitch,
  );
  const inside = grid.side >= font * 2.2;

  const experts: FlowExpert[] = grid.cells.map((c) => {
    const choice = choiceOf.get(c.expert) ?? -1;
    const dropped = choice >= 0 && (routing?.dropped[choice] ?? false);
    return {
      ...c,
      shared: false,
      choice,
      weight: choice >= 0 ? (routing?.weights[choice] ?? 0) : null,
      dropped,
      lit: choice >= 0 && !dropped,
      labelInside: inside,
    };
  });
  // The shared row fits the grid's width (four shared experts beside one small routed grid).
  const sharedGap = font * 0.5;
  const sharedSide = Math.max(
    0.5,
    Math.min(grid.side * Math.sqrt(sharedRatio), sharedBand - font * 0.6, (gridW - (sharedN - 1) * sharedGap) / Math.max(1, sharedN)),
  );
  for (let s = 0; s < sharedN; s++) {
    experts.push({
      expert: s,
      shared: true,
      group: -1,
      choice: -1,
      weight: 1,
      dropped: false,
      lit: true,
      labelInside: sharedSide >= font * 2.2,
      x: gridLeft + s * (sharedSide + sharedGap),
      y: top,
      w: sharedSide,
      h: sharedSide,
    });
  }

  // Links: one per choice, width ∝ gate weight; a dropped choice stops at the wall.
  const weights = routing?.weights ?? [];
  const linkUnit = Math.min(font * 1.8, H * 0.1) / Math.max(1, ...weights.map(Math.abs));
  const startX = routerBox.x + routerBox.w;
  const links: FlowLink[] = (routing?.experts ?? []).map((e, i) => {
    const cell = experts[e]!;
    const weight = weights[i] ?? 0;
    const dropped = routing?.dropped[i] ?? false;
    const sy = routerBox.y + routerBox.h * ((i + 1) / ((routing?.experts.length ?? 0) + 1));
    const ey = cell.y + cell.h / 2;
    const ex = dropped ? wallX : cell.x;
    return {
      expert: e,
      shared: false,
      weight,
      width: Math.abs(weight) * linkUnit,
      dropped,
      path: path(startX, sy, ex, ey),
      end: { x: ex, y: ey },
    };
  });

  // Labels of the experts that ran, in a lane between the grid and the sum, never overlapping: in
  // as many columns as they need (taken in turn from top to bottom), each label at most 1.5 fonts tall.
  const ran = experts.filter((x) => x.lit);
  const perColumn = Math.ceil(ran.length / cols);
  const labelH = Math.min(font * 1.5, (H - font * 0.4) / Math.max(1, perColumn));
  const laneX = Math.max(grid.bounds.x + grid.bounds.w, ...experts.map((x) => x.x + x.w)) + font * 0.8;
  const wanted = ran.map((x) => x.y + x.h / 2 - labelH / 2);
  const rank = wanted.map((y, i) => ({ y, i })).sort((p, q) => p.y - q.y || p.i - q.i);
  const column = new Array<number>(ran.length);
  rank.forEach((o, j) => (column[o.i] = j % cols));
  const ys = new Array<number>(ran.length);
  for (let c = 0; c < cols; c++) {
    const members = ran.map((_, i) => i).filter((i) => column[i] === c);
    const placed = spreadLabels(
      members.map((i) => wanted[i]!),
      labelH,
      font * 0.2,
      H - font * 0.2,
    );
    members.forEach((i, j) => (ys[i] = placed[j]!));
  }
  const labels: FlowLabel[] = ran.map((x, i) => {
    const y = ys[i]!;
    const lx = laneX + column[i]! * (laneW + laneGap);
    return {
      expert: x.expert,
      shared: x.shared,
      weight: x.weight ?? 0,
      x: lx,
      y,
      w: laneW,
      h: labelH,
      leader: { x1: x.x + x.w, y1: x.y + x.h / 2, x2: lx, y2: y + labelH / 2 },
    };
  });
  const merges: FlowLink[] = labels.map((l) => {
    const weight = l.weight;
    return {
      expert: l.expert,
      shared: l.shared,
      weight,
      width: Math.abs(weight) * linkUnit,
      dropped: false,
      path: path(l.x + l.w, l.y + l.h / 2, sum.cx - r, sum.cy),
      end: { x: sum.cx - r, y: sum.cy },
    };
  });

  const capacity = layer.capacity;
  const residualY = H - font * 0.5;
  const residual = `M${token.x + token.w / 2},${token.y + token.h}V${residualY}H${sum.cx}V${sum.cy + r}`;
  return {
    width: W,
    height: H,
    fontSize: font,
    token,
    embedding,
    router: { ...routerBox, bars, baseline, top: barsTop, maxScore },
    linkUnit,
    links,
    wall: capacity === null ? null : { x: wallX, y1: font * 0.4, y2: H - font * 1.2 },
    experts,
    groups: grid.groups,
    labels,
    merges,
    sum,
    output,
    residual,
  };
}
