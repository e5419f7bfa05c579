/**
 * How the sentence's work was shared among the routed experts of one layer: tokens per expert with
 * the capacity line, what was dropped, and how even the split was (max/mean and coefficient of
 * variation), in numbers and one plain sentence.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LayerTrace } from '../../core/trace';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { textBlockStyles } from '../shared/shared-styles';
import './load-bars';
import { simWords } from '../i18n/simulator';

@customElement('load-panel')
export class LoadPanel extends LitElement {
  @property({ attribute: false }) layer: LayerTrace | null = null;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...textBlockStyles,
    css`
    .caption { font-size: var(--moe-fs-base); color: var(--moe-muted, var(--moe-text-3)); }
    dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: var(--moe-sp-4) var(--moe-sp-8); margin: var(--moe-sp-5) 0 var(--moe-sp-2); }
    dl > div { border-left: 3px solid var(--moe-grey-88); padding-left: var(--moe-sp-5); }
    dt { font-size: var(--moe-fs-s); color: var(--moe-muted, var(--moe-text-4)); text-transform: uppercase; letter-spacing: 0.03em; }
    dd { margin: 0; font-size: var(--moe-fs-1); font-weight: 600; font-variant-numeric: tabular-nums; }
    dd.more { margin: var(--moe-sp-3) 0; font-size: var(--moe-fs-1); font-weight: 400; }
    .warn { border-left-color: var(--moe-error); }
  `,
  ];

  private balanceWords(l: LayerTrace): string {
    const { maxOverMean, cv } = l.balance;
    return simWords().load.balanceWords(maxOverMean.toFixed(2), formatPercent(cv, 0));
  }

  override render() {
    const m = simWords().load;
    const l = this.layer;
    if (!l || l.experts.length === 0) return html`<p role="status">${m.none}</p>`;
    const demand = l.experts.reduce((a, e) => a + e.demand, 0);
    const over = l.experts.filter((e) => e.demand > e.load).length;
    const idle = l.experts.filter((e) => e.demand === 0).length;
    const cap = l.capacity;
    return html`
      <p class="caption">
        ${m.caption(l.index + 1, l.tokens.length, l.experts.length, cap !== null)}
      </p>
      <load-bars .experts=${l.experts} .capacity=${cap} label=${m.chartLabel(l.index + 1)}></load-bars>
      <dl>
        <div class="capacity">
          <dt>${m.capacity}</dt>
          <dd>${cap === null ? m.noCapacity : m.perExpert(cap)}</dd>
          <dd class="more">${cap === null ? m.everyChoice : m.overIt(over)}</dd>
        </div>
        <div class="dropped ${l.droppedChoices > 0 ? 'warn' : ''}">
          <dt>${m.dropped}</dt>
          <dd>${m.droppedOf(l.droppedChoices, demand)}</dd>
          <dd class="more">
            ${m.noExpertAtAll(l.skippedTokens)}
          </dd>
        </div>
        <div class="balance">
          <dt>${m.balance}</dt>
          <dd>${m.balanceFigures(l.balance.maxOverMean.toFixed(2), l.balance.cv.toFixed(2))}</dd>
          <dd class="more">${m.idle(idle)}</dd>
        </div>
      </dl>
      <p class="words">${demand === 0 ? m.noDemand : this.balanceWords(l)}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'load-panel': LoadPanel;
  }
}
