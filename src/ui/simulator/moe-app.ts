/**
 * The shell of the main page: starts tfjs, owns the simulator, keeps the view in the URL and hands
 * plain data to the panels. Keyboard: ← → step, Space play/pause, Home/End first/last token.
 */
import { getBackend, memory } from '@tensorflow/tfjs-core';
import { css, html, LitElement, nothing } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import { customElement, state } from 'lit/decorators.js';
import { expertShape } from '../../core/config';
import { PRESET_SENTENCES } from '../../core/corpus';
import { MAX_TOKENS } from '../../core/tokenizer';
import type { Trace } from '../../core/trace';
import { preferredBackend, startBrowserBackend } from '../../state/backend';
import { initialState, Simulator, viewOf, type SimState } from '../../state/simulator';
import { langProblem, withKeptKeys } from '../../state/lang';
import { decodeView, encodeView, type LinkNotice } from '../../state/url';
import type { ViewState } from '../../state/view';
import type { CommandEvent, ConfigChangeEvent, TokenSelectEvent, ViewChangeEvent } from '../shared/events';
import { SimulatorController } from './simulator-controller';
import { publishedFacts } from '../../state/lesson-facts';
import { LESSON_PAGES, type LessonPage, type PanelId } from '../../state/lessons';
import type { LessonTour, TourCloseEvent, TourGoEvent } from './lesson-tour';
import { TourController, tourFromQuery } from './tour-controller';
import './lesson-tour';
import { LocaleController, messages } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { linkNotices } from '../shared/link-notices';
import { treeRendered } from '../shared/settled';
import { a11yStyles, pageLayout } from '../shared/shared-styles';
import '../shared/lang-switch';
import '../shared/theme-switch';
import './assignment-matrix';
import './control-panel';
import '../routing/experts-panel';
import './export-menu';
import '../routing/load-panel';
import './param-meter';
import '../routing/router-panel';
import '../routing/token-strip';
import '../i18n/common';
import '../i18n/lessons';
import '../i18n/shell';
import { pageSearch } from '../../state/page-url';
import { replaceQuery } from '../../state/url-sync';

/** A value of one of the main page's own link keys that was not understood. */
interface PageNotice {
  key: 'lesson' | 'lang' | 'present';
  value: string;
}

@customElement('moe-app')
export class MoeApp extends LitElement {
  protected readonly sim = new Simulator(initialState());
  private readonly ctl = new SimulatorController(this, this.sim);
  private readonly i18n = new LocaleController(this);
  /** The guided tour (main page only). */
  protected readonly tour = new TourController(this, this.sim, () => this.scheduleUrl());
  @state() protected starting = true;
  /** Presenter mode: large type, high contrast, fewer panels (`present=1` in the URL). */
  @state() protected presenter = false;
  /** Notices about the page's own keys (lesson=, present=) from the opening link. */
  @state() private pageNotices: PageNotice[] = [];
  private urlTimer: ReturnType<typeof setTimeout> | null = null;

  static override styles = [
    ...a11yStyles,
    pageLayout,
    css`
    section.controls { border: 0; border-radius: 0; padding: 0; background: none; }
    .start-tour { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.8rem; margin: 0.2rem 0 0.6rem; }
    .start-tour button, .title-row button { font: inherit; font-weight: 700; min-height: 2.4rem; padding: 0.3rem 0.9rem; border-radius: 0.35rem; }
    .start-tour button { background: var(--moe-primary); color: var(--moe-on-accent); border: 2px solid var(--moe-primary); }
    .title-row .tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
    .title-row button { background: var(--moe-surface); color: var(--moe-text); border: 2px solid var(--moe-text-4); }
    .title-row button[aria-pressed='true'] { background: var(--moe-text); color: var(--moe-surface); }
    section.tour { border: 3px solid var(--moe-primary); margin-bottom: 1rem; background: var(--moe-info-bg-4); }
    /* On a screen tall and wide enough the tour stays at the top while the page scrolls to the panel
       it points at (which stops below it: scroll-margin-top is the tour's height). */
    @media (min-width: 800px) and (min-height: 640px) {
      section.tour { position: sticky; top: 0; z-index: 2; box-shadow: 0 0.3rem 0.6rem var(--moe-shadow); }
      .highlight { scroll-margin-top: calc(var(--tour-height, 0px) + 0.75rem); }
    }
    .highlight { outline: 4px solid var(--moe-primary); outline-offset: 3px; }
    .look { display: inline-block; margin: 0 0 0.4rem; padding: 0.1rem 0.5rem; border-radius: 0.3rem; background: var(--moe-primary); color: var(--moe-on-accent); font-weight: 700; font-size: 0.9rem; }
    .look::before { content: '▶ '; }
    .meter.highlight { display: block; border-radius: 0.3rem; }
    /* Presenter mode: the page's root font is larger (index.html), lines thicker, text black, and only
       the panels a lesson needs: controls, load, matrix and captions show only when the tour points at them. */
    :host([presenter]) { --moe-muted: var(--moe-ink); --moe-line: 2px; --moe-stroke: 3px; max-width: none; color: var(--moe-ink); }
    :host([presenter]) section { border: 3px solid var(--moe-ink); }
    :host([presenter]) section.tour { border: 4px solid var(--moe-primary); }
    :host([presenter]) header > p, :host([presenter]) nav, :host([presenter]) .caption, :host([presenter]) export-menu { display: none; }
    :host([presenter]) :is(section.controls, section.load, section.matrix):not(.highlight) { display: none; }
    :host([presenter]) .layout { grid-template-columns: minmax(0, 1fr); }
    :host([presenter]) .layout:has(section.controls.highlight) { grid-template-columns: minmax(18rem, 24rem) minmax(0, 1fr); }
    :host([presenter]) .highlight { outline-width: 6px; }
    /* At a projector's width the tour sits in its own column and stays in view while the page scrolls
       to the panel it points at. */
    @media (min-width: 1400px) {
      :host([presenter]) .stage:has(section.tour) { display: grid; grid-template-columns: minmax(22rem, 30rem) minmax(0, 1fr); gap: 1rem; align-items: start; }
      :host([presenter]) section.tour { position: sticky; top: 0.5rem; margin: 0; }
      :host([presenter]) .highlight { scroll-margin-top: 0.5rem; }
    }
  `,
  ];

  /** Where the page's view comes from: the address bar (the embeddable <moe-lab> reads attributes). */
  protected initialView(): { view: ViewState; notices: (string | LinkNotice)[] } {
    const { view, codedNotices } = decodeView(pageSearch());
    return { view, notices: codedNotices };
  }

  /** The link "Copy link" copies: this page with the current view (and lesson, language). */
  protected shareUrl(): string {
    return new URL(this.pageQuery(), location.href).href;
  }

  /** Called once the first model run is on screen (an embedded element re-reads its attributes). */
  protected afterStart(): void {}

  /** Whether the view is kept in the address bar (not when embedded in someone else's page). */
  protected get keepsUrl(): boolean {
    return true;
  }

  /** Where the step keys are heard: the whole page, or only the element itself when embedded. */
  protected get keyTarget(): EventTarget {
    return window;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.starting) {
      const { view, notices } = this.initialView();
      this.sim.load(view, notices);
      if (this.keepsUrl) this.openFromLink();
    }
    this.keyTarget.addEventListener('keydown', this.onKey as EventListener);
    this.sim.addEventListener('change', this.onSimChange);
    void this.start();
  }

  override disconnectedCallback(): void {
    this.keyTarget.removeEventListener('keydown', this.onKey as EventListener);
    this.sim.removeEventListener('change', this.onSimChange);
    this.sim.dispose();
    super.disconnectedCallback();
  }

  /** The lesson step and presenter mode of the opening link. */
  private openFromLink(): void {
    const link = tourFromQuery(pageSearch());
    const notices: PageNotice[] = [];
    if (link.problem !== null) notices.push({ key: 'lesson', value: link.problem.slice(0, 24) });
    // The lesson's view is loaded now; it first runs in start(), once the backend is chosen.
    if (link.ref) this.tour.open(link.ref, !link.viewInLink);
    const lang = langProblem(pageSearch());
    if (lang !== null) notices.push({ key: 'lang', value: lang.slice(0, 24) });
    const present = new URLSearchParams(pageSearch()).get('present');
    this.presenter = present === '1';
    if (present !== null && present !== '1' && present !== '0') notices.push({ key: 'present', value: present.slice(0, 24) });
    this.pageNotices = notices;
  }

  private async start(): Promise<void> {
    this.sim.setBackend(await startBrowserBackend(preferredBackend(pageSearch())));
    await this.sim.refresh();
    this.starting = false;
    this.afterStart();
  }

  /** The trace on screen (read-only), for embedding pages and tests. */
  get trace(): Trace | null {
    return this.sim.state.trace;
  }

  /**
   * Resolves when the model has caught up with the latest input and every panel has rendered it.
   * Used by the end-to-end tests and the browser benchmark to time "input to updated view".
   */
  async settled(): Promise<void> {
    await this.sim.idle();
    await treeRendered(this);
  }

  /** Live tfjs tensors and their bytes, and the backend they live on, for the soak benchmark and the tests. */
  diagnostics(): { tensors: number; bytes: number; backend: string } {
    const m = memory();
    return { tensors: m.numTensors, bytes: m.numBytes, backend: getBackend() };
  }

  /** Keeps the address bar in step with the view, at most four times a second. */
  private readonly onSimChange = (): void => this.scheduleUrl();

  private scheduleUrl(): void {
    if (!this.keepsUrl || this.urlTimer !== null) return;
    this.urlTimer = setTimeout(() => {
      this.urlTimer = null;
      const query = this.pageQuery();
      replaceQuery(query);
    }, 250);
  }

  /** The page's whole address-bar query: the view, the kept keys, the lesson step, presenter mode. */
  private pageQuery(): string {
    const extra = [this.tour.query, this.presenter ? 'present=1' : ''].filter(Boolean).join('&');
    return withKeptKeys(encodeView(viewOf(this.sim.state)), pageSearch()) + (extra ? `&${extra}` : '');
  }

  private togglePresenter(): void {
    this.presenter = !this.presenter;
    this.scheduleUrl();
  }

  private async startTour(): Promise<void> {
    await this.tour.go({ lesson: 0, step: 0 });
    await this.updateComplete;
    this.renderRoot.querySelector<LessonTour>('lesson-tour')?.focusNext();
  }

  private async closeTour(e: TourCloseEvent): Promise<void> {
    this.tour.close(e.finished);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.start-tour button')?.focus();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement) {
      // Keys that the focused control uses itself: typing and sliders, scrolling a wide table, and
      // Space on anything Space activates (buttons, links, a table's <summary>).
      if (target.closest('input, textarea, select, [role="region"][tabindex]')) return;
      if (e.key === ' ' && target.closest('button, a, summary')) return;
    }
    const moves: Record<string, () => void> = {
      ArrowRight: () => this.sim.step(1),
      ArrowLeft: () => this.sim.step(-1),
      Home: () => this.sim.goTo(0),
      End: () => this.sim.goTo(Number.MAX_SAFE_INTEGER),
      ' ': () => this.sim.togglePlay(),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };

  private onCommand(e: CommandEvent): void {
    const s = this.sim;
    const run: Record<CommandEvent['command'], () => unknown> = {
      previous: () => s.step(-1),
      next: () => s.step(1),
      first: () => s.goTo(0),
      last: () => s.goTo(Number.MAX_SAFE_INTEGER),
      'toggle-play': () => s.togglePlay(),
      reset: () => s.reset(),
      'bias-step': () => s.biasStep(),
    };
    void run[e.command]();
  }

  private onView(e: ViewChangeEvent): void {
    const c = e.change;
    if (c.gamma !== undefined) void this.sim.setGamma(c.gamma);
    if (c.speed !== undefined) this.sim.setSpeed(c.speed);
    if (c.layer !== undefined) this.sim.setLayer(c.layer);
    if (c.text !== undefined) void this.sim.setText(c.text);
  }

  private renderSentence() {
    const s = this.ctl.sim.state;
    const t = s.trace;
    const m = this.msg;
    const layer = t?.layers[s.layer] ?? null;
    const hidden = s.hide.includes('sentence');
    const conceal = this.tour.concealFrom;
    const routing = layer?.tokens ?? [];
    return html`<section class="wide ${this.hl('tokens')}" aria-labelledby="tokens-h">
      ${this.look('tokens')}
      <h2 id="tokens-h">${m.tokensTitle}</h2>
      ${
        hidden
          ? nothing
          : html`<div class="sentence">
            <label>${m.sentence}
              <input type="text" .value=${s.text} maxlength="2000" @change=${(e: Event) => void this.sim.setText((e.target as HTMLInputElement).value)} />
            </label>
            <label>${m.presets}
              <select translate="no" @change=${(e: Event) => void this.sim.setText((e.target as HTMLSelectElement).value)}>
                <option value="" disabled ?selected=${!PRESET_SENTENCES.includes(s.text)} translate="yes">${m.chooseSentence}</option>
                ${PRESET_SENTENCES.map((p) => html`<option .value=${p} ?selected=${p === s.text}>${p}</option>`)}
              </select>
            </label>
          </div>`
      }
      ${s.textCut ? html`<p class="notice" role="status">${localized(s.textCut)}</p>` : nothing}
      ${t?.truncated ? html`<p class="notice" role="status">${m.truncated(MAX_TOKENS)}</p>` : nothing}
      ${t && t.tokens.length === 0 ? html`<p class="notice" role="status">${m.noTokens}</p>` : nothing}
      <token-strip .tokens=${t?.tokens ?? []} .routing=${conceal === null ? routing : routing.slice(0, conceal)} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></token-strip>
      ${
        s.config.layers > 1
          ? html`<p><label>${m.layerShown}
            <select @change=${(e: Event) => this.sim.setLayer(Number((e.target as HTMLSelectElement).value))}>
              ${Array.from({ length: s.config.layers }, (_, l) => html`<option value=${l} ?selected=${l === s.layer}>${m.layerOption(l + 1, s.config.layers)}</option>`)}
            </select></label> ${m.layerHint}</p>`
          : nothing
      }
      <div class="meter ${this.hl('meter')}">${this.look('meter')}<param-meter .trace=${t} .current=${s.position}></param-meter></div>
      <export-menu
        .trace=${t}
        .position=${s.position}
        .layer=${s.layer}
        .view=${viewOf(s)}
        .url=${this.shareUrl()}
      ></export-menu>
      <p class="caption">${m.tokensCaption}</p>
    </section>`;
  }

  protected override willUpdate(): void {
    if (this.keepsUrl) document.title = this.msg.pageTitle;
    this.toggleAttribute('presenter', this.presenter);
    if (this.keepsUrl) document.documentElement.classList.toggle('presenter', this.presenter);
  }

  protected override updated(): void {
    // Once per step, and again when a prediction's answer makes the tour taller.
    const key = this.tour.ref ? `${this.tour.ref.lesson}.${this.tour.ref.step}.${this.tour.revealed}` : '';
    if (key === this.scrolledFor || this.starting || !this.sim.state.trace) return;
    this.scrolledFor = key;
    void this.followTour(key !== '');
  }

  /** The page follows the tour to the panel it points at (the tour stays in view: sticky, or its own column). */
  private async followTour(open: boolean): Promise<void> {
    await this.renderRoot.querySelector<LessonTour>('lesson-tour')?.updateComplete; // its height, with any answer
    const tour = this.renderRoot.querySelector<HTMLElement>('section.tour');
    this.style.setProperty('--tour-height', `${tour?.offsetHeight ?? 0}px`);
    const panel = this.renderRoot.querySelector('.highlight');
    if (!open || !tour || !panel || getComputedStyle(tour).position !== 'sticky') return;
    // Scroll only when the panel's top is hidden under the tour or low on the screen.
    const top = panel.getBoundingClientRect().top;
    const below = tour.getBoundingClientRect().bottom;
    if (top < below || top > below + (innerHeight - below) * 0.5) panel.scrollIntoView({ block: 'start' });
  }

  private scrolledFor = '';

  /** Class and marker of a panel the tour is talking about. */
  private hl(panel: PanelId): string {
    return this.tour.panel === panel ? 'highlight' : '';
  }

  private look(panel: PanelId) {
    return this.tour.panel === panel ? html`<p class="look">${messages().lessons.lookHere}</p>` : nothing;
  }

  private renderTour() {
    const ref = this.tour.ref;
    if (!this.keepsUrl) return nothing;
    if (!ref) {
      return this.tour.finished ? html`<p class="notice" role="status">${messages().lessons.finished}</p>` : nothing;
    }
    const facts = this.tour.facts;
    return html`<section class="tour" aria-label=${messages().lessons.region}>
      <lesson-tour
        .ref=${ref}
        .facts=${facts}
        .published=${publishedFacts()}
        .answer=${this.tour.answer}
        .predictWord=${this.tour.predictWord}
        .linkQuery=${withKeptKeys('', pageSearch())}
        @tour-go=${(e: TourGoEvent) => void this.tour.go(e.ref)}
        @tour-close=${(e: TourCloseEvent) => void this.closeTour(e)}
        @tour-check=${() => this.tour.check()}
      ></lesson-tour>
    </section>`;
  }

  override render() {
    const s = this.ctl.sim.state;
    // Embedded in someone else's page the element is a region, not the page's header and main.
    const main = this.keepsUrl ? literal`main` : literal`section`;
    return staticHtml`
      ${this.keepsUrl ? this.renderHeader(s) : nothing}
      <${main} aria-label=${this.msg.simulatorLabel}>
        ${this.renderBody(s)}
      </${main}>
    `;
  }

  /** A notice about the page's own link keys, worded when shown (so it follows a language switch). */
  private pageNoticeText(n: PageNotice): string {
    if (n.key === 'lesson') return messages().lessons.badLink(n.value);
    if (n.key === 'lang') return messages().common.langIgnored(n.value);
    return messages().common.presentIgnored(n.value);
  }

  /** The messages of the page's language, for this component. */
  protected get msg() {
    return messages().shell;
  }

  private renderHeader(s: SimState) {
    const shape = expertShape(s.config);
    const m = this.msg;
    // Each page keeps the language (and backend); the scale page also takes this view's toy.
    const href = (page: LessonPage) => LESSON_PAGES[page] + withKeptKeys(page === 'scale' ? encodeView(viewOf(s)) : '', pageSearch());
    return html`
      <header>
        <div class="title-row">
          <h1>${messages().common.siteName}</h1>
          <div class="tools">
            <button aria-pressed=${this.presenter ? 'true' : 'false'} title=${messages().common.presenterHint} @click=${this.togglePresenter}>${messages().common.presenter}</button>
            <lang-switch></lang-switch><theme-switch></theme-switch>
          </div>
        </div>
        <p>${m.intro(shape.active, shape.experts, shape.shared)}</p>
        ${
          this.tour.ref
            ? nothing
            : html`<div class="start-tour"><button @click=${() => void this.startTour()}>${messages().lessons.start}</button><span>${messages().lessons.startHint}</span></div>`
        }
        <nav aria-label=${m.lessonsNav}>
          ${(Object.keys(LESSON_PAGES) as LessonPage[]).map((page) => html`<a href=${href(page)}>${m.links[page]}</a>`)}
        </nav>
      </header>
    `;
  }

  private renderBody(s: SimState) {
    const t = s.trace;
    const layer = t?.layers[s.layer] ?? null;
    const shape = expertShape(s.config);
    const tok = t?.tokens[s.position] ?? null;
    return html`
        ${linkNotices(s.notices, { extra: this.pageNotices.map((n) => this.pageNoticeText(n)) })}
        ${s.backend?.notice ? html`<p class="notice" role="alert">${localized(s.backend.codedNotice ?? s.backend.notice)}</p>` : nothing}
        ${s.error ? html`<p class="notice error" role="alert">${this.msg.modelFailed(s.error)}</p>` : nothing}
        ${this.starting && !t ? html`<p role="status">${this.msg.starting}</p>` : nothing}
        <div class="stage">
        ${this.renderTour()}
        <div class="layout">
          <section class="controls ${this.hl('controls')}" aria-label=${this.msg.controlsLabel}>
            ${this.look('controls')}
            <control-panel
              .config=${s.config}
              .gamma=${s.gamma}
              .speed=${s.speed}
              .biasSteps=${s.biasSteps}
              .playing=${s.playing}
              .problems=${s.problems}
              .hide=${s.hide}
              @config-change=${(e: ConfigChangeEvent) => void this.sim.setConfig(e.change)}
              @view-change=${this.onView}
              @command=${this.onCommand}
            ></control-panel>
            <p class="caption">${this.msg.backendKeys(s.backend?.name ?? '…')}</p>
          </section>
          <div class="panels">
            ${this.renderSentence()}
            <section class=${this.hl('router')} aria-labelledby="router-h">
              ${this.look('router')}
              <h2 id="router-h">${this.msg.routerTitle(tok?.text ?? '')}</h2>
              <router-panel .routing=${layer?.tokens[s.position] ?? null} .router=${s.config.router} .gateNorm=${s.config.gateNorm} .bias=${layer?.bias} .groupSize=${shape.groupSize} .token=${tok}></router-panel>
            </section>
            <section class=${this.hl('experts')} aria-labelledby="experts-h">
              ${this.look('experts')}
              <h2 id="experts-h">${this.msg.expertsTitle}</h2>
              <experts-panel .layer=${layer} .current=${s.position} .sharedExperts=${shape.shared} .sharedParams=${t?.params.sharedExpert ?? 0}></experts-panel>
            </section>
            <section class="load ${this.hl('load')}" aria-labelledby="load-h">
              ${this.look('load')}
              <h2 id="load-h">${this.msg.loadTitle}</h2>
              <load-panel .layer=${layer}></load-panel>
            </section>
            <section class="matrix ${this.hl('matrix')}" aria-labelledby="matrix-h">
              ${this.look('matrix')}
              <h2 id="matrix-h">${this.msg.matrixTitle}</h2>
              <assignment-matrix .tokens=${this.tour.concealFrom === null ? (t?.tokens ?? []) : (t?.tokens ?? []).slice(0, this.tour.concealFrom)} .layer=${layer} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></assignment-matrix>
            </section>
          </div>
        </div>
        </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'moe-app': MoeApp;
  }
}
