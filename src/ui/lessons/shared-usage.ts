/**
 * Shared experts run for every token: from the live trace, the tokens each shared expert processed
 * (all of them) beside the routed experts' loads, as a table with a bar column (the bars hidden
 * from screen readers, which read the numbers); then the counted total and active parameters for
 * 0…4 shared experts, the current number marked with ★ and a heavy border.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SharedRow } from '../../core/lesson-math';
import type { Trace } from '../../core/trace';
import { LocaleController } from '../i18n/locale';
import { tableStyles } from './lesson-styles';
import { lessonTable, settingHead } from './lesson-table';
import { blockStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';
import { styleProps } from '../shared/style-props';

/** Routed experts listed in full up to this many; beyond, the busiest ones. */
const MAX_ROUTED_ROWS = 16;

@customElement('shared-usage')
export class SharedUsage extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) trace: Trace | null = null;
  @property({ attribute: false }) rows: readonly SharedRow[] = [];
  @property({ type: Number }) current = 0;

  static override styles = [
    ...blockStyles,
    tableStyles,
    css`
      .bar { width: 10rem; height: 0.9rem; border: 1px solid var(--moe-text-5); background: var(--moe-surface); }
      .fill { height: 100%; background: var(--moe-orange); }
      .shared-row .fill { background: repeating-linear-gradient(90deg, var(--moe-green) 0 4px, var(--moe-green-light) 4px 6px); }
      p { margin: var(--moe-sp-3) 0; }
    `,
  ];

  private renderLoad(t: Trace) {
    const m = lessonPagesWords();
    const x = m.experts;
    const layer = t.layers[0];
    const n = t.tokens.length;
    if (!layer || n === 0) return nothing;
    const shared = (layer.sharedLoad ?? []).map((load, j) => ({ label: `S${j}`, kind: x.kindShared, load, cls: 'shared-row' }));
    const routed = [...layer.experts].sort((a, b) => b.load - a.load || a.index - b.index);
    const shownRouted = routed
      .slice(0, MAX_ROUTED_ROWS)
      .map((e) => ({ label: `E${e.index}`, kind: x.kindRouted, load: e.load, cls: 'routed-row' }));
    const maxRouted = routed[0]?.load ?? 0;
    return html`
      <p class="big" role="status" id="shared-verdict">${shared.length ? x.allTokens(shared.length, n, maxRouted) : x.noShared}</p>
      ${lessonTable(
        x.loadTableCaption(n),
        html`<tr><th scope="col">${x.expert}</th><th scope="col">${x.kind}</th><th scope="col" class="n">${x.processed}</th><th scope="col" class="n">${x.ofTokens}</th><th scope="col"><span class="vh">${m.sparsity.bar}</span></th></tr>`,
        [...shared, ...shownRouted].map(
          (r) => html`<tr class=${r.cls}>
            <th scope="row">${r.label}</th><td>${r.kind}</td><td class="n">${m.count(r.load)}</td><td class="n">${m.percent(r.load / n)}</td>
            <td><div class="bar" aria-hidden="true"><div class="fill" ${styleProps({ width: `${((r.load / n) * 100).toFixed(2)}%` })}></div></div></td>
          </tr>`,
        ),
      )}
      ${routed.length > MAX_ROUTED_ROWS ? html`<p class="note">${x.busiest(MAX_ROUTED_ROWS, routed.length)}</p>` : nothing}
    `;
  }

  private renderSweep() {
    const m = lessonPagesWords();
    const x = m.experts;
    return lessonTable(
      x.sharedTableCaption,
      html`<tr><th scope="col">${x.sharedCount}</th><th scope="col" class="n">${x.total}</th><th scope="col" class="n">${x.active}</th><th scope="col" class="n">${x.fraction}</th></tr>`,
      this.rows.map((r) => {
        const current = r.shared === this.current;
        return html`<tr class=${current ? 'current' : ''} data-s=${r.shared}>
          ${settingHead(r.shared, current)}
          <td class="n">${m.count(r.total)}</td><td class="n">${m.count(r.active)}</td><td class="n">${m.percent(r.fraction)}</td>
        </tr>`;
      }),
    );
  }

  override render() {
    return html`${this.trace ? this.renderLoad(this.trace) : nothing}
      ${this.renderSweep()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shared-usage': SharedUsage;
  }
}
