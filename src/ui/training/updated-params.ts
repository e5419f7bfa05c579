/**
 * "Parameters updated this step": which weights got a non-zero gradient in the last training step.
 * The embedding (which is also the output head), each layer's router and its shared experts take
 * part in every token, so they are always updated; a routed expert only when at least one token of
 * the batch chose it. One row of blocks per layer, lit = updated (in the expert's colour and pattern),
 * and the fraction of all weights. The legend's swatches are the updated experts' own.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { expertColour, textOn } from '../shared/palette';
import { expertBackground } from '../shared/expert-patterns';
import { withSlots } from './training-format';
import { trainWords } from '../i18n/training';
import { styleProps } from '../shared/style-props';

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
  private readonly i18n = new LocaleController(this);

  static override styles = css`
    :host { display: block; font-family: var(--moe-font); color: var(--moe-text); }
    .headline { font-size: var(--moe-fs-1); margin: 0 0 var(--moe-sp-4); }
    .headline strong { font-variant-numeric: tabular-nums; }
    .row { display: grid; grid-template-columns: 4.8rem minmax(0, 1fr); gap: var(--moe-sp-3) var(--moe-sp-5); align-items: start; margin: var(--moe-sp-3) 0; }
    .row > .name { font-weight: 600; font-size: var(--moe-fs-base); padding-top: var(--moe-sp-3); }
    .blocks { display: flex; flex-wrap: wrap; gap: var(--moe-sp-2); }
    .b { box-sizing: border-box; min-width: 2.4rem; height: 2.4rem; padding: 0 var(--moe-sp-3); display: flex; flex-direction: column; align-items: center; justify-content: center; line-height: 1.05;
      font-size: var(--moe-fs-xs); font-weight: 600; border-radius: 3px; border: 1px dashed var(--moe-grey-99); background: var(--moe-grey-f2); color: var(--moe-text-5); font-variant-numeric: tabular-nums; }
    .b.on { border: 2px solid var(--moe-ink); }
    .b small { font-weight: 400; font-size: var(--moe-fs-xs); }
    /* On a patterned block the text sits on its solid colour. */
    .b.expert > * { background: var(--solid, transparent); padding: 0 var(--moe-sp-1); border-radius: 2px; }
    .b.always { background: var(--moe-always); color: var(--moe-on-accent); border: 2px solid var(--moe-ink); }
    .words { font-size: var(--moe-fs-m); margin: var(--moe-sp-1) 0 0; grid-column: 2; }
    .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); list-style: none; padding: 0; margin: var(--moe-sp-5) 0 0; font-size: var(--moe-fs-s); }
    .legend li { display: flex; align-items: center; gap: var(--moe-sp-3); }
    .legend .b { min-width: 1.2rem; height: 1rem; }
    .caption { font-size: var(--moe-fs-base); color: var(--moe-text-3); margin: var(--moe-sp-4) 0 0; }
    .empty { color: var(--moe-text-4); }
  `;

  /** The legend's swatches: the experts updated in any layer, at most eight (their colours and patterns). */
  private legendExperts(): number[] {
    return [...new Set(this.layers.flat())].sort((a, b) => a - b).slice(0, 8);
  }

  override render() {
    const m = trainWords().updated;
    if (this.step === 0 || this.layers.length === 0) return html`<p class="empty">${m.empty}</p>`;
    const frac = this.updatedParams / Math.max(1, this.totalParams);
    const s = this.sizes;
    const E = this.experts;
    return html`
      <p class="headline">${withSlots(m.headline(this.step), {
        count: html`<strong class="count">${m.count(formatCount(this.updatedParams), formatCount(this.totalParams))}</strong>`,
        percent: html`<strong class="percent">${formatPercent(frac)}</strong>`,
      })}</p>
      <div class="row">
        <span class="name">${m.allLayers}</span>
        <div class="blocks"><span class="b always" title=${s ? m.parameters(formatCount(s.embedding)) : ''}>${m.embedding}</span></div>
      </div>
      ${this.layers.map((updated, l) => {
        const lit = new Set(updated);
        const idle = Array.from({ length: E }, (_, e) => e).filter((e) => !lit.has(e));
        return html`<div class="row layer" data-layer=${l}>
          <span class="name">${m.layer(l + 1)}</span>
          <div class="blocks" role="img" aria-label=${m.blocksLabel(l + 1, this.shared, updated.map((e) => `E${e}`).join(', '))}>
            <span class="b always">${m.router}</span>
            ${Array.from({ length: this.shared }, (_, i) => html`<span class="b always shared">S${i}</span>`)}
            ${Array.from({ length: E }, (_, e) => {
              const on = lit.has(e);
              const n = this.demand[l]?.[e];
              return html`<span class="b expert ${on ? 'on' : ''}" data-expert=${e} ${styleProps(on ? { background: expertBackground(e), color: textOn(expertColour(e)), '--solid': expertColour(e) } : {})}><span>E${e}</span>${n === undefined ? nothing : html` <small>${n}</small>`}</span>`;
            })}
          </div>
          <p class="words">${m.gotGradient(updated.length, E)}${idle.length ? m.notUpdated(idle.map((e) => `E${e}`).join(', ')) : nothing}${m.end}${idle.length === 0 && this.tokens > 0 ? m.eachChosen(formatCount(this.tokens)) : ''}</p>
        </div>`;
      })}
      <ul class="legend" aria-hidden="true">
        <li><span class="b always"></span>${m.legendAlways}</li>
        <li>${this.legendExperts().map((e) => html`<span class="b on" data-swatch=${e} ${styleProps({ background: expertBackground(e) })}></span>`)}${m.legendChosen}</li>
        <li><span class="b"></span>${m.legendIdle}</li>
      </ul>
      <p class="caption">${s ? m.sizes(formatCount(s.routedExpert), formatCount(s.router), formatCount(s.embedding)) : ''}${m.caption}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'updated-params': UpdatedParams;
  }
}
