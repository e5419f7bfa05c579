/**
 * The same sentence routed live at each granularity m, measured from each run's trace: how many
 * different expert sets its tokens used (layer 1), out of how many possible, and the routed-expert
 * parameters that worked for each token, which come out equal at every m (unless choices were dropped).
 */
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { combinations, expertSets, routedPerToken } from '../../core/lesson-math';
import type { GranularityRun } from '../../state/lesson-runs';
import { wrappingBigInt } from './granularity-table';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { tableStyles } from './lesson-styles';
import { lessonTable, settingHead } from './lesson-table';
import { a11yStyles } from '../shared/shared-styles';
import { lessonPagesWords } from '../i18n/lesson-pages';

/** The measured routed-expert parameters per token of each run that ran: [min, max]. */
export function routedRange(run: GranularityRun): [number, number] | null {
  if (!run.trace || run.trace.tokens.length === 0) return null;
  const r = routedPerToken(run.trace);
  return [Math.min(...r), Math.max(...r)];
}

@customElement('granularity-live')
export class GranularityLive extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) runs: readonly GranularityRun[] = [];
  @property({ type: Number }) current = 1;

  static override styles = [...a11yStyles, tableStyles];

  private verdict() {
    const x = lessonPagesWords().experts;
    const ranges = this.runs.map(routedRange);
    if (ranges.length === 0 || ranges.every((r) => r === null)) return nothing;
    const first = ranges[0];
    const equal = first !== null && first !== undefined && ranges.every((r) => r !== null && r[0] === first[0] && r[1] === first[0]);
    return html`<p class="big" role="status" id="verdict">${equal && first ? x.equal(lessonPagesWords().count(first[0])) : x.notEqual}</p>`;
  }

  override render() {
    const m = lessonPagesWords();
    const x = m.experts;
    const table = lessonTable(
      x.liveTableCaption,
      html`<tr>
        <th scope="col">${x.m}</th><th scope="col" class="n">${x.usedKm}</th><th scope="col" class="n">${x.setsUsed}</th>
        <th scope="col">${x.setsPossible}</th><th scope="col" class="n">${x.measuredRouted}</th><th scope="col" class="n">${x.meanActive}</th>
      </tr>`,
      this.runs.map((run) => {
        const current = run.m === this.current;
        const head = settingHead(run.m, current);
        const t = run.trace;
        if (!t) {
          return html`<tr class=${current ? 'current' : ''} data-m=${run.m}>${head}<td colspan="5">${x.notRun} ${run.problems.map((p) => localized(p)).join('; ')}</td></tr>`;
        }
        const range = routedRange(run);
        const shape = t.shape;
        return html`<tr class=${current ? 'current' : ''} data-m=${run.m}>
          ${head}
          <td class="n">${m.count(shape.active)}</td>
          <td class="n sets-used">${m.count(expertSets(t))}</td>
          <td class="exact possible">${wrappingBigInt(combinations(shape.experts, shape.active))}</td>
          <td class="n routed">${range ? (range[0] === range[1] ? m.count(range[0]) : x.range(m.count(range[0]), m.count(range[1]))) : '—'}</td>
          <td class="n">${m.count(Math.round(t.params.activeMean))}</td>
        </tr>`;
      }),
    );
    return html`${this.verdict()} ${table}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'granularity-live': GranularityLive;
  }
}
