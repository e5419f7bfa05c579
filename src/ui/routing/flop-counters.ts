/**
 * Dense vs sparse, counted live (issue 14): two running counters over the sentence so far, the
 * FLOPs this sparse model did for tokens 0..current and what a dense model of the same total size
 * (every routed expert on every token) would have done, each with a bar, the ratio ("× fewer", %
 * saved) and a line saying what is counted. FLOPs as src/core/params.ts counts them (2 per weight
 * used, so 1 multiply-add = 2 FLOPs); the multiply-adds are shown under each counter.
 *
 * `<flop-counters .trace=${trace} .current=${index}>`
 *   trace    Trace | null   the routed sentence (src/core/trace.ts): perToken[i].flops, flops.densePerToken
 *   current  number         the current token's index; tokens 0..current are counted (clamped)
 *
 * For tests and end-to-end checks, each counter carries its exact number as data:
 *   [data-counter="sparse"][data-value], [data-counter="dense"][data-value]   FLOPs so far
 *   [data-counter][data-step]   what the current token added; the host's data-tokens is the count so far.
 * The numbers are in the text at once (no count-up): the bars grow with a short transition, and the
 * "+ this token" line flashes when it changes (not when the first counters are drawn), both only a
 * visual layer and static under prefers-reduced-motion.
 * Bars share one scale, the dense FLOPs of the whole sentence: the dense bar fills as the sentence is
 * stepped through and is full at its last token; the sparse bar is in proportion on the same scale.
 * Screen readers get a labelled group whose text holds the numbers, and no live region (the
 * parameter meter beside it announces each step).
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Trace } from '../../core/trace';
import { flopTally, FLOPS_PER_MULTIPLY_ADD, type FlopTally } from '../../state/flop-tally';
import { flopWords } from '../i18n/flop-counters';
import { LocaleController } from '../i18n/locale';
import { formatCount, formatPercent, formatRatio } from '../shared/format';
import { blockStyles } from '../shared/shared-styles';
import { styleProps } from '../shared/style-props';

/** Above this many tokens the dense bar has no per-token ticks (they would merge). */
const MAX_TICKS = 64;

@customElement('flop-counters')
export class FlopCounters extends LitElement {
  @property({ attribute: false }) trace: Trace | null = null;
  @property({ type: Number }) current = 0;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
      :host { color: var(--moe-text); font-family: var(--moe-font); }
      .title { font-weight: 600; font-size: var(--moe-fs-1); margin: 0 0 var(--moe-sp-4); }
      .counter { margin: 0 0 var(--moe-sp-6); }
      .label { font-size: var(--moe-fs-base); color: var(--moe-text-3); }
      .value { font-size: var(--moe-fs-2xl); font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
      .unit { font-size: var(--moe-fs-base); font-weight: 400; color: var(--moe-text-4); margin-left: var(--moe-sp-3); }
      .track { position: relative; height: 0.9rem; background: var(--moe-track); border-radius: 0.25rem; overflow: hidden; margin: var(--moe-sp-3) 0; }
      .fill { height: 100%; transition: width 0.4s ease-out; }
      .sparse .fill { background: var(--moe-accent); }
      .dense .fill { background: var(--moe-text-6); }
      .ticks {
        position: absolute; inset: 0;
        background-image: repeating-linear-gradient(to right, transparent 0 calc(var(--seg) - 1px), var(--moe-surface) calc(var(--seg) - 1px) var(--seg));
      }
      .sub { font-size: var(--moe-fs-m); color: var(--moe-text-4); font-variant-numeric: tabular-nums; }
      .step { display: inline-block; font-weight: 600; color: var(--moe-text-2); border-radius: 0.2rem; padding: 0 var(--moe-sp-2); }
      .step.flash { animation: flash 0.8s ease-out; }
      @keyframes flash {
        from { background: var(--moe-highlight-3); }
        to { background: transparent; }
      }
      .ratio { font-size: var(--moe-fs-l); font-weight: 700; margin: var(--moe-sp-2) 0 var(--moe-sp-4); }
      .explain { font-size: var(--moe-fs-m); color: var(--moe-text-4); margin: 0; }
      .none { margin: 0; }
    `,
  ];

  /** The tally rendered last (for the host's data-tokens). */
  private tally: FlopTally = flopTally(null, 0);
  /** Whether counters were drawn before, and so whether a new "+ this token" line flashes. */
  private drawn = false;
  /**
   * The line flashes when it changes, not when the first counters are drawn: the page opening is
   * no step (and 0.8 s of an animation the compositor cannot run was a fifth of the CPU of a load).
   */
  private flash = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trace') || changed.has('current')) {
      this.tally = flopTally(this.trace, this.current);
      this.flash = this.drawn;
    }
  }

  protected override updated(): void {
    this.dataset['tokens'] = String(this.tally.tokens);
    if (this.tally.tokens > 0) this.drawn = true;
  }

  private counter(kind: 'sparse' | 'dense', value: number, step: number, scale: number, label: string) {
    const w = flopWords().counters;
    const n = this.trace?.perToken.length ?? 0;
    const width = scale > 0 ? `${((value / scale) * 100).toFixed(3)}%` : '0%';
    return html`
      <div class="counter ${kind}" data-counter=${kind} data-value=${value} data-step=${step}>
        <div class="label">${label}</div>
        <div class="value"><span class="num">${formatCount(value)}</span><span class="unit">${w.flops}</span></div>
        <div class="track" aria-hidden="true">
          <div class="fill" ${styleProps({ width })}></div>
          ${kind === 'dense' && n > 1 && n <= MAX_TICKS ? html`<div class="ticks" ${styleProps({ '--seg': `${100 / n}%` })}></div>` : null}
        </div>
        <div class="sub">
          ${keyed(`${this.current}:${value}`, html`<span class="step ${this.flash ? 'flash' : ''}">${w.step(formatCount(step))}</span>`)} ·
          ${w.multiplyAdds(formatCount(value / FLOPS_PER_MULTIPLY_ADD))}
        </div>
      </div>
    `;
  }

  override render() {
    const w = flopWords().counters;
    const t = this.trace;
    const a = this.tally;
    if (!t || a.tokens === 0) return html`<p class="none">${w.none}</p>`;
    const n = t.perToken.length;
    const scale = n * t.flops.densePerToken;
    const tokens = formatCount(a.tokens);
    const total = formatCount(n);
    return html`
      <div role="group" aria-label=${w.groupLabel(tokens, total)}>
        <p class="title">${w.title}</p>
        ${this.counter('sparse', a.sparse, a.sparseStep, scale, w.sparse)}
        ${this.counter('dense', a.dense, a.denseStep, scale, w.dense)}
        <p class="ratio" data-ratio=${a.ratio} data-saved=${a.saved}>${w.ratio(formatRatio(a.ratio), formatPercent(a.saved))}</p>
        <p class="explain">${w.explain(tokens, total)}</p>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flop-counters': FlopCounters;
  }
}
