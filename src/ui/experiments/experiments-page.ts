/**
 * The experiments page (issue 16): seven routing analyses from the MoE papers, run live on the page's
 * model. Owns the simulator (for its weights: trained checkpoint, random, or a "Train this shape"
 * run, and its tokenizer) and the experiment runner; keeps x, e, k, L, seed, w, layer, word and text
 * in the URL; hands plain data to <experiment-result>.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ROUTERS, type MoeConfig } from '../../core/config';
import { startBrowserBackend } from '../../state/backend';
import { ExperimentRunner } from '../../state/experiment-runner';
import { EXPERIMENT_STEPS, type ExperimentResult } from '../../state/experiment-runs';
import { experimentFileName, experimentJson, experimentRows, rowsToCsv } from '../../state/experiment-export';
import {
  decodeExperimentsView,
  encodeExperimentsView,
  EXPERIMENT_IDS,
  MAX_WORD_CHARS,
  TRAINING_EXPERIMENTS,
  type ExperimentId,
  type ExperimentsView,
} from '../../state/experiments-url';
import { withKeptKeys } from '../../state/lang';
import { initialState, Simulator } from '../../state/simulator';
import { MAX_TEXT_CHARS } from '../../state/url';
import { defaultView } from '../../state/view';
import { commonWords } from '../i18n/common';
import { experimentsWords } from '../i18n/experiments';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import type { TrainShapeEvent, WeightsModeEvent } from '../shared/events';
import { PageController, type Diagnostics } from '../shared/page-controller';
import { tfjsDiagnostics } from '../shared/tfjs-diagnostics';
import { a11yStyles } from '../shared/shared-styles';
import { downloadBlob } from '../simulator/export-menu';
import { shownWeightsStatus } from '../simulator/shown-weights-status';
import { routerInfo } from '../routing/router-info';
import '../shared/lang-switch';
import '../shared/theme-switch';
import '../simulator/weights-control';
import './experiment-result';

type ConfigField = 'routedExperts' | 'topK' | 'layers' | 'seed';

@customElement('experiments-page')
export class ExperimentsPage extends LitElement {
  private readonly sim = new Simulator(initialState(), { held: true });
  private readonly runner = new ExperimentRunner();
  private readonly page = new PageController(this, {
    title: () => experimentsWords().pageTitle,
    start: startBrowserBackend,
    started: async (backend) => {
      this.sim.setBackend(backend);
      await this.sim.refresh();
      this.requestRun();
    },
    query: () => encodeExperimentsView(this.view),
    idle: async () => {
      await this.sim.idle();
      this.requestRun();
      await this.runner.idle();
    },
    diagnostics: tfjsDiagnostics,
  });
  private readonly i18n = new LocaleController(this);
  private readonly ignored: { key: string; value: string }[];
  @state() private experiment: ExperimentId = 'words';
  @state() private layer = 0;
  @state() private word = '';
  @state() private text = '';

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 100rem; margin: 0 auto; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-10); font-family: var(--moe-font); color: var(--moe-text); line-height: 1.45; }
    header { margin-bottom: var(--moe-sp-6); }
    .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
    h1 { margin: 0; font-size: var(--moe-fs-2xl); }
    nav { margin-top: var(--moe-sp-3); }
    .intro { max-width: 62rem; margin: var(--moe-sp-4) 0; }
    .layout { display: grid; grid-template-columns: minmax(15rem, 19rem) minmax(0, 1fr); gap: var(--moe-sp-8); align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-8); background: var(--moe-surface); min-width: 0; }
    .controls { display: grid; gap: var(--moe-sp-6); }
    fieldset { border: 1px solid var(--moe-border); border-radius: 0.4rem; padding: var(--moe-sp-3) var(--moe-sp-5) var(--moe-sp-5); margin: 0; min-width: 0; }
    legend { font-weight: 600; padding: 0 var(--moe-sp-2); }
    .choices { display: grid; gap: var(--moe-sp-2); }
    .choices label { display: flex; gap: var(--moe-sp-3); align-items: baseline; padding: var(--moe-sp-2) var(--moe-sp-3); border-radius: 0.3rem; cursor: pointer; }
    .choices label.on { background: var(--moe-accent); color: var(--moe-on-accent); font-weight: 600; }
    .fields { display: grid; grid-template-columns: 1fr 6rem; gap: var(--moe-sp-3) var(--moe-sp-4); align-items: center; }
    .fields input, .fields select { font: inherit; min-height: 2rem; width: 100%; box-sizing: border-box; }
    .fields .wide { grid-column: 1 / -1; }
    .problem { grid-column: 1 / -1; color: var(--moe-error); font-weight: 600; margin: 0; }
    h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-5); }
    h3 { font-size: var(--moe-fs-1); margin: var(--moe-sp-7) 0 var(--moe-sp-3); }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--moe-sp-2) var(--moe-sp-6); margin: 0 0 var(--moe-sp-5); }
    dt { font-weight: 600; }
    dd { margin: 0; }
    .formula { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: var(--moe-fs-base); }
    .caption { color: var(--moe-text-3); max-width: 62rem; }
    .status { min-height: 1.6rem; display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-6); align-items: center; color: var(--moe-text-4); }
    progress { width: 16rem; max-width: 100%; height: 1rem; }
    .own { display: grid; gap: var(--moe-sp-3); margin-bottom: var(--moe-sp-5); }
    textarea, .own input { font: inherit; width: 100%; box-sizing: border-box; }
    .hint { color: var(--moe-text-4); font-size: var(--moe-fs-base); margin: 0; }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: var(--moe-sp-5) 0; }
    .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
    .exports { display: flex; flex-wrap: wrap; gap: var(--moe-sp-4); margin-top: var(--moe-sp-6); }
    .exports button { font: inherit; min-height: 2rem; padding: var(--moe-sp-2) var(--moe-sp-6); }
  `,
  ];

  constructor() {
    super();
    const { view, notices, ignored } = decodeExperimentsView(location.search);
    this.ignored = ignored.filter((i) => i.key !== 'present');
    this.experiment = view.experiment;
    this.layer = Math.min(view.layer, view.config.layers - 1);
    this.word = view.word;
    this.text = view.text;
    this.sim.load(
      { ...defaultView(), config: view.config, text: this.firstLine(view.text), weights: view.weights, layer: this.layer },
      notices,
    );
    this.page.watch(this.sim.store, () => this.requestRun());
    this.page.watch(this.runner);
  }

  override disconnectedCallback(): void {
    this.sim.dispose();
    this.runner.dispose();
    super.disconnectedCallback();
  }

  /** The view on screen (what the URL holds). */
  get view(): ExperimentsView {
    const s = this.sim.state;
    return { experiment: this.experiment, config: s.config, weights: s.weights, layer: this.layer, word: this.word, text: this.text };
  }

  /** The result on screen (read-only), for tests. */
  get result(): ExperimentResult | null {
    return this.runner.result;
  }

  /** Milliseconds the last experiment took (the bench reads it). */
  get lastMs(): number {
    return this.runner.lastMs;
  }

  /** Resolves when the model and the experiment have caught up with the view and everything is rendered. */
  settled(): Promise<void> {
    return this.page.settled();
  }

  diagnostics(): Diagnostics {
    return this.page.diagnostics();
  }

  /** The simulator routes one line (its sentence panel is not shown here; it loads the weights). */
  private firstLine(text: string): string {
    return text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  }

  /** Asks for the experiment of the current view, once the weights it needs are known. */
  private requestRun(): void {
    if (this.page.starting) return;
    const s = this.sim.state;
    const trains = TRAINING_EXPERIMENTS.includes(this.experiment);
    if (!trains && s.weights === 'trained' && (s.weightsStatus.kind === 'loading' || s.weightsStatus.kind === 'training')) return;
    void this.runner.request({
      experiment: this.experiment,
      config: s.config,
      model: this.sim.sweepModel(),
      word: this.word,
      text: this.text,
    });
  }

  private choose(experiment: ExperimentId): void {
    this.experiment = experiment;
    this.requestRun();
  }

  private setConfig(field: ConfigField, raw: string): void {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    void this.sim.setConfig({ [field]: value } as Partial<Record<keyof MoeConfig, unknown>>).then(() => {
      this.layer = Math.min(this.layer, this.sim.state.config.layers - 1);
      this.requestRun();
    });
  }

  private setRouter(router: string): void {
    void this.sim.setConfig({ router }).then(() => this.requestRun());
  }

  private setLayer(raw: string): void {
    this.layer = Math.max(0, Math.min(Number(raw) || 0, this.sim.state.config.layers - 1));
  }

  private setWord(raw: string): void {
    this.word = raw.trim().toLowerCase().slice(0, MAX_WORD_CHARS);
    this.requestRun();
  }

  private setText(raw: string): void {
    this.text = raw.slice(0, MAX_TEXT_CHARS);
    void this.sim.setText(this.firstLine(this.text));
    this.requestRun();
  }

  private download(kind: 'csv' | 'json'): void {
    const r = this.runner.result;
    if (!r) return;
    const body = kind === 'csv' ? rowsToCsv(experimentRows(r)) : experimentJson(r, this.view);
    downloadBlob(
      new Blob([body], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }),
      experimentFileName(this.view, kind),
    );
  }

  private renderHeader() {
    const m = experimentsWords();
    return html`<header>
      <div class="title-row">
        <h1>${m.title}</h1>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </div>
      <nav aria-label=${commonWords().siteName}><a href=${`../index.html${withKeptKeys('', location.search)}`}>← ${commonWords().home}</a></nav>
      <p class="intro">${m.intro}</p>
    </header>`;
  }

  private renderNotices() {
    const s = this.sim.state;
    const m = experimentsWords();
    const ignored = this.ignored.map((i) => m.ignoredKey(i.key, i.value.slice(0, 24)));
    const others = s.problems.filter((p) => !['routedExperts', 'topK', 'layers', 'seed'].includes(p.field ?? ''));
    return html`${this.page.renderLinkNotices(s.notices, ignored, 'link-notice')} ${this.page.renderBackendNotice()}
      ${others.length ? html`<p class="notice error" role="alert">${others.map((p) => localized(p)).join(' ')}</p>` : nothing}`;
  }

  private renderChoices() {
    const m = experimentsWords();
    return html`<fieldset>
      <legend>${m.experiment}</legend>
      <div class="choices">
        ${EXPERIMENT_IDS.map(
          (id, i) =>
            html`<label class=${id === this.experiment ? 'on' : ''}
              ><input type="radio" name="experiment" .checked=${id === this.experiment} @change=${() => this.choose(id)} /><span>${i + 1}. ${m.cards[id].title}</span></label
            >`,
        )}
      </div>
    </fieldset>`;
  }

  private renderModel() {
    const m = experimentsWords();
    const s = this.sim.state;
    const c = s.config;
    const field = (id: ConfigField, label: string, value: number, min: number, max: number) => {
      const problems = s.problems.filter((p) => p.field === id);
      return html`<label for=${id}>${label}</label>
        <input id=${id} type="number" min=${min} max=${max} step="1" .value=${String(value)} aria-invalid=${problems.length ? 'true' : 'false'}
          aria-describedby=${problems.length ? `${id}-problem` : nothing} @change=${(e: Event) => this.setConfig(id, (e.target as HTMLInputElement).value)} />
        ${problems.length ? html`<p class="problem" role="alert" id=${`${id}-problem`}>${problems.map((p) => localized(p)).join('; ')}</p>` : nothing}`;
    };
    return html`<fieldset>
      <legend>${m.model}</legend>
      <div class="fields">
        ${field('routedExperts', m.experts, c.routedExperts, 1, 64)} ${field('topK', m.topK, c.topK, 1, 8)} ${field('layers', m.layers, c.layers, 1, 4)}
        ${field('seed', m.seed, c.seed, 0, 4294967295)}
        <label for="router" class="wide">${m.router}</label>
        <select id="router" class="wide" @change=${(e: Event) => this.setRouter((e.target as HTMLSelectElement).value)}>
          ${ROUTERS.map((r) => html`<option value=${r} ?selected=${r === c.router}>${routerInfo(r).name}</option>`)}
        </select>
        <label for="layer">${m.layer}</label>
        <select id="layer" .value=${String(this.layer)} @change=${(e: Event) => this.setLayer((e.target as HTMLSelectElement).value)}>
          ${Array.from({ length: c.layers }, (_, l) => html`<option value=${l} ?selected=${l === this.layer}>${m.layerOption(l)}</option>`)}
        </select>
      </div>
    </fieldset>`;
  }

  private renderOwn() {
    const m = experimentsWords();
    const r = this.runner.result;
    const words =
      r?.experiment === 'same-word'
        ? r.words
            .filter((w) => /^\p{L}[\p{L}'-]*$/u.test(w.word))
            .slice(0, 12)
            .map((w) => w.word)
        : [];
    return html`<div class="own">
      <label for="own-text">${m.ownSentences}</label>
      <textarea id="own-text" rows="3" maxlength=${MAX_TEXT_CHARS} .value=${this.text} @change=${(e: Event) => this.setText((e.target as HTMLTextAreaElement).value)}></textarea>
      <label for="word">${m.word}</label>
      <input id="word" type="text" maxlength=${MAX_WORD_CHARS} list="words" .value=${this.word} @change=${(e: Event) => this.setWord((e.target as HTMLInputElement).value)} />
      <datalist id="words">${words.map((w) => html`<option value=${w}></option>`)}</datalist>
      ${words.length ? html`<p class="hint">${m.wordHint} <span translate="no">${words.join(', ')}</span></p>` : nothing}
    </div>`;
  }

  private renderStatus() {
    const m = experimentsWords();
    const p = this.runner.progress;
    const trains = TRAINING_EXPERIMENTS.includes(this.experiment);
    const line = this.page.starting
      ? m.starting
      : p
        ? trains
          ? m.training(p.done, p.total)
          : m.running(p.done, p.total)
        : this.runner.result
          ? m.measuredIn((this.runner.lastMs / 1000).toFixed(2))
          : '';
    return html`<div class="status">
      <span role="status" id="run-status">${line}</span>
      ${p ? html`<progress aria-label=${m.progressLabel} max=${p.total} .value=${p.done}></progress>` : nothing}
    </div>
    ${this.runner.error ? html`<p class="notice error" role="alert">${m.failed(this.runner.error)}</p>` : nothing}`;
  }

  private renderExperiment() {
    const m = experimentsWords();
    const card = m.cards[this.experiment];
    const n = EXPERIMENT_IDS.indexOf(this.experiment) + 1;
    const s = this.sim.state;
    const trains = TRAINING_EXPERIMENTS.includes(this.experiment);
    const r = this.runner.result;
    const shown = r && r.experiment === this.experiment ? r : null;
    return html`<section aria-labelledby="experiment-h">
      <h2 id="experiment-h">${n}. ${card.title}</h2>
      ${
        trains
          ? html`<p class="hint">${m.trainsOwn(EXPERIMENT_STEPS)}</p>`
          : html`<weights-control .mode=${s.weights} .status=${shownWeightsStatus(s)} @weights-mode=${(e: WeightsModeEvent) => void this.sim.setWeights(e.mode)}
            @train-shape=${(e: TrainShapeEvent) => void (e.cancel ? this.sim.cancelTraining() : this.sim.trainShape())}></weights-control>`
      }
      ${this.experiment === 'same-word' ? this.renderOwn() : nothing} ${this.renderStatus()}
      <p class="caption">${card.caption}</p>
      <experiment-result .result=${shown} .layer=${this.layer} .trained=${s.weights === 'trained' && s.weightsStatus.kind === 'trained'}></experiment-result>
      <h3>${m.howMeasured}</h3>
      <dl>
        <dt>${m.source}</dt><dd>${card.source}</dd>
        <dt>${m.formula}</dt><dd class="formula">${card.formula}</dd>
        <dt>${m.baseline}</dt><dd>${card.baseline}</dd>
      </dl>
      ${
        shown && (shown.experiment !== 'compute' || shown.done)
          ? html`<div class="exports">
            <button type="button" @click=${() => this.download('csv')}>${m.exportCsv}</button>
            <button type="button" @click=${() => this.download('json')}>${m.exportJson}</button>
          </div>`
          : nothing
      }
    </section>`;
  }

  override render() {
    return html`${this.renderHeader()}
      <main aria-label=${experimentsWords().pageLabel}>
        ${this.renderNotices()}
        <div class="layout">
          <div class="controls">${this.renderChoices()} ${this.renderModel()}</div>
          ${this.renderExperiment()}
        </div>
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiments-page': ExperimentsPage;
  }
}
