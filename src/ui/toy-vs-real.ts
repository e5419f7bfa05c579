/**
 * "Your toy vs DeepSeek-V3": the same counting and the same conventions on both, side by side, with
 * the fraction of weights a token uses drawn on one shared 0–100% scale.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PARTS, type Part } from '../core/params';
import type { ScaleModel } from '../core/scale-model';
import { formatPercent } from './format';
import { scaled } from './param-breakdown';
import { formatExact, formatWords } from './scale-format';
import { a11yStyles } from './shared-styles';

const NAMES: Partial<Record<Part, string>> = {
  embedding: 'embedding',
  outputHead: 'output head',
  attention: 'attention',
  denseFfn: 'dense layers',
  sharedExperts: 'shared experts',
  routers: 'routers',
  norms: 'norms',
};

/** "embedding, routers and shared experts": the parts every token uses. */
function alwaysOn(m: ScaleModel): string {
  const names = PARTS.filter((p) => p !== 'routedExperts' && m.parts[p].total > 0).map((p) => NAMES[p] as string);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'none');
}

@customElement('toy-vs-real')
export class ToyVsReal extends LitElement {
  @property({ attribute: false }) toy: ScaleModel | null = null;
  @property({ attribute: false }) real: ScaleModel | null = null;
  /** Link back to the simulator with the toy's settings. */
  @property() simulatorHref = '../index.html';

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; }
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
    th, td { padding: 0.3rem 0.4rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: middle; }
    td { font-variant-numeric: tabular-nums; }
    thead th { font-size: 0.95rem; }
    .bars { margin: 0.6rem 0; }
    .row { display: grid; grid-template-columns: 9rem 1fr 4.2rem; gap: 0.5rem; align-items: center; margin: 0.3rem 0; }
    .track { height: 1.2rem; background: #e4e4e4; border-radius: 0.3rem; overflow: hidden; }
    .fill { height: 100%; background: #0072b2; }
    .fill.toy { background: #e69f00; }
    .pct { font-weight: 700; font-variant-numeric: tabular-nums; text-align: right; }
    p { margin: 0.4rem 0; }
  `,
  ];

  override render() {
    const toy = this.toy;
    const real = this.real;
    if (!toy || !real) return html`<p role="status">Nothing to compare.</p>`;
    const tf = toy.active / toy.total;
    const rf = real.active / real.total;
    const routedShare = (m: ScaleModel) => m.parts.routedExperts.total / m.total;
    const perToken = (m: ScaleModel) => `${m.layer.topK} of ${formatExact(m.layer.experts)} routed${m.layer.shared ? ` + ${m.layer.shared} shared` : ''}`;
    const fixed = (m: ScaleModel) => (m.total - m.parts.routedExperts.total) / m.total;
    return html`
      <div class="bars" role="group" aria-label="Fraction of weights used for one token">
        <div class="row"><span>Your toy</span><div class="track" aria-hidden="true"><div class="fill toy" style="width:${(tf * 100).toFixed(2)}%"></div></div><span class="pct">${formatPercent(tf)}</span></div>
        <div class="row"><span>${real.name}</span><div class="track" aria-hidden="true"><div class="fill" style="width:${(rf * 100).toFixed(2)}%"></div></div><span class="pct">${formatPercent(rf)}</span></div>
      </div>
      <table>
        <thead><tr><th scope="col"><span class="vh">Measure</span></th><th scope="col">Your toy</th><th scope="col">${real.name}</th></tr></thead>
        <tbody>
          <tr><th scope="row">Total weights</th><td>${scaled(toy.total, toy.total < 1e6)}</td><td>${scaled(real.total)}</td></tr>
          <tr><th scope="row">Active for one token</th><td>${scaled(toy.active, toy.total < 1e6)}</td><td>${scaled(real.active)}</td></tr>
          <tr><th scope="row">Fraction active (input embedding counted)</th><td>${formatPercent(tf)}</td><td>${formatPercent(rf)}</td></tr>
          <tr><th scope="row">Fraction active without the input embedding</th><td>${formatPercent(toy.activeWithoutEmbedding / toy.total)}</td><td>${formatPercent(real.activeWithoutEmbedding / real.total)}</td></tr>
          <tr><th scope="row">Experts per token, each MoE layer</th><td>${perToken(toy)}</td><td>${perToken(real)}</td></tr>
          <tr><th scope="row">Routed experts' share of all weights</th><td>${formatPercent(routedShare(toy))}</td><td>${formatPercent(routedShare(real))}</td></tr>
        </tbody>
      </table>
      <p>
        ${real.name} has ${formatWords(real.total / toy.total)} times as many weights as your toy. Same counting, same rule for “active”:
        every weight except the routed experts a token did not use.
      </p>
      <p>
        Why the fractions differ: in your toy ${formatPercent(fixed(toy), 0)} of the weights (${alwaysOn(toy)}) work for every token,
        and ${toy.layer.topK} of ${toy.layer.experts} routed experts is ${formatPercent(toy.layer.topK / toy.layer.experts, 0)} of the rest. In ${real.name} the routed experts are
        ${formatPercent(routedShare(real), 0)} of everything and a token uses ${real.layer.topK} of ${formatExact(real.layer.experts)} of them (${formatPercent(real.layer.topK / real.layer.experts)}).
      </p>
      ${this.simulatorHref ? html`<p><a href=${this.simulatorHref}>Change your toy in the simulator</a> (more experts, smaller top-k, fine-grained experts) and come back.</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'toy-vs-real': ToyVsReal;
  }
}
