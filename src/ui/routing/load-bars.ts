/**
 * Tokens per routed expert for the sentence, as bars, with the capacity line when there is one.
 * Bars over capacity show the dropped part hatched. Drawn in the panel's pixels with d3-scale (a band
 * per expert, a linear token axis with its round ticks): every bar carries its number when all the
 * numbers fit side by side, else none and the exact numbers live in the table underneath; the expert
 * axis is thinned to the labels that fit (shared/axis-labels.ts). Up to 32 experts each bar has its
 * expert's colour and pattern; above that the bars share one colour.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ExpertTrace } from '../../core/trace';
import { LocaleController } from '../i18n/locale';
import { expertFill, expertPatternDefs } from '../shared/expert-patterns';
import { WidthController } from '../shared/width-controller';
import { chartStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';
import { paint } from '../shared/theme';
import { detailsTable } from '../shared/details-table';
import { allFit, expertAxisLabels, labelWidth, thinLabels } from '../shared/axis-labels';
import { ChartFont } from '../shared/chart-font';

/** Above this many experts, bars share one colour and the summary gives the range, not each number. */
export const LABELLED_MAX = 32;

@customElement('load-bars')
export class LoadBars extends LitElement {
  @property({ attribute: false }) experts: readonly ExpertTrace[] = [];
  @property({ attribute: false }) capacity: number | null = null;
  /** Accessible name of the chart (empty: "Tokens per expert" in the page's language). */
  @property() label = '';
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...chartStyles,
    css`
    text { paint-order: stroke; stroke: var(--moe-surface); stroke-width: 3px; }
    .cap { stroke: var(--moe-error); stroke-width: var(--moe-stroke, 2); stroke-dasharray: 5 3; }
    text.cap-label { fill: var(--moe-error); font-weight: 700; stroke-dasharray: none; stroke-width: 3px; stroke: var(--moe-surface); }
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-2); }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-6); text-align: right; border-bottom: var(--moe-line, 1px) solid var(--moe-rule); }
  `,
  ];

  private summary(): string {
    const m = simWords().bars;
    const label = this.label || m.defaultLabel;
    const ex = this.experts;
    const cap = this.capacity;
    const over = cap === null ? 0 : ex.filter((e) => e.demand > e.load).length;
    const tail = cap === null ? m.noCapacity : m.capacityOver(cap, over);
    if (ex.length <= LABELLED_MAX)
      return m.summaryEach(
        label,
        ex.map((e) => `E${e.index}: ${e.demand}`),
        tail,
      );
    const d = ex.map((e) => e.demand);
    const idle = d.filter((v) => v === 0).length;
    return m.summaryMany(label, ex.length, Math.min(...d), Math.max(...d), idle, tail);
  }

  private table() {
    const m = simWords().bars;
    return detailsTable(
      m.table,
      html`<tr><th scope="col">${m.expert}</th><th scope="col">${m.choseIt}</th><th scope="col">${m.processed}</th><th scope="col">${m.dropped}</th></tr>`,
      this.experts.map(
        (e) => html`<tr><th scope="row">E${e.index}</th><td>${e.demand}</td><td>${e.load}</td><td>${e.demand - e.load}</td></tr>`,
      ),
    );
  }

  private readonly font = new ChartFont();

  /** The chart's text size in px, from the host's font (20 px or more in presenter mode). */
  private fontPx(): number {
    return this.font.read(this, this.size.width);
  }

  override render() {
    const n = this.experts.length;
    if (n === 0) return nothing;
    const top = Math.max(...this.experts.map((e) => e.demand));
    const max = Math.max(1, this.capacity ?? 0, top);
    // Drawn in the panel's own pixels, so text is its real size at any width.
    const W = this.size.width || 600;
    const font = this.fontPx();
    const capText = this.capacity === null ? '' : simWords().bars.capacityLine(this.capacity);
    const right = this.capacity === null ? font / 2 : labelWidth(capText, font) + font;
    const plotTop = Math.ceil(font * 1.2 + 4);
    const base = plotTop + Math.max(96, font * 6);
    const H = Math.ceil(base + font * 1.5 + 6);
    const y = scaleLinear().domain([0, max]).range([base, plotTop]);
    const yTicks = y.ticks(Math.max(1, Math.min(4, Math.floor((base - plotTop) / (font * 2))))).filter(Number.isInteger);
    const left = Math.ceil(Math.max(...yTicks.map((t) => labelWidth(String(t), font))) + font / 2 + 4);
    const x = scaleBand<number>()
      .domain(this.experts.map((_, i) => i))
      .range([left, W - right])
      .paddingInner(n > 64 ? 0.1 : 0.25)
      .paddingOuter(0.125);
    const bw = Math.max(1, x.bandwidth());
    const mid = (i: number) => (x(i) ?? left) + x.bandwidth() / 2;
    const labels = n <= LABELLED_MAX;
    // Every bar's number when all fit side by side; otherwise none (the table holds them).
    const values = this.experts.map((e, i) => ({ index: i, text: String(e.demand), x: mid(i) }));
    const shown = allFit(values, font, left, W - right, font / 3) ? thinLabels(values, font, left, W - right, font / 3) : [];
    const names = expertAxisLabels(n, mid, font, left, W - right).map((l) => ({
      ...l,
      text: `E${this.experts[l.index]?.index ?? l.index}`,
    }));
    const tickY = base + font + 4;
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.summary()} ${styleProps({ 'font-size': `${font.toFixed(1)}px` })}>
        <defs>
          <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" ${styleProps({ fill: 'var(--moe-surface)' })}></rect><line x1="0" y1="0" x2="0" y2="4" ${styleProps({ stroke: 'var(--moe-error)' })} stroke-width="2"></line>
          </pattern>
          ${
            labels
              ? expertPatternDefs(
                  'lb',
                  this.experts.map((e) => e.index),
                )
              : nothing
          }
        </defs>
        ${yTicks.map(
          (
            t,
          ) => svg`<line class="grid" x1=${left - 4} x2=${W - right} y1=${y(t)} y2=${y(t)} ${styleProps({ stroke: t === 0 ? 'var(--moe-text-4)' : 'var(--moe-grey-99)' })} stroke-width=${t === 0 ? 1 : 0.5}></line>
          <text class="axis" x=${left - 6} y=${y(t) + font * 0.35} text-anchor="end">${t}</text>`,
        )}
        ${this.experts.map((e, i) => {
          const bx = mid(i) - bw / 2;
          const kept = Math.min(e.load, e.demand);
          return svg`
          <rect class="bar" x=${bx} y=${y(kept)} width=${bw} height=${base - y(kept)} ${styleProps({ fill: labels ? expertFill(e.index, 'lb') : paint('accent') })}></rect>
          ${e.demand > kept ? svg`<rect class="drop" x=${bx} y=${y(e.demand)} width=${bw} height=${y(kept) - y(e.demand)} fill="url(#hatch)" ${styleProps({ stroke: 'var(--moe-error)' })} stroke-width=${labels ? 1 : 0.5}></rect>` : nothing}`;
        })}
        ${shown.map((l) => svg`<text class="value" x=${l.x} y=${y(this.experts[l.index]?.demand ?? 0) - 4} text-anchor="middle">${l.text}</text>`)}
        ${names.map(
          (
            l,
          ) => svg`<line class="tick" x1=${mid(l.index)} x2=${mid(l.index)} y1=${base} y2=${base + 3} ${styleProps({ stroke: 'var(--moe-text-4)' })}></line>
          <text class="name" x=${l.x} y=${tickY} text-anchor="middle">${l.text}</text>`,
        )}
        ${
          this.capacity !== null
            ? svg`<line class="cap" x1=${left} x2=${W - right + 2} y1=${y(this.capacity)} y2=${y(this.capacity)}></line>
          <text class="cap-label" x=${W - right + 5} y=${y(this.capacity) + font * 0.35}>${capText}</text>`
            : nothing
        }
      </svg>
      ${this.table()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'load-bars': LoadBars;
  }
}
