/**
 * Lesson page shell: capacity and dropped tokens. Starts tfjs, owns the simulator (one sentence at
 * the page's settings) and the capacity sweep (every built-in sentence at each factor), keeps
 * e, k, cf, r, seed and text in the URL, and hands plain data to the leaves.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { MoeConfig } from '../../core/config';
import { SENTENCES } from '../../core/corpus';
import { MAX_TOKENS } from '../../core/tokenizer';
import type { Trace } from '../../core/trace';
import { startBrowserBackend } from '../../state/backend';
import { CapacitySweeper, type SweepPoint } from '../../state/capacity-sweep';
import { decodeCapacityView, encodeCapacityView } from '../../state/capacity-url';
import { withKeptKeys } from '../../state/lang';
import { initialState, Simulator } from '../../state/simulator';
import { defaultView } from '../../state/view';
import type { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { PageController } from '../shared/page-controller';
import { a11yStyles } from '../shared/shared-styles';
import './capacity-controls';
import './capacity-sweep-chart';
import './drop-summary';
import './imbalance-note';
import '../shared/lang-switch';
import '../shared/theme-switch';
import '../routing/load-bars';
import '../routing/token-strip';
import { capacityPageWords } from '../i18n/capacity-page';
import { commonWords } from '../i18n/common';

@customElement('capacity-page')
export class CapacityPage extends LitElement {
  private readonly sim = new Simulator(initialState(), { held: true });
  private readonly sweeper = new CapacitySweeper();
  private readonly page = new PageController(this, {
    title: () => capacityPageWords().pageTitle,
    start: startBrowserBackend,
    started: async (backend) => {
      this.sim.setBackend(backend);
      await this.sim.refresh();
      this.lastConfig = this.sim.state.config;
      const model = this.sim.sweepModel();
      this.lastWeights = model.id;
      void this.sweeper.request(this.lastConfig, model);
    },
    query: () => encodeCapacityView({ config: this.sim.state.config, text: this.sim.state.text }),
    idle: async () => {
      await this.sim.idle();
      await this.sweeper.idle();
    },
  });
  private readonly i18n = new LocaleController(this);
  /** Link keys this page has no control for. */
  private readonly ignored: { key: string; value: string }[];
  private lastConfig: MoeConfig | null = null;
  private lastWeights = '';

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 76rem; margin: 0 auto; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-10); font-family: var(--moe-font); color: var(--moe-text); line-height: 1.45; }
    header { margin-bottom: var(--moe-sp-6); }
    .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
    h1 { margin: 0; font-size: var(--moe-fs-2xl); }
    nav { margin-top: var(--moe-sp-3); }
    .intro p { max-width: 62rem; margin: var(--moe-sp-4) 0; }
    .formula { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: var(--moe-fs-1); background: var(--moe-surface); border-left: 4px solid var(--moe-accent); padding: var(--moe-sp-3) var(--moe-sp-7); display: table; margin: var(--moe-sp-3) 0; }
    q { font-style: italic; }
    .sources { font-size: var(--moe-fs-m); color: var(--moe-text-4); }
    section, aside { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-8); background: var(--moe-surface); margin: var(--moe-sp-8) 0; min-width: 0; }
    aside { border-left: 5px solid var(--moe-warn); background: var(--moe-highlight-2); }
    h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-5); }
    h3 { font-size: var(--moe-fs-1); margin: var(--moe-sp-8) 0 var(--moe-sp-3); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); max-width: 62rem; margin: var(--moe-sp-3) 0; }
    .status { font-size: var(--moe-fs-base); color: var(--moe-text-4); }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: var(--moe-sp-5) 0; }
    .notice ul { margin: var(--moe-sp-2) 0 0; padding-left: var(--moe-sp-9); }
    .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
    capacity-controls { margin-bottom: var(--moe-sp-6); }
    load-bars { max-width: 46rem; }
    token-strip { margin: var(--moe-sp-5) 0; }
  `,
  ];

  constructor() {
    super();
    const { view, notices, ignored } = decodeCapacityView(location.search);
    this.ignored = ignored.filter((i) => i.key !== 'present'); // presenter mode: the page controller's
    this.sim.load({ ...defaultView(), config: view.config, text: view.text }, notices);
    this.page.watch(this.sim.store, () => this.onSimChange());
    this.page.watch(this.sweeper);
  }

  override disconnectedCallback(): void {
    this.sim.dispose();
    this.sweeper.dispose();
    super.disconnectedCallback();
  }

  /** The sentence's trace on screen (read-only), for tests. */
  get trace(): Trace | null {
    return this.sim.state.trace;
  }

  /** The sweep's points on screen (read-only), for tests. */
  get sweep(): readonly SweepPoint[] {
    return this.sweeper.points;
  }

  /** Resolves when the model and the sweep have caught up with the settings and everything is rendered. */
  settled(): Promise<void> {
    return this.page.settled();
  }

  /** Restarts the sweep when the config or the weights (trained ones arriving) changed. */
  private onSimChange(): void {
    const config = this.sim.state.config;
    const model = this.sim.sweepModel();
    if (!this.page.starting && (config !== this.lastConfig || model.id !== this.lastWeights)) {
      this.lastConfig = config;
      this.lastWeights = model.id;
      void this.sweeper.request(config, model);
    }
  }

  private onConfig(e: ConfigChangeEvent): void {
    void this.sim.setConfig(e.change);
  }

  private onView(e: ViewChangeEvent): void {
    if (e.change.text !== undefined) void this.sim.setText(e.change.text);
  }

  private renderHeader() {
    return html`<header>
      <div class="title-row">
        <h1>${capacityPageWords().title}</h1>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </div>
      <nav aria-label=${commonWords().siteName}><a href=${`../index.html${withKeptKeys('', location.search)}`}>← ${commonWords().home}</a></nav>
    </header>`;
  }

  private renderIntro() {
    const m = capacityPageWords().intro;
    return html`<div class="intro">
      <p>${m.capacity} <span class="formula" id="formula">${m.formula}</span> ${m.even}</p>
      <p>${m.dropped}</p>
      <p>${m.why} ${m.deepseekBefore}<q>${m.deepseekQuote}</q>${m.deepseekAfter}</p>
    </div>`;
  }

  private renderNotices() {
    const s = this.sim.state;
    const m = capacityPageWords();
    const ignored = this.ignored.map((i) => m.ignoredKey(i.key, i.value.slice(0, 24)));
    // The seed's problems are shown next to its box (capacity-controls); any other here.
    const others = s.problems.filter((p) => p.field !== 'seed');
    return html`${this.page.renderLinkNotices(s.notices, ignored, 'link-notice')}
      ${s.textCut ? html`<p class="notice" role="status">${localized(s.textCut)}</p>` : nothing}
      ${this.page.renderBackendNotice()}
      ${s.error ? html`<p class="notice error" role="alert">${m.live.modelFailed(localized(s.error))}</p>` : nothing}
      ${others.length ? html`<p class="notice error" role="alert">${others.map((p) => localized(p)).join(' ')}</p>` : nothing}`;
  }

  private renderLive() {
    const s = this.sim.state;
    const m = capacityPageWords().live;
    const t = s.trace;
    const layer = t?.layers[0] ?? null;
    return html`<section aria-labelledby="live-h">
      <h2 id="live-h">${m.title}</h2>
      <capacity-controls .config=${s.config} .text=${s.text} .problems=${s.problems} @config-change=${this.onConfig} @view-change=${this.onView}></capacity-controls>
      ${this.page.starting && !t ? html`<p role="status">${m.starting}</p>` : nothing}
      ${t?.truncated ? html`<p class="notice" role="status">${m.truncated(MAX_TOKENS)}</p>` : nothing}
      ${t && t.tokens.length === 0 ? html`<p class="notice" role="status">${m.noTokens}</p>` : nothing}
      <drop-summary .layer=${layer} .config=${t?.config ?? null} role="status"></drop-summary>
      <token-strip .tokens=${t?.tokens ?? []} .routing=${layer?.tokens ?? []} .current=${-1}></token-strip>
      <p class="caption">${m.tokensCaption}</p>
      ${
        layer && layer.tokens.length > 0
          ? html`<load-bars .experts=${layer.experts} .capacity=${layer.capacity} label=${m.loadLabel}></load-bars>
            <p class="caption">${m.loadCaption}</p>`
          : nothing
      }
    </section>`;
  }

  private renderSweep() {
    const m = capacityPageWords().sweep;
    const p = this.sweeper.progress;
    const points = this.sweeper.points;
    const runs = points.reduce((a, pt) => a + pt.batches, 0);
    const expertChoice = this.sim.state.config.router === 'expert-choice';
    return html`<section aria-labelledby="sweep-h">
      <h2 id="sweep-h">${m.title(SENTENCES.length)}</h2>
      <p class="caption">${expertChoice ? m.captionExpertChoice(SENTENCES.length) : m.caption(SENTENCES.length)}</p>
      <p class="status" role="status" id="sweep-status">${p ? m.measuring(p.done, p.total) : points.length ? m.measured(runs) : ''}</p>
      ${this.sweeper.error ? html`<p class="notice error" role="alert">${capacityPageWords().live.modelFailed(localized(this.sweeper.error))}</p>` : nothing}
      <capacity-sweep-chart .points=${points} .current=${this.sim.state.config.capacityFactor} measure=${expertChoice ? 'skipped' : 'dropped'}></capacity-sweep-chart>
    </section>`;
  }

  private renderNote() {
    const s = this.sim.state;
    const m = capacityPageWords().note;
    const t = s.trace;
    return html`<aside aria-labelledby="note-h">
      <h2 id="note-h">${m.title}</h2>
      <imbalance-note .layer=${t?.layers[0] ?? null} .config=${t?.config ?? null} .atOne=${this.sweeper.points.find((p) => p.factor === 1) ?? null}></imbalance-note>
    </aside>`;
  }

  override render() {
    return html`${this.renderHeader()}
      <main aria-label=${capacityPageWords().pageLabel}>
        ${this.renderIntro()} ${this.renderNotices()} ${this.renderLive()} ${this.renderSweep()} ${this.renderNote()}
        <p class="sources">${capacityPageWords().intro.sources}</p>
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'capacity-page': CapacityPage;
  }
}
