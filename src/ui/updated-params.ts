/**
 * "Parameters updated this step": which weights got a non-zero gradient in the last training step.
 * The embedding (which is also the output head), each layer's router and its shared experts take
 * part in every token, so they are always updated; a routed expert only when at least one token of
 * the batch chose it. One row of blocks per layer, lit = updated, and the fraction of all weights.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatPercent } from './format';
import { expertColour, textOn } from './palette';

/** Parameter counts of the parts (ToyParams of src/core/params.ts has these fields). */
export interface PartSizes {
  embedding: number;
  router: number;
  routedExpert: number;
  sharedExpert: number;
}

@customElement('updated-params')
export class UpdatedParams extends LitElement {
  /** Per layer: the routed experts that received a gradient (StepReport.layers[l].updatedExperts). */
  @property({ attribute: false }) layers: readonly (readonly number[])[] = [];
  /** Per layer: tokens of the batch that chose each routed expert (StepReport.layers[l].demand). */
  @property({ attribute: false }) demand: readonly (readonly number[])[] = [];
  /** Tokens in the batch. */
  @property({ type: Number }) tokens = 0;
  /** Routed experts per layer. */
  @property({ type: Number }) experts = 0;
  /** Shared experts per layer. */
  @property({ type: Number }) shared = 0;
  @property({ attribute: false }) sizes: PartSizes | null = null;
  @property({ type: Number }) updatedParams = 0;
  @property({ type: Number }) totalParams = 0;
  /** The step these numbers come from (1 = the first); 0 = no step yet. */
  @property({ type: Number }) step = 0;

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; color: #111; }
    .headline { font-size: 1.05rem; margin: 0 0 0.4rem; }
    .headline strong { font-variant-numeric: tabular-nums; }
    .row { display: grid; grid-template-columns: 4.8rem minmax(0, 1fr); gap: 0.3rem 0.5rem; align-items: start; margin: 0.35rem 0; }
    .row > .name { font-weight: 600; font-size: 0.9rem; padding-top: 0.35rem; }
    .blocks { display: flex; flex-wrap: wrap; gap: 3px; }
    .b { box-sizing: border-box; min-width: 2.4rem; height: 2.4rem; padding: 0 0.3rem; display: flex; flex-direction: column; align-items: center; justify-content: center; line-height: 1.05;
      font-size: 0.75rem; font-weight: 600; border-radius: 3px; border: 1px dashed #999; background: #f2f2f2; color: #555; font-variant-numeric: tabular-nums; }
    .b.on { border: 2px solid #000; }
    .b small { font-weight: 400; font-size: 0.68rem; }
    .b.always { background: #444; color: #fff; border: 2px solid #000; }
    .words { font-size: 0.85rem; margin: 0.15rem 0 0; grid-column: 2; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; list-style: none; padding: 0; margin: 0.5rem 0 0; font-size: 0.8rem; }
    .legend li { display: flex; align-items: center; gap: 0.3rem; }
    .legend .b { min-width: 1.2rem; height: 1rem; }
    .caption { font-size: 0.88rem; color: #333; margin: 0.4rem 0 0; }
    .empty { color: #444; }
  `;

  override render() {
    if (this.step === 0 || this.layers.length === 0) return html`<p class="empty">No training step yet: press Train or Step.</p>`;
    const frac = this.updatedParams / Math.max(1, this.totalParams);
    const s = this.sizes;
    const E = this.experts;
    return html`
      <p class="headline">
        Step ${this.step} updated <strong class="count">${formatCount(this.updatedParams)} of ${formatCount(this.totalParams)}</strong> parameters
        (<strong class="percent">${formatPercent(frac)}</strong>).
      </p>
      <div class="row">
        <span class="name">All layers</span>
        <div class="blocks"><span class="b always" title=${s ? `${formatCount(s.embedding)} parameters` : ''}>embedding + head</span></div>
      </div>
      ${this.layers.map((updated, l) => {
        const lit = new Set(updated);
        const idle = Array.from({ length: E }, (_, e) => e).filter((e) => !lit.has(e));
        return html`<div class="row layer" data-layer=${l}>
          <span class="name">Layer ${l + 1}</span>
          <div class="blocks" role="img" aria-label=${`Layer ${l + 1}: router${this.shared ? ` and ${this.shared} shared expert${this.shared > 1 ? 's' : ''}` : ''} updated; routed experts updated: ${updated.length ? updated.map((e) => `E${e}`).join(', ') : 'none'}`}>
            <span class="b always">router</span>
            ${Array.from({ length: this.shared }, (_, i) => html`<span class="b always shared">S${i}</span>`)}
            ${Array.from({ length: E }, (_, e) => {
              const on = lit.has(e);
              const bg = expertColour(e);
              const n = this.demand[l]?.[e];
              return html`<span class="b expert ${on ? 'on' : ''}" data-expert=${e} style=${on ? `background:${bg};color:${textOn(bg)}` : ''}>E${e}${n === undefined ? nothing : html` <small>${n}</small>`}</span>`;
            })}
          </div>
          <p class="words">
            ${updated.length} of ${E} routed experts got a gradient${idle.length ? html`; not updated (no token chose them): ${idle.map((e) => `E${e}`).join(', ')}` : nothing}.
            ${idle.length === 0 && this.tokens > 0 ? `Each was chosen by at least one of the batch's ${formatCount(this.tokens)} tokens.` : ''}
          </p>
        </div>`;
      })}
      <ul class="legend" aria-hidden="true">
        <li><span class="b always"></span>always updated (every token uses it)</li>
        <li><span class="b on" style="background:${expertColour(0)}"></span>routed expert chosen by tokens of this batch (the small number: how many): updated</li>
        <li><span class="b"></span>not chosen: no gradient, left untouched</li>
      </ul>
      <p class="caption">
        ${s ? `One routed expert has ${formatCount(s.routedExpert)} parameters, a router ${formatCount(s.router)}, the embedding ${formatCount(s.embedding)}. ` : ''}
        Each expert learns only from the tokens it was sent. A smaller batch (try 1 sentence) leaves more experts out of a step.
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'updated-params': UpdatedParams;
  }
}
