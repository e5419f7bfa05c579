/**
 * Lesson page shell, "Live training": starts the training worker (tfjs and the model run there, so
 * the page answers input while a step of a big model takes a second), owns a RemoteTrainingLoop,
 * keeps the view in the URL and hands plain data to the panels: the losses, the load over time, the
 * specialisation map, the weights updated by the last step, and the simulator's own views of the
 * page's sentence as routed by the weights being trained. Leaves never see the loop; they send intent
 * up by events.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { expertShape, type MoeConfig, type RouterKind } from '../../core/config';
import { MAX_TOKENS } from '../../core/tokenizer';
import type { TrainSettings } from '../../core/training';
import { withKeptKeys } from '../../state/lang';
import { decodeTrainView, encodeTrainView, type TrainView } from '../../state/train-url';
import { openTrainingWorker, type RemoteTrainingLoop, type TrainingConnection } from '../../state/training-client';
import type { TrainState } from '../../state/training-loop';
import { clipText, type TextNotice } from '../../state/url';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { routerInfo } from '../routing/router-info';
import type { ConfigChangeEvent, TokenSelectEvent } from '../shared/events';
import { LoopController, memoLast, StaggeredState } from '../shared/loop-controller';
import { PageController, type Diagnostics } from '../shared/page-controller';
import type { LossSeries } from './loss-chart';
import type { TrainCommandEvent, TrainSettingsEvent } from './training-events';
import { withSlots } from './training-format';
import '../shared/lang-switch';
import '../shared/theme-switch';
import '../routing/experts-panel';
import './load-history';
import '../routing/load-panel';
import './loss-chart';
import '../routing/router-panel';
import './specialisation-map';
import '../routing/token-strip';
import './training-controls';
import './updated-params';
import { a11yStyles, pageLayout } from '../shared/shared-styles';
import { commonWords } from '../i18n/common';
import { trainWords } from '../i18n/training';
import { sentenceFields } from '../shared/sentence-fields';

/** A note the page attaches to the balancing control after an automatic change. */
type BalanceNote = { kind: 'router-switched'; from: RouterKind } | { kind: 'balancing-unset' };

@customElement('training-page')
export class TrainingPage extends LitElement {
  private connection: TrainingConnection | null = null;
  private loop: RemoteTrainingLoop | null = null;
  /** Resets asked for and not yet done (several may overlap; the buttons wait for the last). */
  private resets = 0;
  private readonly initial: TrainView;
  private readonly ctl = new LoopController(
    this,
    () => this.onLoopChange(),
    () => this.loop?.state.running ?? false,
  );
  private readonly i18n = new LocaleController(this);
  private readonly staggered = new StaggeredState(this);
  private readonly page = new PageController(this, {
    title: () => trainWords().page.pageTitle,
    start: (prefer) => {
      this.connection = openTrainingWorker();
      return this.connection.start(prefer);
    },
    started: () => this.createLoop(),
    query: () => {
      const s = this.loop?.state;
      if (!s) return null;
      return encodeTrainView({ config: s.config, settings: s.settings, text: s.text, position: this.position, layer: this.layer });
    },
  });
  @state() private notices: (string | CoreMessage)[] = [];
  /** Set when the last sentence given was cut to its longest (from a script, past the box's maxlength). */
  @state() private textCut: TextNotice | null = null;
  @state() private busy = true;
  @state() private position = 0;
  @state() private layer = 0;
  /** The note attached to the balancing control by an automatic change (made into text when shown). */
  @state() private note: BalanceNote | null = null;
  /** Specialisation score of each layer before training (step 0), for comparison. */
  private startScores: number[] = [];

  constructor() {
    super();
    const decoded = decodeTrainView(location.search);
    const view = decoded.view;
    this.initial = view;
    this.notices = decoded.notices;
    this.position = view.position;
    this.layer = view.layer;
  }

  static override styles = [
    ...a11yStyles,
    pageLayout,
    css`
    .nav-tokens { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5); align-items: center; margin: var(--moe-sp-6) 0 0; }
    .nav-tokens button, .nav-tokens select { font: inherit; padding: var(--moe-sp-3) var(--moe-sp-7); min-height: 2.2rem; }
    .nav-tokens label { font-weight: 600; display: flex; gap: var(--moe-sp-4); align-items: center; }
    .when { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: 0 0 var(--moe-sp-4); }
  `,
  ];

  override disconnectedCallback(): void {
    // Off the page: stop spending the CPU (the model stays, so putting the page back resumes from here).
    void this.loop?.pause();
    super.disconnectedCallback();
  }

  /** The loop, once the worker has chosen its backend. */
  private async createLoop(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const v = this.initial;
    const loop = await connection.createLoop(v.config, v.settings, v.text);
    this.loop = loop;
    this.ctl.watch(loop);
    await loop.measure();
    this.busy = false;
  }

  /** The loop's state, for tests and embedding pages (read-only). */
  get training(): TrainState | null {
    return this.loop?.state ?? null;
  }

  /** Live tfjs tensors and bytes (soak benchmark, leak tests): the training worker's, as of its last message. */
  diagnostics(): Diagnostics {
    return { ...this.page.diagnostics(), ...this.connection?.memory };
  }

  private onLoopChange(): void {
    const s = this.loop?.state;
    if (!s) return;
    if (s.step === 0 && s.specialisation.length) this.startScores = s.specialisation.map((m) => m.score);
    this.page.syncUrl();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('position') || changed.has('layer')) this.page.syncUrl();
  }

  private async onCommand(e: TrainCommandEvent): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    if (e.command === 'toggle-train') {
      if (loop.state.running) await loop.pause();
      else loop.play();
    } else if (e.command === 'step') {
      await loop.stepOnce();
    } else {
      await this.restart({});
    }
  }

  /**
   * Rebuilds the model from the seed (with a config change), applies `then` (e.g. new settings, done
   * once it resolves) before the first new step, and resumes training if it was running.
   */
  private async restart(change: Partial<Record<keyof MoeConfig, unknown>>, then?: () => Promise<void>): Promise<boolean> {
    const loop = this.loop;
    if (!loop) return false;
    const wasRunning = loop.state.running;
    this.busy = true;
    this.resets++;
    try {
      await loop.reset(change);
    } finally {
      if (--this.resets === 0) this.busy = false;
    }
    const ok = loop.state.problems.length === 0;
    if (ok) {
      this.layer = Math.min(this.layer, loop.state.config.layers - 1);
      await then?.();
      if (wasRunning) loop.play();
    }
    return ok;
  }

  private async onSettings(e: TrainSettingsEvent): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    const change: Partial<TrainSettings> = e.change;
    if (change.balance !== undefined) this.note = null;
    if (change.balance?.startsWith('bias') && loop.state.config.router !== 'sigmoid-bias') {
      // Bias balancing moves a per-expert bias that only the sigmoid-with-bias router has.
      const from = loop.state.config.router;
      if (await this.restart({ router: 'sigmoid-bias' }, () => loop.setSettings(change))) {
        this.note = { kind: 'router-switched', from };
      }
      return;
    }
    void loop.setSettings(change);
  }

  private async onConfig(e: ConfigChangeEvent): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    const leavesBias =
      e.change.router !== undefined && e.change.router !== 'sigmoid-bias' && loop.state.settings.balance.startsWith('bias');
    this.note = null;
    if ((await this.restart(e.change)) && leavesBias) {
      this.note = { kind: 'balancing-unset' };
    }
  }

  private goTo(index: number): void {
    const n = this.loop?.state.trace?.tokens.length ?? 0;
    this.position = Math.max(0, Math.min(Math.max(0, n - 1), index));
  }

  private async onText(raw: string): Promise<void> {
    this.position = 0;
    const { text, cut } = clipText(raw);
    this.textCut = cut;
    await this.loop?.setText(text);
  }

  /** Losses worth a line: the task loss, and the others when on or once on (remembered, as the lists below). */
  private readonly series = memoLast((settings: TrainSettings, history: TrainState['history']): LossSeries[] => {
    const out: LossSeries[] = ['task'];
    const balanceOn = settings.balance === 'switch' || settings.balance === 'bias+seq';
    if (balanceOn || history.some((p) => p.balanceLoss > 0)) out.push('balance');
    if (settings.zLoss > 0 || history.some((p) => p.zLoss > 0)) out.push('z');
    return out;
  });

  private readonly layerLoads = memoLast((loads: TrainState['loads'], layer: number): number[][] => loads.map((step) => step[layer] ?? []));
  private readonly updatedExperts = memoLast((last: TrainState['last']) => last?.layers.map((l) => l.updatedExperts) ?? []);
  private readonly demand = memoLast((last: TrainState['last']) => last?.layers.map((l) => l.demand) ?? []);

  /** The notes on the controls, as text in the page's language (control field → text). */
  private notes(): Record<string, string> {
    const m = trainWords().page;
    const sigmoid = routerInfo('sigmoid-bias').name;
    if (this.note?.kind === 'router-switched') return { balance: m.routerSwitched(routerInfo(this.note.from).name, sigmoid) };
    if (this.note?.kind === 'balancing-unset') return { balance: m.balancingUnset(sigmoid) };
    return {};
  }

  override render() {
    const s = this.loop ? this.staggered.view(this.loop.state) : null;
    const m = trainWords().page;
    const common = commonWords();
    const kept = withKeptKeys('', location.search);
    return html`
      <header>
        <div class="title-row">
          <h1>${m.title}</h1>
          <lang-switch></lang-switch><theme-switch></theme-switch>
        </div>
        <p>${withSlots(m.intro, { train: html`<strong>${trainWords().controls.train}</strong>` })}</p>
        <nav><a href=${`../index.html${kept}`}>← ${common.home}</a><a href=${`balance.html${kept}`}>${m.balanceLink}</a></nav>
      </header>
      ${this.page.renderLinkNotices(this.notices)}
      ${this.page.renderBackendNotice()}
      ${s?.error ? html`<p class="notice error" role="alert">${m.trainingStopped(localized(s.error))}</p>` : nothing}
      ${s ? this.renderBody(s) : html`<p role="status">${m.starting}</p>`}
    `;
  }

  private renderBody(s: TrainState) {
    const layer = Math.min(this.layer, s.config.layers - 1);
    const loads = this.layerLoads(s.loads, layer);
    const spec = s.specialisation[layer] ?? null;
    const m = trainWords().page;
    const shown = s.config.layers > 1 ? layer + 1 : null;
    return html`<div class="layout">
      <aside aria-label=${m.controls}>
        <training-controls
          .config=${s.config}
          .settings=${s.settings}
          .running=${s.running}
          .busy=${this.busy}
          .step=${s.step}
          .tokensSeen=${s.tokensSeen}
          .tokensPerSecond=${s.tokensPerSecond}
          .stepsPerSecond=${s.stepsPerSecond}
          .problems=${s.problems}
          .notes=${this.notes()}
          @train-command=${(e: TrainCommandEvent) => void this.onCommand(e)}
          @train-settings=${(e: TrainSettingsEvent) => void this.onSettings(e)}
          @config-change=${(e: ConfigChangeEvent) => void this.onConfig(e)}
        ></training-controls>
        <p class="caption">${m.backend(this.page.backendName)}</p>
      </aside>
      <div class="panels">
        <section aria-labelledby="loss-h">
          <h2 id="loss-h">${m.lossTitle}</h2>
          <loss-chart .points=${s.history} .series=${this.series(s.settings, s.history)}></loss-chart>
          <p class="caption">${m.lossCaption}</p>
        </section>
        <section aria-labelledby="load-h">
          <h2 id="load-h">${m.loadTitle(shown)}</h2>
          <load-history .loads=${loads} .firstStep=${s.step - loads.length + 1}></load-history>
        </section>
        <section aria-labelledby="spec-h">
          <h2 id="spec-h">${m.specTitle(shown)}</h2>
          <specialisation-map .map=${spec} .startScore=${this.startScores[layer] ?? null} .step=${s.step} .layer=${layer}></specialisation-map>
        </section>
        <section aria-labelledby="updated-h">
          <h2 id="updated-h">${m.updatedTitle}</h2>
          <updated-params
            .layers=${this.updatedExperts(s.last)}
            .demand=${this.demand(s.last)}
            .tokens=${s.last?.tokens ?? 0}
            .experts=${expertShape(s.config).experts}
            .shared=${expertShape(s.config).shared}
            .sizes=${s.trace?.params ?? null}
            .updatedParams=${s.last?.updatedParams ?? 0}
            .totalParams=${s.last?.totalParams ?? 0}
            .step=${s.last ? s.last.step + 1 : 0}
          ></updated-params>
        </section>
        ${this.renderSentence(s, layer)}
      </div>
    </div>`;
  }

  private renderSentence(s: TrainState, layer: number) {
    const t = s.trace;
    const lt = t?.layers[layer] ?? null;
    const n = t?.tokens.length ?? 0;
    const pos = Math.min(this.position, Math.max(0, n - 1));
    const tok = t?.tokens[pos] ?? null;
    const shape = expertShape(s.config);
    const m = trainWords().page;
    const shown = s.config.layers > 1 ? layer + 1 : null;
    return html`<section class="wide" aria-labelledby="tokens-h">
        <h2 id="tokens-h">${m.sentenceTitle}</h2>
        <div class="sentence">
          ${sentenceFields(m, s.text, (text) => void this.onText(text))}
        </div>
        <p class="when">${withSlots(m.routedAfter, { step: html`<strong class="trace-step">${s.scoreHistory[s.scoreHistory.length - 1]?.step ?? 0}</strong>` })}</p>
        ${this.textCut ? html`<p class="notice" role="status">${localized(this.textCut)}</p>` : nothing}
        ${t?.truncated ? html`<p class="notice" role="status">${m.truncated(MAX_TOKENS)}</p>` : nothing}
        ${t && n === 0 ? html`<p class="notice" role="status">${m.noTokens}</p>` : nothing}
        <token-strip .tokens=${t?.tokens ?? []} .routing=${lt?.tokens ?? []} .current=${pos} @token-select=${(e: TokenSelectEvent) => this.goTo(e.index)}></token-strip>
        <div class="nav-tokens">
          <button ?disabled=${pos <= 0} @click=${() => this.goTo(pos - 1)}>${m.previousToken}</button>
          <button ?disabled=${pos >= n - 1} @click=${() => this.goTo(pos + 1)}>${m.nextToken}</button>
          ${
            s.config.layers > 1
              ? html`<label>${m.layerShown}
                <select @change=${(e: Event) => (this.layer = Number((e.target as HTMLSelectElement).value))}>
                  ${Array.from({ length: s.config.layers }, (_, l) => html`<option value=${l} ?selected=${l === layer}>${m.layerOption(l + 1, s.config.layers)}</option>`)}
                </select></label>
                <span class="caption">${m.layerHint}</span>`
              : nothing
          }
        </div>
      </section>
      <section aria-labelledby="router-h">
        <h2 id="router-h">${withSlots(m.routerTitle(shown), { token: html`<span translate="no">${tok?.text ?? ''}</span>` })}</h2>
        <router-panel .routing=${lt?.tokens[pos] ?? null} .router=${s.config.router} .gateNorm=${s.config.gateNorm} .bias=${lt?.bias} .groupSize=${shape.groupSize} .token=${tok}></router-panel>
      </section>
      <section aria-labelledby="experts-h">
        <h2 id="experts-h">${m.expertsTitle(shown)}</h2>
        <experts-panel .layer=${lt} .current=${pos} .sharedExperts=${shape.shared} .sharedParams=${t?.params.sharedExpert ?? 0}></experts-panel>
      </section>
      <section class="wide" aria-labelledby="sload-h">
        <h2 id="sload-h">${m.sentenceLoadTitle(shown)}</h2>
        <load-panel .layer=${lt}></load-panel>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-page': TrainingPage;
  }
}
