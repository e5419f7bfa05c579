/**
 * The main page's picture: the current token travelling through the router into its few experts
 * (flow-layout.ts, drawn by flow-marks.ts), or the whole sentence as bands from tokens to experts
 * (sentence-flow.ts). When the token changes the flow plays once, about as long as a play step
 * (`duration`); a click on the picture ends it, the Animate switch turns it off, and with
 * prefers-reduced-motion: reduce the final picture is drawn at once. `freeze` holds it at a point of
 * the motion (the guided tour). Its accessible name says where the token went, with the weights.
 *
 * Properties: trace, layer, position, duration (ms), freeze (0–1 or null).
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Trace } from '../../core/trace';
import { formatWeight } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { flowWords } from '../i18n/flow-picture';
import { panelStyles } from '../shared/shared-styles';
import { memoLast } from '../shared/loop-controller';
import { WidthController } from '../shared/width-controller';
import { ChartFont } from '../shared/chart-font';
import { flowLayout } from './flow-layout';
import { flowSvg, stageAt } from './flow-marks';
import { sentenceFlowLayout } from './sentence-flow-layout';
import { sentenceFlowSvg } from './sentence-flow';

import type { PictureMode } from '../../state/view';
import { PictureModeEvent } from '../shared/events';

/** Narrower than this (a phone) the picture keeps this width and scrolls sideways: its text stays legible (drawn narrower, it shrinks below 8 px). */
const MIN_WIDTH = 600;

const reduce = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

@customElement('flow-picture')
export class FlowPicture extends LitElement {
  @property({ attribute: false }) trace: Trace | null = null;
  @property({ type: Number }) layer = 0;
  @property({ type: Number }) position = 0;
  /** How long the flow of one token takes, in milliseconds. */
  @property({ type: Number }) duration = 800;
  /** Holds the motion at this point (0–1), or null to play it. */
  @property({ attribute: false }) freeze: number | null = null;
  @property() mode: PictureMode = 'token';
  /** Tokens from this index on are not shown in the whole-sentence picture (the tour's prediction steps), or null. */
  @property({ attribute: false }) conceal: number | null = null;
  /** Presenter mode: no text in the picture smaller than 20 px. */
  @property({ type: Boolean }) presenter = false;
  @state() private progress = 1;
  @state() private motion = !reduce();

  /** The layouts, kept while only the motion moves (a frame then redraws, it does not lay out again). */
  private readonly tokenLayout = memoLast(
    (trace: Trace, layer: number, position: number, width: number, height: number, fontSize: number) =>
      flowLayout({ trace, layer, position, width, height, fontSize }),
  );
  private readonly sentenceLayout = memoLast(
    (trace: Trace, layer: number, current: number, width: number, height: number, fontSize: number) =>
      sentenceFlowLayout({ trace, layer, current, width, height, fontSize }),
  );
  /** The trace cut to its first `n` tokens (the sentence picture while the tour hides the rest). */
  private readonly cut = memoLast((trace: Trace, n: number | null): Trace =>
    n === null || n >= trace.tokens.length
      ? trace
      : { ...trace, tokens: trace.tokens.slice(0, n), layers: trace.layers.map((l) => ({ ...l, tokens: l.tokens.slice(0, n) })) },
  );
  private readonly size = new WidthController(this);
  /** The host's font size, read again only when the width or presenter mode changes (not on every frame of the motion). */
  private readonly hostFont = new ChartFont();
  private readonly i18n = new LocaleController(this);
  private frame = 0;
  private started = 0;

  static override styles = [
    ...panelStyles,
    css`
    :host { display: block; }
    .bar { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5); align-items: center; margin: 0 0 var(--moe-sp-3); }
    .bar [role='radiogroup'] { display: inline-flex; gap: 0; }
    .bar button { font: inherit; padding: var(--moe-sp-2) var(--moe-sp-6); min-height: 2rem; border: 1px solid var(--moe-border); background: var(--moe-surface); color: var(--moe-text); }
    .bar button[aria-checked='true'] { background: var(--moe-accent); color: var(--moe-on-accent); border-color: var(--moe-accent-edge); }
    .bar label { display: inline-flex; gap: var(--moe-sp-3); align-items: center; }
    .scroll { overflow-x: auto; }
    svg { display: block; min-width: 100%; height: auto; font-family: var(--moe-font); overflow: visible; }
    text { dominant-baseline: central; text-anchor: middle; fill: var(--moe-text); }
    text.start { text-anchor: start; }
    text.end { text-anchor: end; }
    text.small { fill: var(--moe-text-4); }
    text.title { font-weight: 700; }
    text.word { font-weight: 700; }
    .token rect { fill: var(--moe-surface); stroke: var(--moe-ink); stroke-width: 2.5; }
    .embedding rect.plain { fill: var(--moe-grey-c8); }
    .embedding rect.pos { fill: var(--moe-accent); }
    .embedding rect.neg { fill: var(--moe-orange); }
    .router .box { fill: var(--moe-surface); stroke: var(--moe-text-4); stroke-width: 1.5; }
    .router .bar:not(.chosen) { fill: var(--moe-idle); }
    .router .axis, .leader { stroke: var(--moe-text-4); stroke-width: 1; }
    .arrow { stroke: var(--moe-text-4); stroke-width: 2; fill: none; marker-end: none; }
    .residual { stroke: var(--moe-grey-99); stroke-width: 1.5; stroke-dasharray: 4 4; fill: none; }
    .link { fill: none; stroke-opacity: 0.85; stroke-linecap: butt; }
    .link.dropped { stroke: var(--moe-error); stroke-opacity: 1; }
    .link.shared { stroke: var(--moe-shared); }
    text.x { fill: var(--moe-error); font-weight: 700; }
    .wall line { stroke: var(--moe-error); stroke-width: 3; stroke-dasharray: 6 3; }
    .wall text { fill: var(--moe-error); }
    .group { fill: none; stroke: var(--moe-group-line); stroke-width: 1; stroke-dasharray: 3 2; }
    .expert .base { fill: var(--moe-idle-bg); stroke: var(--moe-idle-line); stroke-width: 1; }
    .expert.lit .base { stroke: var(--moe-ink); stroke-width: 2.5; }
    .expert.shared .base { fill: var(--moe-shared); stroke: var(--moe-ink); stroke-width: 2.5; }
    .expert.shared text { fill: var(--moe-on-accent); }
    .expert.dropped .base { stroke: var(--moe-error); stroke-width: 2.5; }
    .expert .cross { stroke: var(--moe-error); stroke-width: 2; }
    .expert text.in { fill: var(--moe-text-4); }
    .tag.shared { fill: var(--moe-shared); }
    text.on-shared { fill: var(--moe-on-accent); }
    .tag { stroke: var(--moe-ink); stroke-width: 1; }
    .sum circle { fill: var(--moe-surface); stroke: var(--moe-ink); stroke-width: 2; }
    .output rect { fill: var(--moe-surface); stroke: var(--moe-ink); stroke-width: 2.5; }
    .band { fill: none; stroke-opacity: 0.55; }
    .band.current { stroke-opacity: 0.95; }
    .node.token rect { fill: var(--moe-surface); stroke: var(--moe-text-4); }
    .snode rect { stroke: var(--moe-ink); stroke-width: 1; }
    .snode.idle rect { fill: var(--moe-idle); stroke: var(--moe-idle-line); }
    .caption { margin: var(--moe-sp-3) 0 0; }
    figure { margin: 0; }
    figcaption { font-weight: 600; margin: var(--moe-sp-3) 0 0; }
  `,
  ];

  override disconnectedCallback(): void {
    cancelAnimationFrame(this.frame);
    super.disconnectedCallback();
  }

  /** Whether the flow is playing now (for tests: none runs with reduced motion). */
  get animating(): boolean {
    return this.frame !== 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new trace replays the flow, but not the first one (the page opening is no step: the picture
    // is drawn at once, and the first routed view costs no 800 ms of frames).
    const moved = changed.has('position') || changed.has('layer') || (changed.has('trace') && changed.get('trace') != null);
    // Let go of a hold (the tour's next step) on the same token: the flow goes on from where it was held.
    const held = changed.has('freeze') && !moved ? (changed.get('freeze') ?? null) : null;
    if ((moved || held !== null) && this.mode === 'token' && this.freeze === null && this.motion && !reduce() && this.trace)
      this.play(held ?? 0);
  }

  /** Plays the flow from `from` (0: the start). */
  private play(from = 0): void {
    cancelAnimationFrame(this.frame);
    this.progress = from;
    this.started = performance.now() - from * Math.max(1, this.duration);
    const tick = (now: number) => {
      this.progress = Math.min(1, (now - this.started) / Math.max(1, this.duration));
      this.frame = this.progress < 1 ? requestAnimationFrame(tick) : 0;
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** Ends the motion: the final picture at once. */
  private finish(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.progress = 1;
  }

  private setMode(mode: PictureMode): void {
    this.finish();
    this.mode = mode;
    this.dispatchEvent(new PictureModeEvent(mode));
  }

  private onAnimate(e: Event): void {
    this.motion = (e.target as HTMLInputElement).checked;
    if (!this.motion) this.finish();
  }

  /** Height of the picture for a width: wide and short, so it sits above the fold. */
  private height(width: number, font: number): number {
    return Math.round(Math.max(font * 15, Math.min(width * 0.3, font * 26)));
  }

  private describe(t: Trace): string {
    const m = flowWords();
    const routing = t.layers[this.layer]?.tokens[this.position];
    const word = t.tokens[this.position]?.text ?? '';
    if (!routing) return '';
    // Held before any expert runs (the guided tour's "nothing else has run yet"): only the scores are drawn.
    if (this.freeze !== null && stageAt('light', this.freeze) === 0) return m.scored(word, t.shape.experts);
    const ran = routing.experts.flatMap((e, i) => (routing.dropped[i] ? [] : [m.ranItem(`E${e}`, formatWeight(routing.weights[i] ?? 0))]));
    const dropped = routing.experts.filter((_, i) => routing.dropped[i]).map((e) => `E${e}`);
    const shared = Array.from({ length: t.shape.shared }, (_, s) => m.shared(`S${s + 1}`));
    return m.describe(
      word,
      [...ran, ...shared],
      dropped,
      t.shape.experts - routing.used,
      t.shape.experts,
      routing.skipped && shared.length === 0,
    );
  }

  override render() {
    const t = this.trace;
    const m = flowWords();
    if (!t || t.tokens.length === 0) return nothing;
    const width = Math.max(MIN_WIDTH, this.size.width || 900);
    const base = this.hostFont.hostPx(this, this.size.width) || 16;
    const font = this.presenter ? Math.max(20, base * 0.9) : Math.max(12, base * 0.85);
    const small = this.presenter ? font : font * 0.8;
    const progress = this.freeze ?? this.progress;
    const sentence = this.mode === 'sentence';
    const height = sentence
      ? Math.round(Math.max(this.height(width, font), Math.min(t.tokens.length, 40) * font * 1.25))
      : this.height(width, font);
    const label = sentence ? this.sentenceLayout(this.cut(t, this.conceal), this.layer, this.position, width, height, font) : null;
    const name = sentence && label ? label.describe(m) : this.describe(t);
    const word = t.tokens[this.position]?.text ?? '';
    return html`
      <div class="bar">
        <span id="mode">${m.modeLabel}</span>
        <span role="radiogroup" aria-labelledby="mode">
          <button role="radio" aria-checked=${!sentence} @click=${() => this.setMode('token')}>${m.oneToken}</button>
          <button role="radio" aria-checked=${sentence} @click=${() => this.setMode('sentence')}>${m.wholeSentence}</button>
        </span>
        <label><input type="checkbox" .checked=${this.motion} @change=${(e: Event) => this.onAnimate(e)} /> ${m.animate}</label>
      </div>
      <figure>
        <div class="scroll" tabindex=${this.size.width > 0 && this.size.width < MIN_WIDTH ? '0' : nothing}><svg role="img" aria-label=${name} viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height} @click=${() => this.finish()}>
          ${sentence && label ? sentenceFlowSvg(label, font, small) : flowSvg(this.tokenLayout(t, this.layer, this.position, width, height, font), progress, word, m, small)}
        </svg></div>
        <figcaption aria-hidden="true">${name}</figcaption>
      </figure>
      <p class="caption">${sentence ? m.sentenceCaption : m.tokenCaption}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flow-picture': FlowPicture;
  }
}
