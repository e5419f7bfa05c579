/**
 * Which experts each word category goes to: a category × expert grid of counts (every vocabulary
 * word routed once; a word counts for its first-choice expert), shaded by the share of the row, and
 * one specialisation score (adjusted mutual information: 0 = chance, 1 = each category has experts
 * of its own). The grid is a real table, so it is its own accessible alternative.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpecialisationMap as SpecMap } from '../../core/specialisation';
import { LocaleController } from '../i18n/locale';
import { HEAT_COLOUR, textOn, tint } from '../shared/palette';
import { withSlots } from './training-format';
import { trainWords } from '../i18n/training';
import { styleProps } from '../shared/style-props';

/** The score with two decimals and a real minus sign (it can dip just below 0 by chance). */
export function formatScore(v: number): string {
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s.replace('-', '−');
}

/** Plain words for a score, in the page's language. */
export function scoreWords(v: number): string {
  const w = trainWords().spec.levels;
  if (v < 0.05) return w.chance;
  if (v < 0.2) return w.little;
  if (v < 0.45) return w.partly;
  if (v < 0.7) return w.clearly;
  return w.strongly;
}

@customElement('specialisation-map')
export class SpecialisationMapView extends LitElement {
  @property({ attribute: false }) map: SpecMap | null = null;
  /** The score before training (step 0), for comparison; null when unknown. */
  @property({ attribute: false }) startScore: number | null = null;
  /** Training step the map was measured at. */
  @property({ type: Number }) step = 0;
  /** 0-based layer the map belongs to. */
  @property({ type: Number }) layer = 0;
  private readonly i18n = new LocaleController(this);

  static override styles = css`
    :host { display: block; font-family: var(--moe-font); color: var(--moe-text); }
    .score { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--moe-sp-2) var(--moe-sp-7); margin: 0 0 var(--moe-sp-3); }
    .score strong { font-size: var(--moe-fs-xl); font-variant-numeric: tabular-nums; }
    .bar { position: relative; width: 10rem; height: 0.7rem; background: var(--moe-track); border: 1px solid var(--moe-grey-99); align-self: center; }
    .bar span { position: absolute; inset: 0 auto 0 0; background: var(--moe-accent); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-3) 0; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: var(--moe-fs-m); }
    caption { text-align: left; font-weight: 600; padding-bottom: var(--moe-sp-2); }
    th, td { padding: var(--moe-sp-1) var(--moe-sp-3); border: 1px solid var(--moe-rule); text-align: center; min-width: 1.6rem; }
    th[scope='row'] { text-align: left; font-weight: 600; white-space: nowrap; }
    td.zero { color: var(--moe-grey-99); }
    td.top { font-weight: 700; outline: 2px solid var(--moe-ink); outline-offset: -2px; }
    .empty { color: var(--moe-text-4); }
  `;

  override render() {
    const m = this.map;
    const w = trainWords().spec;
    if (!m || m.counts.length === 0) return html`<p class="empty">${w.measuring}</p>`;
    const E = m.counts[0]?.length ?? 0;
    const start = this.startScore;
    return html`
      <p class="score">
        <span>${withSlots(w.score, { value: html`<strong class="value">${formatScore(m.score)}</strong>` })}</span>
        <span class="bar" aria-hidden="true"><span ${styleProps({ width: `${(100 * Math.max(0, Math.min(1, m.score))).toFixed(1)}%` })}></span></span>
        <span class="words">${scoreWords(m.score)}${start !== null && this.step > 0 ? withSlots(w.before, { start: html`<span class="start">${formatScore(start)}</span>` }) : nothing}${w.end}</span>
      </p>
      <p class="caption">${w.caption}</p>
      <div class="table-wrap"><table>
        <caption>${w.tableCaption(this.layer + 1, this.step)}</caption>
        <thead><tr><th scope="col">${w.category}</th>${Array.from({ length: E }, (_, e) => html`<th scope="col">E${e}</th>`)}</tr></thead>
        <tbody>
          ${m.counts.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0);
            const best = Math.max(...row);
            const category = m.categories[i];
            return html`<tr><th scope="row">${category === undefined ? '' : w.categories[category]} <span class="n">(${total})</span></th>${row.map(
              (c) => {
                const share = total > 0 ? c / total : 0;
                const strength = Math.round(100 * share);
                const bg = tint(HEAT_COLOUR, strength);
                const style = c > 0 ? { background: bg, color: textOn(bg) } : {};
                return html`<td class=${c === 0 ? 'zero' : c === best ? 'top' : ''} ${styleProps(style)}>${c}</td>`;
              },
            )}</tr>`;
          })}
        </tbody>
      </table></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'specialisation-map': SpecialisationMapView;
  }
}
