/**
 * Which experts each word category goes to: a category × expert grid of counts (every vocabulary
 * word routed once; a word counts for its first-choice expert), shaded by the share of the row, and
 * one specialisation score (adjusted mutual information: 0 = chance, 1 = each category has experts
 * of its own). The grid is a real table, so it is its own accessible alternative.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SpecialisationMap as SpecMap } from '../core/specialisation';
import { textOn, tint } from './palette';

/** The score with two decimals and a real minus sign (it can dip just below 0 by chance). */
export function formatScore(v: number): string {
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s.replace('-', '−');
}

/** Plain words for a score. */
export function scoreWords(v: number): string {
  if (v < 0.05) return 'no more than chance';
  if (v < 0.2) return 'a little specialised';
  if (v < 0.45) return 'partly specialised';
  if (v < 0.7) return 'clearly specialised';
  return 'strongly specialised';
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

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; color: #111; }
    .score { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.8rem; margin: 0 0 0.3rem; }
    .score strong { font-size: 1.35rem; font-variant-numeric: tabular-nums; }
    .bar { position: relative; width: 10rem; height: 0.7rem; background: #e9ebee; border: 1px solid #999; align-self: center; }
    .bar span { position: absolute; inset: 0 auto 0 0; background: #0072B2; }
    .caption { font-size: 0.88rem; color: #333; margin: 0.3rem 0; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.85rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
    th, td { padding: 0.12rem 0.3rem; border: 1px solid #ddd; text-align: center; min-width: 1.6rem; }
    th[scope='row'] { text-align: left; font-weight: 600; white-space: nowrap; }
    td.zero { color: #999; }
    td.top { font-weight: 700; outline: 2px solid #000; outline-offset: -2px; }
    .empty { color: #444; }
  `;

  override render() {
    const m = this.map;
    if (!m || m.counts.length === 0) return html`<p class="empty">Measuring…</p>`;
    const E = m.counts[0]?.length ?? 0;
    const start = this.startScore;
    return html`
      <p class="score">
        <span>Specialisation score <strong class="value">${formatScore(m.score)}</strong></span>
        <span class="bar" aria-hidden="true"><span style="width:${(100 * Math.max(0, Math.min(1, m.score))).toFixed(1)}%"></span></span>
        <span class="words">${scoreWords(m.score)}${start !== null && this.step > 0 ? html`; it was <span class="start">${formatScore(start)}</span> before training` : nothing}.</span>
      </p>
      <p class="caption">
        0 = the experts say no more about a word's category than chance; 1 = each category has experts of its own.
        Every word of the vocabulary is routed once; a cell counts the words of its row's category whose first choice is that expert.
        Darker = a larger share of the row; outlined = the row's favourite expert.
      </p>
      <div class="table-wrap"><table>
        <caption>Words of each category by first-choice expert, layer ${this.layer + 1}, after step ${this.step}</caption>
        <thead><tr><th scope="col">Category</th>${Array.from({ length: E }, (_, e) => html`<th scope="col">E${e}</th>`)}</tr></thead>
        <tbody>
          ${m.counts.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0);
            const best = Math.max(...row);
            return html`<tr><th scope="row">${m.categories[i]} <span class="n">(${total})</span></th>${row.map((c) => {
              const share = total > 0 ? c / total : 0;
              const strength = Math.round(100 * share);
              const bg = tint('#08519c', strength);
              const style = c > 0 ? `background: ${bg}; color: ${textOn(bg)}` : '';
              return html`<td class=${c === 0 ? 'zero' : c === best ? 'top' : ''} style=${style}>${c}</td>`;
            })}</tr>`;
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
