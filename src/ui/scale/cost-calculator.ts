/**
 * What training costs: compute ≈ 6 · N · D for the sparse model as built (N = active weights) and
 * for a dense model of the same size (N = all weights), turned into GPU-hours, days on N GPUs and
 * dollars with sliders for tokens, GPU peak, utilisation, GPU count and price. The defaults
 * reproduce DeepSeek-V3's published 2.788M H800 GPU-hours and about $5.58M; the page says that the
 * utilisation default is fitted to do so. The slider values are this view's own state.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScaleModel } from '../../core/scale-model';
import { DEFAULT_UTILISATION, H800_BF16_PEAK_FLOPS, trainingCost, V3_TRAINING, type Cost } from '../../core/training-cost';
import { LocaleController } from '../i18n/locale';
import { richText } from '../shared/math-text';
import { scaled } from './param-breakdown';
import { formatDays, formatDollars, formatExact, formatHours, formatPower, modelInSentence } from './scale-format';
import { blockStyles } from '../shared/shared-styles';
import { scaleWords } from '../i18n/scale';

export interface CostSettings {
  /** Training tokens, in trillions. */
  tokensT: number;
  /** Peak per GPU, TFLOP/s. */
  peakTflops: number;
  /** Utilisation, percent. */
  utilisationPct: number;
  gpus: number;
  price: number;
}

export const DEFAULT_COST: Readonly<CostSettings> = Object.freeze({
  tokensT: V3_TRAINING.tokens / 1e12,
  peakTflops: H800_BF16_PEAK_FLOPS / 1e12,
  utilisationPct: Math.round(DEFAULT_UTILISATION * 10000) / 100,
  gpus: V3_TRAINING.gpus,
  price: V3_TRAINING.pricePerGpuHour,
});

type CostMessages = ReturnType<typeof scaleWords>['cost'];

interface Slider {
  key: keyof CostSettings;
  label: (m: CostMessages) => string;
  min: number;
  max: number;
  step: number;
  show: (v: number, m: CostMessages) => string;
}

const SLIDERS: Slider[] = [
  { key: 'tokensT', label: (m) => m.tokensLabel, min: 0.1, max: 30, step: 0.1, show: (v, m) => m.tokensShow(v.toFixed(1)) },
  { key: 'peakTflops', label: (m) => m.peakLabel, min: 100, max: 2500, step: 1, show: (v, m) => m.peakShow(formatExact(v)) },
  { key: 'utilisationPct', label: (m) => m.utilisationLabel, min: 5, max: 80, step: 0.01, show: (v, m) => m.utilisationShow(v.toFixed(2)) },
  { key: 'gpus', label: (m) => m.gpusLabel, min: 8, max: 16384, step: 8, show: (v, m) => m.gpusShow(formatExact(v)) },
  { key: 'price', label: (m) => m.priceLabel, min: 0.25, max: 10, step: 0.05, show: (v, m) => m.priceShow(v.toFixed(2)) },
];

@customElement('cost-calculator')
export class CostCalculator extends LitElement {
  @property({ attribute: false }) model: ScaleModel | null = null;
  @state() private settings: CostSettings = { ...DEFAULT_COST };
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    p { margin: var(--moe-sp-4) 0; }
    small { font-size: var(--moe-fs-s); }
    .formula { font-size: var(--moe-fs-1); }
    .sliders { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: var(--moe-sp-5) var(--moe-sp-9); margin: var(--moe-sp-6) 0; }
    .slider label { display: block; font-weight: 600; font-size: var(--moe-fs-base); }
    .slider input { width: 100%; }
    .slider output { font-variant-numeric: tabular-nums; font-size: var(--moe-fs-base); }
    table { border-collapse: collapse; width: 100%; font-size: var(--moe-fs-base); margin: var(--moe-sp-5) 0; }
    caption { text-align: left; font-weight: 700; padding-bottom: var(--moe-sp-3); }
    th, td { padding: var(--moe-sp-3) var(--moe-sp-4); border-bottom: 1px solid var(--moe-rule); text-align: left; }
    td { font-variant-numeric: tabular-nums; }
    td.big { font-size: var(--moe-fs-l); font-weight: 700; }
    thead th { vertical-align: bottom; }
    .match { color: var(--moe-ok); font-weight: 600; }
    .published { background: var(--moe-info-bg); border-left: 4px solid var(--moe-accent); padding: var(--moe-sp-3) var(--moe-sp-6); }
    .assume { font-size: var(--moe-fs-m); color: var(--moe-text-3); }
    button { font: inherit; padding: var(--moe-sp-3) var(--moe-sp-7); border-radius: 0.35rem; border: 1px solid var(--moe-text-5); background: var(--moe-surface); cursor: pointer; }
  `,
  ];

  /** The settings in effect; a new model keeps them. */
  get current(): CostSettings {
    return { ...this.settings };
  }

  private costs(m: ScaleModel): { sparse: Cost; dense: Cost; sparseN: number; denseN: number } {
    const s = this.settings;
    const base = {
      tokens: s.tokensT * 1e12,
      peakFlops: s.peakTflops * 1e12,
      utilisation: s.utilisationPct / 100,
      gpus: s.gpus,
      pricePerGpuHour: s.price,
    };
    // The input embedding is a lookup, not a multiplication: it is in neither compute count.
    const sparseN = m.activeWithoutEmbedding;
    const denseN = m.total - m.embedding;
    return { sparse: trainingCost({ params: sparseN, ...base }), dense: trainingCost({ params: denseN, ...base }), sparseN, denseN };
  }

  override render() {
    const m = this.model;
    const t = scaleWords().cost;
    if (!m) return html`<p role="status">${t.noModel}</p>`;
    const s = this.settings;
    const { sparse, dense, sparseN, denseN } = this.costs(m);
    const atDefaults = (Object.keys(DEFAULT_COST) as (keyof CostSettings)[]).every((k) => s[k] === DEFAULT_COST[k]);
    const isV3 = m.modelType === 'deepseek_v3' && m.published !== null;
    const off = (sparse.gpuHours / V3_TRAINING.gpuHours - 1) * 100;
    return html`
      <p class="formula">${richText(t.formula)}</p>
      <div class="sliders">${SLIDERS.map((sl) => this.slider(sl, t))}</div>
      <p><button type="button" @click=${this.reset} ?disabled=${atDefaults}>${t.reset}</button></p>
      <table>
        <caption>${t.caption(modelInSentence(m), s.tokensT.toFixed(1))}</caption>
        <thead>
          <tr><th scope="col"><span class="vh">${t.measure}</span></th><th scope="col">${t.sparse}</th><th scope="col">${t.dense}</th></tr>
        </thead>
        <tbody>
          <tr><th scope="row">${t.weights} <small>${t.weightsNote}</small></th><td>${scaled(sparseN)}</td><td>${scaled(denseN)}</td></tr>
          <tr><th scope="row">${t.compute}</th><td>${formatPower(sparse.flops)}</td><td>${formatPower(dense.flops)}</td></tr>
          <tr><th scope="row">${t.gpuHours}</th><td class="big">${formatHours(sparse.gpuHours)}</td><td class="big">${formatHours(dense.gpuHours)}</td></tr>
          <tr><th scope="row">${t.days(formatExact(s.gpus))}</th><td>${formatDays(sparse.days)}</td><td>${formatDays(dense.days)}</td></tr>
          <tr><th scope="row">${t.costAt(s.price.toFixed(2))}</th><td class="big">${formatDollars(sparse.dollars)}</td><td class="big">${formatDollars(dense.dollars)}</td></tr>
        </tbody>
      </table>
      <p>${richText(t.denseRatio((dense.dollars / sparse.dollars).toFixed(1)))}</p>
      ${
        isV3
          ? html`<p class=${atDefaults ? 'match' : ''} role="status">
            ${atDefaults ? '✓ ' : ''}${t.check(formatHours(sparse.gpuHours), `${off >= 0 ? '+' : '−'}${Math.abs(off).toFixed(2)}%`)}
          </p>`
          : nothing
      }
      ${
        // DeepSeek's published run is the reference line for DeepSeek-V3 only; another model is priced from its own active weights.
        isV3
          ? html`<p class="published">${richText(t.published(formatExact(V3_TRAINING.gpus)))}</p>`
          : html`<p class="other">${t.otherModel(modelInSentence(m))}</p>`
      }
      <p class="assume">${richText(t.assumptions(DEFAULT_COST.utilisationPct.toFixed(2)))}</p>
    `;
  }

  private slider(sl: Slider, t: CostMessages) {
    const v = this.settings[sl.key];
    const id = `cost-${sl.key}`;
    return html`<div class="slider">
      <label for=${id}>${sl.label(t)}</label>
      <input id=${id} type="range" min=${sl.min} max=${sl.max} step=${sl.step} .value=${String(v)} aria-valuetext=${sl.show(v, t)}
        @input=${(e: Event) => this.set(sl.key, Number((e.target as HTMLInputElement).value))} />
      <output for=${id}>${sl.show(v, t)}</output>
    </div>`;
  }

  private set(key: keyof CostSettings, value: number): void {
    if (!Number.isFinite(value)) return;
    this.settings = { ...this.settings, [key]: value };
  }

  private reset(): void {
    this.settings = { ...DEFAULT_COST };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cost-calculator': CostCalculator;
  }
}
