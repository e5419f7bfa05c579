/**
 * Per token of the live trace: the parameters that worked for it (embedding, router, shared experts,
 * the routed experts it used) out of all the model's parameters, and the sentence average. One table,
 * whose last column draws the same numbers as a stacked bar (hidden from screen readers, which read
 * the numbers); a legend names the segments, which also differ by pattern, not by colour alone.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tokenBreakdown } from '../../core/lesson-math';
import type { Trace } from '../../core/trace';
import { LocaleController } from '../i18n/locale';
import { tableStyles } from './lesson-styles';
import { lessonTable } from './lesson-table';
import { blockStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';
import { styleProps } from '../shared/style-props';

const SEGMENTS = ['embedding', 'router', 'shared', 'routed'] as const;

@customElement('token-active-table')
export class TokenActiveTable extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) trace: Trace | null = null;

  static override styles = [
    ...blockStyles,
    tableStyles,
    css`
      p { margin: var(--moe-sp-3) 0; }
      .big { font-size: var(--moe-fs-l); font-weight: 600; }
      .bar { display: flex; width: 12rem; height: 1rem; border: 1px solid var(--moe-text-5); background: var(--moe-surface); }
      .seg { height: 100%; box-sizing: border-box; border-right: 1px solid var(--moe-surface); }
      .embedding { background: repeating-linear-gradient(45deg, var(--moe-data-grey) 0 3px, var(--moe-grey-c8) 3px 6px); }
      .router { background: var(--moe-accent); }
      .shared { background: repeating-linear-gradient(90deg, var(--moe-green) 0 4px, var(--moe-green-light) 4px 6px); }
      .routed { background: var(--moe-orange); }
      .legend { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); list-style: none; padding: 0; margin: var(--moe-sp-3) 0; font-size: var(--moe-fs-m); }
      .legend li { display: flex; align-items: center; gap: var(--moe-sp-3); }
      .swatch { display: inline-block; width: 1.4rem; height: 0.9rem; border: 1px solid var(--moe-text-5); }
      .unused { background: var(--moe-surface); }
      .dropped { text-decoration: line-through; }
    `,
  ];

  private expertsUsed(t: Trace, i: number) {
    const m = lessonPagesWords();
    const multi = t.layers.length > 1;
    return t.layers.map((l, li) => {
      const r = l.tokens[i];
      if (!r) return nothing;
      const chosen = r.experts.map((e, j) =>
        r.dropped[j] ? html`<span class="dropped">✕E${e}</span> <span class="muted">(${m.droppedMark})</span>` : html`E${e}`,
      );
      return html`<div>${multi ? `${m.layerShort(li + 1)}: ` : ''}${chosen.map((c, j) => html`${j ? ', ' : ''}${c}`)}</div>`;
    });
  }

  override render() {
    const t = this.trace;
    const m = lessonPagesWords();
    const s = m.sparsity;
    if (!t || t.tokens.length === 0) return nothing;
    const parts = tokenBreakdown(t);
    const total = t.params.total;
    const names: Record<(typeof SEGMENTS)[number], string> = {
      embedding: s.embedding,
      router: s.router,
      shared: s.shared,
      routed: s.routed,
    };
    return html`
      <p class="big" role="status" id="average">${s.average(m.count(Math.round(t.params.activeMean)), m.count(total), m.percent(t.params.activeMean / total), t.tokens.length)}</p>
      ${t.layers.length > 1 ? html`<p>${s.layersNote(t.layers.length)}</p>` : nothing}
      <ul class="legend" aria-label=${s.legendLabel}>
        ${SEGMENTS.map((k) => html`<li><span class=${`swatch ${k}`}></span>${names[k]}</li>`)}
        <li><span class="swatch unused"></span>${s.notUsed}</li>
      </ul>
      ${lessonTable(
        s.tableCaption,
        html`<tr>
          <th scope="col">${s.token}</th><th scope="col">${s.expertsUsed}</th><th scope="col" class="n">${s.embedding}</th>
          <th scope="col" class="n">${s.router}</th><th scope="col" class="n">${s.shared}</th><th scope="col" class="n">${s.routed}</th>
          <th scope="col" class="n">${s.active}</th><th scope="col" class="n">${s.share}</th><th scope="col"><span class="vh">${s.bar}</span></th>
        </tr>`,
        parts.map((p, i) => {
          const tok = t.tokens[i];
          const seg = { embedding: p.embedding, router: p.routers, shared: p.shared, routed: p.routed };
          return html`<tr>
            <th scope="row" translate="no">${tok?.text}</th>
            <td>${this.expertsUsed(t, i)}</td>
            <td class="n">${m.count(p.embedding)}</td><td class="n">${m.count(p.routers)}</td><td class="n">${m.count(p.shared)}</td>
            <td class="n">${m.count(p.routed)}</td><td class="n">${m.count(p.active)}</td><td class="n">${m.percent(p.active / total)}</td>
            <td><div class="bar" aria-hidden="true">
              ${SEGMENTS.map((k) => (seg[k] > 0 ? html`<div class=${`seg ${k}`} ${styleProps({ width: `${((seg[k] / total) * 100).toFixed(3)}%` })}></div>` : nothing))}
            </div></td>
          </tr>`;
        }),
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'token-active-table': TokenActiveTable;
  }
}
