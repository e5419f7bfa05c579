/**
 * The capacity lesson's controls: sentence (typed or preset), capacity factor (the main page's
 * stops, 0.5 … 4 and no limit), top-k, routed experts, router and seed. Sends intent up
 * (config-change, view-change); refused input gets its message next to its control.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { LIMITS, ROUTERS, type ConfigProblem, type MoeConfig } from '../../core/config';
import { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { routerInfo } from '../routing/router-info';
import { CAPACITY_STOPS, capacityStop } from '../routing/capacity-stops';
import { blockStyles } from '../shared/shared-styles';
import { capacityPageWords } from '../i18n/capacity-page';
import { simWords } from '../i18n/simulator';
import { sentenceFields } from '../shared/sentence-fields';

/** "1", "1.25", "0.5": a factor as written in the formula and the sweep. */
export function formatFactor(cf: number): string {
  return String(Number(cf.toFixed(3)));
}

@customElement('capacity-controls')
export class CapacityControls extends LitElement {
  @property({ attribute: false }) config!: MoeConfig;
  @property() text = '';
  /** Set when the last experts change had to lower top-k. */
  @state() private lowered: number | null = null;
  /**
   * The config's problems with the last change (the page's simulator validates every change, as
   * on the main page); those of the seed are shown next to its box.
   */
  @property({ attribute: false }) problems: readonly ConfigProblem[] = [];
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: var(--moe-sp-6) var(--moe-sp-9); align-items: start; }
    .row { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: var(--moe-sp-1) var(--moe-sp-5); }
    .wide { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: var(--moe-sp-5) var(--moe-sp-8); align-items: end; }
    .wide label { display: flex; flex-direction: column; gap: var(--moe-sp-2); }
    label { font-weight: 600; font-size: var(--moe-fs-base); }
    output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 3.5rem; text-align: right; }
    input[type='range'], .row select, input[type='number'] { grid-column: 1 / -1; width: 100%; font: inherit; box-sizing: border-box; min-height: 1.8rem; }
    input[type='text'] { font: inherit; font-weight: 400; width: min(34rem, 80vw); padding: var(--moe-sp-3); box-sizing: border-box; }
    .wide select { font: inherit; font-weight: 400; padding: var(--moe-sp-3); max-width: min(20rem, 80vw); }
    .problem { grid-column: 1 / -1; color: var(--moe-error); font-size: var(--moe-fs-base); font-weight: 600; margin: var(--moe-sp-1) 0 0; }
    .hint { grid-column: 1 / -1; color: var(--moe-text-4); font-size: var(--moe-fs-base); margin: var(--moe-sp-1) 0 0; }
  `,
  ];

  private change(change: Partial<Record<keyof MoeConfig, unknown>>): void {
    this.dispatchEvent(new ConfigChangeEvent(change));
  }

  private onExperts(v: number): void {
    const k = this.config.topK;
    this.lowered = v < k ? v : null;
    this.change(v < k ? { routedExperts: v, topK: v } : { routedExperts: v });
  }

  /** Sends the typed seed up as it is: the config's validation says what is wrong with it. */
  private onSeed(e: Event): void {
    const raw = (e.target as HTMLInputElement).value.trim();
    this.change({ seed: raw === '' ? Number.NaN : Number(raw) });
  }

  private onText(text: string): void {
    this.dispatchEvent(new ViewChangeEvent({ text }));
  }

  private slider(
    id: string,
    label: string,
    min: number,
    max: number,
    value: number,
    valueText: string,
    onInput: (v: number) => void,
    after: TemplateResult | typeof nothing = nothing,
  ) {
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <output for=${id} id=${`${id}-value`}>${valueText}</output>
      <input id=${id} type="range" min=${min} max=${max} step="1" .value=${live(String(value))} aria-valuetext=${valueText}
        aria-describedby=${after === nothing ? nothing : `${id}-note`}
        @input=${(e: Event) => onInput(Number((e.target as HTMLInputElement).value))} />
      ${after}
    </div>`;
  }

  override render() {
    const c = this.config;
    if (!c) return nothing;
    const m = capacityPageWords().live;
    const cfText = c.capacityFactor === null ? m.noLimit : formatFactor(c.capacityFactor);
    const seedProblems = this.problems.filter((p) => p.field === 'seed');
    const option = simWords().controls.routerOption;
    return html`<div class="grid">
      <div class="wide">
        ${sentenceFields(m, this.text, (text) => this.onText(text), true)}
      </div>
      ${this.slider('capacity', m.capacityFactor, 0, CAPACITY_STOPS.length - 1, capacityStop(c.capacityFactor), cfText, (i) =>
        this.change({ capacityFactor: CAPACITY_STOPS[i] ?? null }),
      )}
      ${this.slider('topk', m.topK, 1, Math.min(LIMITS.maxTopK, c.routedExperts), c.topK, String(c.topK), (v) => {
        this.lowered = null;
        this.change({ topK: v });
      })}
      ${this.slider(
        'experts',
        m.experts,
        1,
        LIMITS.maxRoutedExperts,
        c.routedExperts,
        String(c.routedExperts),
        (v) => this.onExperts(v),
        this.lowered === null ? nothing : html`<p class="hint" role="status" id="experts-note">${m.topKLowered(this.lowered)}</p>`,
      )}
      <div class="row">
        <label for="router">${m.router}</label><span></span>
        <select id="router" @change=${(e: Event) => this.change({ router: (e.target as HTMLSelectElement).value })}>
          ${ROUTERS.map((r) => html`<option value=${r} ?selected=${r === c.router}>${option(routerInfo(r).name, routerInfo(r).source)}</option>`)}
        </select>
      </div>
      <div class="row">
        <label for="seed">${m.seed}</label><span></span>
        <input id="seed" type="number" min="0" max="4294967295" step="1" .value=${String(c.seed)}
          aria-invalid=${seedProblems.length ? 'true' : 'false'} aria-describedby=${seedProblems.length ? 'seed-problem' : nothing}
          @change=${this.onSeed} />
        ${
          seedProblems.length
            ? html`<p class="problem" role="alert" id="seed-problem">${m.seedRefused(seedProblems.map((p) => localized(p)).join('; '))}</p>`
            : nothing
        }
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'capacity-controls': CapacityControls;
  }
}
