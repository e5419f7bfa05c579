/**
 * The live toy's view: the latent-size slider, what each version caches, how far the latent version
 * is from full attention (numbers, a chart over every d_c, and the attention maps of one head side by
 * side). Renders plain data from the shell and sends the chosen d_c up; it computes nothing itself.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LatentErrors, LatentEvaluation } from '../../core/latent-attention';
import { percent, ratioText } from './memory-format';
import { formatCount } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { mathText, richText } from '../shared/math-text';
import { blockStyles } from '../shared/shared-styles';
import './attention-map';
import './error-chart';
import { memoryWords } from '../i18n/memory';
import { UpEvent } from '../shared/events';

export class LatentSizeEvent extends UpEvent {
  static readonly type = 'latent-size';
  constructor(readonly dc: number) {
    super(LatentSizeEvent.type);
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
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    .row { display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: var(--moe-sp-2) var(--moe-sp-7); max-width: 40rem; }
    label { font-weight: 600; }
    output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 7rem; }
    input[type='range'] { width: 100%; min-height: 1.6rem; }
    .hint { font-size: var(--moe-fs-m); color: var(--moe-text-4); margin: var(--moe-sp-2) 0 var(--moe-sp-6); }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: var(--moe-sp-6); margin: var(--moe-sp-6) 0; }
    .figure { border: 1px solid var(--moe-border); border-radius: 0.4rem; padding: var(--moe-sp-4) var(--moe-sp-7); background: var(--moe-grey-fa); }
    .figure h3 { font-size: var(--moe-fs-base); margin: 0 0 var(--moe-sp-2); }
    .figure p { margin: var(--moe-sp-1) 0; }
    .big { font-size: var(--moe-fs-xl); font-weight: 700; font-variant-numeric: tabular-nums; }
    .maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: var(--moe-sp-7); align-items: start; }
    fieldset.heads { border: none; padding: 0; margin: var(--moe-sp-4) 0; display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-7); align-items: center; }
    fieldset.heads legend { font-weight: 600; float: left; margin-right: var(--moe-sp-4); padding: 0; }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-4) 0; max-width: 62rem; }
    h3.sub { font-size: var(--moe-fs-1); margin: var(--moe-sp-8) 0 var(--moe-sp-3); }
    error-chart { max-width: 48rem; }
    sub { font-size: var(--moe-fs-sub); }
    :is(input):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
  `,
  ];

  private onSlider(e: Event): void {
    const dc = Number((e.target as HTMLInputElement).value);
    this.dispatchEvent(new LatentSizeEvent(dc));
  }

  private figures(r: LatentEvaluation) {
    const T = r.tokens;
    const ratio = r.cacheFull / r.cacheLatent;
    const t = memoryWords().toy;
    return html`<div class="figures">
      <div class="figure" aria-label=${t.fullCache}>
        <h3>${t.fullTitle}</h3>
        <p>${t.fullKeeps(this.headDim, this.heads)}</p>
        <p class="big" id="cache-full">${t.perToken(formatCount(r.cacheFull))}</p>
        <p>${t.forTokens(formatCount(r.cacheFull * T), T)}</p>
      </div>
      <div class="figure" aria-label=${t.latentCache}>
        <h3>${t.latentTitle}</h3>
        <p>${richText(t.latentKeeps, true)}</p>
        <p class="big" id="cache-latent">${t.perToken(formatCount(r.cacheLatent))}</p>
        <p>${t.forTokens(formatCount(r.cacheLatent * T), T)}${t.less(ratioText(ratio))}</p>
      </div>
      <div class="figure" aria-label=${t.differenceLabel}>
        <h3>${t.howFar}</h3>
        <p>${t.moved}<span class="big" id="moved">${percent(r.attentionMoved)}</span></p>
        <p>${t.outputOff}<span class="big" id="output-error">${percent(r.outputError)}</span></p>
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
    const t = memoryWords().toy;
    return html`<fieldset class="heads">
        <legend>${t.headShown}</legend>
        ${Array.from(
          { length: r.heads },
          (_, i) => html`<label><input type="radio" name="head" .checked=${i === h} @change=${() => (this.head = i)} /> ${i + 1}</label>`,
        )}
      </fieldset>
      <div class="maps">
        <attention-map .matrix=${full} .tokens=${this.tokens} label=${t.fullMap(h + 1)}></attention-map>
        <attention-map .matrix=${latent} .tokens=${this.tokens} label=${t.latentMap(r.dc, h + 1)}></attention-map>
        <attention-map .matrix=${diff} .tokens=${this.tokens} tone="diff" .scaleMax=${maxDiff} label=${t.diffMap(h + 1)}></attention-map>
      </div>
      <p class="caption">${t.mapsCaption}</p>`;
  }

  override render() {
    const r = this.result;
    const t = memoryWords().toy;
    return html`
      <div class="row">
        <label for="dc">${mathText(t.latentSize)}</label>
        <input id="dc" aria-label=${t.latentSize} type="range" min="1" max=${this.fullRank} step="1" .value=${String(this.dc)} aria-valuetext=${t.perToken(String(this.dc))} @input=${this.onSlider} />
        <output for="dc" id="dc-value">${t.perToken(String(this.dc))}</output>
      </div>
      <p class="hint">${mathText(t.sliderHint(this.fullRank))}</p>
      ${r && r.tokens > 0 ? this.figures(r) : nothing}
      <h3 class="sub">${t.errorTitle}</h3>
      <error-chart .points=${this.sweep} .current=${this.dc}></error-chart>
      <p class="caption">${richText(t.errorCaption)}</p>
      ${r && r.tokens > 0 ? html`<h3 class="sub">${mathText(t.whereTitle)}</h3>${this.maps(r)}` : nothing}
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
