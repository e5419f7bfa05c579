/**
 * Lesson page shell: compressed memory, or multi-head latent attention (DeepSeek-V2, used again in
 * V3). A cache calculator over published configs, then a live toy in tfjs: full multi-head
 * attention beside a latent version whose keys and values are rebuilt from d_c numbers per token.
 *
 * The shell starts tfjs, owns the toy (core LatentAttention) and hands plain data to the leaves.
 * A latest-wins runner (src/state/latest-runner.ts) runs the model, so a dragged slider never queues
 * up evaluations, and the model is only replaced (new seed) between runs.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_SENTENCE } from '../../core/corpus';
import { checkWhole, KV_PRESETS, toyPreset } from '../../core/kv-cache';
import { DEFAULT_LATENT_CONFIG, LatentAttention, type LatentErrors, type LatentEvaluation } from '../../core/latent-attention';
import { MAX_TOKENS, tokenize, type Tokenized } from '../../core/tokenizer';
import { startBrowserBackend } from '../../state/backend';
import { LatestRunner, type RunContext } from '../../state/latest-runner';
import { withKeptKeys } from '../../state/lang';
import { clipText, otherKeyNotices, type LinkNotice, type TextNotice } from '../../state/url';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import type { LatentSizeEvent } from './latent-toy';
import { PageController } from '../shared/page-controller';
import { mathText, richText } from '../shared/math-text';
import { a11yStyles } from '../shared/shared-styles';
import './kv-calculator';
import '../shared/lang-switch';
import '../shared/theme-switch';
import './latent-toy';
import { commonWords } from '../i18n/common';
import { memoryWords } from '../i18n/memory';
import { sentenceFields } from '../shared/sentence-fields';

@customElement('memory-page')
export class MemoryPage extends LitElement {
  @property() sentence = DEFAULT_SENTENCE;
  @property({ type: Number }) seed = DEFAULT_LATENT_CONFIG.seed;
  /** The latent size d_c shown first. */
  @property({ type: Number }) dc = 8;
  @state() private sweep: LatentErrors[] = [];
  @state() private result: LatentEvaluation | null = null;
  /** The model's error, kept as it came (with its code) and worded when shown. */
  @state() private error: string | CoreMessage | null = null;
  /** Words the last refused seed (again on each render, so its label follows a language switch). */
  @state() private seedProblem: CoreMessage | null = null;
  /** Set when the last sentence given was cut to its longest (from a script, past the box's maxlength). */
  @state() private textCut: TextNotice | null = null;

  private model: LatentAttention | null = null;
  private sweepKey = '';
  /** The opening link's keys this page does not take (it has none of its own but presenter mode), worded at render. */
  private readonly linkIgnored: LinkNotice[] = otherKeyNotices(location.search, ['present']);
  /** Runs the toy on the latest inputs; held until the backend is chosen; frees the model once idle off the page. */
  private readonly runner = new LatestRunner<void>((_input, ctx) => this.run(ctx), {
    held: true,
    onError: (e) => (this.error = e instanceof Error ? e : String(e)),
    onIdle: () => {
      if (!this.isConnected) this.disposeModel();
    },
  });
  private readonly page = new PageController(this, {
    title: () => memoryWords().page.title,
    start: startBrowserBackend,
    started: () => {
      this.runner.release();
      return this.runner.request();
    },
    idle: () => this.runner.idle(),
  });
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 76rem; margin: 0 auto; padding: var(--moe-sp-5) var(--moe-sp-8) var(--moe-sp-10); font-family: var(--moe-font); color: var(--moe-text); line-height: 1.4; }
    header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--moe-sp-5) var(--moe-sp-8); margin: 0 0 var(--moe-sp-3); }
    header a:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    h1 { font-size: var(--moe-fs-2xl); margin: var(--moe-sp-2) 0 var(--moe-sp-3); }
    .lead { max-width: 62rem; margin: var(--moe-sp-2) 0 var(--moe-sp-8); }
    section { border: 1px solid var(--moe-border); border-radius: 0.5rem; padding: var(--moe-sp-7) var(--moe-sp-8) var(--moe-sp-8); background: var(--moe-surface); margin-bottom: var(--moe-sp-8); min-width: 0; }
    h2 { font-size: var(--moe-fs-l); margin: 0 0 var(--moe-sp-4); }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); max-width: 62rem; margin: var(--moe-sp-3) 0 var(--moe-sp-7); }
    .sentence { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5) var(--moe-sp-8); align-items: start; margin: var(--moe-sp-4) 0 var(--moe-sp-6); }
    .sentence label { display: flex; flex-direction: column; font-weight: 600; gap: var(--moe-sp-2); }
    .sentence input[type='text'] { font: inherit; font-weight: 400; width: min(30rem, 80vw); padding: var(--moe-sp-3); }
    .sentence select { font: inherit; font-weight: 400; padding: var(--moe-sp-3); max-width: 20rem; }
    .sentence input[type='number'] { font: inherit; font-weight: 400; width: 8rem; padding: var(--moe-sp-3); }
    .problem { color: var(--moe-error); font-weight: 600; font-size: var(--moe-fs-base); margin: var(--moe-sp-2) 0 0; max-width: 16rem; }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-4) var(--moe-sp-7); border-radius: 0.4rem; margin: var(--moe-sp-4) 0; }
    .error { background: var(--moe-error-bg); border-color: var(--moe-error); }
    .status { font-size: var(--moe-fs-m); color: var(--moe-text-5); }
    .note p { max-width: 62rem; margin: var(--moe-sp-4) 0; }
    .sources { font-size: var(--moe-fs-m); color: var(--moe-text-4); }
    sub, sup { font-size: var(--moe-fs-sub); line-height: 0; }
    :is(button, input, select):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `,
  ];

  override disconnectedCallback(): void {
    this.runner.cancel();
    if (!this.runner.running) this.disposeModel();
    super.disconnectedCallback();
  }

  private disposeModel(): void {
    this.model?.dispose();
    this.model = null;
  }

  private tokenized(): Tokenized {
    return tokenize(this.sentence);
  }

  /** Marks the view out of date (the runner runs it once the backend is chosen). */
  private kick(): void {
    void this.runner.request();
  }

  /** One run: a new model for a new seed, the sweep for a new sentence, then the chosen d_c. */
  private async run(ctx: RunContext): Promise<void> {
    if (!this.model || this.model.config.seed !== this.seed) {
      this.disposeModel();
      this.model = new LatentAttention({ ...DEFAULT_LATENT_CONFIG, seed: this.seed });
    }
    const model = this.model;
    const { tokens } = this.tokenized();
    const key = `${this.seed}\u0000${this.sentence}`;
    if (this.sweepKey !== key) {
      const sweep = await model.sweep(tokens);
      this.sweep = sweep;
      this.sweepKey = key;
      if (ctx.stale()) return;
    }
    const dc = Math.min(this.dc, model.fullRank);
    this.result = await model.evaluate(tokens, dc);
    this.error = null;
  }

  /** Resolves when the model has caught up with the inputs and the page has rendered it (for tests). */
  settled(): Promise<void> {
    return this.page.settled();
  }

  private onLatent(e: LatentSizeEvent): void {
    this.dc = e.dc;
    this.kick();
  }

  private onSentence(text: string): void {
    ({ text: this.sentence, cut: this.textCut } = clipText(text));
    this.kick();
  }

  private onSeed(e: Event): void {
    const checked = checkWhole((e.target as HTMLInputElement).value, 'seed', 0, 4294967295);
    if (!checked.ok) {
      this.seedProblem = checked;
      return;
    }
    this.seedProblem = null;
    this.seed = checked.value;
    this.kick();
  }

  private renderIntro() {
    const t = memoryWords().page;
    return html`<header>
        <nav aria-label=${t.siteNav}><a href=${`../index.html${withKeptKeys('', location.search)}`}><span aria-hidden="true">← </span>${commonWords().home}</a></nav>
        <lang-switch></lang-switch><theme-switch></theme-switch>
      </header>`;
  }

  private renderCalculator() {
    const t = memoryWords().page;
    return html`<section aria-labelledby="calc-h">
      <h2 id="calc-h">${t.calcTitle}</h2>
      <p class="caption">${t.calcCaption}</p>
      <kv-calculator .presets=${[...KV_PRESETS, toyPreset(this.dc, { heads: DEFAULT_LATENT_CONFIG.heads, headDim: DEFAULT_LATENT_CONFIG.headDim, maxContext: MAX_TOKENS })]}></kv-calculator>
    </section>`;
  }

  private renderToy() {
    const t = memoryWords().page;
    const { tokens, truncated } = this.tokenized();
    const unknown = [...new Set(tokens.filter((k) => k.unknown).map((k) => k.text))];
    const { width, heads, headDim } = DEFAULT_LATENT_CONFIG;
    return html`<section aria-labelledby="toy-h">
      <h2 id="toy-h">${t.toyTitle}</h2>
      <p class="caption">${mathText(t.toyCaption(width, heads, headDim))}</p>
      <div class="sentence">
        ${sentenceFields(t, this.sentence, (text) => this.onSentence(text))}
        <div>
          <label>${t.seed} <input type="number" min="0" max="4294967295" step="1" .value=${String(this.seed)} aria-invalid=${this.seedProblem ? 'true' : 'false'}
            aria-describedby=${this.seedProblem ? 'seed-problem' : nothing} @change=${this.onSeed} /></label>
          ${this.seedProblem ? html`<p class="problem" role="alert" id="seed-problem">${localized(this.seedProblem)}</p>` : nothing}
        </div>
      </div>
      ${this.textCut ? html`<p class="notice" role="status">${localized(this.textCut)}</p>` : nothing}
      ${truncated ? html`<p class="notice" role="status">${t.truncated(MAX_TOKENS)}</p>` : nothing}
      ${tokens.length === 0 ? html`<p class="notice" role="status">${t.noWords}</p>` : nothing}
      ${unknown.length ? html`<p class="notice" role="status">${t.unknown}<span translate="no">${unknown.join(', ')}</span>${t.unknownEnd}</p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${t.toyFailed(localized(this.error))}</p>` : nothing}
      ${this.sweep.length === 0 && !this.error ? html`<p role="status">${t.starting}</p>` : nothing}
      <latent-toy
        .dc=${this.dc}
        .fullRank=${Math.min(width, 2 * heads * headDim)}
        .width=${width}
        .heads=${heads}
        .headDim=${headDim}
        .tokens=${tokens.map((k) => k.text)}
        .sweep=${this.sweep}
        .result=${this.result}
        @latent-size=${this.onLatent}
      ></latent-toy>
      <p class="caption">${mathText(t.toyNote(width))}</p>
      <p class="status">${t.running(this.page.backendName)}</p>
    </section>`;
  }

  private renderRope() {
    const t = memoryWords().page;
    return html`<section class="note" aria-labelledby="rope-h">
      <h2 id="rope-h">${t.ropeTitle}</h2>
      <p>${richText(t.rope1, true)}</p>
      <p>${richText(t.rope2, true)}</p>
      <p>${richText(t.rope3, true)}</p>
      <p class="sources">${t.sources}</p>
    </section>`;
  }

  override render() {
    const t = memoryWords().page;
    return html`${this.renderIntro()}
      <main>
        <h1>${t.heading}</h1>
        <p class="lead">${richText(t.lead)}</p>
        ${this.page.renderLinkNotices(this.linkIgnored)}
        ${this.page.renderBackendNotice()} ${this.renderCalculator()} ${this.renderToy()} ${this.renderRope()}
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'memory-page': MemoryPage;
  }
}
