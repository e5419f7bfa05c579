/**
 * The training page's controls: Train/Pause, Step, Reset training with a progress readout; the
 * training settings (applied from the next step); and the model's shape (which restarts training).
 * Every control has a visible label. It only sends intent up (train-command, train-settings,
 * config-change); the shell validates and answers with new properties, and a refused change shows
 * its message next to its control.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { GATE_NORMS, ROUTERS, type MoeConfig } from '../../core/config';
import { BALANCE_MODES, type TrainSettings } from '../../core/training';
import { ConfigChangeEvent } from '../shared/events';
import { formatCount } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { routerInfo } from '../routing/router-info';
import { localized } from '../i18n/localize-message';
import {
  ALPHAS,
  balanceName,
  formatRate,
  formatStepRate,
  GAMMAS,
  LEARNING_RATES,
  MAX_TRAIN_EXPERTS,
  MAX_TRAIN_TOPK,
  modeWords,
  nearestStop,
  Z_LOSSES,
} from './training-format';
import { TrainCommandEvent, TrainSettingsEvent, type TrainCommand } from './training-events';
import { trainWords } from '../i18n/training';

export interface FieldProblem {
  field: string;
  message: string;
}

interface Slider {
  id: string;
  label: string;
  min: number;
  max: number;
  value: number;
  valueText: string;
  field: string;
  disabled?: boolean;
  hint?: string | TemplateResult;
  /** Called on every input (training settings) or only when released (model shape). */
  live: boolean;
  onValue: (v: number) => void;
  /** Text shown while a model-shape slider is being dragged. */
  preview?: (v: number) => string;
}

const SHAPE_FIELDS = ['routedExperts', 'topK', 'router', 'gateNorm', 'layers', 'seed'];
const SETTING_FIELDS = ['learningRate', 'batchSize', 'balance', 'alpha', 'gamma', 'zLoss'];

@customElement('training-controls')
export class TrainingControls extends LitElement {
  @property({ attribute: false }) config!: MoeConfig;
  @property({ attribute: false }) settings!: TrainSettings;
  @property({ type: Boolean }) running = false;
  /** No model yet (starting up) or a reset in progress: the buttons wait. */
  @property({ type: Boolean }) busy = false;
  @property({ type: Number }) step = 0;
  @property({ type: Number }) tokensSeen = 0;
  @property({ type: Number }) tokensPerSecond = 0;
  /** Training steps a second, measured. */
  @property({ type: Number }) stepsPerSecond = 0;
  @property({ attribute: false }) problems: readonly FieldProblem[] = [];
  /** Notes the shell attaches to a control (e.g. "router switched to sigmoid with bias"). */
  @property({ attribute: false }) notes: Readonly<Record<string, string>> = {};
  /** Value of a model-shape slider while it is dragged, before it is committed. */
  @state() private dragging: { id: string; value: number } | null = null;
  private readonly i18n = new LocaleController(this);

  static override styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); column-gap: var(--moe-sp-7); align-items: start; font-family: var(--moe-font); color: var(--moe-text); }
    fieldset { border: 1px solid var(--moe-border); border-radius: 0.5rem; margin: 0 0 var(--moe-sp-7); padding: var(--moe-sp-5) var(--moe-sp-7) var(--moe-sp-2); }
    legend { font-weight: 700; padding: 0 var(--moe-sp-2); }
    .row { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: var(--moe-sp-1) var(--moe-sp-5); margin-bottom: var(--moe-sp-6); }
    label { font-weight: 600; font-size: var(--moe-fs-base); }
    output { font-variant-numeric: tabular-nums; font-weight: 600; min-width: 3.5rem; text-align: right; }
    input[type='range'], select, input[type='number'] { grid-column: 1 / -1; width: 100%; font: inherit; box-sizing: border-box; min-height: 1.6rem; }
    .hint { grid-column: 1 / -1; font-size: var(--moe-fs-s); color: var(--moe-text-4); margin: 0; }
    .problem { grid-column: 1 / -1; color: var(--moe-error); font-size: var(--moe-fs-m); font-weight: 600; margin: var(--moe-sp-1) 0 0; }
    .note { grid-column: 1 / -1; background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); border-radius: 0.3rem; padding: var(--moe-sp-2) var(--moe-sp-4); font-size: var(--moe-fs-m); margin: var(--moe-sp-2) 0 0; }
    .buttons { display: flex; flex-wrap: wrap; gap: var(--moe-sp-4); margin-bottom: var(--moe-sp-5); }
    button { font: inherit; padding: var(--moe-sp-3) var(--moe-sp-7); min-height: 2.4rem; cursor: pointer; }
    button.train { font-weight: 700; min-width: 5.5rem; background: var(--moe-accent); color: var(--moe-on-accent); border: 2px solid var(--moe-accent-edge); border-radius: 0.3rem; }
    button.train.on { background: var(--moe-surface); color: var(--moe-text); }
    .progress { display: grid; grid-template-columns: repeat(4, auto); gap: 0 var(--moe-sp-8); justify-content: start; margin: 0 0 var(--moe-sp-5); font-variant-numeric: tabular-nums; }
    .progress dt { font-size: var(--moe-fs-xs); color: var(--moe-text-4); text-transform: uppercase; letter-spacing: 0.03em; }
    .progress dd { margin: 0; font-size: var(--moe-fs-l); font-weight: 700; }
    .switch-rule { grid-column: 1 / -1; margin: var(--moe-sp-3) 0 var(--moe-sp-6); }
    .lead { font-size: var(--moe-fs-s); color: var(--moe-text-4); margin: calc(-1 * var(--moe-sp-2)) 0 var(--moe-sp-5); }
    :is(button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `;

  private problemOf(field: string): FieldProblem | undefined {
    return this.problems.find((p) => p.field === field);
  }

  private problemLine(field: string, id: string): TemplateResult | typeof nothing {
    const p = this.problemOf(field);
    return p ? html`<p class="problem" role="alert" id=${`${id}-problem`}>${localized(p)}</p>` : nothing;
  }

  private noteLine(field: string): TemplateResult | typeof nothing {
    const n = this.notes[field];
    return n ? html`<p class="note" role="status">${n}</p>` : nothing;
  }

  private command(c: TrainCommand): void {
    this.dispatchEvent(new TrainCommandEvent(c));
  }

  private setting(change: Partial<TrainSettings>): void {
    this.dispatchEvent(new TrainSettingsEvent(change));
  }

  private shape(change: Partial<Record<keyof MoeConfig, unknown>>): void {
    this.dispatchEvent(new ConfigChangeEvent(change));
  }

  private slider(s: Slider): TemplateResult {
    const problem = this.problemOf(s.field);
    const drag = this.dragging?.id === s.id ? this.dragging.value : null;
    const text = drag !== null && s.preview ? s.preview(drag) : s.valueText;
    return html`<div class="row">
      <label for=${s.id}>${s.label}</label>
      <output for=${s.id}>${text}</output>
      <input id=${s.id} type="range" min=${s.min} max=${s.max} step="1" .value=${live(String(drag ?? s.value))}
        aria-valuetext=${text} aria-describedby=${problem ? `${s.id}-problem` : nothing} ?disabled=${s.disabled ?? false}
        @input=${(e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (s.live) s.onValue(v);
          else this.dragging = { id: s.id, value: v };
        }}
        @change=${(e: Event) => {
          if (s.live) return;
          this.dragging = null;
          s.onValue(Number((e.target as HTMLInputElement).value));
        }} />
      ${s.hint ? html`<p class="hint">${s.hint}</p>` : nothing} ${this.problemLine(s.field, s.id)}
    </div>`;
  }

  private select(
    id: string,
    label: string,
    field: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
    hint?: string,
  ): TemplateResult {
    const problem = this.problemOf(field);
    return html`<div class="row">
      <label for=${id}>${label}</label><span></span>
      <select id=${id} aria-describedby=${problem ? `${id}-problem` : nothing} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing} ${this.problemLine(field, id)} ${this.noteLine(field)}
    </div>`;
  }

  private trainingFields(s: TrainSettings): TemplateResult {
    const m = trainWords().controls;
    return html`<fieldset>
      <legend>${m.training}</legend>
      <div class="buttons">
        <button class="train ${this.running ? 'on' : ''}" ?disabled=${this.busy} @click=${() => this.command('toggle-train')}>${this.running ? m.pause : m.train}</button>
        <button ?disabled=${this.running || this.busy} @click=${() => this.command('step')}>${m.step}</button>
        <button ?disabled=${this.busy} @click=${() => this.command('reset')}>${m.reset}</button>
      </div>
      <div role="status" aria-label=${m.progress}><dl class="progress">
        <div><dt>${m.stepCount}</dt><dd class="step">${formatCount(this.step)}</dd></div>
        <div><dt>${m.tokensSeen}</dt><dd class="tokens">${formatCount(this.tokensSeen)}</dd></div>
        <div><dt>${m.tokensPerSecond}</dt><dd class="rate">${this.running || this.tokensPerSecond > 0 ? formatCount(this.tokensPerSecond) : '–'}</dd></div>
        <div><dt>${m.stepsPerSecond}</dt><dd class="steps-rate">${this.running || this.stepsPerSecond > 0 ? formatStepRate(this.stepsPerSecond) : '–'}</dd></div>
      </dl></div>
      ${this.slider({
        id: 'lr',
        label: m.learningRate,
        min: 0,
        max: LEARNING_RATES.length - 1,
        value: nearestStop(LEARNING_RATES, s.learningRate),
        valueText: formatRate(s.learningRate),
        field: 'learningRate',
        live: true,
        hint: m.learningRateHint,
        onValue: (i) => this.setting({ learningRate: LEARNING_RATES[i] as number }),
      })}
      ${this.slider({
        id: 'batch',
        label: m.batchSize,
        min: 1,
        max: 40,
        value: s.batchSize,
        valueText: m.sentences(s.batchSize),
        field: 'batchSize',
        live: true,
        onValue: (v) => this.setting({ batchSize: v }),
      })}
    </fieldset>`;
  }

  private balancingFields(s: TrainSettings): TemplateResult {
    const bias = s.balance.startsWith('bias');
    const m = trainWords().controls;
    return html`<fieldset>
      <legend>${m.balancing}</legend>
      ${this.select(
        'balance',
        m.balancing,
        'balance',
        s.balance,
        BALANCE_MODES.map((v) => [v, balanceName(v)]),
        (v) => this.setting({ balance: v as TrainSettings['balance'] }),
        `${modeWords(s.balance)}${this.config.router === 'sigmoid-bias' ? '' : m.biasSwitchesRouter}`,
      )}
      ${this.slider({
        id: 'alpha',
        label: m.alpha,
        min: 0,
        max: ALPHAS.length - 1,
        value: nearestStop(ALPHAS, s.alpha),
        valueText: formatRate(s.alpha),
        field: 'alpha',
        live: true,
        disabled: s.balance !== 'switch',
        hint: s.balance === 'switch' ? m.alphaOn : m.alphaOff,
        onValue: (i) => this.setting({ alpha: ALPHAS[i] as number }),
      })}
      ${this.slider({
        id: 'gamma',
        label: m.gamma,
        min: 0,
        max: GAMMAS.length - 1,
        value: nearestStop(GAMMAS, s.gamma),
        valueText: formatRate(s.gamma),
        field: 'gamma',
        live: true,
        disabled: !bias,
        hint: bias ? m.gammaOn : m.gammaOff,
        onValue: (i) => this.setting({ gamma: GAMMAS[i] as number }),
      })}
      ${this.slider({
        id: 'zloss',
        label: m.zLoss,
        min: 0,
        max: Z_LOSSES.length - 1,
        value: nearestStop(Z_LOSSES, s.zLoss),
        valueText: formatRate(s.zLoss),
        field: 'zLoss',
        live: true,
        hint: m.zLossHint,
        onValue: (i) => this.setting({ zLoss: Z_LOSSES[i] as number }),
      })}
    </fieldset>`;
  }

  private shapeFields(c: MoeConfig): TemplateResult {
    const maxK = Math.max(1, Math.min(MAX_TRAIN_TOPK, c.routedExperts));
    const others = this.problems.filter((p) => !SHAPE_FIELDS.includes(p.field) && !SETTING_FIELDS.includes(p.field));
    const m = trainWords().controls;
    return html`<fieldset>
      <legend>${m.model}</legend>
      <p class="lead">${m.modelLead}</p>
      ${this.slider({
        id: 'experts',
        label: m.routedExperts,
        min: 2,
        max: Math.max(MAX_TRAIN_EXPERTS, c.routedExperts),
        value: c.routedExperts,
        valueText: String(c.routedExperts),
        field: 'routedExperts',
        live: false,
        preview: (v) => `${v}`,
        onValue: (v) => this.shape({ routedExperts: v, topK: Math.min(c.topK, v) }),
      })}
      ${this.slider({
        id: 'topk',
        label: m.topK,
        min: 1,
        max: Math.max(maxK, c.topK),
        value: c.topK,
        valueText: String(c.topK),
        field: 'topK',
        live: false,
        preview: (v) => `${v}`,
        onValue: (v) => this.shape({ topK: v }),
      })}
      ${this.select(
        'router',
        m.router,
        'router',
        c.router,
        ROUTERS.map((r) => [r, m.routerOption(routerInfo(r).name, routerInfo(r).source)]),
        (v) => this.shape({ router: v }),
      )}
      ${
        c.router === 'expert-choice'
          ? nothing
          : html`${this.select(
              'gate-norm',
              m.gateNorm,
              'gateNorm',
              c.gateNorm,
              GATE_NORMS.map((g) => [g, m.gateNormOption[g]]),
              (v) => this.shape({ gateNorm: v }),
            )}
            <p class="lead">${m.gateNormLead}</p>
            ${
              c.topK === 1 && c.gateNorm === 'chosen'
                ? html`<p class="note" role="note">${m.top1NoLearn}</p>
                  <button class="switch-rule" @click=${() => this.shape({ gateNorm: 'all' })}>${m.useSwitchRule}</button>`
                : nothing
            }`
      }
      ${this.slider({
        id: 'layers',
        label: m.layers,
        min: 1,
        max: 4,
        value: c.layers,
        valueText: String(c.layers),
        field: 'layers',
        live: false,
        preview: (v) => `${v}`,
        onValue: (v) => this.shape({ layers: v }),
      })}
      <div class="row">
        <label for="seed">${m.seed}</label><span></span>
        <input id="seed" type="number" min="0" max="4294967295" step="1" .value=${live(String(c.seed))} aria-describedby=${this.problemOf('seed') ? 'seed-problem' : nothing}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value.trim();
            this.shape({ seed: raw === '' ? Number.NaN : Number(raw) });
          }} />
        ${this.problemLine('seed', 'seed')}
      </div>
      ${others.map((p) => html`<p class="problem" role="alert">${localized(p)}</p>`)}
    </fieldset>`;
  }

  override render() {
    if (!this.config || !this.settings) return nothing;
    return html`${this.trainingFields(this.settings)} ${this.balancingFields(this.settings)} ${this.shapeFields(this.config)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-controls': TrainingControls;
  }
}
