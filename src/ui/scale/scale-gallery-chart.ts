/**
 * The gallery's chart: for every model, its total and its active weights as two bars side by side
 * on one logarithmic scale, each bar labelled with its value ("671B"), largest model first. The
 * numbers are all in the gallery's table too; the chart is one picture (role="img") naming it.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GalleryRow } from '../../core/scale-gallery';
import { LocaleController } from '../i18n/locale';
import { scaleGalleryWords } from '../i18n/scale-gallery';
import { blockStyles } from '../shared/shared-styles';
import { styleProps } from '../shared/style-props';
import { formatExact, modelName } from './scale-format';

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Three significant figures with a unit: 671026419200 → "671B", 37552297472 → "37.6B", 1.026e12 → "1.03T". */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return formatExact(n);
  for (let i = 0; i < UNITS.length; i++) {
    const [size, unit] = UNITS[i] as [number, string];
    if (a < size) continue;
    const v = n / size;
    const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
    const text = v.toFixed(digits);
    // 999.6B rounds to "1000B": one unit up instead.
    if (Number(text) >= 1000 && i > 0)
      return `${(n / (UNITS[i - 1] as [number, string])[0]).toFixed(2)}${(UNITS[i - 1] as [number, string])[1]}`;
    return `${text}${unit}`;
  }
  return formatExact(n);
}

/** The share of the bar area a bar may fill: the rest holds the largest bar's label. */
const FILL = 0.84;

/** The scale: from the power of ten at or below the smallest count to the one at or above the largest. */
export function logDomain(values: readonly number[]): { lo: number; hi: number } {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return { lo: 0, hi: 1 };
  const lo = Math.floor(Math.log10(Math.min(...pos)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...pos))));
  return { lo, hi };
}

/** Where a count sits on the bar area, in percent (0 at the domain's bottom). */
export function barPercent(v: number, d: { lo: number; hi: number }): number {
  if (!(v > 0)) return 0;
  const f = (Math.log10(v) - d.lo) / (d.hi - d.lo);
  return Math.min(1, Math.max(0, f)) * FILL * 100;
}

/** 10^e as a tick: "1K", "1M", "1B", "1T" (or the number, past the units). */
function tickLabel(e: number): string {
  const unit = UNITS.find(([size]) => size === 10 ** e);
  return unit ? `1${unit[1]}` : formatShort(10 ** e);
}

/** The grid: a line at every power of ten, labelled at 1K, 1M, 1B and 1T. */
function ticks(d: { lo: number; hi: number }): { at: number; label: string | null }[] {
  const out: { at: number; label: string | null }[] = [];
  for (let e = d.lo; e <= d.hi; e++) out.push({ at: barPercent(10 ** e, d), label: e % 3 === 0 && e > 0 ? tickLabel(e) : null });
  return out;
}

@customElement('scale-gallery-chart')
export class ScaleGalleryChart extends LitElement {
  @property({ attribute: false }) rows: readonly GalleryRow[] = [];
  /** The caption of the table that holds the numbers, named in the chart's label. */
  @property() tableCaption = '';
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
      :host { --name-w: 10rem; }
      .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-7); margin: 0 0 var(--moe-sp-5); font-size: var(--moe-fs-base); }
      .key { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 0.15rem; vertical-align: -0.1rem; margin-right: var(--moe-sp-3); }
      .total { background: var(--moe-accent); }
      .active { background: var(--moe-orange); }
      .plot { position: relative; }
      .grid { position: absolute; top: 0; bottom: 1.4rem; left: var(--name-w); right: 0; pointer-events: none; }
      .line { position: absolute; top: 0; bottom: 0; border-left: 1px solid var(--moe-rule); }
      .line.major { border-left-color: var(--moe-grey-aa); }
      .model { position: relative; display: grid; grid-template-columns: var(--name-w) minmax(0, 1fr); align-items: center; padding: var(--moe-sp-2) 0; }
      .name { font-size: var(--moe-fs-base); padding-right: var(--moe-sp-4); overflow-wrap: anywhere; }
      .model.toy .name { font-weight: 700; }
      .bars { display: grid; gap: var(--moe-sp-1); }
      .bar-row { display: flex; align-items: center; gap: var(--moe-sp-3); min-height: 0.95rem; }
      .bar { height: 0.8rem; border-radius: 0 0.2rem 0.2rem 0; min-width: 2px; flex: none; }
      .value { font-size: var(--moe-fs-s); font-variant-numeric: tabular-nums; color: var(--moe-text-2); white-space: nowrap; }
      .axis { position: relative; height: 1.4rem; margin-left: var(--name-w); }
      .tick { position: absolute; top: var(--moe-sp-2); transform: translateX(-50%); font-size: var(--moe-fs-s); color: var(--moe-text-3); white-space: nowrap; }
      @media (max-width: 560px) {
        :host { --name-w: 0rem; }
        .model { grid-template-columns: minmax(0, 1fr); }
        .name { padding: 0; }
      }
    `,
  ];

  override render() {
    const t = scaleGalleryWords();
    const rows = this.rows;
    if (rows.length === 0) return html``;
    const d = logDomain(rows.flatMap((r) => [r.total, r.active]));
    const first = rows[0] as GalleryRow;
    const last = rows[rows.length - 1] as GalleryRow;
    const label = t.chartLabel(
      rows.length,
      `${modelName(first)} ${formatShort(first.total)}`,
      `${modelName(last)} ${formatShort(last.total)}`,
      this.tableCaption,
    );
    const grid = ticks(d);
    return html`
      <div class="legend" aria-hidden="true">
        <span><span class="key total"></span>${t.legendTotal}</span>
        <span><span class="key active"></span>${t.legendActive}</span>
      </div>
      <div class="plot" role="img" aria-label=${label}>
        <div class="grid">${grid.map((g) => html`<span class="line ${g.label ? 'major' : ''}" ${styleProps({ left: `${g.at.toFixed(2)}%` })}></span>`)}</div>
        ${rows.map(
          (r) => html`<div class="model ${r.kind}" data-id=${r.id}>
            <span class="name">${modelName(r)}</span>
            <div class="bars">
              ${this.bar('total', r.total, d)}
              ${this.bar('active', r.active, d)}
            </div>
          </div>`,
        )}
        <div class="axis">${grid.filter((g) => g.label).map((g) => html`<span class="tick" ${styleProps({ left: `${g.at.toFixed(2)}%` })}>${g.label}</span>`)}</div>
      </div>
    `;
  }

  private bar(kind: 'total' | 'active', v: number, d: { lo: number; hi: number }) {
    return html`<div class="bar-row">
      <span class="bar ${kind}" ${styleProps({ width: `${barPercent(v, d).toFixed(2)}%` })}></span><span class="value" title=${scaleGalleryWords().weightsTitle(formatExact(v))}>${formatShort(v)}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scale-gallery-chart': ScaleGalleryChart;
  }
}
