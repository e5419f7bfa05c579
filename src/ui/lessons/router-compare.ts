/**
 * Lesson page shell: the same sentence and seed routed by each of the four routers, side by side,
 * with each router's load and balance. Shows that the router's rule, not the model, decides who works.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_CONFIG, ROUTERS, validateConfig } from '../../core/config';
import { DEFAULT_SENTENCE, PRESET_SENTENCES } from '../../core/corpus';
import { startBrowserBackend } from '../../state/backend';
import { LatestRunner } from '../../state/latest-runner';
import { routeEachWithWeights, type WeightedRouterRun } from '../../state/compare';
import type { LoadResult } from '../../state/trained-weights';
import { WEIGHTS_MODES, type WeightsMode } from '../../state/view';
import { ignoredNotice, NOT_UNDERSTOOD } from '../../state/link-notices';
import { withKeptKeys } from '../../state/lang';
import { otherKeyNotices, type LinkNotice } from '../../state/url';
import { formatCount, formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { routerInfo } from '../routing/router-info';
import { PageController } from '../shared/page-controller';
import { a11yStyles } from '../shared/shared-styles';
import '../shared/lang-switch';
import '../shared/theme-switch';
import '../routing/load-bars';
import '../routing/token-strip';
import { commonWords } from '../i18n/common';
import { routersWords } from '../i18n/routers';
import { pageSearch } from '../../state/page-url';

@customElement('router-compare')
export class RouterCompare extends LitElement {
  @property() sentence = DEFAULT_SENTENCE;
  @property({ type: Number }) seed = DEFAULT_CONFIG.seed;
  @state() private runs: WeightedRouterRun[] = [];
  /** Trained (each router's checkpoint) or the seed's random weights; `w=random` in the link. */
  @state() private weights: WeightsMode = 'trained';
  /** The checkpoints fetched so far, by id. */
  private readonly checkpoints = new Map<string, LoadResult>();
  /** The refused seed's problem (the message from src/core, shown in the page's language). */
  @state() private seedProblem: CoreMessage | string | null = null;
  /** The opening link's keys this page does not take (it has none of its own but presenter mode), worded at render. */
  private readonly linkIgnored: LinkNotice[] = otherKeyNotices(pageSearch(), ['present', 'w']);
  private readonly i18n = new LocaleController(this);
  /** Routes the sentence with each router; held until the backend is chosen. */
  private readonly runner = new LatestRunner<{ seed: number; sentence: string; weights: WeightsMode }>(
    async ({ seed, sentence, weights }, ctx) => {
      const runs = await routeEachWithWeights(ROUTERS, { ...DEFAULT_CONFIG, seed }, sentence, weights, this.checkpoints);
      if (!ctx.stale()) this.runs = runs;
    },
    { held: true },
  );
  private readonly page = new PageController(this, {
    title: () => routersWords().pageTitle,
    start: startBrowserBackend,
    started: () => {
      this.runner.release();
      return this.rerun();
    },
    idle: () => this.runner.idle(),
  });

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 76rem; margin: 0 auto; padding: var(--moe-sp-8); font-family: var(--moe-font); color: var(--moe-text); }
    .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
    h1 { margin: var(--moe-sp-3) 0; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: var(--moe-sp-8); }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8); background: var(--moe-surface); }
    h2 { font-size: var(--moe-fs-1); margin: 0; }
    .src { color: var(--moe-text-5); font-size: var(--moe-fs-m); }
    code { font-size: var(--moe-fs-m); display: block; margin: var(--moe-sp-3) 0; }
    p { margin: var(--moe-sp-3) 0; }
    .controls { display: flex; flex-wrap: wrap; gap: var(--moe-sp-7); align-items: end; margin-bottom: var(--moe-sp-8); }
    label { display: flex; flex-direction: column; font-weight: 600; gap: var(--moe-sp-2); min-width: 0; max-width: 100%; }
    input, select { font: inherit; padding: var(--moe-sp-2); max-width: 100%; }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-5) var(--moe-sp-7); border-radius: 0.4rem; }
    .problem { color: var(--moe-error); font-weight: 600; }
    fieldset.weights { display: flex; gap: var(--moe-sp-5); border: 1px solid var(--moe-border); border-radius: 0.4rem; padding: var(--moe-sp-2) var(--moe-sp-5); margin: 0; }
    fieldset.weights legend { font-weight: 600; }
    label.radio { flex-direction: row; align-items: center; font-weight: 400; gap: var(--moe-sp-2); }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    const w = new URLSearchParams(pageSearch()).get('w');
    if (w !== null) {
      if ((WEIGHTS_MODES as readonly string[]).includes(w)) this.weights = w as WeightsMode;
      else this.linkIgnored.push(ignoredNotice('w', w, NOT_UNDERSTOOD, 'trained'));
    }
  }

  private rerun(): Promise<void> {
    return this.runner.request({ seed: this.seed, sentence: this.sentence, weights: this.weights });
  }

  private onWeights(weights: WeightsMode): void {
    if (weights === this.weights) return;
    this.weights = weights;
    void this.rerun();
  }

  /** Resolves when the runs match the inputs and the page has rendered them. */
  settled(): Promise<void> {
    return this.page.settled();
  }

  private onSeed(e: Event): void {
    const value = Number((e.target as HTMLInputElement).value);
    const checked = validateConfig({ seed: value });
    if (!checked.ok) {
      this.seedProblem = checked.problems[0] ?? routersWords().invalidSeed;
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
    const m = routersWords();
    return html`
      <nav aria-label=${m.siteNav}><a href=${`../index.html${withKeptKeys('', pageSearch())}`}>← ${commonWords().home}</a></nav>
      <div class="title-row">
        <h1>${m.title}</h1>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </div>
      <p>${m.intro(this.seed)}</p>
      <p class="gate-rule">${m.gateRule}</p>
      ${this.page.renderLinkNotices(this.linkIgnored)}
      ${this.page.renderBackendNotice()}
      <div class="controls">
        <label>${m.sentence}
          <select translate="no" @change=${this.onSentence}>
            ${PRESET_SENTENCES.map((s) => html`<option ?selected=${s === this.sentence} .value=${s}>${s}</option>`)}
          </select>
        </label>
        <label>${m.seed} <input type="number" min="0" step="1" .value=${String(this.seed)} @change=${this.onSeed} /></label>
        <fieldset class="weights">
          <legend>${m.weights}</legend>
          ${WEIGHTS_MODES.map(
            (w) =>
              html`<label class="radio"><input type="radio" name="weights" .checked=${this.weights === w} @change=${() => this.onWeights(w)} />${w === 'trained' ? m.trained : m.random}</label>`,
          )}
        </fieldset>
        ${this.seedProblem ? html`<span class="problem" role="alert">${localized(this.seedProblem)}</span>` : nothing}
      </div>
      <p class="weights-note">${this.weights === 'trained' ? m.trainedNote : m.randomNote}</p>
      ${this.runs.length === 0 ? html`<p role="status">${m.routing}</p>` : nothing}
      <div class="grid">
        ${this.runs.map((run) => this.renderRun(run))}
      </div>
    `;
  }

  /** Why a router could not run, in the page's language (its problems one by one when state gives them). */
  private problemText(run: WeightedRouterRun): string {
    return run.problems.map((p) => localized(p)).join('; ');
  }

  private renderRun(run: WeightedRouterRun) {
    const m = routersWords();
    const info = routerInfo(run.router);
    const t = run.trace;
    const layer = t?.layers[0];
    return html`<section aria-label=${info.name}>
      <h2>${info.name}</h2>
      <span class="src">${info.source}</span>
      <code>${info.formula}</code>
      <p>${info.words}</p>
      <p class="src">${run.weights === 'trained' ? m.runTrained : this.weights === 'trained' ? m.runNoCheckpoint(this.seed) : m.runRandom(this.seed)}</p>
      ${run.problems.length ? html`<p class="problem">${this.problemText(run)}</p>` : nothing}
      ${
        t && layer
          ? html`<token-strip .tokens=${t.tokens} .routing=${layer.tokens} .current=${-1}></token-strip>
            <load-bars .experts=${layer.experts} .capacity=${layer.capacity} label=${m.tokensPerExpert(info.name)}></load-bars>
            <p>${m.summary(layer.balance.maxOverMean.toFixed(2), layer.skippedTokens, formatCount(t.params.activeMean), formatCount(t.params.total), formatPercent(t.params.activeMean / t.params.total))}</p>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'router-compare': RouterCompare;
  }
}
