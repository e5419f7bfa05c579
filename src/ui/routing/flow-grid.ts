/**
 * Where the routing picture (flow-layout.ts) puts the routed experts: a grid of equal squares (every
 * routed expert has the same parameter count, so the same area), in blocks of one group each when
 * the router groups its experts (DeepSeek-V3: 8 groups of 32). Pure geometry, no DOM: the side is
 * the largest that fits the region, capped so that 8 experts do not fill the page.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GridCell extends Box {
  expert: number;
  group: number;
}

export interface ExpertGrid {
  cells: GridCell[];
  /** One outline per group (none when the experts are not grouped). */
  groups: Box[];
  /** Side of one cell, gap included. */
  pitch: number;
  /** Side of one drawn square. */
  side: number;
  /** The grid's bounding box. */
  bounds: Box;
}

/** Gap between two groups' blocks, in pixels. */
const GROUP_GAP = 8;

interface Arrangement {
  groupCols: number;
  groupRows: number;
  cols: number;
  rows: number;
  pitch: number;
}

/** The arrangement of `groups` blocks of `perGroup` cells with the largest cells in w × h. */
function arrange(groups: number, perGroup: number, w: number, h: number, maxPitch: number): Arrangement {
  const gap = groups > 1 ? GROUP_GAP : 0;
  const all: (Arrangement & { empty: number })[] = [];
  for (let groupCols = 1; groupCols <= groups; groupCols++) {
    const groupRows = Math.ceil(groups / groupCols);
    for (let cols = 1; cols <= perGroup; cols++) {
      const rows = Math.ceil(perGroup / cols);
      const pitch = Math.min((w - (groupCols - 1) * gap) / (groupCols * cols), (h - (groupRows - 1) * gap) / (groupRows * rows), maxPitch);
      all.push({ groupCols, groupRows, cols, rows, pitch, empty: groupCols * groupRows * cols * rows - groups * perGroup });
    }
  }
  // The largest cells, but a grid with fewer empty places (8 × 8, not 7 × 10) when its cells are nearly as large.
  const largest = Math.max(...all.map((a) => a.pitch));
  const near = all.filter((a) => a.pitch >= largest * 0.9);
  near.sort((a, b) => a.empty - b.empty || b.pitch - a.pitch);
  return near[0]!;
}

/**
 * `experts` routed experts in `groups` equal groups (1 = not grouped), laid out in `region`, centred,
 * each cell at most `maxPitch` wide.
 */
export function expertGrid(experts: number, groups: number, region: Box, maxPitch: number): ExpertGrid {
  const g = groups > 1 && experts % groups === 0 ? groups : 1;
  const perGroup = experts / g;
  const a = arrange(g, perGroup, Math.max(1, region.w), Math.max(1, region.h), maxPitch);
  const gap = g > 1 ? GROUP_GAP : 0;
  const blockW = a.cols * a.pitch;
  const blockH = a.rows * a.pitch;
  const totalW = a.groupCols * blockW + (a.groupCols - 1) * gap;
  const totalH = a.groupRows * blockH + (a.groupRows - 1) * gap;
  const x0 = region.x + (region.w - totalW) / 2;
  const y0 = region.y + (region.h - totalH) / 2;
  const inset = a.pitch >= 12 ? 2 : a.pitch >= 5 ? 1 : 0.5;
  const side = Math.max(0.5, a.pitch - inset);
  const cells: GridCell[] = [];
  const outlines: Box[] = [];
  for (let group = 0; group < g; group++) {
    const bx = x0 + (group % a.groupCols) * (blockW + gap);
    const by = y0 + Math.floor(group / a.groupCols) * (blockH + gap);
    if (g > 1) outlines.push({ x: bx - gap / 4, y: by - gap / 4, w: blockW + gap / 2 - inset, h: blockH + gap / 2 - inset });
    for (let i = 0; i < perGroup; i++) {
      cells.push({
        expert: group * perGroup + i,
        group,
        x: bx + (i % a.cols) * a.pitch,
        y: by + Math.floor(i / a.cols) * a.pitch,
        w: side,
        h: side,
      });
    }
  }
  return { cells, groups: outlines, pitch: a.pitch, side, bounds: { x: x0, y: y0, w: totalW, h: totalH } };
}

/**
 * Vertical positions for labels that want to sit at `wanted` (sorted or not), each `height` tall,
 * inside [top, bottom]: as near as they can to where they want, never overlapping. Returns the
 * positions in the order given.
 */
export function spreadLabels(wanted: number[], height: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => o.y);
  // Push down from the top, then back up from the bottom: each label keeps its order and the gap.
  for (let j = 0; j < placed.length; j++) placed[j] = Math.max(placed[j]!, j === 0 ? top : placed[j - 1]! + height);
  for (let j = placed.length - 1; j >= 0; j--)
    placed[j] = Math.min(placed[j]!, j === placed.length - 1 ? bottom - height : placed[j + 1]! - height);
  const out = new Array<number>(wanted.length);
  order.forEach((o, j) => (out[o.i] = placed[j]!));
  return out;
}
