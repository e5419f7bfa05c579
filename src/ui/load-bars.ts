/**
 * Tokens per routed expert for the sentence, as labelled bars, with the capacity line when there is
 * one. Bars over capacity show the dropped part hatched, and every bar has its number in text.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ExpertTrace } from '../core/trace';
import { expertColour } from './palette';

@customElement('load-bars')
export class LoadBars extends LitElement {
  @property({ attribute: false }) experts: readonly ExpertTrace[] = [];
  @property({ attribute: false }) capacity: number | null = null;
  /** Accessible name of the chart. */
  @property() label = 'Tokens per expert';

  static override styles = css`
    :host { display: block; }
    svg { width: 100%; height: auto; display: block; }
    text { font: 10px system-ui, sans-serif; fill: #222; }
    .cap { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 4 3; }
  `;

  override render() {
    const n = this.experts.length;
    if (n === 0) return nothing;
    const max = Math.max(1, this.capacity ?? 0, ...this.experts.map((e) => e.demand));
    const W = 600;
    const H = 120;
    const top = 14;
    const base = H - 16;
    const slot = W / n;
    const bw = Math.max(1, slot * 0.75);
    const y = (v: number) => base - ((base - top) * v) / max;
    const labels = n <= 32;
    const summary = this.experts.map((e) => `E${e.index}: ${e.demand}`).join(', ');
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}. ${summary}${this.capacity !== null ? `. Capacity ${this.capacity}` : ''}`}>
      <defs>
        <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#fff"></rect><line x1="0" y1="0" x2="0" y2="4" stroke="#b3261e" stroke-width="2"></line>
        </pattern>
      </defs>
      ${this.experts.map((e, i) => {
        const x = i * slot + (slot - bw) / 2;
        const kept = Math.min(e.load, e.demand);
        return svg`
          <rect x=${x} y=${y(kept)} width=${bw} height=${base - y(kept)} fill=${expertColour(e.index)}></rect>
          ${e.demand > kept ? svg`<rect x=${x} y=${y(e.demand)} width=${bw} height=${y(kept) - y(e.demand)} fill="url(#hatch)" stroke="#b3261e"></rect>` : nothing}
          ${labels ? svg`<text x=${x + bw / 2} y=${y(e.demand) - 3} text-anchor="middle">${e.demand}</text>
          <text x=${x + bw / 2} y=${H - 4} text-anchor="middle">E${e.index}</text>` : nothing}`;
      })}
      <line x1="0" x2=${W} y1=${base} y2=${base} stroke="#444"></line>
      ${this.capacity !== null ? svg`<line class="cap" x1="0" x2=${W} y1=${y(this.capacity)} y2=${y(this.capacity)}></line>
        <text x=${W - 2} y=${y(this.capacity) - 3} text-anchor="end" fill="#b3261e">capacity ${this.capacity}</text>` : nothing}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'load-bars': LoadBars;
  }
}
