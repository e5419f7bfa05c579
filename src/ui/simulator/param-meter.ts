/**
 * "Active X of Y parameters (Z%)" for the current token and averaged over the sentence, with the
 * FLOPs saved against running every expert. A polite live region, so screen readers hear each step.
 * Under it, how the count compares with the previous token's (data-change: up, down, same), or that
 * every token of the sentence uses the same count (fixed-k: a top-k router that dropped and skipped
 * nothing; all-same: it happened anyway), so a step that changes only which experts says so.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Trace } from '../../core/trace';
import { activeChange, fixedK } from '../../state/flop-tally';
import { formatCount, formatPercent, formatSigned } from '../shared/format';
import { flopWords } from '../i18n/flop-counters';
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
    .change { font-size: var(--moe-fs-base); font-weight: 600; color: var(--moe-text-3); }
    .change.up, .change.down { display: inline-block; border-radius: 0.2rem; padding: 0 var(--moe-sp-2); animation: flash 0.8s ease-out; }
    @keyframes flash {
      from { background: var(--moe-highlight-3); }
      to { background: transparent; }
    }
  `,
  ];

  /** How the current token's count compares: a code for tests and the words shown. */
  private change(t: Trace): { code: string; words: string } | null {
    const w = flopWords().meter;
    const ch = activeChange(t, this.current);
    if (!ch) return null;
    if (ch.allSame) return fixedK(t) ? { code: 'fixed-k', words: w.fixedK(t.shape.active) } : { code: 'all-same', words: w.allSame };
    if (ch.delta === null || ch.previous === null) return null;
    if (ch.delta === 0) return { code: 'same', words: w.same };
    return { code: ch.delta > 0 ? 'up' : 'down', words: w.change(formatSigned(ch.delta), formatCount(ch.previous)) };
  }

  override render() {
    const m = simWords().meter;
    const t = this.trace;
    const cost = t?.perToken[this.current];
    const tok = t?.tokens[this.current];
    if (!t || !cost || !tok) return html`<p role="status">${m.none}</p>`;
    const total = t.params.total;
    const share = cost.activeParams / total;
    const saved = 1 - cost.flops / t.flops.densePerToken;
    const change = this.change(t);
    return html`
      <p class="big" role="status" aria-live="polite">
        ${m.active(tok.text, formatCount(cost.activeParams), formatCount(total), formatPercent(share))}
      </p>
      ${change ? keyed(this.current, html`<p class="change ${change.code}" data-change=${change.code}>${change.words}</p>`) : null}
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
