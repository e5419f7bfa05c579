/**
 * The exported picture's marks as SVG text: rectangles, lines and text with attributes escaped and
 * coordinates rounded, its colours (always light, on white paper: src/ui/shared/palette.ts), and
 * what every panel of it is drawn from.
 */
import type { Trace } from '../../core/trace';
import { PICTURE_COLOURS } from '../shared/palette';
import type { PictureWords } from './picture-words';
import { escapeXml } from './picture-text';

/** Colours for the drawing; the ui passes its palette (`expertColour`, `textOn`, `expertFill`, `expertPatternMarkup`). */
export interface SvgPalette {
  expert(index: number): string;
  /** Black or white, whichever reads on the colour. */
  textOn(colour: string): string;
  /** What an expert's marks are filled with: its colour or its pattern (`url(#…)`); its colour when absent. */
  fill?(index: number): string;
  /** The `<pattern>` elements `fill` refers to, for the given experts (none when absent). */
  defs?(experts: readonly number[]): string;
}

/** Expert `e`'s fill: its pattern when the palette has patterns, else its colour. */
export function expertPaint(pal: SvgPalette, e: number): string {
  return pal.fill ? pal.fill(e) : pal.expert(e);
}

/** The view a panel of the picture draws: the trace, the layer and token shown, its colours and words. */
export interface Scene {
  trace: Trace;
  layer: number;
  position: number;
  pal: SvgPalette;
  words: PictureWords;
}

/** Latin faces first, then faces with Chinese glyphs (the picture may be in Chinese, and so may the sentence). */
export const FONT =
  'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, sans-serif';
export const { ink: INK, muted: MUTED, outline: OUTLINE, paper: PAPER, drop: DROP } = PICTURE_COLOURS;
export const {
  idleFill: IDLE_FILL,
  idleStroke: IDLE_STROKE,
  noExpert: NO_EXPERT,
  chipEdge: CHIP_EDGE,
  scoreIdle: SCORE_IDLE,
} = PICTURE_COLOURS;
export const { meter: METER, meterTrack: METER_TRACK } = PICTURE_COLOURS;
export const PAD = 24;

export type Attrs = Record<string, string | number | undefined>;

export function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? num(v) : (v as string))}"`)
    .join('');
}

/** Coordinates with at most two decimals. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function rect(a: Attrs): string {
  return `<rect${attrs(a)}/>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, 'font-size': 13, fill: INK, ...a })}>${escapeXml(content)}</text>`;
}

export function line(a: Attrs): string {
  return `<line${attrs(a)}/>`;
}

export interface Drawn {
  body: string;
  height: number;
}

export function heading(y: number, label: string): string {
  return text(PAD, y, label, { 'font-size': 16, 'font-weight': 700 });
}
