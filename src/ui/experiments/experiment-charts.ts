/**
 * The experiments page's pictures, as plain SVG templates of the numbers they are given: a heat map
 * (experiments 1 and 3), grouped bars with a baseline mark (2 and 4) and lines (5 and 7). Each is an
 * image with a label that points to the table beside it; every bar and cell carries its value.
 */
import { svg, type SVGTemplateResult } from 'lit';
import { HEAT_COLOUR, SERIES_COLOURS } from '../shared/palette';

const W = 640;
const FONT = 13;

/** Opacity of a heat cell for a value in [0, max] (a floor, so that 0 is still a visible cell). */
const heat = (v: number, max: number): number => 0.06 + 0.94 * Math.min(1, Math.max(0, v / (max || 1)));

export interface HeatMap {
  rows: readonly string[];
  cols: readonly string[];
  /** values[r][c]; null draws an empty cell. */
  values: readonly (readonly (number | null)[])[];
  /** The value drawn darkest. */
  max: number;
  format: (v: number) => string;
  /** A value above which a cell is outlined (e.g. the uniform line). */
  mark?: number;
}

/** Rows × columns of shaded cells, each with its value written in it. */
export function heatMap(h: HeatMap): SVGTemplateResult {
  const left = Math.min(150, 14 + Math.max(...h.rows.map((r) => r.length), 3) * FONT * 0.62);
  const cw = Math.max(26, Math.min(70, (W - left - 8) / Math.max(1, h.cols.length)));
  const ch = 26;
  const top = 22;
  const width = left + cw * h.cols.length + 8;
  const height = top + ch * h.rows.length + 4;
  const cellFont = cw < 40 ? 10 : 12;
  return svg`<svg viewBox="0 0 ${width} ${height}" width=${width} height=${height} aria-hidden="true" class="chart heat">
    ${h.cols.map((c, j) => svg`<text x=${left + cw * (j + 0.5)} y=${top - 7} text-anchor="middle" font-size=${FONT} class="axis">${c}</text>`)}
    ${h.rows.map(
      (r, i) => svg`<text x=${left - 6} y=${top + ch * (i + 0.5) + 4} text-anchor="end" font-size=${FONT} class="axis">${r}</text>
        ${h.values[i]?.map((v, j) => {
          const x = left + cw * j;
          const y = top + ch * i;
          if (v === null) return svg`<rect x=${x + 1} y=${y + 1} width=${cw - 2} height=${ch - 2} class="empty"></rect>`;
          const o = heat(v, h.max);
          const marked = h.mark !== undefined && v > h.mark;
          return svg`<rect x=${x + 1} y=${y + 1} width=${cw - 2} height=${ch - 2} fill=${HEAT_COLOUR} fill-opacity=${o} class=${marked ? 'cell marked' : 'cell'}></rect>
            <text x=${x + cw / 2} y=${y + ch / 2 + 4} text-anchor="middle" font-size=${cellFont} class=${o > 0.5 ? 'on-dark' : 'on-light'}>${h.format(v)}</text>`;
        })}`,
    )}
  </svg>`;
}

export interface Bar {
  name: string;
  value: number;
  /** A mark across the bar (the random baseline), and a band around it (± 2 standard errors). */
  baseline?: number;
  band?: number;
  colour?: string;
}

export interface BarGroup {
  label: string;
  bars: readonly Bar[];
}

/** Horizontal bars in groups (one group per layer or expert), each bar labelled with its value. */
export function barChart(
  groups: readonly BarGroup[],
  max: number,
  format: (v: number) => string,
  legend: readonly { name: string; colour: string }[] = [],
): SVGTemplateResult {
  const left = Math.min(
    170,
    16 + Math.max(...groups.map((g) => g.label.length), ...groups.flatMap((g) => g.bars.map((b) => b.name.length)), 4) * FONT * 0.6,
  );
  const bh = 18;
  const gap = 10;
  const right = 76;
  const plot = W - left - right - 8;
  const top = legend.length ? 26 : 6;
  let y = top;
  const parts: SVGTemplateResult[] = [];
  const scale = (v: number): number => (plot * Math.max(0, Math.min(v, max))) / (max || 1);
  for (const g of groups) {
    if (g.label) {
      parts.push(svg`<text x=${0} y=${y + 13} font-size=${FONT} font-weight="600" class="axis">${g.label}</text>`);
      y += 18;
    }
    for (const b of g.bars) {
      const colour = b.colour ?? (SERIES_COLOURS[4] as string);
      parts.push(svg`<text x=${left - 6} y=${y + bh / 2 + 4} text-anchor="end" font-size=${FONT - 1} class="axis">${b.name}</text>
        ${b.baseline !== undefined && b.band ? svg`<rect x=${left + scale(b.baseline - b.band)} y=${y - 2} width=${Math.max(1, scale(b.baseline + b.band) - scale(b.baseline - b.band))} height=${bh + 4} class="band"></rect>` : ''}
        <rect x=${left} y=${y} width=${Math.max(1, scale(b.value))} height=${bh} fill=${colour}></rect>
        ${b.baseline !== undefined ? svg`<line x1=${left + scale(b.baseline)} x2=${left + scale(b.baseline)} y1=${y - 4} y2=${y + bh + 4} class="baseline"></line>` : ''}
        <text x=${left + Math.max(scale(b.value), b.baseline === undefined ? 0 : scale(b.baseline + (b.band ?? 0))) + 6} y=${y + bh / 2 + 4} font-size=${FONT - 1} class="axis value">${format(b.value)}</text>`);
      y += bh + 4;
    }
    y += gap;
  }
  return svg`<svg viewBox="0 0 ${W} ${y}" width=${W} height=${y} aria-hidden="true" class="chart">
    ${legend.map(
      (
        l,
        i,
      ) => svg`<rect x=${left + i * 170} y=${4} width=${14} height=${14} fill=${l.colour} class=${l.colour === 'none' ? 'legend-line' : ''}></rect>
        <text x=${left + i * 170 + 20} y=${16} font-size=${FONT - 1} class="axis">${l.name}</text>`,
    )}
    <line x1=${left} x2=${left} y1=${top - 4} y2=${y - gap} class="axis-line"></line>
    ${parts}
  </svg>`;
}

export interface Series {
  name: string;
  colour: string;
  points: readonly { x: number; y: number }[];
  dashed?: boolean;
}

export interface LineAxes {
  xLabel: string;
  yLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  /** y range (default: 0 to the largest value). */
  yMin?: number;
  yMax?: number;
  /** x range end (default: the largest x). */
  xMax?: number;
  /** A horizontal reference line (e.g. the random baseline), with its name. */
  reference?: { y: number; name: string };
}

/** Lines over a shared x axis, with 5 ticks on each axis and a legend. */
export function lineChart(series: readonly Series[], a: LineAxes): SVGTemplateResult {
  const left = 56;
  const right = 36;
  const top = 30;
  const bottom = 44;
  const H = 300;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const all = series.flatMap((s) => s.points);
  const xMax = a.xMax ?? Math.max(1e-12, ...all.map((p) => p.x));
  const yMin = a.yMin ?? 0;
  const yMax = a.yMax ?? Math.max(1e-12, ...all.map((p) => p.y), a.reference?.y ?? 0);
  const X = (x: number): number => left + (plotW * x) / xMax;
  const Y = (y: number): number => top + plotH - (plotH * (y - yMin)) / (yMax - yMin || 1);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return svg`<svg viewBox="0 0 ${W} ${H}" width=${W} height=${H} aria-hidden="true" class="chart">
    ${series.map(
      (
        s,
        i,
      ) => svg`<line x1=${left + i * 130} x2=${left + i * 130 + 22} y1=${12} y2=${12} stroke=${s.colour} stroke-width="3" stroke-dasharray=${s.dashed ? '6 4' : 'none'}></line>
        <text x=${left + i * 130 + 28} y=${16} font-size=${FONT - 1} class="axis">${s.name}</text>`,
    )}
    ${ticks.map(
      (t) => svg`<line x1=${left} x2=${W - right} y1=${Y(yMin + t * (yMax - yMin))} y2=${Y(yMin + t * (yMax - yMin))} class="grid"></line>
        <text x=${left - 6} y=${Y(yMin + t * (yMax - yMin)) + 4} text-anchor="end" font-size=${FONT - 2} class="axis">${a.yFormat(yMin + t * (yMax - yMin))}</text>
        <text x=${X(t * xMax)} y=${top + plotH + 16} text-anchor="middle" font-size=${FONT - 2} class="axis">${a.xFormat(t * xMax)}</text>`,
    )}
    <text x=${left + plotW / 2} y=${H - 6} text-anchor="middle" font-size=${FONT - 1} class="axis">${a.xLabel}</text>
    <text x=${12} y=${top + plotH / 2} text-anchor="middle" font-size=${FONT - 1} class="axis" transform=${`rotate(-90 12 ${top + plotH / 2})`}>${a.yLabel}</text>
    ${a.reference ? svg`<line x1=${left} x2=${W - right} y1=${Y(a.reference.y)} y2=${Y(a.reference.y)} class="baseline"></line><text x=${W - right - 4} y=${Y(a.reference.y) - 5} text-anchor="end" font-size=${FONT - 2} class="axis">${a.reference.name}</text>` : ''}
    ${series.map((s) =>
      s.points.length
        ? svg`<polyline fill="none" stroke=${s.colour} stroke-width="2.5" stroke-dasharray=${s.dashed ? '6 4' : 'none'} points=${s.points.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ')}></polyline>`
        : '',
    )}
  </svg>`;
}

/** Series colours in order (Okabe–Ito, as the other charts). */
export const seriesColour = (i: number): string => SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
