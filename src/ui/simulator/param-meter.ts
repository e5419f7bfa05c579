/**
 * "Active X of Y parameters (Z%)" for the current token and averaged over the sentence, with the
 * FLOPs saved against running every expert. A polite live region, so screen readers hear each step.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Trace } from '../../core/trace';
import { formatCount, formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { blockStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';

@customElement('param-meter')
export class ParamMeter extends LitElement {
  @property({ attribute: false }) trace: Trace | null = null;
  @property({ type: Number }) current = 0;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    .bar { height: 1.1rem; background: var(--moe-grey-e4); border-radius: 0.3rem; overflow: hidden; margin: var(--moe-sp-4) 0; }
    .fill { height: 100%; background: var(--moe-accent); transition: width 0.25s ease-out; }
    p { margin: var(--moe-sp-2) 0; }
    .big { font-size: var(--moe-fs-xl); font-weight: 600; }
    .note { font-size: var(--moe-fs-m); color: var(--moe-muted, var(--moe-text-4)); }
  `,
  ];

  override render() {
    const m = simWords().meter;
    const t = this.trace;
    const cost = t?.perToken[this.current];
    const tok = t?.tokens[this.current];
    if (!t || !cost || !tok) return html`<p role="status">${m.none}</p>`;
    const total = t.params.total;
    const share = cost.activeParams / total;
    const saved = 1 - cost.flops / t.flops.densePerToken;
    return html`
      <p class="big" role="status" aria-live="polite">
        ${m.active(tok.text, formatCount(cost.activeParams), formatCount(total), formatPercent(share))}
      </p>
      <div class="bar" aria-hidden="true"><div class="fill" ${styleProps({ width: `${(share * 100).toFixed(2)}%` })}></div></div>
      <p>${m.average(formatCount(t.params.activeMean), formatPercent(t.params.activeMean / total))}</p>
      <p>
        ${m.work(formatCount(cost.flops), formatCount(t.flops.densePerToken), formatPercent(saved))}
      </p>
      <p class="note">
        ${m.note(formatCount(t.params.embedding))}
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'param-meter': ParamMeter;
  }
}
