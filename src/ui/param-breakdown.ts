/**
 * A model's weights: total, active per token under both embedding conventions, the published
 * figures beside the counted ones, and a table of where the weights sit. Formatted like "671.0B";
 * every number carries its exact count in a title, and a checkbox shows exact counts in the table.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PARTS, type Part } from '../core/params';
import type { ScaleModel } from '../core/scale-model';
import { formatPercent } from './format';
import { formatExact, formatScale, formatWords } from './scale-format';
import { a11yStyles } from './shared-styles';

const PART_NAMES: Record<Part, string> = {
  embedding: 'Input embedding',
  outputHead: 'Output head',
  attention: 'Attention',
  denseFfn: 'Dense feed-forward',
  routedExperts: 'Routed experts',
  sharedExperts: 'Shared experts',
  routers: 'Routers',
  norms: 'Norms',
};

function describePart(m: ScaleModel, part: Part): string {
  const L = m.layer;
  const d = formatExact(m.hidden);
  switch (part) {
    case 'embedding':
      return `${formatExact(m.vocab)} tokens × ${d}; a token reads one row`;
    case 'outputHead':
      return `${d} × ${formatExact(m.vocab)}: scores every next token`;
    case 'attention':
      return `${m.layers} layers of ${m.attention}`;
    case 'denseFfn':
      return `${L.denseLayers} dense layer${L.denseLayers === 1 ? '' : 's'}, every weight used`;
    case 'routedExperts':
      return `${L.moeLayers} × ${formatExact(L.experts)} experts of ${formatScale(L.routedParams)}; ${L.topK} used per token`;
    case 'sharedExperts':
      return `${L.moeLayers} × ${L.shared} of ${formatScale(L.sharedParams)}, always on`;
    case 'routers':
      return `${L.moeLayers} × (${formatExact(L.experts)} experts × ${d})`;
    case 'norms':
      return 'RMS norm gains';
  }
}

/** A number as "671.0B" with its exact value in a title (and for screen readers, in words). */
export function scaled(n: number, exact = false) {
  return html`<data value=${String(n)} title=${`${formatExact(n)} weights`}>${exact ? formatExact(n) : formatScale(n)}</data>`;
}

@customElement('param-breakdown')
export class ParamBreakdown extends LitElement {
  @property({ attribute: false }) model: ScaleModel | null = null;
  @state() private exact = false;

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; }
    .numbers { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: baseline; margin: 0.3rem 0 0.6rem; }
    .big { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; }
    .what { display: block; font-size: 0.9rem; color: #333; font-weight: 600; }
    .share { font-size: 1.1rem; font-weight: 600; color: #0a4f7a; }
    .bar { position: relative; height: 1.4rem; background: #e4e4e4; border-radius: 0.3rem; overflow: hidden; margin: 0.3rem 0 0.2rem; }
    .bar .fill { position: absolute; inset: 0 auto 0 0; background: #0072b2; }
    .bar .fill.emb { background: #56b4e9; }
    .bar-caption { font-size: 0.85rem; color: #333; margin: 0; }
    ul.conv { margin: 0.5rem 0; padding-left: 1.2rem; }
    ul.conv li { margin: 0.2rem 0; }
    .published { background: #eef6fb; border-left: 4px solid #0072b2; padding: 0.35rem 0.6rem; margin: 0.5rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-top: 0.5rem; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
    th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid #ddd; vertical-align: top; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.what-cell { color: #444; }
    tfoot td, tfoot th { font-weight: 700; border-top: 2px solid #999; }
    .exact { display: inline-flex; gap: 0.3rem; align-items: center; margin-top: 0.4rem; font-size: 0.9rem; }
    details { margin-top: 0.5rem; font-size: 0.9rem; }
    summary { cursor: pointer; font-weight: 600; }
    p { margin: 0.35rem 0; }
  `,
  ];

  override render() {
    const m = this.model;
    if (!m) return html`<p role="status">No model to count.</p>`;
    const pct = m.active / m.total;
    const pctNoEmb = m.activeWithoutEmbedding / m.total;
    return html`
      <div class="numbers" role="group" aria-label="Headline counts">
        <div>
          <span class="what">Total weights</span>
          <span class="big" aria-label=${`${formatWords(m.total)} weights in total`}>${scaled(m.total)}</span>
        </div>
        <div>
          <span class="what">Active for one token</span>
          <span class="big" aria-label=${`${formatWords(m.active)} active for one token`}>${scaled(m.active)}</span>
          <span class="share">${formatPercent(pct)} of all weights</span>
        </div>
      </div>
      <div class="bar" aria-hidden="true">
        <div class="fill emb" style="width:${(pct * 100).toFixed(3)}%"></div>
        <div class="fill" style="width:${(pctNoEmb * 100).toFixed(3)}%"></div>
      </div>
      <p class="bar-caption">The whole bar is all ${formatScale(m.total)} weights; the blue part does work for one token (light blue: the input embedding row).</p>
      <ul class="conv" aria-label="Two ways to count active weights">
        <li><strong>Counting the input embedding as active</strong> (as the toy simulator does; Mistral's 12.9B for Mixtral matches this count): ${scaled(m.active)} = ${formatPercent(pct)}.</li>
        <li><strong>Without the input embedding</strong> (a token only reads one row of that table, so some publishers leave it out): ${scaled(m.activeWithoutEmbedding)} = ${formatPercent(pctNoEmb)}.</li>
      </ul>
      ${m.published ? this.renderPublished(m) : nothing}
      ${this.renderTable(m)}
      <label class="exact"><input type="checkbox" .checked=${this.exact} @change=${(e: Event) => (this.exact = (e.target as HTMLInputElement).checked)} /> Show exact counts</label>
      ${this.renderNotes(m)}
    `;
  }

  private renderPublished(m: ScaleModel) {
    const p = m.published!;
    const off = (n: number, of: number) => `${n >= of ? '+' : '−'}${Math.abs((n / of - 1) * 100).toFixed(1)}%`;
    return html`<p class="published">
      <strong>Published</strong> (${p.source}): ${formatScale(p.total, 1).replace('.0B', 'B')} total, ${formatScale(p.active, 1).replace('.0B', 'B')} active.
      <strong>Counted here from the config:</strong> ${formatScale(m.total)} total (${off(m.total, p.total)}); active ${formatScale(m.active)} with the
      input embedding (${off(m.active, p.active)}), ${formatScale(m.activeWithoutEmbedding)} without it (${off(m.activeWithoutEmbedding, p.active)}).
    </p>`;
  }

  private renderTable(m: ScaleModel) {
    const rows = PARTS.filter((p) => m.parts[p].total > 0);
    const n = (v: number) => scaled(v, this.exact);
    return html`<table>
      <caption>Where the weights are: ${m.name}</caption>
      <thead>
        <tr><th scope="col">Part</th><th scope="col">What it is</th><th scope="col" class="n">Total</th><th scope="col" class="n">Share</th><th scope="col" class="n">Active per token</th></tr>
      </thead>
      <tbody>
        ${rows.map(
          (p) => html`<tr>
            <th scope="row">${PART_NAMES[p]}</th>
            <td class="what-cell">${describePart(m, p)}</td>
            <td class="n">${n(m.parts[p].total)}</td>
            <td class="n">${formatPercent(m.parts[p].total / m.total)}</td>
            <td class="n">${n(m.parts[p].active)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row">All</th><td></td><td class="n">${n(m.total)}</td><td class="n">100%</td><td class="n">${n(m.active)}</td></tr>
      </tfoot>
    </table>`;
  }

  private renderNotes(m: ScaleModel) {
    const leftOut = ['multi-token-prediction modules', 'vision towers'];
    return html`<details>
      <summary>What the count assumed and left out</summary>
      <p>Not counted, as in the published headline totals: ${leftOut.join(' and ')}.${m.leftOut.length ? ` This config has ${m.leftOut.join(' and ')}.` : ''}</p>
      ${m.defaults.length
        ? html`<p>Not in the config, so the model code's meaning was used:</p><ul>${m.defaults.map((d) => html`<li><code>${d}</code></li>`)}</ul>`
        : html`<p>Every field the count needs was in the config.</p>`}
      ${m.notes.map((n) => html`<p>${n}</p>`)}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'param-breakdown': ParamBreakdown;
  }
}
