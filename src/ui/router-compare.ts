/**
 * Lesson page shell: the same sentence and seed routed by each of the four routers, side by side,
 * with each router's load and balance. Shows that the router's rule, not the model, decides who works.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_CONFIG, ROUTERS, validateConfig } from '../core/config';
import { DEFAULT_SENTENCE, PRESET_SENTENCES } from '../core/corpus';
import { preferredBackend, startBrowserBackend } from '../state/backend';
import { routeWithEach, type RouterRun } from '../state/compare';
import { formatCount, formatPercent } from './format';
import { ROUTER_INFO } from './router-info';
import { a11yStyles } from './shared-styles';
import './load-bars';
import './token-strip';

@customElement('router-compare')
export class RouterCompare extends LitElement {
  @property() sentence = DEFAULT_SENTENCE;
  @property({ type: Number }) seed = DEFAULT_CONFIG.seed;
  @state() private runs: RouterRun[] = [];
  @state() private notice: string | null = null;
  @state() private seedProblem: string | null = null;
  private started = false;

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 76rem; margin: 0 auto; padding: 1rem; font-family: system-ui, sans-serif; color: #111; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.9rem; }
    section { border: 1px solid #ccc; border-radius: 0.5rem; padding: 0.75rem 1rem; background: #fff; }
    h2 { font-size: 1.05rem; margin: 0; }
    .src { color: #555; font-size: 0.85rem; }
    code { font-size: 0.85rem; display: block; margin: 0.3rem 0; }
    p { margin: 0.35rem 0; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 1rem; }
    label { display: flex; flex-direction: column; font-weight: 600; gap: 0.2rem; }
    input, select { font: inherit; padding: 0.25rem; }
    .notice { background: #fff4d6; border: 1px solid #c89b00; padding: 0.5rem 0.75rem; border-radius: 0.4rem; }
    .problem { color: #b3261e; font-weight: 600; }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started) {
      this.started = true;
      void startBrowserBackend(preferredBackend(location.search)).then((b) => {
        this.notice = b.notice;
        return this.rerun();
      });
    }
  }

  private async rerun(): Promise<void> {
    this.runs = await routeWithEach(ROUTERS, { ...DEFAULT_CONFIG, seed: this.seed }, this.sentence);
  }

  private onSeed(e: Event): void {
    const value = Number((e.target as HTMLInputElement).value);
    const checked = validateConfig({ seed: value });
    if (!checked.ok) {
      this.seedProblem = checked.problems[0]?.message ?? 'invalid seed';
      return;
    }
    this.seedProblem = null;
    this.seed = value;
    void this.rerun();
  }

  private onSentence(e: Event): void {
    this.sentence = (e.target as HTMLSelectElement | HTMLInputElement).value;
    void this.rerun();
  }

  override render() {
    return html`
      <h1>Four routers, one sentence</h1>
      <p>The same model weights (seed ${this.seed}) route the same sentence by four different rules. Watch who gets the work.</p>
      ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : nothing}
      <div class="controls">
        <label>Sentence
          <select @change=${this.onSentence}>
            ${PRESET_SENTENCES.map((s) => html`<option ?selected=${s === this.sentence} .value=${s}>${s}</option>`)}
          </select>
        </label>
        <label>Seed <input type="number" min="0" step="1" .value=${String(this.seed)} @change=${this.onSeed} /></label>
        ${this.seedProblem ? html`<span class="problem" role="alert">${this.seedProblem}</span>` : nothing}
      </div>
      ${this.runs.length === 0 ? html`<p role="status">Routing…</p>` : nothing}
      <div class="grid">
        ${this.runs.map((run) => this.renderRun(run))}
      </div>
    `;
  }

  private renderRun(run: RouterRun) {
    const info = ROUTER_INFO[run.router];
    const t = run.trace;
    const layer = t?.layers[0];
    return html`<section aria-label=${info.name}>
      <h2>${info.name}</h2>
      <span class="src">${info.source}</span>
      <code>${info.formula}</code>
      <p>${info.words}</p>
      ${run.problem ? html`<p class="problem">${run.problem}</p>` : nothing}
      ${t && layer
        ? html`<token-strip .tokens=${t.tokens} .routing=${layer.tokens} .current=${-1}></token-strip>
            <load-bars .experts=${layer.experts} .capacity=${layer.capacity} label=${`${info.name}: tokens per expert`}></load-bars>
            <p>
              Busiest expert ${layer.balance.maxOverMean.toFixed(2)}× the mean load; tokens with no expert: ${layer.skippedTokens}.
              Mean active: ${formatCount(t.params.activeMean)} of ${formatCount(t.params.total)} (${formatPercent(t.params.activeMean / t.params.total)}).
            </p>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'router-compare': RouterCompare;
  }
}
