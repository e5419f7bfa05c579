/**
 * A model's weights: total, active per token under both embedding conventions, the published
 * figures beside the counted ones, and a table of where the weights sit. Formatted like "671.0B";
 * every number carries its exact count in a title, and a checkbox shows exact counts in the table.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PARTS, type Part } from '../../core/params';
import type { ScaleModel } from '../../core/scale-model';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { realNoteText } from '../i18n/scale';
import { richText } from '../shared/math-text';
import { formatExact, formatScale, formatWords, modelName } from './scale-format';
import { a11yStyles } from '../shared/shared-styles';
import { scaleWords } from '../i18n/scale';
import { styleProps } from '../shared/style-props';

function describePart(m: ScaleModel, part: Part): string {
  const t = scaleWords().breakdown;
  const L = m.layer;
  const d = formatExact(m.hidden);
  switch (part) {
    case 'embedding':
      return t.embedding(formatExact(m.vocab), d);
    case 'outputHead':
      return t.outputHead(d, formatExact(m.vocab));
    case 'attention':
      return t.attention(m.layers, scaleWords().core.attention(m.attention));
    case 'denseFfn':
      return t.denseFfn(L.denseLayers);
    case 'routedExperts':
      return t.routedExperts(L.moeLayers, formatExact(L.experts), formatScale(L.routedParams), L.topK);
    case 'sharedExperts':
      return t.sharedExperts(L.moeLayers, L.shared, formatScale(L.sharedParams));
    case 'routers':
      return t.routers(L.moeLayers, formatExact(L.experts), d);
    case 'norms':
      return t.norms;
  }
}

/** A number as "671.0B" with its exact value in a title (and for screen readers, in words). */
export function scaled(n: number, exact = false) {
  return html`<data value=${String(n)} title=${scaleWords().breakdown.weightsTitle(formatExact(n))}>${exact ? formatExact(n) : formatScale(n)}</data>`;
}

@customElement('param-breakdown')
export class ParamBreakdown extends LitElement {
  @property({ attribute: false }) model: ScaleModel | null = null;
  @state() private exact = false;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; }
    .numbers { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: baseline; margin: 0.3rem 0 0.6rem; }
    .big { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; }
    .what { display: block; font-size: 0.9rem; color: var(--moe-text-3); font-weight: 600; }
    .share { font-size: 1.1rem; font-weight: 600; color: var(--moe-accent-edge-2); }
    .bar { position: relative; height: 1.4rem; background: var(--moe-grey-e4); border-radius: 0.3rem; overflow: hidden; margin: 0.3rem 0 0.2rem; }
    .bar .fill { position: absolute; inset: 0 auto 0 0; background: var(--moe-accent); }
    .bar .fill.emb { background: var(--moe-sky-blue); }
    .bar-caption { font-size: 0.85rem; color: var(--moe-text-3); margin: 0; }
    ul.conv { margin: 0.5rem 0; padding-left: 1.2rem; }
    ul.conv li { margin: 0.2rem 0; }
    .published { background: var(--moe-info-bg); border-left: 4px solid var(--moe-accent); padding: 0.35rem 0.6rem; margin: 0.5rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-top: 0.5rem; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
    th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--moe-rule); vertical-align: top; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.what-cell { color: var(--moe-text-4); }
    tfoot td, tfoot th { font-weight: 700; border-top: 2px solid var(--moe-grey-99); }
    .exact { display: inline-flex; gap: 0.3rem; align-items: center; margin-top: 0.4rem; font-size: 0.9rem; }
    details { margin-top: 0.5rem; font-size: 0.9rem; }
    summary { cursor: pointer; font-weight: 600; }
    p { margin: 0.35rem 0; }
  `,
  ];

  override render() {
    const m = this.model;
    const t = scaleWords().breakdown;
    if (!m) return html`<p role="status">${t.noModel}</p>`;
    const pct = m.active / m.total;
    const pctNoEmb = m.activeWithoutEmbedding / m.total;
    return html`
      <div class="numbers" role="group" aria-label=${t.headline}>
        <div>
          <span class="what">${t.total}</span>
          <span class="big" aria-label=${t.totalAria(formatWords(m.total))}>${scaled(m.total)}</span>
        </div>
        <div>
          <span class="what">${t.active}</span>
          <span class="big" aria-label=${t.activeAria(formatWords(m.active))}>${scaled(m.active)}</span>
          <span class="share">${t.share(formatPercent(pct))}</span>
        </div>
      </div>
      <div class="bar" aria-hidden="true">
        <div class="fill emb" ${styleProps({ width: `${(pct * 100).toFixed(3)}%` })}></div>
        <div class="fill" ${styleProps({ width: `${(pctNoEmb * 100).toFixed(3)}%` })}></div>
      </div>
      <p class="bar-caption">${t.barCaption(formatScale(m.total))}</p>
      <ul class="conv" aria-label=${t.conventions}>
        <li>${richText(t.withEmbedding)}${scaled(m.active)}${t.equals(formatPercent(pct))}</li>
        <li>${richText(t.withoutEmbedding)}${scaled(m.activeWithoutEmbedding)}${t.equals(formatPercent(pctNoEmb))}</li>
      </ul>
      ${m.published ? this.renderPublished(m) : nothing}
      ${this.renderTable(m)}
      <label class="exact"><input type="checkbox" .checked=${this.exact} @change=${(e: Event) => (this.exact = (e.target as HTMLInputElement).checked)} /> ${t.exact}</label>
      ${this.renderNotes(m)}
    `;
  }

  private renderPublished(m: ScaleModel) {
    const p = m.published!;
    const off = (n: number, of: number) => `${n >= of ? '+' : '−'}${Math.abs((n / of - 1) * 100).toFixed(1)}%`;
    const t = scaleWords().breakdown;
    const published = t.published(
      scaleWords().core.publishedSource[p.sourceId],
      formatScale(p.total, 1).replace('.0B', 'B'),
      formatScale(p.active, 1).replace('.0B', 'B'),
    );
    const counted = t.counted(
      formatScale(m.total),
      off(m.total, p.total),
      formatScale(m.active),
      off(m.active, p.active),
      formatScale(m.activeWithoutEmbedding),
      off(m.activeWithoutEmbedding, p.active),
    );
    return html`<p class="published">${richText(published)}${richText(counted)}</p>`;
  }

  private renderTable(m: ScaleModel) {
    const rows = PARTS.filter((p) => m.parts[p].total > 0);
    const n = (v: number) => scaled(v, this.exact);
    const t = scaleWords().breakdown;
    return html`<table>
      <caption>${t.caption(modelName(m))}</caption>
      <thead>
        <tr><th scope="col">${t.part}</th><th scope="col">${t.whatItIs}</th><th scope="col" class="n">${t.totalHead}</th><th scope="col" class="n">${t.shareHead}</th><th scope="col" class="n">${t.activeHead}</th></tr>
      </thead>
      <tbody>
        ${rows.map(
          (p) => html`<tr>
            <th scope="row">${t.parts[p]}</th>
            <td class="what-cell">${describePart(m, p)}</td>
            <td class="n">${n(m.parts[p].total)}</td>
            <td class="n">${formatPercent(m.parts[p].total / m.total)}</td>
            <td class="n">${n(m.parts[p].active)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row">${t.all}</th><td></td><td class="n">${n(m.total)}</td><td class="n">100%</td><td class="n">${n(m.active)}</td></tr>
      </tfoot>
    </table>`;
  }

  private renderNotes(m: ScaleModel) {
    const t = scaleWords().breakdown;
    const core = scaleWords().core;
    return html`<details>
      <summary>${t.notesSummary}</summary>
      <p>${t.notCounted(t.and([t.mtp, t.vision]))}${m.leftOut.length ? t.configHas(t.and(m.leftOut.map((l) => realNoteText(core.realNotes, l)))) : ''}</p>
      ${
        m.defaults.length
          ? html`<p>${t.defaultsIntro}</p><ul>${m.defaults.map((d) => html`<li><code>${realNoteText(core.realNotes, d)}</code></li>`)}</ul>`
          : html`<p>${t.allFields}</p>`
      }
      ${core
        .notes({
          toy: m.kind === 'toy',
          tied: m.parts.outputHead.total === 0,
          vocab: m.vocab,
          width: m.hidden,
          layers: m.layers,
        })
        .map((n) => html`<p>${n}</p>`)}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'param-breakdown': ParamBreakdown;
  }
}
