/**
 * The capacity sweep as bars (share of choices dropped at each capacity factor) with the same
 * numbers in a table under it. The chart is laid out in the host's own pixels, so its text stays
 * at its real size. The current setting is marked three ways: a darker bar with a black
 * outline, a "▲ current" label under it, and a bold table row that says so in words.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { dropShare, skippedShare } from '../../core/capacity';
import type { SweepPoint } from '../../state/capacity-sweep';
import { formatFactor } from './capacity-controls';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { chartStyles } from '../shared/shared-styles';
import { WidthController } from '../shared/width-controller';
import { capacityPageWords } from '../i18n/capacity-page';
import { styleProps } from '../shared/style-props';
import { paint } from '../shared/theme';

/** Chart height: shorter on a phone. */
const height = (narrow: boolean) => (narrow ? 210 : 250);
const TOP = 22;
const LEFT = 40;
const RIGHT = 8;
/** Room under the axis: factor label (two lines for "no limit") and the current-setting mark. */
const BOTTOM = 54;

/** A round top for the share axis: the smallest of 1%, 2%, 5%, 10%, 20%, 25%, 50%, 100% that holds max. */
export function axisTop(max: number): number {
  for (const t of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1]) if (max <= t) return t;
  return 1;
}

@customElement('capacity-sweep-chart')
export class CapacitySweepChart extends LitElement {
  @property({ attribute: false }) points: readonly SweepPoint[] = [];
  /** The page's capacity factor (null: no limit). */
  @property({ attribute: false }) current: number | null = null;
  /**
   * What the bars show: the share of choices dropped (token choice), or the share of tokens no
   * expert took (expert choice, which never drops a choice).
   */
  @property() measure: 'dropped' | 'skipped' = 'dropped';
  private readonly size = new WidthController(this);
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...chartStyles,
    css`
    .bar { fill: var(--moe-sky-blue); stroke: var(--moe-accent-dark); stroke-width: 1; }
    .bar.current { fill: var(--moe-vermillion); stroke: var(--moe-ink); stroke-width: 3; }
    text.mark { font-weight: 700; fill: var(--moe-ink); }
    text.factor.current { font-weight: 700; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; max-width: 44rem; font-size: var(--moe-fs-base); margin-top: var(--moe-sp-6); }
    caption { text-align: left; font-weight: 600; margin-bottom: var(--moe-sp-3); }
    th, td { padding: var(--moe-sp-2) var(--moe-sp-5); text-align: right; border-bottom: 1px solid var(--moe-rule); }
    .nw { white-space: nowrap; }
    @media (max-width: 560px) { table { font-size: var(--moe-fs-s); } th, td { padding: var(--moe-sp-2) var(--moe-sp-2); } }
    .scroll { overflow-x: auto; }
    th[scope='row'] { text-align: left; }
    tr.current { font-weight: 700; background: var(--moe-error-bg-3); }
    .why { font-weight: 400; font-size: var(--moe-fs-m); display: block; }
  `,
  ];

  private label(f: number | null): string {
    return f === null ? capacityPageWords().live.noLimit : formatFactor(f);
  }

  private chart() {
    const m = capacityPageWords().sweep;
    const pts = this.points;
    const W = Math.max(300, this.size.width || 600);
    const narrow = W < 480;
    const font = narrow ? 11 : 12;
    const H = height(narrow);
    const value = this.measure === 'skipped' ? skippedShare : dropShare;
    const top = axisTop(Math.max(0, ...pts.map(value)));
    const tickDigits = top < 0.05 ? 1 : 0;
    const base = H - BOTTOM;
    const y = (share: number) => base - ((base - TOP) * share) / top;
    const slot = (W - LEFT - RIGHT) / pts.length;
    const bw = Math.min(56, slot * 0.68);
    const summary = pts.map((p) => `${this.label(p.factor)}: ${formatPercent(value(p))}`).join(', ');
    const label = this.measure === 'skipped' ? m.chartLabelSkipped : m.chartLabel;
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label(summary, this.label(this.current))} ${styleProps({ 'font-size': `${font}px` })}>
      ${[0, top / 2, top].map(
        (
          t,
        ) => svg`<line x1=${LEFT} x2=${W - RIGHT} y1=${y(t)} y2=${y(t)} ${styleProps({ stroke: paint(t === 0 ? 'text-4' : 'rule') })}></line>
          <text x=${LEFT - 4} y=${y(t) + 4} text-anchor="end">${formatPercent(t, tickDigits)}</text>`,
      )}
      <text x=${LEFT} y=${TOP - 8} text-anchor="start" class="axis">${this.measure === 'skipped' ? m.axisSkipped : m.axis}</text>
      ${pts.map((p, i) => {
        const cx = LEFT + slot * (i + 0.5);
        const share = value(p);
        const now = p.factor === this.current;
        const words = this.label(p.factor).split(' ');
        return svg`<g class="point" data-factor=${p.factor ?? 'none'}>
          <rect class="bar ${now ? 'current' : ''}" x=${cx - bw / 2} y=${y(share)} width=${bw} height=${Math.max(0, base - y(share))}></rect>
          <text class="value" x=${cx} y=${y(share) - 5} text-anchor="middle">${formatPercent(share, narrow ? 0 : 1)}</text>
          ${words.map((w, j) => svg`<text class="factor ${now ? 'current' : ''}" x=${cx} y=${base + 15 + j * (font + 1)} text-anchor="middle">${w}</text>`)}
          ${now ? svg`<text class="mark" x=${cx} y=${base + 17 + words.length * (font + 1)} text-anchor="middle">▲ ${m.current}</text>` : nothing}
        </g>`;
      })}
    </svg>`;
  }

  private table() {
    const m = capacityPageWords().sweep;
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${m.tableCaption}><table>
      <caption>${m.tableCaption}</caption>
      <thead><tr><th scope="col">${m.factor}</th><th scope="col">${m.dropped}</th><th scope="col">${m.share}</th><th scope="col">${m.skipped}</th></tr></thead>
      <tbody>
        ${this.points.map((p) => {
          const now = p.factor === this.current;
          return html`<tr class=${now ? 'current' : ''} aria-current=${now ? 'true' : nothing} data-factor=${p.factor ?? 'none'}>
            <th scope="row">${this.label(p.factor)}${now ? html`<span class="why">${m.currentRow}</span>` : nothing}</th>
            <td class="dropped nw">${m.of(p.dropped, p.choices)}</td>
            <td class="share">${formatPercent(dropShare(p))}</td>
            <td class="skipped"><span class="nw">${m.of(p.skippedTokens, p.tokens)}</span> <span class="nw">(${formatPercent(skippedShare(p))})</span></td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  override render() {
    if (this.points.length === 0) return nothing;
    return html`${this.chart()} ${this.table()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'capacity-sweep-chart': CapacitySweepChart;
  }
}
