/**
 * Fine-grained segmentation at equal cost (DeepSeekMoE): for each granularity m, the experts that
 * exist, their width and size, how many a token uses, the routed-expert parameters that makes (the
 * same on every row) and the number of different expert sets, C(E·m, k·m), exact. The current m is
 * marked with ★ and a heavy border.
 */
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GranularityRow } from '../../core/lesson-math';
import { LocaleController } from '../i18n/locale';
import { tableStyles } from './lesson-styles';
import { lessonTable, settingHead } from './lesson-table';
import { a11yStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';

/** An exact BigInt with grouping: 488526937079580n → "488,526,937,079,580". */
export function groupedBigInt(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The same, with a line-break opportunity after each comma, for narrow table cells. */
export function wrappingBigInt(n: bigint) {
  return groupedBigInt(n)
    .split(',')
    .map((part, i) => (i ? html`,<wbr />${part}` : part));
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A large BigInt to 3 significant figures in powers of ten: 488526937079580n → "4.89 × 10¹⁴". */
export function approxPower(n: bigint): string {
  const s = n.toString();
  let mant = Number(`${s[0]}.${s.slice(1, 16) || '0'}`);
  let e = s.length - 1;
  if (Number(mant.toFixed(2)) >= 10) {
    mant /= 10;
    e += 1;
  }
  return `${mant.toFixed(2)} × 10${[...String(e)].map((c) => SUPERSCRIPT[Number(c)]).join('')}`;
}

@customElement('granularity-table')
export class GranularityTable extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) rows: readonly GranularityRow[] = [];
  @property({ type: Number }) current = 1;

  static override styles = [...a11yStyles, tableStyles];

  override render() {
    const m = lessonPagesWords();
    const x = m.experts;
    return lessonTable(
      x.splitTableCaption,
      html`<tr>
        <th scope="col">${x.m}</th><th scope="col" class="n">${x.expertsEm}</th><th scope="col" class="n">${x.hidden}</th>
        <th scope="col" class="n">${x.perExpert}</th><th scope="col" class="n">${x.usedKm}</th><th scope="col" class="n">${x.activeRouted}</th>
        <th scope="col" class="n">${x.router}</th><th scope="col">${x.sets}</th>
      </tr>`,
      this.rows.map((r) => {
        const current = r.m === this.current;
        const big = r.combinations >= 10n ** 6n;
        return html`<tr class=${current ? 'current' : ''} data-m=${r.m}>
          ${settingHead(r.m, current)}
          <td class="n">${m.count(r.experts)}</td>
          <td class="n">${r.splits ? m.count(r.hidden) : html`<span class="muted">${x.noSplit(r.hidden * r.m, r.m)}</span>`}</td>
          <td class="n">${r.splits ? m.count(r.perExpert) : '—'}</td>
          <td class="n">${m.count(r.topK)}</td>
          <td class="n">${r.splits ? m.count(r.activeRouted) : '—'}</td>
          <td class="n">${m.count(r.router)}</td>
          <td class="exact"><span class="sets">${wrappingBigInt(r.combinations)}</span>${big ? html`<span class="sub">≈ ${approxPower(r.combinations)}</span>` : ''}</td>
        </tr>`;
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'granularity-table': GranularityTable;
  }
}
