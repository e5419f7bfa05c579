/**
 * Expert load over the training steps as a heat strip: one row per routed expert, time running left
 * to right, each cell the share of the expert choices that went to that expert over the last few
 * steps (steps are also grouped into columns when there are more steps than pixels). Diverging
 * colours around the even share 1/E: blue = fewer tokens (darkest: none), pale = about even,
 * red = more (darkest: three times even or more). Collapse reads as strong red and blue rows;
 * balance as a pale, even strip.
 *
 * The figure beside it is the current max/mean, over the last WINDOW steps together (a single batch
 * of ~160 choices over 8 experts is too small: its max/mean is ~1.4 even for a perfectly fair router).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { withSlots } from './training-format';
import { WidthController } from '../shared/width-controller';
import { trainWords } from '../i18n/training';
import { styleProps } from '../shared/style-props';
import { HEAT_SEPARATOR } from '../shared/palette';
import { expertAxisLabels, labelWidth } from '../shared/axis-labels';
import { ChartFont } from '../shared/chart-font';

/** Steps summed for the current max/mean. */
export const WINDOW = 20;
/** Each column of the strip shows at least this many steps up to it (a single batch is noisy). */
export const SMOOTH = 10;
/** Columns of the table alternative. */
const TABLE_COLUMNS = 8;
/** Diverging: blue (no tokens) → near-white (even share) → red (3× even); ColorBrewer RdBu ends. */
const UNDER: [number, number, number] = [33, 102, 172];
const EVEN: [number, number, number] = [247, 247, 247];
const OVER: [number, number, number] = [178, 24, 43];

/** Colour of a share, as a multiple of the even share 1/E. */
export function heatColour(timesEven: number): string {
  const v = Math.max(0, Math.min(3, timesEven));
  const [from, to, t] = v <= 1 ? [UNDER, EVEN, v] : [EVEN, OVER, (v - 1) / 2];
  return `rgb(${from.map((x, j) => Math.round(x + ((to[j] as number) - x) * t)).join(',')})`;
}

export interface LoadFigures {
  /** Busiest expert's choices over the mean, over the window. */
  maxOverMean: number;
  /** Quietest expert's choices over the mean. */
  minOverMean: number;
  /** Experts no token chose in the window. */
  idle: number;
  /** Steps in the window. */
  steps: number;
  /** Expert choices in the window. */
  choices: number;
}

/** Max/mean, min/mean and idle experts of the demand summed over the last `window` steps. */
export function loadFigures(loads: readonly (readonly number[])[], window = WINDOW): LoadFigures | null {
  const recent = loads.slice(-window);
  const E = recent[0]?.length ?? 0;
  if (E === 0) return null;
  const sum = new Array<number>(E).fill(0);
  for (const row of recent) row.forEach((v, e) => (sum[e] = (sum[e] as number) + v));
  const choices = sum.reduce((a, b) => a + b, 0);
  const mean = choices / E;
  if (mean === 0) return null;
  return {
    maxOverMean: Math.max(...sum) / mean,
    minOverMean: Math.min(...sum) / mean,
    idle: sum.filter((v) => v === 0).length,
    steps: recent.length,
    choices,
  };
}

interface Column {
  from: number;
  to: number;
  /** Share of the choices per expert. */
  share: number[];
}

/**
 * Steps grouped into at most n columns; each column's share per expert from the choices summed over
 * its steps, or over the last `smooth` steps up to its end when that is more.
 */
export function columns(loads: readonly (readonly number[])[], firstStep: number, n: number, smooth = 1): Column[] {
  const count = Math.max(1, Math.min(loads.length, Math.floor(n)));
  const E = loads[0]?.length ?? 0;
  const out: Column[] = [];
  for (let c = 0; c < count; c++) {
    const lo = Math.floor((c * loads.length) / count);
    const hi = Math.floor(((c + 1) * loads.length) / count);
    if (hi <= lo) continue;
    const sum = new Array<number>(E).fill(0);
    for (let s = Math.max(0, Math.min(lo, hi - smooth)); s < hi; s++)
      (loads[s] as number[]).forEach((v, e) => (sum[e] = (sum[e] as number) + v));
    const total = sum.reduce((a, b) => a + b, 0);
    out.push({ from: firstStep + lo, to: firstStep + hi - 1, share: sum.map((v) => (total > 0 ? v / total : 0)) });
  }
  return out;
}

@customElement('load-history')
export class LoadHistory extends LitElement {
  /** Per step: tokens that chose each routed expert (one layer). */
  @property({ attribute: false }) loads: readonly (readonly number[])[] = [];
  /** Step number of loads[0] (1 = the first training step). */
  @property({ type: Number }) firstStep = 1;
  /** Names the chart when a page shows several; empty: "Expert load over training" in the page's language. */
  @property() label = '';
  @property({ type: Number }) window = WINDOW;
  /** Steps each column covers at least (trailing), so that the noise of single batches does not hide the trend. */
  @property({ type: Number }) smooth = SMOOTH;
  /** Leave out the max/mean figure (when the page shows it elsewhere). */
  @property({ type: Boolean, attribute: 'hide-figure' }) hideFigure = false;
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);
  private drawFrame = 0;
  private readonly font = new ChartFont();

  /** The chart's text size in px, from the host's font (20 px or more in presenter mode). */
  private fontPx(): number {
    return this.font.read(this, this.size.width);
  }

  private get name(): string {
    return this.label || trainWords().load.label;
  }

  static override styles = css`
    :host { display: block; font-family: var(--moe-font); color: var(--moe-text); }
    .figure { display: flex; flex-wrap: wrap; gap: var(--moe-sp-2) var(--moe-sp-9); align-items: baseline; margin: 0 0 var(--moe-sp-4); }
    .figure strong { font-size: var(--moe-fs-xl); font-variant-numeric: tabular-nums; }
    .figure .sub { font-size: var(--moe-fs-m); color: var(--moe-text-3); }
    .strip { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: var(--moe-sp-3); }
    .names { position: relative; line-height: 1.15; font-variant-numeric: tabular-nums; text-align: right; color: var(--moe-text-3); }
    .names span { position: absolute; right: 0; white-space: nowrap; }
    canvas { display: block; width: 100%; border: 1px solid var(--moe-grey-99); box-sizing: border-box; }
    .axis { display: flex; justify-content: space-between; gap: var(--moe-sp-5); flex-wrap: wrap; color: var(--moe-text-3); grid-column: 2; }
    .key { display: flex; align-items: center; gap: var(--moe-sp-4); font-size: var(--moe-fs-s); margin-top: var(--moe-sp-3); flex-wrap: wrap; }
    .ramp { width: 9rem; height: 0.7rem; border: 1px solid var(--moe-grey-99); }
    .empty { color: var(--moe-text-4); margin: var(--moe-sp-5) 0; }
    .how { font-size: var(--moe-fs-s); color: var(--moe-text-3); margin: var(--moe-sp-1) 0 0; }
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-2); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-5); text-align: right; border-bottom: 1px solid var(--moe-rule); }
    th { white-space: nowrap; }
    summary:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `;

  private get experts(): number {
    return this.loads[0]?.length ?? 0;
  }

  /**
   * Row height in CSS pixels: the strip stays between ~100 and ~240 px tall at 12.8 px text, rows
   * no taller than 1.4 lines of text; both grow with the chart's text (presenter mode).
   */
  private get rowHeight(): number {
    const font = this.fontPx();
    return Math.max(2, Math.min(Math.ceil(1.4 * font), Math.floor((240 * font) / 12.8 / Math.max(1, this.experts))));
  }

  private summary(f: LoadFigures | null): string {
    const E = this.experts;
    const last = this.firstStep + this.loads.length - 1;
    const m = trainWords().load;
    const head = m.summary(this.name, E, this.firstStep, last);
    if (!f) return head;
    return `${head}${m.summaryFigures(f.steps, f.maxOverMean.toFixed(2), f.minOverMean.toFixed(2), f.idle)}`;
  }

  override render() {
    const E = this.experts;
    const m = trainWords().load;
    if (E === 0 || this.loads.length === 0) return html`<p class="empty">${m.empty}</p>`;
    const f = loadFigures(this.loads, this.window);
    const rh = this.rowHeight;
    // The expert axis: every row's name when the rows are as tall as the text, else d3's round steps (shared/axis-labels.ts).
    const font = this.fontPx();
    const names = expertAxisLabels(E, (e) => 1 + (e + 0.5) * rh, font, 0, E * rh + 2, { size: () => 1.15 * font, gap: 0 });
    const namesWidth = Math.ceil(Math.max(...names.map((l) => labelWidth(l.text, font))));
    const last = this.firstStep + this.loads.length - 1;
    return html`
      ${
        this.hideFigure
          ? nothing
          : html`<div class="figure">
        <span>${withSlots(m.maxMeanNow, { value: html`<strong class="max-mean">${f ? f.maxOverMean.toFixed(2) : '–'}</strong>` })}</span>
        <span class="sub">${f ? m.figures(f.steps, f.choices.toLocaleString('en'), f.minOverMean.toFixed(2), f.idle) : ''}</span>
      </div>`
      }
      <div class="strip">
        <div class="names" aria-hidden="true" ${styleProps({ height: `${E * rh + 2}px`, width: `${namesWidth}px`, 'font-size': `${font.toFixed(1)}px` })}>
          ${names.map((l) => html`<span ${styleProps({ top: `${l.left.toFixed(1)}px` })}>${l.text}</span>`)}
        </div>
        <canvas role="img" aria-label=${this.summary(f)} ${styleProps({ height: `${E * rh + 2}px` })}></canvas>
        <div class="axis" aria-hidden="true" ${styleProps({ 'font-size': `${font.toFixed(1)}px` })}><span>${m.stepAt(this.firstStep)}</span><span>${m.axis}</span><span>${m.stepAt(last)}</span></div>
      </div>
      <div class="key" aria-hidden="true">
        <span>${m.noTokens}</span>
        <span class="ramp" ${styleProps({ background: `linear-gradient(to right, ${heatColour(0)}, ${heatColour(1)} 33.3%, ${heatColour(3)})` })}></span>
        <span>${m.threeTimes}</span>
      </div>
      <p class="how">${m.how(E)}${this.smooth > 1 ? m.smoothed(this.smooth) : ''}</p>
      ${this.table()}
    `;
  }

  /**
   * Draws in the next frame: the canvas's width is read from a layout the browser has already done,
   * instead of forcing one in the middle of the page's update (and the drawing is a task of its own).
   */
  protected override updated(): void {
    cancelAnimationFrame(this.drawFrame);
    this.drawFrame = requestAnimationFrame(() => {
      this.drawFrame = 0;
      this.draw();
    });
  }

  override disconnectedCallback(): void {
    cancelAnimationFrame(this.drawFrame);
    this.drawFrame = 0;
    super.disconnectedCallback();
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const E = this.experts;
    const rh = this.rowHeight;
    const inner = canvas.clientWidth - 2; // minus the border
    const cssW = Math.max(100, inner > 0 ? inner : (this.size.width || 500) - 40);
    const dpr = window.devicePixelRatio || 1;
    const cols = columns(this.loads, this.firstStep, cssW, this.smooth);
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(E * rh * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, E * rh);
    const cw = cssW / cols.length;
    cols.forEach((c, i) => {
      const x0 = Math.floor(i * cw);
      const x1 = Math.floor((i + 1) * cw);
      c.share.forEach((s, e) => {
        ctx.fillStyle = heatColour(s * E);
        ctx.fillRect(x0, e * rh, Math.max(1, x1 - x0), rh);
      });
    });
    if (rh >= 6) {
      // Thin separators between experts, so rows of the same colour stay countable.
      ctx.fillStyle = HEAT_SEPARATOR;
      for (let e = 1; e < E; e++) ctx.fillRect(0, e * rh, cssW, 1);
    }
  }

  private table() {
    const E = this.experts;
    const cols = columns(this.loads, this.firstStep, TABLE_COLUMNS);
    const m = trainWords().load;
    return html`<details>
      <summary>${m.table}</summary>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${m.tableLabel(this.name)}><table>
        <thead><tr><th scope="col">${m.expert}</th>${cols.map((c) => html`<th scope="col">${c.from === c.to ? m.stepAt(c.from) : m.steps(c.from, c.to)}</th>`)}</tr></thead>
        <tbody>
          ${Array.from({ length: E }, (_, e) => html`<tr><th scope="row">E${e}</th>${cols.map((c) => html`<td>${formatPercent(c.share[e] ?? 0, 0)}</td>`)}</tr>`)}
        </tbody>
      </table></div>
      ${E > 0 ? html`<p>${m.evenShare(formatPercent(1 / E, 1))}</p>` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'load-history': LoadHistory;
  }
}
