/**
 * The simulator's controls: sliders and selects with visible labels and values, playback buttons.
 * It only sends intent up (config-change, view-change, command); the shell validates and answers
 * with new properties. A refused change shows its message next to its control.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { GATE_NORMS, GRANULARITIES, LIMITS, ROUTERS, type ConfigProblem, type MoeConfig } from '../../core/config';
import type { Hideable } from '../../state/view';
import { CommandEvent, ConfigChangeEvent, ViewChangeEvent, type Command } from '../shared/events';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { routerInfo } from '../routing/router-info';
import { CAPACITY_STOPS, capacityStop } from '../routing/capacity-stops';
import { blockStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';

interface SliderSpec {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  valueText: string;
  field?: keyof MoeConfig;
  disabled?: boolean;
  hint?: string;
  onInput: (v: number) => void;
}

@customElement('control-panel')
export class ControlPanel extends LitElement {
  @property({ attribute: false }) config!: MoeConfig;
  @property({ type: Number }) gamma = 0;
  @property({ type: Number }) speed = 1;
  @property({ type: Number }) biasSteps = 0;
  @property({ type: Boolean }) playing = false;
  @property({ attribute: false }) problems: readonly ConfigProblem[] = [];
  @property({ attribute: false }) hide: readonly Hideable[] = [];
  /** Presenter mode's bar: only Previous, Next, Play and the routed-experts and top-k sliders, in one row. */
  @property({ type: Boolean }) compact = false;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    fieldset { border: var(--moe-line, 1px) solid var(--moe-border); border-radius: 0.5rem; margin: 0 0 var(--moe-sp-7); padding: var(--moe-sp-5) var(--moe-sp-7) var(--moe-sp-2); }
    legend { font-weight: 700; padding: 0 var(--moe-sp-2); }
    .row { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: var(--moe-sp-1) var(--moe-sp-5); margin-bottom: var(--moe-sp-6); }
    label { font-weight: 600; font-size: var(--moe-fs-base); }
    output { font-variant-numeric: tabular-nums; font-weight: 600; min-width: 3.5rem; text-align: right; }
    input[type='range'], select, input[type='number'] { grid-column: 1 / -1; width: 100%; font: inherit; box-sizing: border-box; min-height: 1.6rem; }
    .hint { grid-column: 1 / -1; font-size: var(--moe-fs-s); color: var(--moe-muted, var(--moe-text-5)); margin: 0; }
    .problem { grid-column: 1 / -1; color: var(--moe-error); font-size: var(--moe-fs-m); font-weight: 600; margin: var(--moe-sp-1) 0 0; }
    .buttons { display: flex; flex-wrap: wrap; gap: var(--moe-sp-4); margin-bottom: var(--moe-sp-5); }
    button { font: inherit; padding: var(--moe-sp-3) var(--moe-sp-7); min-height: 2.2rem; }
    :is(button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    .compact { display: flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-4) var(--moe-sp-10); }
    .compact .buttons, .compact .row { margin: 0; }
    .compact .row { flex: 1 1 14rem; }
    .compact button { font-weight: 700; min-height: 2.6rem; }
  `,
  ];

  private isOff(key: Hideable): boolean {
    return this.hide.includes(key);
  }

  private problemFor(field: keyof MoeConfig | undefined): ConfigProblem | undefined {
    return field ? this.problems.find((p) => p.field === field) : undefined;
  }

  private change(change: Partial<Record<keyof MoeConfig, unknown>>): void {
    this.dispatchEvent(new ConfigChangeEvent(change));
  }

  private view(change: ConstructorParameters<typeof ViewChangeEvent>[0]): void {
    this.dispatchEvent(new ViewChangeEvent(change));
  }

  private command(c: Command): void {
    this.dispatchEvent(new CommandEvent(c));
  }

  private problemLine(field: keyof MoeConfig | undefined, id: string): TemplateResult | typeof nothing {
    const p = this.problemFor(field);
    return p ? html`<p class="problem" role="alert" id=${`${id}-problem`}>${localized(p)}</p>` : nothing;
  }

  private slider(s: SliderSpec): TemplateResult {
    const problem = this.problemFor(s.field);
    return html`<div class="row">
      <label for=${s.id}>${s.label}</label>
      <output for=${s.id} id=${`${s.id}-value`}>${s.valueText}</output>
      <input
        id=${s.id}
        type="range"
        min=${s.min}
        max=${s.max}
        step=${s.step}
        .value=${String(s.value)}
        aria-valuetext=${s.valueText}
        aria-describedby=${problem ? `${s.id}-problem` : nothing}
        ?disabled=${s.disabled ?? false}
        @input=${(e: Event) => s.onInput(Number((e.target as HTMLInputElement).value))}
      />
      ${s.hint ? html`<p class="hint">${s.hint}</p>` : nothing} ${this.problemLine(s.field, s.id)}
    </div>`;
  }

  private select(
    id: string,
    label: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
    field?: keyof MoeConfig,
  ): TemplateResult {
    return html`<div class="row">
      <label for=${id}>${label}</label><span></span>
      <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
      ${this.problemLine(field, id)}
    </div>`;
  }

  /** The routed-experts and top-k sliders (the model's shape; in presenter mode, the teacher's bar). */
  private countSliders(c: MoeConfig): TemplateResult {
    const t = simWords().controls;
    return html`${
      this.isOff('experts')
        ? nothing
        : this.slider({
            id: 'experts',
            label: t.routedExperts,
            min: 1,
            max: LIMITS.maxRoutedExperts,
            step: 1,
            value: c.routedExperts,
            valueText: String(c.routedExperts),
            field: 'routedExperts',
            onInput: (v) => this.change({ routedExperts: v }),
          })
    }
    ${
      this.isOff('topk')
        ? nothing
        : this.slider({
            id: 'topk',
            label: t.topK,
            min: 1,
            max: Math.max(1, Math.min(LIMITS.maxTopK, c.routedExperts)),
            step: 1,
            value: c.topK,
            valueText: String(c.topK),
            field: 'topK',
            onInput: (v) => this.change({ topK: v }),
          })
    }`;
  }

  private shapeControls(c: MoeConfig): TemplateResult {
    const m = c.granularity;
    const t = simWords().controls;
    return html`<fieldset>
      <legend>${t.modelShape}</legend>
      ${this.countSliders(c)}
      ${
        this.isOff('shared')
          ? nothing
          : this.slider({
              id: 'shared',
              label: t.sharedExperts,
              min: 0,
              max: LIMITS.maxShared,
              step: 1,
              value: c.sharedExperts,
              valueText: String(c.sharedExperts),
              field: 'sharedExperts',
              onInput: (v) => this.change({ sharedExperts: v }),
            })
      }
      ${
        this.isOff('granularity')
          ? nothing
          : this.select(
              'granularity',
              t.granularity,
              String(m),
              GRANULARITIES.map((g) => [String(g), g === 1 ? t.wholeExperts : t.splitInto(g)]),
              (v) => this.change({ granularity: Number(v) }),
              'granularity',
            )
      }
      ${m > 1 && !this.isOff('granularity') ? html`<p class="hint">${t.smallExperts(c.routedExperts * m, c.topK * m)}</p>` : nothing}
      ${
        this.isOff('layers')
          ? nothing
          : this.slider({
              id: 'layers',
              label: t.layers,
              min: 1,
              max: LIMITS.maxLayers,
              step: 1,
              value: c.layers,
              valueText: String(c.layers),
              field: 'layers',
              onInput: (v) => this.change({ layers: v }),
            })
      }
    </fieldset>`;
  }

  private routingControls(c: MoeConfig): TemplateResult {
    const t = simWords().controls;
    const cfText = c.capacityFactor === null ? t.noLimit : c.capacityFactor.toFixed(2);
    const sigmoid = c.router === 'sigmoid-bias';
    const experts = c.routedExperts * c.granularity;
    return html`<fieldset>
      <legend>${t.routing}</legend>
      ${
        this.isOff('router')
          ? nothing
          : this.select(
              'router',
              t.router,
              c.router,
              ROUTERS.map((r) => [r, t.routerOption(routerInfo(r).name, routerInfo(r).source)]),
              (v) => this.change({ router: v }),
              'router',
            )
      }
      ${
        this.isOff('router') || c.router === 'expert-choice'
          ? nothing
          : html`${this.select(
              'gate-norm',
              t.gateNorm,
              c.gateNorm,
              GATE_NORMS.map((g) => [g, t.gateNormOption[g]]),
              (v) => this.change({ gateNorm: v }),
              'gateNorm',
            )}
            <p class="hint">${t.gateNormHint(c.gateNorm, c.topK * c.granularity)}</p>`
      }
      ${
        this.isOff('router') || !sigmoid
          ? nothing
          : html`${this.slider({ id: 'groups', label: t.groups, min: 1, max: Math.min(16, experts), step: 1, value: c.nGroup, valueText: String(c.nGroup), field: 'nGroup', onInput: (v) => this.change({ nGroup: v, topkGroup: Math.min(c.topkGroup, v) }) })}
          ${this.slider({ id: 'topk-group', label: t.groupsPerToken, min: 1, max: c.nGroup, step: 1, value: c.topkGroup, valueText: String(c.topkGroup), field: 'topkGroup', onInput: (v) => this.change({ topkGroup: v }) })}`
      }
      ${
        this.isOff('noise')
          ? nothing
          : this.slider({
              id: 'noise',
              label: t.noise,
              min: 0,
              max: 4,
              step: 0.1,
              value: c.routerNoise,
              valueText: c.routerNoise.toFixed(1),
              field: 'routerNoise',
              disabled: c.router !== 'noisy-topk',
              hint: c.router === 'noisy-topk' ? undefined : t.noiseHint,
              onInput: (v) => this.change({ routerNoise: v }),
            })
      }
      ${
        this.isOff('capacity')
          ? nothing
          : this.slider({
              id: 'capacity',
              label: t.capacity,
              min: 0,
              max: CAPACITY_STOPS.length - 1,
              step: 1,
              value: capacityStop(c.capacityFactor),
              valueText: cfText,
              field: 'capacityFactor',
              onInput: (i) => this.change({ capacityFactor: CAPACITY_STOPS[i] ?? null }),
            })
      }
      ${
        this.isOff('gamma')
          ? nothing
          : this.slider({
              id: 'gamma',
              label: t.gamma,
              min: 0,
              max: 0.1,
              step: 0.005,
              value: this.gamma,
              valueText: this.gamma.toFixed(3),
              disabled: !sigmoid,
              hint: sigmoid ? t.biasUpdates(this.biasSteps) : t.gammaHint,
              onInput: (v) => this.view({ gamma: v }),
            })
      }
      ${
        this.isOff('seed')
          ? nothing
          : html`<div class="row">
            <label for="seed">${t.seed}</label><span></span>
            <input id="seed" type="number" min="0" max="4294967295" step="1" .value=${String(c.seed)} aria-describedby=${this.problemFor('seed') ? 'seed-problem' : nothing}
              @change=${(e: Event) => this.change({ seed: (e.target as HTMLInputElement).value.trim() === '' ? Number.NaN : Number((e.target as HTMLInputElement).value) })} />
            ${this.problemLine('seed', 'seed')}
          </div>`
      }
    </fieldset>`;
  }

  /** Previous, Next and Play/Pause. */
  private stepButtons(): TemplateResult {
    const t = simWords().controls;
    return html`<button @click=${() => this.command('previous')}>${t.previous}</button>
      <button @click=${() => this.command('next')}>${t.next}</button>
      ${this.isOff('play') ? nothing : html`<button @click=${() => this.command('toggle-play')} aria-pressed=${this.playing ? 'true' : 'false'}>${this.playing ? t.pause : t.play}</button>`}`;
  }

  private playControls(): TemplateResult {
    const sigmoid = this.config.router === 'sigmoid-bias';
    const t = simWords().controls;
    return html`<fieldset>
      <legend>${t.stepThrough}</legend>
      <div class="buttons">
        ${this.stepButtons()}
        <button @click=${() => this.command('reset')}>${t.reset}</button>
        ${sigmoid && !this.isOff('gamma') ? html`<button @click=${() => this.command('bias-step')} ?disabled=${this.gamma === 0}>${t.biasStep}</button>` : nothing}
      </div>
      ${
        this.isOff('play')
          ? nothing
          : this.slider({
              id: 'speed',
              label: t.speed,
              min: 0.5,
              max: 10,
              step: 0.5,
              value: this.speed,
              valueText: t.perSecond(this.speed),
              onInput: (v) => this.view({ speed: v }),
            })
      }
    </fieldset>`;
  }

  override render() {
    if (!this.config) return nothing;
    if (this.compact)
      return html`<div class="compact"><div class="buttons">${this.stepButtons()}</div>${this.countSliders(this.config)}</div>`;
    return html`${this.playControls()} ${this.shapeControls(this.config)} ${this.routingControls(this.config)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'control-panel': ControlPanel;
  }
}
