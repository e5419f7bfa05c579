/**
 * The shell of the main page: starts tfjs, owns the simulator, keeps the view in the URL and hands
 * plain data to the panels. Keyboard: ← → step, Space play/pause, Home/End first/last token.
 */
import { memory } from '@tensorflow/tfjs-core';
import { css, html, LitElement, nothing } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import { customElement, state } from 'lit/decorators.js';
import { expertShape } from '../core/config';
import { PRESET_SENTENCES } from '../core/corpus';
import { MAX_TOKENS } from '../core/tokenizer';
import type { Trace } from '../core/trace';
import { preferredBackend, startBrowserBackend } from '../state/backend';
import { initialState, Simulator, viewOf, type SimState } from '../state/simulator';
import { decodeView, encodeView } from '../state/url';
import type { ViewState } from '../state/view';
import type { CommandEvent, ConfigChangeEvent, TokenSelectEvent, ViewChangeEvent } from './events';
import { SimulatorController } from './simulator-controller';
import { a11yStyles, pageLayout } from './shared-styles';
import './assignment-matrix';
import './control-panel';
import './experts-panel';
import './export-menu';
import './load-panel';
import './param-meter';
import './router-panel';
import './token-strip';

@customElement('moe-app')
export class MoeApp extends LitElement {
  protected readonly sim = new Simulator(initialState());
  private readonly ctl = new SimulatorController(this, this.sim);
  @state() protected starting = true;
  private urlTimer: ReturnType<typeof setTimeout> | null = null;

  static override styles = [
    ...a11yStyles,
    pageLayout,
    css`
    section.controls { border: 0; border-radius: 0; padding: 0; background: none; }
  `,
  ];

  /** Where the page's view comes from: the address bar (the embeddable <moe-lab> reads attributes). */
  protected initialView(): { view: ViewState; notices: string[] } {
    return decodeView(location.search);
  }

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

  private async start(): Promise<void> {
    this.sim.setBackend(await startBrowserBackend(preferredBackend(location.search)));
    await this.sim.refresh();
    this.starting = false;
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
    await this.updateComplete;
    // Panels render after the shell, and their own parts after them: wait down the tree.
    let level: ParentNode[] = [this.renderRoot];
    while (level.length > 0) {
      const elements = level.flatMap((root) => [...root.querySelectorAll('*')]).filter((el): el is LitElement => el instanceof LitElement);
      await Promise.all(elements.map((el) => el.updateComplete));
      level = elements.map((el) => el.renderRoot).filter((r): r is ShadowRoot => r instanceof ShadowRoot);
    }
  }

  /** Live tfjs tensors and their bytes, for the soak benchmark and the leak tests. */
  diagnostics(): { tensors: number; bytes: number } {
    const m = memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  }

  /** Keeps the address bar in step with the view, at most four times a second. */
  private readonly onSimChange = (): void => {
    if (!this.keepsUrl || this.urlTimer !== null) return;
    this.urlTimer = setTimeout(() => {
      this.urlTimer = null;
      const extra = new URLSearchParams(location.search).get('backend');
      const query = encodeView(viewOf(this.sim.state)) + (extra ? `&backend=${encodeURIComponent(extra)}` : '');
      if (query !== location.search) history.replaceState(null, '', query);
    }, 250);
  };

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
    const layer = t?.layers[s.layer] ?? null;
    const hidden = s.hide.includes('sentence');
    return html`<section class="wide" aria-labelledby="tokens-h">
      <h2 id="tokens-h">Tokens and their experts</h2>
      ${hidden
        ? nothing
        : html`<div class="sentence">
            <label>Sentence
              <input type="text" .value=${s.text} maxlength="2000" @change=${(e: Event) => void this.sim.setText((e.target as HTMLInputElement).value)} />
            </label>
            <label>Presets
              <select @change=${(e: Event) => void this.sim.setText((e.target as HTMLSelectElement).value)}>
                <option value="" disabled ?selected=${!PRESET_SENTENCES.includes(s.text)}>Choose a sentence…</option>
                ${PRESET_SENTENCES.map((p) => html`<option .value=${p} ?selected=${p === s.text}>${p}</option>`)}
              </select>
            </label>
          </div>`}
      ${t?.truncated ? html`<p class="notice" role="status">Only the first ${MAX_TOKENS} tokens are routed.</p>` : nothing}
      ${t && t.tokens.length === 0 ? html`<p class="notice" role="status">Type a sentence to route: there are no tokens.</p>` : nothing}
      <token-strip .tokens=${t?.tokens ?? []} .routing=${layer?.tokens ?? []} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></token-strip>
      ${s.config.layers > 1
        ? html`<p><label>Layer shown
            <select @change=${(e: Event) => this.sim.setLayer(Number((e.target as HTMLSelectElement).value))}>
              ${Array.from({ length: s.config.layers }, (_, l) => html`<option value=${l} ?selected=${l === s.layer}>Layer ${l + 1} of ${s.config.layers}</option>`)}
            </select></label> Each layer has its own router and experts, so a token can go to different experts at each depth.</p>`
        : nothing}
      <param-meter .trace=${t} .current=${s.position}></param-meter>
      <export-menu
        .trace=${t}
        .position=${s.position}
        .layer=${s.layer}
        .view=${viewOf(s)}
        .url=${new URL(encodeView(viewOf(s)), location.href).href}
      ></export-menu>
      <p class="caption">Each chip is a token, coloured by the expert with its largest weight; the numbers are all its experts (✕ = dropped). Only those experts' parameters did any work for it.</p>
    </section>`;
  }

  override render() {
    const s = this.ctl.sim.state;
    // Embedded in someone else's page the element is a region, not the page's header and main.
    const main = this.keepsUrl ? literal`main` : literal`section`;
    return staticHtml`
      ${this.keepsUrl ? this.renderHeader(s) : nothing}
      <${main} aria-label="moe-lab simulator">
        ${this.renderBody(s)}
      </${main}>
    `;
  }

  private renderHeader(s: SimState) {
    const shape = expertShape(s.config);
    return html`
      <header>
        <h1>moe-lab</h1>
        <p>
          A mixture-of-experts model running in your browser. A router picks ${shape.active} of ${shape.experts} experts for each
          token${shape.shared ? html`, plus ${shape.shared} shared expert${shape.shared > 1 ? 's' : ''} that always run` : nothing}; only those
          run, so only a fraction of the parameters does any work.
        </p>
        <nav aria-label="Lessons">
          <a href="demos/routers.html">Four routers side by side</a>
          <a href="demos/training.html">Live training: watch the experts specialise</a>
          <a href="demos/balance.html">Balancing side by side</a>
          <a href=${`demos/scale.html${encodeView(viewOf(s))}`}>Real scale: your toy vs DeepSeek-V3</a>
          <a href="demos/memory.html">Compressed memory (latent attention)</a>
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
        ${s.notices.length
          ? html`<div class="notice" role="alert">Some settings in the link were not understood and use their defaults:<ul>${s.notices.slice(0, 8).map((n) => html`<li>${n}</li>`)}</ul>${s.notices.length > 8 ? html`…and ${s.notices.length - 8} more.` : nothing}</div>`
          : nothing}
        ${s.backend?.notice ? html`<p class="notice" role="alert">${s.backend.notice}</p>` : nothing}
        ${s.error ? html`<p class="notice error" role="alert">The model could not run: ${s.error}</p>` : nothing}
        ${this.starting && !t ? html`<p role="status">Starting the model…</p>` : nothing}
        <div class="layout">
          <section class="controls" aria-label="Controls">
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
            <p class="caption">Backend: ${s.backend?.name ?? '…'}. Keys: ← → step, Space play/pause, Home/End.</p>
          </section>
          <div class="panels">
            ${this.renderSentence()}
            <section aria-labelledby="router-h">
              <h2 id="router-h">Router: scores for “${tok?.text ?? ''}”</h2>
              <router-panel .routing=${layer?.tokens[s.position] ?? null} .router=${s.config.router} .bias=${layer?.bias} .groupSize=${shape.groupSize} .token=${tok}></router-panel>
            </section>
            <section aria-labelledby="experts-h">
              <h2 id="experts-h">Experts</h2>
              <experts-panel .layer=${layer} .current=${s.position} .sharedExperts=${shape.shared} .sharedParams=${t?.params.sharedExpert ?? 0}></experts-panel>
            </section>
            <section aria-labelledby="load-h">
              <h2 id="load-h">Load per expert</h2>
              <load-panel .layer=${layer}></load-panel>
            </section>
            <section aria-labelledby="matrix-h">
              <h2 id="matrix-h">Whole sentence</h2>
              <assignment-matrix .tokens=${t?.tokens ?? []} .layer=${layer} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></assignment-matrix>
            </section>
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
