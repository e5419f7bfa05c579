/**
 * The active fraction of published models (counted from their configs by countParams) next to the
 * toy: a bar chart, each bar all of a model's parameters with the active part filled and the numbers
 * written beside it, and a table with the same figures under both embedding conventions.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { expertShape, type MoeConfig } from '../../core/config';
import { realSparsity } from '../../core/lesson-math';
import { toyParams } from '../../core/params';
import { LocaleController } from '../i18n/locale';
import { tableStyles } from './lesson-styles';
import { lessonTable } from './lesson-table';
import { blockStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';
import { styleProps } from '../shared/style-props';

interface Row {
  id: string;
  name: string;
  shape: [number, number, number];
  total: number;
  active: number;
  activeWithoutEmbedding: number;
  published: { total: number; active: number } | null;
  exact: boolean;
}

const REAL = realSparsity();

@customElement('real-sparsity')
export class RealSparsityChart extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) config: MoeConfig | null = null;
  @property({ type: Number }) vocabSize = 0;

  static override styles = [
    ...blockStyles,
    tableStyles,
    css`
      .chart { display: grid; grid-template-columns: minmax(7rem, max-content) minmax(8rem, 1fr); gap: var(--moe-sp-3) var(--moe-sp-7); align-items: center; margin: var(--moe-sp-5) 0 var(--moe-sp-7); max-width: 54rem; }
      .name { font-weight: 600; }
      .track { position: relative; height: 1.5rem; border: 1px solid var(--moe-text-5); background: var(--moe-surface); }
      .fill { height: 100%; background: var(--moe-accent); }
      .value { font-size: var(--moe-fs-m); margin-top: var(--moe-sp-1); }
      td.shape { min-width: 9rem; }
      .toy .fill { background: repeating-linear-gradient(45deg, var(--moe-orange) 0 4px, var(--moe-orange-light) 4px 8px); }
    `,
  ];

  private rows(): Row[] {
    const rows: Row[] = REAL.map((r) => ({
      id: r.id,
      name: r.name,
      shape: [r.routedExperts, r.topK, r.sharedExperts],
      total: r.total,
      active: r.active,
      activeWithoutEmbedding: r.activeWithoutEmbedding,
      published: r.published,
      exact: false,
    }));
    const c = this.config;
    if (c) {
      const p = toyParams(c, this.vocabSize);
      const s = expertShape(c);
      rows.push({
        id: 'toy',
        name: lessonPagesWords().sparsity.toyName,
        shape: [s.experts, s.active, s.shared],
        total: p.total,
        active: p.activeNominal,
        activeWithoutEmbedding: p.activeNominal - p.embedding,
        published: null,
        exact: true,
      });
    }
    return rows;
  }

  override render() {
    const m = lessonPagesWords();
    const s = m.sparsity;
    const rows = this.rows();
    const n = (r: Row, v: number) => (r.exact ? m.count(v) : m.big(v));
    const mixtral = REAL.find((r) => r.id === 'mixtral-8x7b');
    return html`
      <div class="chart" aria-hidden="true">
        ${rows.map(
          (r) => html`<span class="name">${r.name}</span>
            <div class=${r.id === 'toy' ? 'toy' : ''}>
              <div class="track"><div class="fill" ${styleProps({ width: `${((r.active / r.total) * 100).toFixed(3)}%` })}></div></div>
              <div class="value">${s.barText(n(r, r.active), n(r, r.total), m.percent(r.active / r.total))}</div>
            </div>`,
        )}
      </div>
      ${lessonTable(
        s.realTableCaption,
        html`<tr>
          <th scope="col">${s.model}</th><th scope="col">${s.shape}</th><th scope="col" class="n">${s.total}</th>
          <th scope="col" class="n">${s.activePerToken}</th><th scope="col" class="n">${s.fraction}</th>
          <th scope="col" class="n">${s.withoutEmbedding}</th><th scope="col" class="n">${s.published}</th>
        </tr>`,
        rows.map(
          (r) => html`<tr data-id=${r.id}>
            <th scope="row">${r.name}</th>
            <td class="shape">${s.shapeOf(...r.shape)}</td>
            <td class="n">${n(r, r.total)}</td>
            <td class="n">${n(r, r.active)}</td>
            <td class="n">${m.percent(r.active / r.total)}</td>
            <td class="n">${n(r, r.activeWithoutEmbedding)} (${m.percent(r.activeWithoutEmbedding / r.total)})</td>
            <td class="n">${r.published ? `${m.big(r.published.total)} / ${m.big(r.published.active)}` : '—'}</td>
          </tr>`,
        ),
      )}
      ${mixtral ? html`<p class="note">${s.countingNote(m.big(mixtral.published.active))}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'real-sparsity': RealSparsityChart;
  }
}
