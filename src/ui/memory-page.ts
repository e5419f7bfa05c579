/**
 * Lesson page shell: compressed memory, or multi-head latent attention (DeepSeek-V2, used again in
 * V3). A cache calculator over published configs, then a live toy in tfjs: full multi-head
 * attention beside a latent version whose keys and values are rebuilt from d_c numbers per token.
 *
 * The shell starts tfjs, owns the toy (core LatentAttention) and hands plain data to the leaves.
 * One worker loop runs the model: inputs only mark it dirty, so a dragged slider never queues up
 * evaluations, and the model is only replaced (new seed) between runs.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_SENTENCE, PRESET_SENTENCES } from '../core/corpus';
import { checkWhole, KV_PRESETS, toyPreset } from '../core/kv-cache';
import { DEFAULT_LATENT_CONFIG, LatentAttention, type LatentErrors, type LatentEvaluation } from '../core/latent-attention';
import { MAX_TOKENS, tokenize, type Tokenized } from '../core/tokenizer';
import { preferredBackend, startBrowserBackend } from '../state/backend';
import type { LatentSizeEvent } from './latent-toy';
import { mathText } from './math-text';
import { a11yStyles } from './shared-styles';
import './kv-calculator';
import './latent-toy';

@customElement('memory-page')
export class MemoryPage extends LitElement {
  @property() sentence = DEFAULT_SENTENCE;
  @property({ type: Number }) seed = DEFAULT_LATENT_CONFIG.seed;
  /** The latent size d_c shown first. */
  @property({ type: Number }) dc = 8;
  @state() private sweep: LatentErrors[] = [];
  @state() private result: LatentEvaluation | null = null;
  @state() private notice: string | null = null;
  @state() private error: string | null = null;
  @state() private seedProblem: string | null = null;
  @state() private backendName = '…';
  @state() private running = false;

  private model: LatentAttention | null = null;
  private sweepKey = '';
  private dirty = false;
  private started = false;
  private backendReady = false;
  private closed = false;
  private waiting: (() => void)[] = [];

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; max-width: 76rem; margin: 0 auto; padding: 0.5rem 1rem 2rem; font-family: system-ui, sans-serif; color: #111; line-height: 1.4; }
    h1 { font-size: 1.6rem; margin: 0.2rem 0 0.3rem; }
    .lead { max-width: 62rem; margin: 0.2rem 0 0.9rem; }
    section { border: 1px solid #ccc; border-radius: 0.5rem; padding: 0.7rem 1rem 0.9rem; background: #fff; margin-bottom: 1rem; min-width: 0; }
    h2 { font-size: 1.2rem; margin: 0 0 0.4rem; }
    .caption { font-size: 0.92rem; color: #333; max-width: 62rem; margin: 0.3rem 0 0.7rem; }
    .sentence { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: start; margin: 0.4rem 0 0.6rem; }
    .sentence label { display: flex; flex-direction: column; font-weight: 600; gap: 0.2rem; }
    .sentence input[type='text'] { font: inherit; font-weight: 400; width: min(30rem, 80vw); padding: 0.3rem; }
    .sentence select { font: inherit; font-weight: 400; padding: 0.3rem; max-width: 20rem; }
    .sentence input[type='number'] { font: inherit; font-weight: 400; width: 8rem; padding: 0.3rem; }
    .problem { color: #b3261e; font-weight: 600; font-size: 0.88rem; margin: 0.2rem 0 0; max-width: 16rem; }
    .notice { background: #fff4d6; border: 1px solid #c89b00; padding: 0.45rem 0.75rem; border-radius: 0.4rem; margin: 0.4rem 0; }
    .error { background: #fde2e1; border-color: #b3261e; }
    .status { font-size: 0.85rem; color: #555; }
    .note p { max-width: 62rem; margin: 0.4rem 0; }
    .sources { font-size: 0.85rem; color: #444; }
    sub, sup { font-size: 0.7em; line-height: 0; }
    :is(button, input, select):focus-visible { outline: 3px solid #000; outline-offset: 2px; }
  `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.closed = false;
    if (!this.started) {
      this.started = true;
      void startBrowserBackend(preferredBackend(location.search)).then((b) => {
        this.notice = b.notice;
        this.backendName = b.name;
        this.backendReady = true;
        this.kick();
      });
    }
  }

  override disconnectedCallback(): void {
    this.closed = true;
    if (!this.running) this.disposeModel();
    super.disconnectedCallback();
  }

  private disposeModel(): void {
    this.model?.dispose();
    this.model = null;
  }

  private tokenized(): Tokenized {
    return tokenize(this.sentence);
  }

  /** Marks the view out of date and starts the worker if it is not running. */
  private kick(): void {
    this.dirty = true;
    if (!this.running) void this.work();
  }

  /** Runs until the results match the latest inputs. */
  private async work(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty && !this.closed) {
        this.dirty = false;
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
          if (this.dirty) continue;
        }
        const dc = Math.min(this.dc, model.fullRank);
        this.result = await model.evaluate(tokens, dc);
        this.error = null;
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
      if (this.closed) this.disposeModel();
      const waiting = this.waiting;
      this.waiting = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  /** Resolves when the model has caught up with the inputs and the page has rendered it (for tests). */
  async settled(): Promise<void> {
    if (this.running || this.dirty || !this.backendReady) await new Promise<void>((resolve) => this.waiting.push(resolve));
    await this.updateComplete;
  }

  private onLatent(e: LatentSizeEvent): void {
    this.dc = e.dc;
    this.kick();
  }

  private onSentence(text: string): void {
    this.sentence = text;
    this.kick();
  }

  private onSeed(e: Event): void {
    const checked = checkWhole((e.target as HTMLInputElement).value, 'Seed', 0, 4294967295);
    if (!checked.ok) {
      this.seedProblem = checked.message;
      return;
    }
    this.seedProblem = null;
    this.seed = checked.value;
    this.kick();
  }

  private renderIntro() {
    return html`<h1>Compressed memory: multi-head latent attention</h1>
      <p class="lead">
        When a language model writes, every new word looks back at all the words before it. So that it need not redo that work, the model keeps
        a <em>key</em> (what a word is about) and a <em>value</em> (what it says) for every earlier word, in every layer: the
        <strong>key-value cache</strong>. For long texts this memory, not the arithmetic, decides how many people one machine can serve.
        DeepSeek’s answer (DeepSeek-V2, 2024, and again in V3) is <strong>multi-head latent attention</strong>: keep one small
        <em>latent</em> vector per word and rebuild the keys and values from it when they are needed.
      </p>`;
  }

  private renderCalculator() {
    return html`<section aria-labelledby="calc-h">
      <h2 id="calc-h">How big is the memory?</h2>
      <p class="caption">
        Pick a model and a text length. The table counts the numbers kept for every word, first per layer, then over all layers, then for the
        whole text and batch (sequences served at once), and turns them into bytes. The highlighted row is what the model really uses; the
        other rows are what the same model would keep with another kind of attention.
      </p>
      <kv-calculator .presets=${[...KV_PRESETS, toyPreset(this.dc, { heads: DEFAULT_LATENT_CONFIG.heads, headDim: DEFAULT_LATENT_CONFIG.headDim, maxContext: MAX_TOKENS })]}></kv-calculator>
    </section>`;
  }

  private renderToy() {
    const { tokens, truncated } = this.tokenized();
    const unknown = [...new Set(tokens.filter((t) => t.unknown).map((t) => t.text))];
    const { width, heads, headDim } = DEFAULT_LATENT_CONFIG;
    return html`<section aria-labelledby="toy-h">
      <h2 id="toy-h">Try it: a tiny attention layer in your browser</h2>
      <p class="caption">
        A real attention layer (${width}-wide word vectors, ${heads} heads of ${headDim}) reads the sentence below, twice: once with full
        multi-head attention, which caches a key and a value for every head, and once with a latent version, which caches only a vector of
        ${mathText('d_c')} numbers per word and rebuilds all keys and values from it. The squeeze and the rebuild are fitted here in the
        page: the best ${mathText('d_c')}-number summary of the key and value weights (a singular value decomposition).
      </p>
      <div class="sentence">
        <label>Sentence
          <input type="text" .value=${this.sentence} maxlength="2000" @change=${(e: Event) => this.onSentence((e.target as HTMLInputElement).value)} />
        </label>
        <label>Presets
          <select @change=${(e: Event) => this.onSentence((e.target as HTMLSelectElement).value)}>
            <option value="" disabled ?selected=${!PRESET_SENTENCES.includes(this.sentence)}>Choose a sentence…</option>
            ${PRESET_SENTENCES.map((p) => html`<option .value=${p} ?selected=${p === this.sentence}>${p}</option>`)}
          </select>
        </label>
        <div>
          <label>Seed <input type="number" min="0" max="4294967295" step="1" .value=${String(this.seed)} aria-invalid=${this.seedProblem ? 'true' : 'false'}
            aria-describedby=${this.seedProblem ? 'seed-problem' : nothing} @change=${this.onSeed} /></label>
          ${this.seedProblem ? html`<p class="problem" role="alert" id="seed-problem">${this.seedProblem}</p>` : nothing}
        </div>
      </div>
      ${truncated ? html`<p class="notice" role="status">Only the first ${MAX_TOKENS} words are read.</p>` : nothing}
      ${tokens.length === 0 ? html`<p class="notice" role="status">Type a sentence: there are no words to attend to.</p>` : nothing}
      ${unknown.length ? html`<p class="notice" role="status">Not in the toy’s vocabulary, read as the unknown word: ${unknown.join(', ')}.</p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">The toy could not run: ${this.error}</p>` : nothing}
      ${this.sweep.length === 0 && !this.error ? html`<p role="status">Starting the model…</p>` : nothing}
      <latent-toy
        .dc=${this.dc}
        .fullRank=${Math.min(width, 2 * heads * headDim)}
        .width=${width}
        .heads=${heads}
        .headDim=${headDim}
        .tokens=${tokens.map((t) => t.text)}
        .sweep=${this.sweep}
        .result=${this.result}
        @latent-size=${this.onLatent}
      ></latent-toy>
      <p class="caption">
        The toy’s weights are random (seeded), the hardest case for compression: no direction matters much more than another, so every number
        removed from the latent loses something, and the error only reaches zero at ${mathText('d_c')} = ${width}. DeepSeek does not squeeze a finished model
        like this: it trains with the latent in place from the start, so the network learns to put what matters into its 512 numbers, and the
        DeepSeek-V2 paper reports quality as good as or better than full multi-head attention.
      </p>
      <p class="status">Running on the ${this.backendName} backend.</p>
    </section>`;
  }

  private renderRope() {
    return html`<section class="note" aria-labelledby="rope-h">
      <h2 id="rope-h">Why the position part is stored separately</h2>
      <p>
        A model also needs to know <em>where</em> each word is. DeepSeek uses rotary position embedding (RoPE): each key is turned by an angle
        that depends on its word’s position. But MLA’s speed comes from never rebuilding the keys: the up-projection that would rebuild them
        is folded into the query side once, so queries are compared with the small cached latent directly. A turn that differs for every
        position would sit between those two matrices, and they could no longer be folded together.
      </p>
      <p>
        So DeepSeek keeps position out of the latent: each word also caches one small rotary key of ${mathText('d_h^R')} = 64 numbers, shared by all heads.
        That is why the cache is ${mathText('d_c + d_h^R')} = 512 + 64 = 576 numbers per word per layer.
      </p>
      <p>
        <strong>The toy on this page has no positions</strong> (like the rest of moe-lab, it does not encode word order; it only stops each
        word from reading later ones), so it caches the latent alone and its ${mathText('d_h^R')} is 0.
      </p>
      <p class="sources">
        Sources: DeepSeek-V2 paper (arXiv 2405.04434), section 2.1 and Table 1; DeepSeek-V3 technical report (arXiv 2412.19437); the models’
        published configuration files.
      </p>
    </section>`;
  }

  override render() {
    return html`${this.renderIntro()}
      ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : nothing} ${this.renderCalculator()} ${this.renderToy()} ${this.renderRope()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'memory-page': MemoryPage;
  }
}
