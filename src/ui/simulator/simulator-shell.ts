/**
 * The simulator as a part both of its elements compose: the main page (<moe-app>, moe-app.ts) and
 * the embeddable <moe-lab> (moe-lab.ts). It owns the Simulator (src/state/simulator.ts) and the
 * page skeleton (shared/page-controller.ts: backend, URL, keys, settled, diagnostics), handles the
 * panels' events, and renders the simulator's body: notices, controls and panels. The host adds
 * its own header, tour and link handling around it.
 * Keyboard: ← → step, Space play/pause, Home/End first/last token.
 */
import { html, LitElement, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { expertShape } from '../../core/config';
import { MAX_TOKENS } from '../../core/tokenizer';
import type { Trace } from '../../core/trace';
import { startBrowserBackend } from '../../state/backend';
import type { PanelId } from '../../state/lessons';
import { initialState, Simulator, viewOf, type SimState } from '../../state/simulator';
import { encodeView, type LinkNotice } from '../../state/url';
import type { ViewState } from '../../state/view';

import { localized } from '../i18n/localize-message';
import type {
  CommandEvent,
  ConfigChangeEvent,
  PictureModeEvent,
  TokenSelectEvent,
  TrainShapeEvent,
  ViewChangeEvent,
  WeightsModeEvent,
} from '../shared/events';
import './weights-control';
import { shownWeightsStatus } from './shown-weights-status';
import { linkNotices } from '../shared/link-notices';
import { PageController, type Diagnostics } from '../shared/page-controller';
import { tfjsDiagnostics } from '../shared/tfjs-diagnostics';
import { TourController } from './tour-controller';
import './assignment-matrix';
import './control-panel';
import '../routing/experts-panel';
import '../routing/layers-view';
import './export-menu';
import '../routing/load-panel';
import './param-meter';
import '../routing/router-panel';
import '../routing/flow-picture';
import '../routing/flop-counters';
import '../routing/token-strip';
import { layersWords } from '../i18n/layers-view';
import { lessonsWords } from '../i18n/lessons';
import { shellWords } from '../i18n/shell';
import { flowWords } from '../i18n/flow-picture';
import { sentenceFields } from '../shared/sentence-fields';

export interface ShellOptions {
  /** Whether the element is the page (its address bar, title and keys) or embedded in another page. */
  owns: boolean;
  /** Where the view comes from: the address bar, or the element's attributes. */
  initialView(): { view: ViewState; notices: (string | LinkNotice)[] };
  /** The link "Copy link" copies ('' for none). */
  shareUrl(): string;
  /** Called once the first model run is on screen. */
  started?(): void;
}

export class SimulatorShell implements ReactiveController {
  readonly sim = new Simulator(initialState(), { held: true });
  /** The guided tour (shown on the main page only; elsewhere it stays closed). */
  readonly tour: TourController;
  readonly page: PageController;
  private loaded = false;

  constructor(
    private readonly host: LitElement,
    private readonly options: ShellOptions,
  ) {
    host.addController(this);
    const sim = this.sim;
    this.tour = new TourController(host, sim, () => this.page.syncUrl());
    this.page = new PageController(host, {
      title: () => shellWords().pageTitle,
      ownsPage: () => options.owns,
      start: startBrowserBackend,
      started: async (backend) => {
        sim.setBackend(backend);
        await sim.refresh();
        options.started?.();
      },
      query: () => encodeView(viewOf(sim.state)),
      extraQuery: () => [this.tour.query],
      keys: {
        ArrowRight: () => sim.step(1),
        ArrowLeft: () => sim.step(-1),
        Home: () => sim.goTo(0),
        End: () => sim.goTo(Number.MAX_SAFE_INTEGER),
        ' ': () => sim.togglePlay(),
      },
      idle: () => sim.idle(),
      diagnostics: tfjsDiagnostics,
    });
    this.page.watch(sim.store);
  }

  hostConnected(): void {
    if (this.loaded) return;
    this.loaded = true;
    const { view, notices } = this.options.initialView();
    this.sim.load(view, notices);
  }

  hostDisconnected(): void {
    this.sim.dispose();
  }

  /** The trace on screen (read-only), for embedding pages and tests. */
  get trace(): Trace | null {
    return this.sim.state.trace;
  }

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

  /** Class of a panel the tour is talking about. */
  hl(panel: PanelId): string {
    return this.tour.panel === panel ? 'highlight' : '';
  }

  /** The tour's marker on the panel it is talking about. */
  private look(panel: PanelId) {
    return this.tour.panel === panel ? html`<p class="look">${lessonsWords().lookHere}</p>` : nothing;
  }

  private renderSentence(s: SimState) {
    const t = s.trace;
    const m = shellWords();
    const layer = t?.layers[s.layer] ?? null;
    const conceal = this.tour.concealFrom;
    const routing = layer?.tokens ?? [];
    return html`<section class="wide ${this.hl('tokens')}" aria-labelledby="tokens-h">
      ${this.look('tokens')}
      <h2 id="tokens-h">${m.tokensTitle}</h2>
      ${
        s.hide.includes('sentence')
          ? nothing
          : html`<div class="sentence">${sentenceFields(m, s.text, (text) => void this.sim.setText(text))}</div>`
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
      <p class="caption">${m.tokensCaption}</p>
    </section>`;
  }

  /** The weights switch's status in words the control shows (a failed checkpoint's problem worded here). */
  private onTrainShape(e: TrainShapeEvent): void {
    void (e.cancel ? this.sim.cancelTraining() : this.sim.trainShape());
  }

  /** The picture of the current token's routing (or the whole sentence's), with the parameter meter and the exports. */
  private renderPicture(s: SimState) {
    const t = s.trace;
    return html`<section class="wide picture ${this.hl('picture') || this.hl('meter')}" aria-labelledby="picture-h">
      ${this.look('picture')}
      <h2 id="picture-h" class="vh">${flowWords().title}</h2>
      <weights-control
        .mode=${s.weights}
        .status=${shownWeightsStatus(s)}
        @weights-mode=${(e: WeightsModeEvent) => void this.sim.setWeights(e.mode)}
        @train-shape=${(e: TrainShapeEvent) => this.onTrainShape(e)}
      ></weights-control>
      <flow-picture
        .trace=${t}
        .layer=${s.layer}
        .position=${s.position}
        .duration=${s.playing ? Math.min(800, 800 / s.speed) : 800}
        .mode=${s.picture}
        @picture-mode=${(e: PictureModeEvent) => this.sim.setPicture(e.mode)}
        .freeze=${this.tour.freeze}
        .conceal=${this.tour.concealFrom}
        ?presenter=${this.page.presenter}
      ></flow-picture>
      <div class="numbers">
        <div class="meter">${this.look('meter')}<param-meter .trace=${t} .current=${s.position}></param-meter></div>
        <flop-counters .trace=${t} .current=${s.position}></flop-counters>
      </div>
      <export-menu
        .trace=${t}
        .position=${s.position}
        .layer=${s.layer}
        .view=${viewOf(s)}
        .url=${this.options.shareUrl()}
      ></export-menu>
    </section>`;
  }

  /** The simulator's body: notices (with the host's `extra` ones), the host's `tour`, controls and panels. */
  renderBody(extra: string[], tour: TemplateResult | typeof nothing) {
    const s = this.sim.state;
    const m = shellWords();
    const t = s.trace;
    const layer = t?.layers[s.layer] ?? null;
    const shape = expertShape(s.config);
    const tok = t?.tokens[s.position] ?? null;
    const concealed = this.tour.concealFrom === null ? (t?.tokens ?? []) : (t?.tokens ?? []).slice(0, this.tour.concealFrom);
    return html`
        ${linkNotices(s.notices, { extra })}
        ${this.page.renderBackendNotice()}
        ${s.error ? html`<p class="notice error" role="alert">${m.modelFailed(s.error)}</p>` : nothing}
        ${this.page.starting && !t ? html`<p role="status">${m.starting}</p>` : nothing}
        <div class="stage">
        ${tour}
        <div class="layout">
          <section class="controls ${this.hl('controls')}" aria-label=${m.controlsLabel}>
            ${this.look('controls')}
            <control-panel
              .compact=${this.page.presenter && this.tour.panel !== 'controls'}
              .config=${s.config}
              .gamma=${s.gamma}
              .speed=${s.speed}
              .biasSteps=${s.biasSteps}
              .playing=${s.playing}
              .problems=${s.problems}
              .hide=${s.hide}
              @config-change=${(e: ConfigChangeEvent) => void this.sim.setConfig(e.change)}
              @view-change=${(e: ViewChangeEvent) => this.onView(e)}
              @command=${(e: CommandEvent) => this.onCommand(e)}
            ></control-panel>
            <p class="caption">${m.backendKeys(s.backend?.name ?? '…')}</p>
          </section>
          <div class="panels">
            ${this.renderPicture(s)}
            ${this.renderSentence(s)}
            <section class=${this.hl('router')} aria-labelledby="router-h">
              ${this.look('router')}
              <h2 id="router-h">${m.routerTitle(tok?.text ?? '')}</h2>
              <router-panel .routing=${layer?.tokens[s.position] ?? null} .router=${s.config.router} .gateNorm=${s.config.gateNorm} .bias=${layer?.bias} .groupSize=${shape.groupSize} .token=${tok}></router-panel>
            </section>
            <section class=${this.hl('experts')} aria-labelledby="experts-h">
              ${this.look('experts')}
              <h2 id="experts-h">${m.expertsTitle}</h2>
              <experts-panel .layer=${layer} .current=${s.position} .sharedExperts=${shape.shared} .sharedParams=${t?.params.sharedExpert ?? 0}></experts-panel>
            </section>
            <section class="load ${this.hl('load')}" aria-labelledby="load-h">
              ${this.look('load')}
              <h2 id="load-h">${m.loadTitle}</h2>
              <load-panel .layer=${layer}></load-panel>
            </section>
            <section class="matrix ${this.hl('matrix')}" aria-labelledby="matrix-h">
              ${this.look('matrix')}
              <h2 id="matrix-h">${m.matrixTitle}</h2>
              <assignment-matrix .tokens=${concealed} .layer=${layer} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></assignment-matrix>
            </section>
            ${
              // Hidden while the tour keeps the later tokens' routing back (it would show routing not yet run).
              s.config.layers > 1 && this.tour.concealFrom === null
                ? html`<section class="wide layers" aria-labelledby="layers-h">
                    <h2 id="layers-h">${layersWords().title}</h2>
                    <layers-view .trace=${t} .current=${s.position} @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}></layers-view>
                  </section>`
                : nothing
            }
          </div>
        </div>
        </div>
    `;
  }
}

/**
 * What both simulator elements offer their host page, the end-to-end tests and the benchmarks; each
 * composes its own SimulatorShell (neither element extends the other).
 */
export abstract class SimulatorElement extends LitElement {
  protected abstract readonly shell: SimulatorShell;

  /** The trace on screen (read-only). */
  get trace(): Trace | null {
    return this.shell.trace;
  }

  /** Resolves when the model has caught up with the latest input and every panel has rendered it. */
  settled(): Promise<void> {
    return this.shell.page.settled();
  }

  /** Live tfjs tensors and their bytes, and the backend they live on (soak benchmark, leak tests). */
  diagnostics(): Diagnostics {
    return this.shell.page.diagnostics();
  }
}
