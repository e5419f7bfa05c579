/**
 * How far the latent toy is from full attention, against the latent size d_c: two lines (the
 * layer's output error, the share of attention that moved), the chosen d_c marked, and the same
 * numbers in a table underneath. Lines differ in dash and marker as well as colour.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LatentErrors } from '../../core/latent-attention';
import { LocaleController } from '../i18n/locale';
import { percent } from './memory-format';
import { WidthController } from '../shared/width-controller';
import { chartStyles } from '../shared/shared-styles';
import { memoryWords } from '../i18n/memory';
import { styleProps } from '../shared/style-props';
import { SERIES_COLOURS } from '../shared/palette';
import { detailsTable } from '../shared/details-table';

const W = 600;
const H = 250;
const LEFT = 46;
const RIGHT = 14;
const TOP = 34;
const BOTTOM = 42;

/** The two lines; their names are in the catalogue under the same keys (memoryWords().chart). */
export const SERIES = [
  { key: 'outputError', colour: SERIES_COLOURS[5], dash: '' },
  { key: 'attentionMoved', colour: SERIES_COLOURS[4], dash: '6 4' },
] as const;

@customElement('error-chart')
export class ErrorChart extends LitElement {
  @property({ attribute: false }) points: readonly LatentErrors[] = [];
  /** The chosen d_c, marked on the chart and in the table. */
  @property({ type: Number }) current = 0;
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...chartStyles,
    css`
    details { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-3); }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-6); text-align: right; border-bottom: 1px solid var(--moe-rule); }
    tr.current { background: var(--moe-warn-bg); font-weight: 700; }
    sub { font-size: var(--moe-fs-sub); }
  `,
  ];

  private summary(): string {
    const p = this.points;
    const first = p[0];
    const last = p[p.length - 1];
    const t = memoryWords().chart;
    if (!first || !last) return t.noData;
    const at = p.find((q) => q.dc === this.current);
    return (
      t.summary(
        first.dc,
        last.dc,
        percent(first.outputError, 0),
        percent(last.outputError, 0),
        percent(first.attentionMoved, 0),
        percent(last.attentionMoved, 0),
      ) + (at ? t.summaryAt(at.dc, percent(at.outputError), percent(at.attentionMoved)) : '')
    );
  }

  private table() {
    const t = memoryWords().chart;
    return detailsTable(
      t.tableSummary,
      html`<tr>
        <th scope="col"><i>d</i><sub>c</sub></th><th scope="col">${t.cached}</th><th scope="col">${t.attentionMoved}</th><th scope="col">${t.largestChange}</th>
        <th scope="col">${t.outputError}</th><th scope="col">${t.kvOff}</th>
      </tr>`,
      this.points.map(
        (p) => html`<tr class=${p.dc === this.current ? 'current' : ''}>
          <th scope="row">${p.dc}</th><td>${t.cachedOf(p.cacheLatent, p.cacheFull)}</td><td>${percent(p.attentionMoved)}</td><td>${p.attentionMaxDiff.toFixed(3)}</td>
          <td>${percent(p.outputError)}</td><td>${percent(p.kvError)}</td>
        </tr>`,
      ),
    );
  }

  override render() {
    const pts = this.points;
    if (pts.length === 0) return nothing;
    const fontSize = Math.min(26, Math.max(10, (12.5 * W) / (this.size.width || W)));
    const lo = pts[0]!.dc;
    const hi = pts[pts.length - 1]!.dc;
    const top = Math.max(1, ...pts.map((p) => Math.max(p.outputError, p.attentionMoved)));
    const x = (dc: number) => LEFT + ((W - LEFT - RIGHT) * (dc - lo)) / Math.max(1, hi - lo);
    const y = (v: number) => H - BOTTOM - ((H - TOP - BOTTOM) * v) / top;
    const yTicks = [0, 0.25, 0.5, 0.75, 1].filter((t) => t <= top);
    const xTicks = [lo, ...Array.from({ length: Math.floor(hi / 4) }, (_, i) => (i + 1) * 4).filter((t) => t > lo && t < hi), hi];
    const cur = pts.find((p) => p.dc === this.current);
    const t = memoryWords().chart;
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.summary()} ${styleProps({ 'font-size': `${fontSize.toFixed(1)}px` })}>
        ${yTicks.map(
          (t) => svg`<line x1=${LEFT} x2=${W - RIGHT} y1=${y(t)} y2=${y(t)} ${styleProps({ stroke: 'var(--moe-rule)' })}></line>
            <text x=${LEFT - 5} y=${y(t) + 4} text-anchor="end">${percent(t, 0)}</text>`,
        )}
        ${xTicks.map((t) => svg`<text class="xtick" x=${x(t)} y=${H - BOTTOM + fontSize + 3} text-anchor="middle">${t}</text>`)}
        <line x1=${LEFT} x2=${W - RIGHT} y1=${y(0)} y2=${y(0)} ${styleProps({ stroke: 'var(--moe-text-4)' })}></line>
        <text x=${(LEFT + W - RIGHT) / 2} y=${H - 6} text-anchor="middle">${t.axisBefore}d<tspan baseline-shift="sub" font-size="75%">c</tspan>${t.axisAfter}</text>
        ${
          cur
            ? svg`<line class="current" x1=${x(cur.dc)} x2=${x(cur.dc)} y1=${TOP - 4} y2=${y(0)} ${styleProps({ stroke: 'var(--moe-text)' })} stroke-width="1.5"></line>
            <text x=${x(cur.dc) + (cur.dc > (lo + hi) / 2 ? -5 : 5)} y=${TOP + 8} text-anchor=${cur.dc > (lo + hi) / 2 ? 'end' : 'start'} font-weight="700">d<tspan baseline-shift="sub" font-size="75%">c</tspan> = ${cur.dc}</text>`
            : nothing
        }
        ${SERIES.map((s) => {
          const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.dc).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join('');
          return svg`<path class=${`line ${s.key}`} d=${d} fill="none" stroke=${s.colour} stroke-width="2.2" stroke-dasharray=${s.dash}></path>
            ${pts.map((p) =>
              s.key === 'outputError'
                ? svg`<circle cx=${x(p.dc)} cy=${y(p[s.key])} r="2.6" fill=${s.colour}></circle>`
                : svg`<rect x=${x(p.dc) - 2.4} y=${y(p[s.key]) - 2.4} width="4.8" height="4.8" fill=${s.colour}></rect>`,
            )}`;
        })}
        ${SERIES.map((s, i) => {
          // Each entry starts after the previous one's text (about 0.56 em per character).
          // A wide (CJK) character takes about twice the width of a Latin one.
          const width = (name: string) => [...name].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 1.0 : 0.56), 0) * fontSize;
          const lx = LEFT + 8 + SERIES.slice(0, i).reduce((at, p) => at + 34 + width(t[p.key]) + 28, 0);
          return svg`<line x1=${lx} x2=${lx + 28} y1=${12} y2=${12} stroke=${s.colour} stroke-width="2.5" stroke-dasharray=${s.dash}></line>
            <text x=${lx + 34} y=${16}>${t[s.key]}</text>`;
        })}
      </svg>
      ${this.table()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'error-chart': ErrorChart;
  }
}
