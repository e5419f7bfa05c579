/**
 * Lesson page shell, "Balancing, side by side": two copies of the same model (same seed, same
 * config, the sigmoid-with-bias router so that every mode applies) train on the same batches, each
 * with its own balancing mode. Both train in the training worker (the page's thread never runs a
 * step, so it answers input at any model size); the two take one step each in turn, so both progress
 * together. Each side shows its load over time, the current max/mean, its losses and its
 * specialisation score.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MoeConfig } from '../../core/config';
import type { BalanceMode, TrainSettings } from '../../core/training';
import { withKeptKeys } from '../../state/lang';
import { decodeBalanceView, encodeBalanceView, type BalanceView } from '../../state/train-url';
import { openTrainingWorker, type RemoteTrainingLoop, type TrainingConnection } from '../../state/training-client';
import type { TrainState } from '../../state/training-loop';
import { formatCount } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { LoopController, memoLast } from '../shared/loop-controller';
import { PageController, type Diagnostics } from '../shared/page-controller';
import { renderSide, SIDES, type Side } from './balance-side';
import {
  ALPHAS,
  formatRate,
  formatStepRate,
  GAMMAS,
  LEARNING_RATES,
  MAX_TRAIN_EXPERTS,
  MAX_TRAIN_TOPK,
  nearestStop,
  withSlots,
} from './training-format';
import '../shared/lang-switch';
import '../shared/theme-switch';
import './load-history';
import './loss-chart';
import { a11yStyles } from '../shared/shared-styles';
import { commonWords } from '../i18n/common';
import { trainWords } from '../i18n/training';

@customElement('balance-compare')
export class BalanceCompare extends LitElement {
  private connection: TrainingConnection | null = null;
  private readonly loops = new Map<Side, RemoteTrainingLoop>();
  /** Pause-do-resume rounds in progress (several may overlap; the buttons wait for the last). */
  private rounds = 0;
  private readonly initial: BalanceView;
  private readonly ctl = new LoopController(
    this,
    () => this.onLoopChange(),
    () => this.running,
  );
  private readonly i18n = new LocaleController(this);
  private readonly page = new PageController(this, {
    title: () => trainWords().balance.pageTitle,
    start: (prefer) => {
      this.connection = openTrainingWorker();
      return this.connection.start(prefer);
    },
    started: () => this.createLoops(),
    query: () => {
      const l = this.loops.get('left')?.state;
      const r = this.loops.get('right')?.state;
      if (!l || !r) return null;
      return encodeBalanceView({ config: l.config, settings: l.settings, left: l.settings.balance, right: r.settings.balance });
    },
  });
  @state() private notices: (string | CoreMessage)[] = [];
  @state() private running = false;
  @state() private busy = true;
  @state() private dragging: { id: string; value: number } | null = null;
  private startScores: Record<Side, number | null> = { left: null, right: null };
  /** Each side's layer-1 loads, remembered so that a side whose loads did not change is not drawn again. */
  private readonly firstLayerLoads = Object.fromEntries(
    SIDES.map((side) => [side, memoLast((loads: TrainState['loads']) => loads.map((step) => step[0] ?? []))]),
  ) as Record<Side, (loads: TrainState['loads']) => number[][]>;
  /** Bumped to stop the alternating run; the run checks it before every step. */
  private runId = 0;
  private run: Promise<void> | null = null;

  constructor() {
    super();
    const decoded = decodeBalanceView(location.search);
    this.initial = decoded.view;
    this.notices = decoded.notices;
  }

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 96rem; margin: 0 auto; padding: var(--moe-sp-7) var(--moe-sp-8); font-family: var(--moe-font); color: var(--moe-text); }
    h1 { margin: 0; font-size: var(--moe-fs-2xl); }
    .title-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); }
    .lead { margin: var(--moe-sp-3) 0 var(--moe-sp-6); max-width: 64rem; color: var(--moe-text-2); }
    nav a { margin-right: var(--moe-sp-8); }
    .bar { display: flex; flex-wrap: wrap; gap: var(--moe-sp-6) var(--moe-sp-9); align-items: end; border: 1px solid var(--moe-border); border-radius: 0.5rem; background: var(--moe-surface); padding: var(--moe-sp-6) var(--moe-sp-8); margin: var(--moe-sp-6) 0 var(--moe-sp-8); }
    .buttons { display: flex; gap: var(--moe-sp-4); }
    button { font: inherit; padding: var(--moe-sp-3) var(--moe-sp-7); min-height: 2.4rem; cursor: pointer; }
    button.train { font-weight: 700; min-width: 8rem; background: var(--moe-accent); color: var(--moe-on-accent); border: 2px solid var(--moe-accent-edge); border-radius: 0.3rem; }
    button.train.on { background: var(--moe-surface); color: var(--moe-text); }
    .progress { display: flex; gap: 0 var(--moe-sp-8); margin: 0; font-variant-numeric: tabular-nums; }
    .progress dt { font-size: var(--moe-fs-xs); color: var(--moe-text-4); text-transform: uppercase; letter-spacing: 0.03em; }
    .progress dd { margin: 0; font-size: var(--moe-fs-l); font-weight: 700; }
    .ctl { display: grid; grid-template-columns: 1fr auto; gap: 0 var(--moe-sp-5); min-width: 10rem; }
    .ctl label { font-weight: 600; font-size: var(--moe-fs-base); }
    .ctl output { font-weight: 600; font-variant-numeric: tabular-nums; }
    .ctl input, .ctl select { grid-column: 1 / -1; font: inherit; width: 100%; box-sizing: border-box; }
    .ctl input[type='number'] { width: 8rem; }
    .problem { color: var(--moe-error); font-weight: 600; font-size: var(--moe-fs-m); margin: 0; grid-column: 1 / -1; }
    .sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: var(--moe-sp-8); }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8); background: var(--moe-surface); min-width: 0; }
    /* The two sides' parts line up row by row, whatever the length of their texts. */
    .sides > section { display: grid; grid-row: span 8; grid-template-rows: subgrid; row-gap: 0; align-content: start; }
    h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-4); }
    h3 { font-size: var(--moe-fs-base); margin: var(--moe-sp-7) 0 var(--moe-sp-3); }
    .mode { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-3) 0 var(--moe-sp-5); min-height: 2.4em; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: var(--moe-sp-4) var(--moe-sp-8); margin: var(--moe-sp-5) 0; }
    .figures > div { border-left: 4px solid var(--moe-grey-88); padding-left: var(--moe-sp-5); }
    .figures dt { font-size: var(--moe-fs-s); color: var(--moe-text-4); }
    .figures dd { margin: 0; font-size: var(--moe-fs-2xl); font-weight: 700; font-variant-numeric: tabular-nums; }
    .figures dd small { display: block; font-size: var(--moe-fs-s); font-weight: 400; color: var(--moe-text-3); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-6) 0 0; max-width: 64rem; }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: 0 0 var(--moe-sp-6); }
    .notice ul { margin: var(--moe-sp-2) 0 0; padding-left: var(--moe-sp-9); }
    .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
    :is(button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    @media (max-width: 640px) {
      .sides { grid-template-columns: 1fr; }
    }
  `,
  ];

  override disconnectedCallback(): void {
    void this.pause();
    super.disconnectedCallback();
  }

  /** Both loops, once the worker has chosen its backend. */
  private async createLoops(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const v = this.initial;
    for (const side of SIDES) {
      const loop = await connection.createLoop(v.config, { ...v.settings, balance: v[side] }, '');
      this.loops.set(side, loop);
      this.ctl.watch(loop);
      await loop.measure();
    }
    this.busy = false;
  }

  /** Both loops' states, for tests (read-only). */
  get training(): Record<Side, TrainState> | null {
    const l = this.loops.get('left');
    const r = this.loops.get('right');
    return l && r ? { left: l.state, right: r.state } : null;
  }

  /** Live tfjs tensors and their bytes of both models: the training worker's (the page's thread makes none). */
  diagnostics(): Diagnostics {
    return { ...this.page.diagnostics(), ...this.connection?.memory };
  }

  private onLoopChange(): void {
    for (const side of SIDES) {
      const s = this.loops.get(side)?.state;
      if (s && s.step === 0 && s.specialisation.length) this.startScores[side] = s.specialisation[0]?.score ?? null;
    }
    this.page.syncUrl();
  }

  /** One step on the left, one on the right, and again, until paused or a loop fails. */
  private play(): void {
    if (this.run || this.busy) return;
    const id = ++this.runId;
    this.running = true;
    this.run = (async () => {
      while (id === this.runId) {
        for (const side of SIDES) {
          if (id !== this.runId) break;
          const loop = this.loops.get(side);
          await loop?.stepOnce();
          if (loop?.state.error) this.runId++;
        }
      }
    })().finally(() => {
      this.run = null;
      this.running = false;
    });
  }

  private async pause(): Promise<void> {
    this.runId++;
    await this.run;
  }

  /** Pauses, does the work, and resumes if the pair was training. */
  private async whilePaused(work: () => Promise<boolean>): Promise<void> {
    const wasRunning = this.running;
    this.busy = true;
    this.rounds++;
    let ok: boolean;
    try {
      await this.pause();
      ok = await work();
    } finally {
      if (--this.rounds === 0) this.busy = false;
    }
    if (ok && wasRunning) this.play();
  }

  /** Rebuilds both models from the seed (with a config change); false when the change was refused. */
  private resetBoth(change: Partial<Record<keyof MoeConfig, unknown>> = {}): Promise<void> {
    return this.whilePaused(async () => {
      for (const loop of this.loops.values()) await loop.reset(change);
      return [...this.loops.values()].every((l) => l.state.problems.length === 0);
    });
  }

  private setMode(side: Side, mode: BalanceMode): Promise<void> {
    // Both restart, so the two runs stay step for step comparable.
    return this.whilePaused(async () => {
      void this.loops.get(side)?.setSettings({ balance: mode });
      for (const loop of this.loops.values()) await loop.reset({});
      return true;
    });
  }

  private setShared(change: Partial<TrainSettings>): void {
    for (const loop of this.loops.values()) void loop.setSettings(change);
  }

  private slider(
    id: string,
    label: string,
    max: number,
    value: number,
    text: string,
    onValue: (v: number) => void,
    liveInput: boolean,
    min = 0,
    disabled = false,
  ): TemplateResult {
    const drag = this.dragging?.id === id ? this.dragging.value : null;
    const shown = drag !== null ? String(drag) : text;
    return html`<div class="ctl">
      <label for=${id}>${label}</label><output for=${id}>${shown}</output>
      <input id=${id} type="range" min=${min} max=${max} step="1" .value=${live(String(drag ?? value))} aria-valuetext=${shown} ?disabled=${disabled}
        title=${disabled ? trainWords().balance.unused : nothing}
        @input=${(e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (liveInput) onValue(v);
          else this.dragging = { id, value: v };
        }}
        @change=${(e: Event) => {
          if (liveInput) return;
          this.dragging = null;
          onValue(Number((e.target as HTMLInputElement).value));
        }} />
    </div>`;
  }

  override render() {
    const l = this.loops.get('left')?.state;
    const r = this.loops.get('right')?.state;
    const m = trainWords().balance;
    const common = commonWords();
    const kept = withKeptKeys('', location.search);
    const error = l?.error ?? r?.error;
    return html`
      <div class="title-row">
        <h1>${m.title}</h1>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </div>
      <p class="lead">${withSlots(m.lead, { collapse: html`<strong>${m.collapse}</strong>` })}</p>
      <nav><a href=${`../index.html${kept}`}>← ${common.home}</a><a href=${`training.html${kept}`}>${m.trainingLink}</a></nav>
      ${this.page.renderLinkNotices(this.notices)}
      ${this.page.renderBackendNotice()}
      ${error ? html`<p class="notice error" role="alert">${m.trainingStopped(localized(error))}</p>` : nothing}
      ${l && r ? this.renderBody(l, r) : html`<p role="status">${m.starting}</p>`}
    `;
  }

  private renderBody(l: TrainState, r: TrainState) {
    const c = l.config;
    const s = l.settings;
    const first = l.problems[0];
    const problem = first ? localized(first) : undefined;
    const modes = [l.settings.balance, r.settings.balance];
    const m = trainWords().balance;
    const cm = trainWords().controls;
    return html`
      <div class="bar">
        <div class="buttons">
          <button class="train ${this.running ? 'on' : ''}" ?disabled=${this.busy} @click=${() => (this.running ? void this.pause() : this.play())}>${this.running ? m.pauseBoth : m.trainBoth}</button>
          <button ?disabled=${this.busy} @click=${() => void this.resetBoth()}>${m.resetBoth}</button>
        </div>
        <div role="status" aria-label=${m.progress}><dl class="progress">
          <div><dt>${m.stepEachSide}</dt><dd class="step">${formatCount(Math.min(l.step, r.step))}</dd></div>
          <div><dt>${m.tokensSeen}</dt><dd>${formatCount(l.tokensSeen + r.tokensSeen)}</dd></div>
          <div><dt>${m.tokensPerSecond}</dt><dd>${this.running ? formatCount(l.tokensPerSecond + r.tokensPerSecond) : '–'}</dd></div>
          <div><dt>${m.stepsPerSecond}</dt><dd class="steps-rate">${this.running ? formatStepRate((l.stepsPerSecond + r.stepsPerSecond) / 2) : '–'}</dd></div>
        </dl></div>
        ${this.slider('lr', cm.learningRate, LEARNING_RATES.length - 1, nearestStop(LEARNING_RATES, s.learningRate), formatRate(s.learningRate), (i) => this.setShared({ learningRate: LEARNING_RATES[i] as number }), true)}
        ${this.slider('alpha', cm.alpha, ALPHAS.length - 1, nearestStop(ALPHAS, s.alpha), formatRate(s.alpha), (i) => this.setShared({ alpha: ALPHAS[i] as number }), true, 0, !modes.includes('switch'))}
        ${this.slider('gamma', cm.gamma, GAMMAS.length - 1, nearestStop(GAMMAS, s.gamma), formatRate(s.gamma), (i) => this.setShared({ gamma: GAMMAS[i] as number }), true, 0, !modes.some((m) => m.startsWith('bias')))}
        ${this.slider('experts', cm.routedExperts, Math.max(MAX_TRAIN_EXPERTS, c.routedExperts), c.routedExperts, String(c.routedExperts), (v) => void this.resetBoth({ routedExperts: v, topK: Math.min(c.topK, v) }), false, 2)}
        ${this.slider('topk', cm.topK, Math.max(1, Math.min(MAX_TRAIN_TOPK, c.routedExperts)), c.topK, String(c.topK), (v) => void this.resetBoth({ topK: v }), false, 1)}
        <div class="ctl">
          <label for="seed">${cm.seed}</label><span></span>
          <input id="seed" type="number" min="0" max="4294967295" step="1" .value=${live(String(c.seed))} aria-describedby=${problem ? 'shape-problem' : nothing}
            @change=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value.trim();
              void this.resetBoth({ seed: raw === '' ? Number.NaN : Number(raw) });
            }} />
        </div>
        ${problem ? html`<p class="problem" role="alert" id="shape-problem">${problem}</p>` : nothing}
      </div>
      <div class="sides">${SIDES.map((side) => {
        const s = side === 'left' ? l : r;
        const loads = this.firstLayerLoads[side](s.loads);
        return renderSide(side, s, {
          loads,
          start: this.startScores[side],
          busy: this.busy,
          onMode: (mode) => void this.setMode(side, mode),
        });
      })}</div>
      <p class="caption">${m.caption}${c.layers > 1 ? m.chartsLayer(c.layers) : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'balance-compare': BalanceCompare;
  }
}
