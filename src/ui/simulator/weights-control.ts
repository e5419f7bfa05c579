/**
 * The main page's weights switch, "Weights: Trained | Random", and beside it one status line: where
 * the trained weights came from (a shipped checkpoint or a run on this page) with their held-out loss
 * and specialisation score, that they are loading, that none ship for this shape (with "Train this
 * shape"), a live run's progress (with Stop), a checkpoint that failed, or why random routing means
 * nothing. It only sends intent up (weights-mode, train-shape); the shell answers with `mode` and `status`.
 *
 * The switch is a radio group: Tab reaches the chosen option, the arrow keys (and Home, End) move
 * the choice. The status line is a polite live region; the progress bar and buttons sit beside it.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { TrainShapeEvent, WeightsModeEvent } from '../shared/events';
import { formatCount, formatRatio, formatWeight } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { weightsWords } from '../i18n/weights';
import { blockStyles } from '../shared/shared-styles';
import { WEIGHTS_MODES, type WeightsMode, type WeightsStatus } from './weights-status';

const loss = (x: number): string => formatRatio(x, 2);

@customElement('weights-control')
export class WeightsControl extends LitElement {
  @property({ attribute: false }) mode: WeightsMode = 'trained';
  @property({ attribute: false }) status: WeightsStatus = { kind: 'loading' };

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    :host { color: var(--moe-text); font-family: var(--moe-font); }
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-4) var(--moe-sp-7); }
    .switch { display: inline-flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-4); }
    .name { font-weight: 600; }
    [role='radiogroup'] { display: inline-flex; }
    [role='radio'] { font: inherit; padding: var(--moe-sp-2) var(--moe-sp-6); min-height: 2rem; border: var(--moe-line, 1px) solid var(--moe-border); background: var(--moe-surface); color: var(--moe-text); cursor: pointer; }
    [role='radio'][aria-checked='true'] { background: var(--moe-accent); color: var(--moe-on-accent); border-color: var(--moe-accent-edge); font-weight: 600; }
    .state { flex: 1 1 16rem; min-width: 0; display: flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-3) var(--moe-sp-5); }
    .line { margin: 0; min-width: 0; }
    .line.failed { color: var(--moe-error); font-weight: 600; }
    .actions { display: inline-flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-3) var(--moe-sp-5); }
    .actions button { font: inherit; padding: var(--moe-sp-2) var(--moe-sp-6); min-height: 2rem; }
    .hint, .steps { color: var(--moe-muted, var(--moe-text-5)); font-variant-numeric: tabular-nums; }
    progress { width: 10rem; max-width: 100%; height: 1rem; }
  `,
  ];

  private choose(mode: WeightsMode, focus = false): void {
    if (focus) this.renderRoot.querySelector<HTMLButtonElement>(`[data-mode='${mode}']`)?.focus();
    if (mode === this.mode) return;
    this.mode = mode;
    this.dispatchEvent(new WeightsModeEvent(mode));
  }

  /** Arrow keys move the choice (and the focus) round the group; Home and End go to its ends. */
  private onKey(e: KeyboardEvent): void {
    const at = WEIGHTS_MODES.indexOf(this.mode);
    const n = WEIGHTS_MODES.length;
    const next: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: n - 1 };
    const to = next[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.choose(WEIGHTS_MODES[(to + n) % n] as WeightsMode, true);
  }

  /** The status line's sentence (in the live region) and what sits beside it (buttons, progress). */
  private statusParts(s: WeightsStatus): { line: string; failed?: boolean; actions?: TemplateResult } {
    const t = weightsWords();
    switch (s.kind) {
      case 'loading':
        return { line: t.loading };
      case 'trained':
        return {
          line: t.trainedLine(
            s.source === 'live',
            formatCount(s.steps),
            loss(s.heldOutLoss),
            loss(s.untrainedLoss),
            formatWeight(s.specialisation),
          ),
        };
      case 'none':
        return {
          line: t.none,
          actions: html`<button class="train" aria-describedby="few" @click=${() => this.dispatchEvent(new TrainShapeEvent())}>${t.trainShape}</button>
            <span class="hint" id="few">${t.fewSeconds}</span>`,
        };
      case 'training': {
        const steps = Math.max(1, s.steps);
        return {
          line: t.training,
          actions: html`<progress aria-label=${t.progressName} aria-describedby="steps" max=${steps} .value=${Math.min(Math.max(0, s.step), steps)}></progress>
            <span class="steps" id="steps">${t.progress(formatCount(s.step), formatCount(s.steps), s.loss === null ? null : loss(s.loss))}</span>
            <button class="stop" @click=${() => this.dispatchEvent(new TrainShapeEvent(true))}>${t.stop}</button>`,
        };
      }
      case 'failed':
        return { line: t.failed(s.message), failed: true };
      case 'random':
        return { line: t.randomLine };
    }
  }

  override render() {
    const t = weightsWords();
    const parts = this.statusParts(this.status);
    return html`<div class="bar">
      <span class="switch">
        <span class="name" id="name">${t.label}</span>
        <span role="radiogroup" aria-labelledby="name" @keydown=${(e: KeyboardEvent) => this.onKey(e)}>
          ${WEIGHTS_MODES.map((m) => {
            const on = m === this.mode;
            return html`<button role="radio" data-mode=${m} aria-checked=${on ? 'true' : 'false'} tabindex=${on ? '0' : '-1'} @click=${() => this.choose(m)}>
              ${m === 'trained' ? t.trained : t.random}
            </button>`;
          })}
        </span>
      </span>
      <div class="state">
        <p class=${parts.failed ? 'line failed' : 'line'} role="status" aria-live="polite">${parts.line}</p>
        ${parts.actions ? html`<span class="actions">${parts.actions}</span>` : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'weights-control': WeightsControl;
  }
}
