/**
 * The gallery: every preset and the toy, counted by the same code (src/core/scale-gallery.ts), as
 * one chart (scale-gallery-chart.ts: total and active on a logarithmic scale, largest first) beside
 * one table with every number: total, active per token, active %, routed experts, experts per
 * token, shared experts and the key-value cache one token adds (bf16).
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatBytes } from '../../core/kv-cache';
import { galleryRows, presetModels, type GalleryRow } from '../../core/scale-gallery';
import type { ScaleModel } from '../../core/scale-model';
import { LocaleController } from '../i18n/locale';
import { scaleGalleryWords } from '../i18n/scale-gallery';
import { formatPercent } from '../shared/format';
import { blockStyles } from '../shared/shared-styles';
import { formatExact, modelName } from './scale-format';
import { formatShort } from './scale-gallery-chart';
import './scale-gallery-chart';

/** The presets counted once for the page (they never change); the toy's row is added per toy. */
let presets: ScaleModel[] | null = null;

@customElement('scale-gallery')
export class ScaleGallery extends LitElement {
  /** The page's toy, counted by the simulator's own code. */
  @property({ attribute: false }) toy: ScaleModel | null = null;
  private readonly i18n = new LocaleController(this);
  private rowsFor: { toy: ScaleModel | null; rows: GalleryRow[] } | null = null;

  static override styles = [
    ...blockStyles,
    css`
      p { margin: 0 0 var(--moe-sp-5); max-width: 60rem; }
      .wrap { display: grid; grid-template-columns: minmax(20rem, 1fr) minmax(0, 1.35fr); gap: var(--moe-sp-8); align-items: start; }
      .scroll { overflow-x: auto; }
      .scroll:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
      table { border-collapse: collapse; width: 100%; font-size: var(--moe-fs-s); }
      caption { text-align: left; font-weight: 600; font-size: var(--moe-fs-base); margin-bottom: var(--moe-sp-3); }
      /* On a narrow screen the table scrolls sideways: its caption and the model names stay in view. */
      caption > span { position: sticky; left: 0; display: inline-block; max-width: min(100%, 85vw); }
      th[scope='row'], thead th:first-child { position: sticky; left: 0; z-index: 1; white-space: nowrap; }
      th[scope='row'] { background: var(--moe-surface); }
      th, td { padding: var(--moe-sp-2) var(--moe-sp-3); border-bottom: 1px solid var(--moe-rule); text-align: right; vertical-align: top; }
      thead th { background: var(--moe-table-head); vertical-align: bottom; }
      th[scope='row'], thead th:first-child { text-align: left; font-weight: 600; }
      td { font-variant-numeric: tabular-nums; white-space: nowrap; }
      tr.toy th, tr.toy td { background: var(--moe-highlight); }
      .notes { font-size: var(--moe-fs-s); color: var(--moe-text-3); margin-top: var(--moe-sp-5); }
      @media (max-width: 1180px) {
        .wrap { grid-template-columns: minmax(0, 1fr); }
      }
    `,
  ];

  /** The rows: every preset and the current toy, largest first (counted again only when the toy changes). */
  rows(): GalleryRow[] {
    if (!this.toy) return [];
    if (this.rowsFor?.toy !== this.toy) {
      presets ??= presetModels();
      this.rowsFor = { toy: this.toy, rows: galleryRows(this.toy, presets) };
    }
    return this.rowsFor.rows;
  }

  override render() {
    const t = scaleGalleryWords();
    const rows = this.rows();
    if (rows.length === 0) return html``;
    return html`
      <p>${t.intro(rows.length - 1)}</p>
      <div class="wrap">
        <scale-gallery-chart .rows=${rows} tableCaption=${t.caption}></scale-gallery-chart>
        <div class="scroll" tabindex="0" role="region" aria-label=${t.tableRegion}>
          <table>
            <caption><span>${t.caption}</span></caption>
            <thead>
              <tr>
                <th scope="col">${t.model}</th>
                <th scope="col">${t.total}</th>
                <th scope="col">${t.active}</th>
                <th scope="col">${t.activeShare}</th>
                <th scope="col">${t.experts}</th>
                <th scope="col">${t.perToken}</th>
                <th scope="col">${t.shared}</th>
                <th scope="col">${t.kv}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((r) => this.row(r))}
            </tbody>
          </table>
        </div>
      </div>
      <p class="notes">${t.notes}</p>
    `;
  }

  private row(r: GalleryRow) {
    const t = scaleGalleryWords();
    const dense = r.experts === 0;
    const count = (n: number) => html`<data value=${String(n)} title=${t.weightsTitle(formatExact(n))}>${formatShort(n)}</data>`;
    const kv = r.kv
      ? html`<span title=${t.kvTitle(formatExact(r.kv.elements), t.kindShort[r.kv.kind])}>${formatBytes(r.kv.bytes)} (${t.kindShort[r.kv.kind]})</span>`
      : t.noAttention;
    return html`<tr class=${r.kind} data-id=${r.id}>
      <th scope="row">${modelName(r)}</th>
      <td>${count(r.total)}</td>
      <td>${count(r.active)}</td>
      <td>${formatPercent(r.activeShare)}</td>
      <td>${dense ? t.dense : formatExact(r.experts)}</td>
      <td>${dense ? t.notApplicable : r.topK}</td>
      <td>${dense ? t.notApplicable : r.shared}</td>
      <td>${kv}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scale-gallery': ScaleGallery;
  }
}
