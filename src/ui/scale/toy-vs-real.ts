/**
 * "Your toy vs DeepSeek-V3": the same counting and the same conventions on both, side by side, with
 * the fraction of weights a token uses drawn on one shared 0–100% scale.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PARTS } from '../../core/params';
import type { ScaleModel } from '../../core/scale-model';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { scaled } from './param-breakdown';
import { formatExact, formatWords } from './scale-format';
import { blockStyles } from '../shared/shared-styles';
import { scaleWords } from '../i18n/scale';
import { styleProps } from '../shared/style-props';

/** "embedding, routers and shared experts": the parts every token uses. */
function alwaysOn(m: ScaleModel): string {
  const t = scaleWords().toyVsReal;
  const names = PARTS.filter((p) => p !== 'routedExperts' && m.parts[p].total > 0).map((p) => t.parts[p] as string);
  return t.list(names);
}

@customElement('toy-vs-real')
export class ToyVsReal extends LitElement {
  @property({ attribute: false }) toy: ScaleModel | null = null;
  @property({ attribute: false }) real: ScaleModel | null = null;
  /** Link back to the simulator with the toy's settings. */
  @property() simulatorHref = '../index.html';
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    table { border-collapse: collapse; width: 100%; font-size: var(--moe-fs-base); }
    th, td { padding: var(--moe-sp-3) var(--moe-sp-4); border-bottom: 1px solid var(--moe-rule); text-align: left; vertical-align: middle; }
    td { font-variant-numeric: tabular-nums; }
    thead th { font-size: var(--moe-fs-base); }
    .bars { margin: var(--moe-sp-6) 0; }
    .row { display: grid; grid-template-columns: 9rem 1fr 4.2rem; gap: var(--moe-sp-5); align-items: center; margin: var(--moe-sp-3) 0; }
    .track { height: 1.2rem; background: var(--moe-grey-e4); border-radius: 0.3rem; overflow: hidden; }
    .fill { height: 100%; background: var(--moe-accent); }
    .fill.toy { background: var(--moe-orange); }
    .pct { font-weight: 700; font-variant-numeric: tabular-nums; text-align: right; }
    p { margin: var(--moe-sp-4) 0; }
  `,
  ];

  override render() {
    const toy = this.toy;
    const real = this.real;
    const t = scaleWords().toyVsReal;
    if (!toy || !real) return html`<p role="status">${t.nothing}</p>`;
    const tf = toy.active / toy.total;
    const rf = real.active / real.total;
    const routedShare = (m: ScaleModel) => m.parts.routedExperts.total / m.total;
    const fixed = (m: ScaleModel) => (m.total - m.parts.routedExperts.total) / m.total;
    const perToken = (m: ScaleModel) =>
      m.layer.experts === 0 ? t.perTokenDense : t.perToken(m.layer.topK, formatExact(m.layer.experts), m.layer.shared);
    const toyFacts = {
      fixed: formatPercent(fixed(toy), 0),
      alwaysOn: alwaysOn(toy),
      toyK: toy.layer.topK,
      toyE: toy.layer.experts,
      toyKShare: formatPercent(toy.layer.topK / toy.layer.experts, 0),
      name: real.name,
    };
    return html`
      <div class="bars" role="group" aria-label=${t.fraction}>
        <div class="row"><span>${t.yourToy}</span><div class="track" aria-hidden="true"><div class="fill toy" ${styleProps({ width: `${(tf * 100).toFixed(2)}%` })}></div></div><span class="pct">${formatPercent(tf)}</span></div>
        <div class="row"><span>${real.name}</span><div class="track" aria-hidden="true"><div class="fill" ${styleProps({ width: `${(rf * 100).toFixed(2)}%` })}></div></div><span class="pct">${formatPercent(rf)}</span></div>
      </div>
      <table>
        <thead><tr><th scope="col"><span class="vh">${t.measure}</span></th><th scope="col">${t.yourToy}</th><th scope="col">${real.name}</th></tr></thead>
        <tbody>
          <tr><th scope="row">${t.totalWeights}</th><td>${scaled(toy.total, toy.total < 1e6)}</td><td>${scaled(real.total)}</td></tr>
          <tr><th scope="row">${t.active}</th><td>${scaled(toy.active, toy.total < 1e6)}</td><td>${scaled(real.active)}</td></tr>
          <tr><th scope="row">${t.fractionWith}</th><td>${formatPercent(tf)}</td><td>${formatPercent(rf)}</td></tr>
          <tr><th scope="row">${t.fractionWithout}</th><td>${formatPercent(toy.activeWithoutEmbedding / toy.total)}</td><td>${formatPercent(real.activeWithoutEmbedding / real.total)}</td></tr>
          <tr><th scope="row">${t.expertsPerToken}</th><td>${perToken(toy)}</td><td>${perToken(real)}</td></tr>
          <tr><th scope="row">${t.routedShare}</th><td>${formatPercent(routedShare(toy))}</td><td>${formatPercent(routedShare(real))}</td></tr>
        </tbody>
      </table>
      <p>${t.timesAsMany(real.name, formatWords(real.total / toy.total))}</p>
      <p>
        ${
          real.layer.experts === 0
            ? t.whyDense(toyFacts)
            : t.why({
                ...toyFacts,
                routedShare: formatPercent(routedShare(real), 0),
                realK: real.layer.topK,
                realE: formatExact(real.layer.experts),
                realKShare: formatPercent(real.layer.topK / real.layer.experts),
              })
        }
      </p>
      ${this.simulatorHref ? html`<p><a href=${this.simulatorHref}>${t.changeLink}</a>${t.changeRest}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'toy-vs-real': ToyVsReal;
  }
}
