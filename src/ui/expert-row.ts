/**
 * One block per routed expert (and per shared expert), lit by the current token's gate weight.
 * Shared experts are always lit. Each block says its number and weight in text.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LayerTrace } from '../core/trace';
import { formatWeight } from './format';
import { expertColour, textOn } from './palette';

@customElement('expert-row')
export class ExpertRow extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;
  @property({ type: Number }) current = 0;
  @property({ type: Number }) shared = 0;

  static override styles = css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.3rem; grid-template-columns: repeat(auto-fill, minmax(3.4rem, 1fr)); }
    li { border: 1px solid #999; border-radius: 0.3rem; padding: 0.25rem; text-align: center; font-size: 0.8rem; background: #f4f4f4; color: #555; }
    li.on { font-weight: 700; border: 2px solid #000; }
    li.shared { border-style: double; border-width: 3px; }
    .w { display: block; font-variant-numeric: tabular-nums; }
  `;

  override render() {
    const r = this.layer?.tokens[this.current];
    const experts = this.layer?.experts ?? [];
    return html`<ul aria-label="Experts">
      ${Array.from({ length: this.shared }, (_, s) => html`<li class="on shared" style="background:#333;color:#fff">S${s}<span class="w">always</span></li>`)}
      ${experts.map((ex) => {
        const j = r ? r.experts.indexOf(ex.index) : -1;
        const on = j >= 0 && r !== undefined && !r.dropped[j];
        const colour = expertColour(ex.index);
        const style = on ? `background:${colour};color:${textOn(colour)}` : '';
        return html`<li class=${on ? 'on' : ''} style=${style}>
          E${ex.index}${j >= 0 && r ? html`<span class="w">${r.dropped[j] ? 'dropped' : formatWeight(r.weights[j] ?? 0)}</span>` : nothing}
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'expert-row': ExpertRow;
  }
}
