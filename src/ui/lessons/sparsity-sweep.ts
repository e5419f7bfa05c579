/**
 * The active fraction over routed experts E (rows) × top-k (columns), counted by the toy's counting
 * code with the rest of the config kept. The current setting is marked with ★ and a heavy border.
 */
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MoeConfig } from '../../core/config';
import { axisWith, sparsitySweep, SWEEP_EXPERTS, SWEEP_TOP_K, type SweepCell } from '../../core/lesson-math';
import { LocaleController } from '../i18n/locale';
import { tableStyles } from './lesson-styles';
import { lessonTable } from './lesson-table';
import { a11yStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';

@customElement('sparsity-sweep')
export class SparsitySweep extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) config: MoeConfig | null = null;
  @property({ type: Number }) vocabSize = 0;

  static override styles = [...a11yStyles, tableStyles];

  private cell(c: SweepCell, current: boolean) {
    const m = lessonPagesWords();
    if (!c.possible) return html`<td class="n muted">${m.sparsity.impossible}</td>`;
    return html`<td class=${current ? 'n current' : 'n'} data-e=${c.experts} data-k=${c.topK}>
      ${current ? html`<span class="mark">★ ${m.yours}</span><br />` : nothing}
      <span class="frac">${m.percent(c.fraction)}</span>
      <span class="sub">${m.sparsity.ofExperts(m.percent(c.expertFraction))}</span>
    </td>`;
  }

  override render() {
    const c = this.config;
    if (!c) return nothing;
    const s = lessonPagesWords().sparsity;
    const experts = axisWith(SWEEP_EXPERTS, c.routedExperts);
    const topKs = axisWith(SWEEP_TOP_K, c.topK);
    const rows = sparsitySweep(c, this.vocabSize, experts, topKs);
    return lessonTable(
      s.sweepTableCaption,
      html`<tr><th scope="col">${s.rowHead}</th>${topKs.map((k) => html`<th scope="col" class="n">${s.colHead(k)}</th>`)}</tr>`,
      rows.map(
        (row, i) => html`<tr>
          <th scope="row" class="n">${experts[i]}</th>
          ${row.map((cell) => this.cell(cell, cell.experts === c.routedExperts && cell.topK === c.topK))}
        </tr>`,
      ),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sparsity-sweep': SparsitySweep;
  }
}
