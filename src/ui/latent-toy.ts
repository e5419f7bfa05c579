/**
 * The live toy's view: the latent-size slider, what each version caches, how far the latent version
 * is from full attention (numbers, a chart over every d_c, and the attention maps of one head side by
 * side). Renders plain data from the shell and sends the chosen d_c up; it computes nothing itself.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LatentErrors, LatentEvaluation } from '../core/latent-attention';
import { percent, ratioText } from './memory-format';
import { formatCount } from './format';
import { mathText } from './math-text';
import { a11yStyles } from './shared-styles';
import './attention-map';
import './error-chart';

export class LatentSizeEvent extends Event {
  static readonly type = 'latent-size';
  constructor(readonly dc: number) {
    super(LatentSizeEvent.type, { bubbles: true, composed: true });
  }
}

@customElement('latent-toy')
export class LatentToy extends LitElement {
  /** The chosen d_c (the slider's value). */
  @property({ type: Number }) dc = 8;
  @property({ type: Number }) fullRank = 32;
  @property({ type: Number }) width = 32;
  @property({ type: Number }) heads = 4;
  @property({ type: Number }) headDim = 8;
  @property({ attribute: false }) tokens: readonly string[] = [];
  @property({ attribute: false }) sweep: readonly LatentErrors[] = [];
  /** The evaluation on screen; its d_c may lag the slider while the model catches up. */
  @property({ attribute: false }) result: LatentEvaluation | null = null;
  @state() private head = 0;

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; }
    .row { display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: 0.2rem 0.75rem; max-width: 40rem; }
    label { font-weight: 600; }
    output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 7rem; }
    input[type='range'] { width: 100%; min-height: 1.6rem; }
    .hint { font-size: 0.85rem; color: #444; margin: 0.2rem 0 0.6rem; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.6rem; margin: 0.6rem 0; }
    .figure { border: 1px solid #ccc; border-radius: 0.4rem; padding: 0.45rem 0.7rem; background: #fafafa; }
    .figure h3 { font-size: 0.95rem; margin: 0 0 0.2rem; }
    .figure p { margin: 0.15rem 0; }
    .big { font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.8rem; align-items: start; }
    fieldset.heads { border: none; padding: 0; margin: 0.4rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: center; }
    fieldset.heads legend { font-weight: 600; float: left; margin-right: 0.4rem; padding: 0; }
    .caption { font-size: 0.88rem; color: #333; margin: 0.4rem 0; max-width: 62rem; }
    h3.sub { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
    error-chart { max-width: 48rem; }
    sub { font-size: 0.7em; }
    :is(input):focus-visible { outline: 3px solid #000; outline-offset: 2px; }
  `,
  ];

  private onSlider(e: Event): void {
    const dc = Number((e.target as HTMLInputElement).value);
    this.dispatchEvent(new LatentSizeEvent(dc));
  }

  private figures(r: LatentEvaluation) {
    const T = r.tokens;
    const ratio = r.cacheFull / r.cacheLatent;
    return html`<div class="figures">
      <div class="figure" aria-label="Full attention cache">
        <h3>Full multi-head attention</h3>
        <p>keeps a key and a value of ${this.headDim} numbers for each of its ${this.heads} heads:</p>
        <p class="big" id="cache-full">${formatCount(r.cacheFull)} numbers per token</p>
        <p>${formatCount(r.cacheFull * T)} numbers for these ${T} tokens</p>
      </div>
      <div class="figure" aria-label="Latent attention cache">
        <h3>Latent attention</h3>
        <p>keeps only the latent vector <i>c</i> of ${mathText('d_c')} numbers:</p>
        <p class="big" id="cache-latent">${formatCount(r.cacheLatent)} numbers per token</p>
        <p>${formatCount(r.cacheLatent * T)} numbers for these ${T} tokens: ${ratioText(ratio)} less</p>
      </div>
      <div class="figure" aria-label="Difference from full attention">
        <h3>How far from full attention</h3>
        <p>Attention moved: <span class="big" id="moved">${percent(r.attentionMoved)}</span></p>
        <p>Output off by: <span class="big" id="output-error">${percent(r.outputError)}</span></p>
      </div>
    </div>`;
  }

  private maps(r: LatentEvaluation) {
    const h = Math.min(this.head, r.heads - 1);
    const full = r.attentionFull[h];
    const latent = r.attentionLatent[h];
    if (!full || !latent) return nothing;
    const diff = latent.map((v, i) => v - (full[i] as number));
    const maxDiff = Math.max(0.01, ...Array.from(diff, Math.abs));
    return html`<fieldset class="heads">
        <legend>Head shown:</legend>
        ${Array.from(
          { length: r.heads },
          (_, i) => html`<label><input type="radio" name="head" .checked=${i === h} @change=${() => (this.head = i)} /> ${i + 1}</label>`,
        )}
      </fieldset>
      <div class="maps">
        <attention-map .matrix=${full} .tokens=${this.tokens} label=${`Full attention, head ${h + 1}`}></attention-map>
        <attention-map .matrix=${latent} .tokens=${this.tokens} label=${`Latent, d_c = ${r.dc}, head ${h + 1}`}></attention-map>
        <attention-map .matrix=${diff} .tokens=${this.tokens} tone="diff" .scaleMax=${maxDiff} label=${`Difference, head ${h + 1}`}></attention-map>
      </div>
      <p class="caption">
        Each row is a word reading the words before it; a darker square means more attention. If the latent version were perfect, the
        middle map would match the left one and the difference map would be white.
      </p>`;
  }

  override render() {
    const r = this.result;
    return html`
      <div class="row">
        <label for="dc">Latent size ${mathText('d_c')}</label>
        <input id="dc" aria-label="Latent size d_c" type="range" min="1" max=${this.fullRank} step="1" .value=${String(this.dc)} aria-valuetext=${`${this.dc} numbers per token`} @input=${this.onSlider} />
        <output for="dc" id="dc-value">${this.dc} numbers per token</output>
      </div>
      <p class="hint">
        Slide left to squeeze the memory: the latent vector keeps ${mathText('d_c')} numbers per token (1 to ${this.fullRank}). At ${this.fullRank}, as wide as the
        token vectors themselves, nothing is lost.
      </p>
      ${r && r.tokens > 0 ? this.figures(r) : nothing}
      <h3 class="sub">Error for every latent size</h3>
      <error-chart .points=${this.sweep} .current=${this.dc}></error-chart>
      <p class="caption">
        <strong>Output off by</strong>: how far the layer’s output is from full attention’s (size of the difference over size of the output).
        <strong>Attention moved</strong>: on average, the share of a word’s attention that lands on different words.
      </p>
      ${r && r.tokens > 0 ? html`<h3 class="sub">Where each word looks, for the chosen ${mathText('d_c')}</h3>${this.maps(r)}` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'latent-toy': LatentToy;
  }
  interface HTMLElementEventMap {
    'latent-size': LatentSizeEvent;
  }
}
