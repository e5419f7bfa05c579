/**
 * The losses over the training steps, one SVG line each: the task loss (next-word cross-entropy)
 * and, when they are on, the balance loss and the router z-loss. Long runs are averaged into
 * buckets of steps (at most one point per two pixels), so the line shows the trend, not the noise of
 * single batches. Linear or log y axis (log by default when several losses share the axis, since the
 * balance and z-losses are tens to thousands of times smaller than the task loss). The numbers are
 * in a table underneath.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../i18n/locale';
import { withSlots } from './training-format';
import { WidthController } from '../shared/width-controller';
import { trainWords } from '../i18n/training';
import { SERIES_COLOURS } from '../shared/palette';
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { integerAxisLabels, labelWidth } from '../shared/axis-labels';
import { ChartFont } from '../shared/chart-font';
import { styleProps } from '../shared/style-props';

export type LossSeries = 'task' | 'balance' | 'z';

/** One step's losses (TrainPoint of src/state/training-loop.ts has these fields). */
export interface LossPoint {
  step: number;
  taskLoss: number;
  balanceLoss: number;
  zLoss: number;
}

type LossKey = 'taskLoss' | 'balanceLoss' | 'zLoss';

/** How each loss is drawn; its name is in the message catalogue (trainWords().loss.series). */
export const SERIES: Record<LossSeries, { key: LossKey; colour: string; dash: string }> = {
  task: { key: 'taskLoss', colour: SERIES_COLOURS[4], dash: '' },
  balance: { key: 'balanceLoss', colour: SERIES_COLOURS[5], dash: '7 4' },
  z: { key: 'zLoss', colour: SERIES_COLOURS[2], dash: '2 3' },
};

/** The name of a loss, in the page's language. */
function seriesName(s: LossSeries): string {
  return trainWords().loss.series[s];
}

/** Steps averaged for the "at the start" and "now" figures. */
export const ENDS = 10;
/** Rows of the table alternative. */
const TABLE_ROWS = 12;
/** Room right of the plot, in px. */
const RIGHT = 14;

interface Bucket {
  from: number;
  to: number;
  step: number;
  values: Record<LossKey, number>;
}

/** Consecutive points averaged into at most n buckets of (nearly) equal size. */
export function buckets(points: readonly LossPoint[], n: number): Bucket[] {
  const count = Math.max(1, Math.min(points.length, Math.floor(n)));
  const out: Bucket[] = [];
  for (let b = 0; b < count; b++) {
    const lo = Math.floor((b * points.length) / count);
    const hi = Math.floor(((b + 1) * points.length) / count);
    if (hi <= lo) continue;
    const part = points.slice(lo, hi);
    const mean = (key: LossKey | 'step') => part.reduce((a, p) => a + p[key], 0) / part.length;
    out.push({
      from: (part[0] as LossPoint).step,
      to: (part[part.length - 1] as LossPoint).step,
      step: mean('step'),
      values: { taskLoss: mean('taskLoss'), balanceLoss: mean('balanceLoss'), zLoss: mean('zLoss') },
    });
  }
  return out;
}

/** Each point replaced by the mean of itself and the (window − 1) points before it. */
export function trailingMean(points: readonly LossPoint[], window: number): LossPoint[] {
  const sums = { taskLoss: 0, balanceLoss: 0, zLoss: 0 };
  const keys: LossKey[] = ['taskLoss', 'balanceLoss', 'zLoss'];
  return points.map((p, i) => {
    for (const k of keys) sums[k] += p[k];
    const old = points[i - window];
    if (old) for (const k of keys) sums[k] -= old[k];
    const n = Math.min(window, i + 1);
    return { step: p.step, taskLoss: sums.taskLoss / n, balanceLoss: sums.balanceLoss / n, zLoss: sums.zLoss / n };
  });
}

/** Three significant digits, small numbers in scientific notation. */
export function formatLoss(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.001) return v.toExponential(2).replace('-', '−');
  return v.toPrecision(3);
}

/** An axis label: no trailing zeros ("2", "0.05"), tiny values as powers of ten ("1e−4"). */
export function tickText(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.001) return v.toExponential(0).replace('-', '−');
  return String(Number(v.toPrecision(3)));
}

@customElement('loss-chart')
export class LossChart extends LitElement {
  @property({ attribute: false }) points: readonly LossPoint[] = [];
  /** Which losses to draw; the task loss is always there in practice, the others when they are on. */
  @property({ attribute: false }) series: readonly LossSeries[] = ['task'];
  /** 'auto': log when more than one loss is drawn. The reader can change it with the "Y axis" select. */
  @property() scale: 'auto' | 'linear' | 'log' = 'auto';
  @property({ type: Number }) height = 220;
  /** Names the chart (and its select) when a page shows several; empty: "Loss" in the page's language. */
  @property() label = '';
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);
  private readonly font = new ChartFont();

  /** The chart's text size in px, from the host's font (20 px or more in presenter mode). */
  private fontPx(): number {
    return this.font.read(this, this.size.width);
  }

  private get name(): string {
    return this.label || trainWords().loss.label;
  }

  static override styles = css`
    :host { display: block; font-family: var(--moe-font); color: var(--moe-text); }
    .top { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); align-items: center; justify-content: space-between; }
    .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-2) var(--moe-sp-8); list-style: none; margin: 0; padding: 0; font-size: var(--moe-fs-base); }
    .legend li { display: flex; align-items: center; gap: var(--moe-sp-3); }
    .legend svg { width: 28px; height: 10px; flex: none; }
    .legend strong { font-variant-numeric: tabular-nums; }
    label { font-size: var(--moe-fs-m); font-weight: 600; }
    select { font: inherit; font-weight: 400; }
    svg.chart { display: block; width: 100%; }
    svg.chart text { fill: var(--moe-text-2); }
    .grid { stroke: var(--moe-grey-e3); }
    .axis { stroke: var(--moe-text-4); }
    .empty { color: var(--moe-text-4); margin: var(--moe-sp-5) 0; }
    .how { font-size: var(--moe-fs-s); color: var(--moe-text-4); margin: var(--moe-sp-1) 0 0; }
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-2); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-6); text-align: right; border-bottom: 1px solid var(--moe-rule); }
    :is(select, summary):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `;

  private get logScale(): boolean {
    return this.scale === 'log' || (this.scale === 'auto' && this.series.length > 1);
  }

  /** Mean of a loss over the first or last ENDS steps. */
  private end(key: LossKey, last: boolean): number {
    const part = last ? this.points.slice(-ENDS) : this.points.slice(0, ENDS);
    return part.reduce((a, p) => a + p[key], 0) / Math.max(1, part.length);
  }

  private summary(): string {
    const p = this.points;
    const first = p[0]?.step ?? 0;
    const last = p[p.length - 1]?.step ?? 0;
    const m = trainWords().loss;
    const lines = this.series.map((s) =>
      m.summaryLine(seriesName(s), formatLoss(this.end(SERIES[s].key, false)), formatLoss(this.end(SERIES[s].key, true))),
    );
    return m.summary(this.name, first, last, this.logScale, lines, ENDS);
  }

  override render() {
    const m = trainWords().loss;
    const top = html`<div class="top">
      <ul class="legend">
        ${this.series.map((s) => {
          const info = SERIES[s];
          return html`<li class=${`legend-${s}`}>
            <svg aria-hidden="true" viewBox="0 0 28 10"><line x1="1" x2="27" y1="5" y2="5" stroke=${info.colour} stroke-width="3" stroke-dasharray=${info.dash || nothing}></line></svg>
            <span>${
              this.points.length
                ? withSlots(m.legend(seriesName(s)), {
                    now: html`<strong class="now">${formatLoss(this.end(info.key, true))}</strong>`,
                    start: html`<span class="start">${formatLoss(this.end(info.key, false))}</span>`,
                  })
                : seriesName(s)
            }</span>
          </li>`;
        })}
      </ul>
      <label>${m.yAxis}
        <select aria-label=${m.yAxisLabel(this.name)} @change=${(e: Event) => (this.scale = (e.target as HTMLSelectElement).value as 'linear' | 'log')}>
          <option value="linear" ?selected=${!this.logScale}>${m.linear}</option>
          <option value="log" ?selected=${this.logScale}>${m.log}</option>
        </select>
      </label>
    </div>`;
    if (this.points.length === 0) return html`${top}<p class="empty">${m.empty}</p>`;
    return html`${top}${this.chart()}
      ${this.points.length > 2 * ENDS ? html`<p class="how">${m.how(ENDS)}</p>` : nothing}
      ${this.table()}`;
  }

  private chart() {
    const W = Math.max(260, this.size.width || 600);
    const font = this.fontPx();
    // Taller text (presenter mode): a taller chart, so the plot keeps its share.
    const H = Math.round(Math.max(this.height, (this.height * font) / 12.8));
    const TOP = Math.ceil(font * 0.7);
    const BOTTOM = Math.ceil(font * 2.6 + 8);
    const log = this.logScale;
    const keys = this.series.map((s) => SERIES[s].key);
    const values = this.points.flatMap((p) => keys.map((k) => p[k])).filter((v) => Number.isFinite(v) && (!log || v > 0));
    // The value axis: d3's round ticks (log: whole decades, with 2 and 5 when there are at most two).
    let y: ScaleLinear<number, number> | ScaleLogarithmic<number, number>;
    let ticks: { v: number; text: string }[];
    const rows = Math.max(2, Math.min(6, Math.floor((H - TOP - BOTTOM) / (font * 1.8))));
    if (log) {
      const lo = Math.floor(Math.log10(Math.max(1e-8, Math.min(...values, 1))));
      let hi = Math.ceil(Math.log10(Math.max(...values, 1e-8)));
      if (hi <= lo) hi = lo + 1;
      y = scaleLog()
        .domain([10 ** lo, 10 ** hi])
        .range([H - BOTTOM, TOP]);
      const mults = hi - lo <= 2 ? [1, 2, 5] : [1];
      const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
      ticks = y
        .ticks()
        .filter((v) => mults.includes(mantissa(v)))
        .map((v) => ({ v, text: tickText(v) }));
    } else {
      y = scaleLinear()
        .domain([0, Math.max(1e-9, ...values)])
        .nice(rows)
        .range([H - BOTTOM, TOP]);
      ticks = y.ticks(rows).map((v) => ({ v, text: tickText(v) }));
    }
    const LEFT = Math.ceil(Math.max(...ticks.map((t) => labelWidth(t.text, font))) + font / 2 + 6);
    const plotW = W - LEFT - RIGHT;
    const bs = buckets(this.points, plotW / 2);
    // A thin line for each step, a thick one for the mean of the last ENDS steps (the trend).
    const smooth = this.points.length > 2 * ENDS ? buckets(trailingMean(this.points, ENDS), plotW / 2) : null;
    const firstStep = (bs[0] as Bucket).step;
    const lastStep = Math.max(firstStep + 1, (bs[bs.length - 1] as Bucket).step);
    const x = scaleLinear()
      .domain([firstStep, lastStep])
      .range([LEFT, W - RIGHT]);
    // Step numbers: d3's round ticks thinned to what fits, starting at the value axis (clear of its labels).
    const xTicks = integerAxisLabels(Math.ceil(firstStep), Math.floor(lastStep), x, font, LEFT - 2, W, { gap: font });
    const path = (key: LossKey, from: Bucket[] = bs): string => {
      let d = '';
      let pen = 'M';
      for (const b of from) {
        const v = b.values[key];
        if (!Number.isFinite(v) || (log && v <= 0)) {
          pen = 'M';
          continue;
        }
        d += `${pen}${x(b.step).toFixed(1)},${y(v).toFixed(1)}`;
        pen = 'L';
      }
      return d;
    };
    return html`<svg class="chart" viewBox="0 0 ${W} ${H}" height=${H} role="img" aria-label=${this.summary()} ${styleProps({ 'font-size': `${font.toFixed(1)}px` })}>
      ${ticks.map(
        (t) => svg`<line class="grid" x1=${LEFT} x2=${W - RIGHT} y1=${y(t.v)} y2=${y(t.v)}></line>
        <text x=${LEFT - 5} y=${y(t.v) + font * 0.35} text-anchor="end">${t.text}</text>`,
      )}
      ${xTicks.map(
        (t) => svg`<line class="axis" x1=${x(t.index)} x2=${x(t.index)} y1=${H - BOTTOM} y2=${H - BOTTOM + 4}></line>
        <text x=${t.x} y=${H - BOTTOM + font + 4} text-anchor="middle">${t.text}</text>`,
      )}
      <line class="axis" x1=${LEFT} x2=${W - RIGHT} y1=${H - BOTTOM} y2=${H - BOTTOM}></line>
      <line class="axis" x1=${LEFT} x2=${LEFT} y1=${TOP} y2=${H - BOTTOM}></line>
      <text x=${LEFT + plotW / 2} y=${H - font * 0.3 - 2} text-anchor="middle">${trainWords().loss.xAxis}</text>
      ${this.series.map((s) =>
        smooth
          ? svg`<path class=${`raw raw-${s}`} d=${path(SERIES[s].key)} fill="none" stroke=${SERIES[s].colour} stroke-width="1" stroke-opacity="0.45"></path>
            <path class=${`line line-${s}`} d=${path(SERIES[s].key, smooth)} fill="none" stroke=${SERIES[s].colour} stroke-width="3"
              stroke-dasharray=${SERIES[s].dash || nothing} stroke-linejoin="round"></path>`
          : svg`<path class=${`line line-${s}`} d=${path(SERIES[s].key)} fill="none" stroke=${SERIES[s].colour} stroke-width="2.5"
              stroke-dasharray=${SERIES[s].dash || nothing} stroke-linejoin="round"></path>`,
      )}
    </svg>`;
  }

  private table() {
    const rows = buckets(this.points, TABLE_ROWS);
    const m = trainWords().loss;
    return html`<details>
      <summary>${m.table(this.name)}</summary>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${m.steps}</th>${this.series.map((s) => html`<th scope="col">${seriesName(s)}</th>`)}</tr></thead>
        <tbody>
          ${rows.map((b) => html`<tr><th scope="row">${b.from === b.to ? b.from : `${b.from}–${b.to}`}</th>${this.series.map((s) => html`<td>${formatLoss(b.values[SERIES[s].key])}</td>`)}</tr>`)}
        </tbody>
      </table></div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-chart': LossChart;
  }
}
