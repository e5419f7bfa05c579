/**
 * The capacity of one batch worked out with its own numbers, and what it dropped: the count and
 * share of dropped token-expert choices and the tokens left with no expert, all read from the trace.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { dropShare, dropsOf } from '../../core/capacity';
import type { MoeConfig } from '../../core/config';
import { capacityFor } from '../../core/router';
import type { LayerTrace } from '../../core/trace';
import { formatFactor } from './capacity-controls';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { textBlockStyles } from '../shared/shared-styles';
import { capacityPageWords } from '../i18n/capacity-page';

/** cf·T·k/E as written in the worked formula: up to 4 decimals, no trailing zeros. */
export function formatRaw(x: number): string {
  return String(Number(x.toFixed(4)));
}

@customElement('drop-summary')
export class DropSummary extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;
  @property({ attribute: false }) config: MoeConfig | null = null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...textBlockStyles,
    css`
    .formula { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: var(--moe-fs-base); overflow-wrap: anywhere; }
    .headline { font-size: var(--moe-fs-l); font-weight: 700; font-variant-numeric: tabular-nums; }
    .headline.some { color: var(--moe-error-strong); }
    .note { color: var(--moe-text-3); font-size: var(--moe-fs-base); }
  `,
  ];

  private formula(l: LayerTrace, c: MoeConfig) {
    const m = capacityPageWords().live;
    const T = l.tokens.length;
    const expertChoice = c.router === 'expert-choice';
    const factor = c.capacityFactor ?? (expertChoice ? 1 : null);
    if (factor === null || l.capacity === null) return html`<p class="formula" id="capacity-formula">${m.capacityNone}</p>`;
    const slots = capacityFor(T, c.topK, c.routedExperts, factor);
    const worked = m.capacityWorked(
      formatFactor(factor),
      T,
      c.topK,
      c.routedExperts,
      formatRaw((factor * T * c.topK) / c.routedExperts),
      slots,
    );
    return html`<p class="formula" id="capacity-formula">${expertChoice && c.capacityFactor === null ? m.expertChoiceNone : nothing}${worked}${
      slots !== l.capacity ? m.capacityClamped(l.capacity) : nothing
    }</p>`;
  }

  override render() {
    const l = this.layer;
    const c = this.config;
    if (!l || !c || l.tokens.length === 0) return nothing;
    const m = capacityPageWords().live;
    const d = dropsOf(l);
    return html`${this.formula(l, c)}
      <p class="headline ${d.dropped > 0 ? 'some' : ''}" id="dropped-count">${m.droppedHeadline(d.dropped, d.choices, formatPercent(dropShare(d)))}</p>
      <p id="skipped">${m.skipped(d.skippedTokens)}</p>
      ${c.router === 'expert-choice' ? html`<p class="note">${m.expertChoiceNote}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'drop-summary': DropSummary;
  }
}
