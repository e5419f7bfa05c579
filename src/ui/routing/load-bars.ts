/**
 * Tokens per routed expert for the sentence, as bars, with the capacity line when there is one.
 * Bars over capacity show the dropped part hatched. Up to 32 experts every bar carries its number
 * and its expert's colour and pattern; above that the bars get thin, the axis is ticked every 16 or
 * 32 experts and the exact numbers live in the table alternative underneath.
 */
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

/** Above this many experts, bars lose their own labels. */
export const LABELLED_MAX = 32;
const W = 600;
const H = 120;
const LEFT = 22;
const TOP = 14;
const BASE = H - 16;
/** Room on the right for the capacity label, so it never sits on a bar. */
const RIGHT = 70;

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

  override render() {
    const n = this.experts.length;
    if (n === 0) return nothing;
    const top = Math.max(...this.experts.map((e) => e.demand));
    const max = Math.max(1, this.capacity ?? 0, top);
    // The chart scales with its panel; text is sized so it renders at about 12 px at any width.
    const fontSize = Math.min(24, Math.max(9, (12 * W) / (this.size.width || W)));
    const right = this.capacity === null ? 0 : Math.max(RIGHT, fontSize * 6.5);
    const slot = (W - LEFT - right) / n;
    const bw = Math.max(1, slot * 0.75);
    const y = (v: number) => BASE - ((BASE - TOP) * v) / max;
    const labels = n <= LABELLED_MAX;
    const step = n <= 128 ? 16 : 32;
    const ticks = labels ? [] : Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.summary()} ${styleProps({ 'font-size': `${fontSize.toFixed(1)}px` })}>
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
        ${this.experts.map((e, i) => {
          const x = LEFT + i * slot + (slot - bw) / 2;
          const kept = Math.min(e.load, e.demand);
          return svg`
          <rect class="bar" x=${x} y=${y(kept)} width=${bw} height=${BASE - y(kept)} ${styleProps({ fill: labels ? expertFill(e.index, 'lb') : paint('accent') })}></rect>
          ${e.demand > kept ? svg`<rect class="drop" x=${x} y=${y(e.demand)} width=${bw} height=${y(kept) - y(e.demand)} fill="url(#hatch)" ${styleProps({ stroke: 'var(--moe-error)' })} stroke-width=${labels ? 1 : 0.5}></rect>` : nothing}
          ${
            labels
              ? svg`<text class="value" x=${x + bw / 2} y=${y(e.demand) - 3} text-anchor="middle">${e.demand}</text>
          <text class="name" x=${x + bw / 2} y=${H - 4} text-anchor="middle">E${e.index}</text>`
              : nothing
          }`;
        })}
        ${ticks.map(
          (
            t,
          ) => svg`<line class="tick" x1=${LEFT + t * slot} x2=${LEFT + t * slot} y1=${BASE} y2=${BASE + 4} ${styleProps({ stroke: 'var(--moe-text-4)' })}></line>
          <text class="name" x=${LEFT + t * slot} y=${H - 4} text-anchor="start">E${t}</text>`,
        )}
        <line x1=${LEFT} x2=${W - right} y1=${BASE} y2=${BASE} ${styleProps({ stroke: 'var(--moe-text-4)' })}></line>
        <text class="axis" x=${LEFT - 3} y=${BASE + 3} text-anchor="end">0</text>
        ${
          labels
            ? nothing
            : svg`<line x1=${LEFT - 2} x2=${W - right} y1=${y(top)} y2=${y(top)} ${styleProps({ stroke: 'var(--moe-grey-99)' })} stroke-width="0.5"></line>
          <text class="axis" x=${LEFT - 3} y=${y(top) + 3} text-anchor="end">${top}</text>`
        }
        ${
          this.capacity !== null
            ? svg`<line class="cap" x1=${LEFT} x2=${W - right + 2} y1=${y(this.capacity)} y2=${y(this.capacity)}></line>
          <text class="cap-label" x=${W - right + 5} y=${y(this.capacity) + 3.5}>${simWords().bars.capacityLine(this.capacity)}</text>`
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
