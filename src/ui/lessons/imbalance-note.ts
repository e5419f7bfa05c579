/**
 * Why drops happen even at capacity factor 1: factor 1 gives each expert its even share, and the
 * busiest expert gets more than that. Figures from the sentence's trace (demand per expert and its
 * max/mean) and from the sweep's factor-1 point over every built-in sentence.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { dropShare, imbalanceOf } from '../../core/capacity';
import type { MoeConfig } from '../../core/config';
import type { LayerTrace } from '../../core/trace';
import type { SweepPoint } from '../../state/capacity-sweep';
import { formatRaw } from './drop-summary';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { blockStyles } from '../shared/shared-styles';
import { capacityPageWords } from '../i18n/capacity-page';

@customElement('imbalance-note')
export class ImbalanceNote extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;
  @property({ attribute: false }) config: MoeConfig | null = null;
  /** The sweep's point at factor 1, when measured. */
  @property({ attribute: false }) atOne: SweepPoint | null = null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    p { margin: var(--moe-sp-3) 0; max-width: 62rem; }
    .num { font-variant-numeric: tabular-nums; }
  `,
  ];

  override render() {
    const m = capacityPageWords().note;
    const l = this.layer;
    const c = this.config;
    if (!l || !c || l.tokens.length === 0) return html`<p>${m.noTokens}</p>`;
    if (c.router === 'expert-choice') return html`<p>${m.expertChoice}</p>`;
    const T = l.tokens.length;
    const im = imbalanceOf(
      l.experts.map((e) => e.demand),
      T,
      c.topK,
    );
    const ratio = l.balance.maxOverMean.toFixed(2);
    const p = this.atOne;
    return html`<p id="even-share">${m.evenShare(T, c.topK, c.routedExperts, formatRaw(im.meanDemand), im.capacityAtOne)}</p>
      <p id="max-over-mean">${m.measured(im.maxDemand, formatRaw(im.meanDemand), ratio)}</p>
      <p id="at-one">${m.consequence(im.droppedAtOne, im.capacityAtOne)}</p>
      ${
        p
          ? html`<p id="all-sentences">${m.allSentences(p.batches, p.maxOverMean.mean.toFixed(2), p.maxOverMean.max.toFixed(2), formatPercent(dropShare(p)))}</p>`
          : nothing
      }
      <p>${m.balance}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'imbalance-note': ImbalanceNote;
  }
}
