/**
 * A model's weights: total, active per token under both embedding conventions, the published
 * figures beside the counted ones, and a table of where the weights sit. Formatted like "671.0B";
 * every number carries its exact count in a title, and a checkbox shows exact counts in the table.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PARTS, type Part } from '../../core/params';
import type { PresetId } from '../../core/presets';
import type { ScaleModel } from '../../core/scale-model';
import { formatPercent } from '../shared/format';
import { LocaleController } from '../i18n/locale';
import { realNoteText } from '../i18n/scale';
import { richText } from '../shared/math-text';
import { formatExact, formatScale, formatWords, modelName } from './scale-format';
import { blockStyles } from '../shared/shared-styles';
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
    ...blockStyles,
    css`
    .numbers { display: flex; flex-wrap: wrap; gap: var(--moe-sp-5) var(--moe-sp-10); align-items: baseline; margin: var(--moe-sp-3) 0 var(--moe-sp-6); }
    .big { font-size: var(--moe-fs-3xl); font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; }
    .what { display: block; font-size: var(--moe-fs-base); color: var(--moe-text-3); font-weight: 600; }
    .share { font-size: var(--moe-fs-l); font-weight: 600; color: var(--moe-accent-edge-2); }
    .bar { position: relative; height: 1.4rem; background: var(--moe-grey-e4); border-radius: 0.3rem; overflow: hidden; margin: var(--moe-sp-3) 0 var(--moe-sp-2); }
    .bar .fill { position: absolute; inset: 0 auto 0 0; background: var(--moe-accent); }
    .bar .fill.emb { background: var(--moe-sky-blue); }
    .bar-caption { font-size: var(--moe-fs-m); color: var(--moe-text-3); margin: 0; }
    ul.conv { margin: var(--moe-sp-5) 0; padding-left: var(--moe-sp-9); }
    ul.conv li { margin: var(--moe-sp-2) 0; }
    .published { background: var(--moe-info-bg); border-left: 4px solid var(--moe-accent); padding: var(--moe-sp-3) var(--moe-sp-6); margin: var(--moe-sp-5) 0; }
    .scroll { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; width: 100%; font-size: var(--moe-fs-base); margin-top: var(--moe-sp-5); }
    caption { text-align: left; font-weight: 700; padding-bottom: var(--moe-sp-3); }
    th, td { text-align: left; padding: var(--moe-sp-2) var(--moe-sp-4); border-bottom: 1px solid var(--moe-rule); vertical-align: top; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.what-cell { color: var(--moe-text-4); }
    tfoot td, tfoot th { font-weight: 700; border-top: 2px solid var(--moe-grey-99); }
    .exact { display: inline-flex; gap: var(--moe-sp-3); align-items: center; margin-top: var(--moe-sp-4); font-size: var(--moe-fs-base); }
    details { margin-top: var(--moe-sp-5); font-size: var(--moe-fs-base); }
    summary { cursor: pointer; font-weight: 600; }
    p { margin: var(--moe-sp-3) 0; }
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
    const noVocab = m.activeWithoutEmbedding - m.parts.outputHead.active;
    const vocabFree = p.activeConvention === 'without-vocab' ? t.countedWithoutVocab(formatScale(noVocab), off(noVocab, p.active)) : '';
    const note = scaleWords().core.presetNotes[m.id as PresetId];
    return html`<p class="published">${richText(published)}${richText(counted)}${vocabFree}${note ? html` ${note}` : nothing}</p>`;
  }

  private renderTable(m: ScaleModel) {
    const rows = PARTS.filter((p) => m.parts[p].total > 0);
    const n = (v: number) => scaled(v, this.exact);
    const t = scaleWords().breakdown;
    // The table scrolls sideways in its own box on a narrow screen (the page does not).
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${t.caption(modelName(m))}><table>
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
    </table></div>`;
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
