/**
 * How the sentence's work was shared among the routed experts of one layer: tokens per expert with
 * the capacity line, what was dropped, and how even the split was (max/mean and coefficient of
 * variation), in numbers and one plain sentence.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LayerTrace } from '../core/trace';
import { formatCount, formatPercent } from './format';
import { a11yStyles } from './shared-styles';
import './load-bars';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

@customElement('load-panel')
export class LoadPanel extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; }
    p { margin: 0.3rem 0; }
    .caption { font-size: 0.9rem; color: #333; }
    dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.4rem 1rem; margin: 0.5rem 0 0.25rem; }
    dl > div { border-left: 3px solid #888; padding-left: 0.5rem; }
    dt { font-size: 0.8rem; color: #444; text-transform: uppercase; letter-spacing: 0.03em; }
    dd { margin: 0; font-size: 1.05rem; font-weight: 600; font-variant-numeric: tabular-nums; }
    dd.more { margin: 0.3rem 0; font-size: 1rem; font-weight: 400; }
    .warn { border-left-color: #b3261e; }
  `,
  ];

  private balanceWords(l: LayerTrace): string {
    const { maxOverMean, cv } = l.balance;
    const times = maxOverMean.toFixed(2);
    return `Max/mean 1.00 and CV 0.00 would be perfectly even. Here the busiest expert was chosen by ${times}× as many tokens ` +
      `as the average expert, and the typical gap between an expert's count and the average is ${formatPercent(cv, 0)} of the average.`;
  }

  override render() {
    const l = this.layer;
    if (!l || l.experts.length === 0) return html`<p role="status">No sentence routed yet.</p>`;
    const demand = l.experts.reduce((a, e) => a + e.demand, 0);
    const over = l.experts.filter((e) => e.demand > e.load).length;
    const idle = l.experts.filter((e) => e.demand === 0).length;
    const cap = l.capacity;
    return html`
      <p class="caption">
        Layer ${l.index + 1}: how many of the sentence's ${plural(l.tokens.length, 'token')} chose each of the
        ${plural(l.experts.length, 'routed expert')}.${cap === null ? '' : ' Hatched = chose the expert after it was full, so dropped.'}
      </p>
      <load-bars .experts=${l.experts} .capacity=${cap} label=${`Layer ${l.index + 1}: tokens per expert`}></load-bars>
      <dl>
        <div class="capacity">
          <dt>Capacity</dt>
          <dd>${cap === null ? 'no capacity limit' : `${plural(cap, 'token')} per expert`}</dd>
          <dd class="more">${cap === null ? 'Every choice is processed.' : `${plural(over, 'expert')} over it.`}</dd>
        </div>
        <div class="dropped ${l.droppedChoices > 0 ? 'warn' : ''}">
          <dt>Dropped</dt>
          <dd>${plural(l.droppedChoices, 'choice')} of ${formatCount(demand)} dropped</dd>
          <dd class="more">
            ${plural(l.skippedTokens, 'token')} got no expert at all${l.skippedTokens === 0 ? '.' : ` (${l.skippedTokens === 1 ? 'it rides' : 'they ride'} the residual connection).`}
          </dd>
        </div>
        <div class="balance">
          <dt>Balance</dt>
          <dd>max/mean ${l.balance.maxOverMean.toFixed(2)} · CV ${l.balance.cv.toFixed(2)}</dd>
          <dd class="more">${plural(idle, 'expert')} got no tokens.</dd>
        </div>
      </dl>
      <p class="words">${demand === 0 ? 'No token chose any expert, so there is no balance to measure.' : this.balanceWords(l)}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'load-panel': LoadPanel;
  }
}
