/**
 * Lesson page shell, "Only a fraction is active" (demos/sparsity.html): the simulator's live model
 * routes a sentence and each token's active parameters are shown out of the total; a sweep over
 * routed experts × top-k and the published models give the same fraction at other shapes.
 *
 * The shell owns a Simulator (src/state), keeps e, k, s, m, seed and text in the URL (the
 * simulator's keys, read by its codec) and hands plain data to the leaves.
 */
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { MoeConfig } from '../../core/config';
import { realSparsity } from '../../core/lesson-math';
import { OPEN_EMBEDDING_ROWS } from '../../core/open-vocab';
import type { Trace } from '../../core/trace';
import { startBrowserBackend } from '../../state/backend';
import { decodeLesson, encodeLesson } from '../../state/lesson-url';
import { initialState, Simulator } from '../../state/simulator';
import { defaultView } from '../../state/view';
import type { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { CONTROL_OF, type ControlProblem } from './lesson-controls';
import { lessonHeader, lessonStyles, sentenceNotices } from './lesson-layout';
import { PageController } from '../shared/page-controller';
import { a11yStyles } from '../shared/shared-styles';
import './lesson-controls';
import './real-sparsity';
import './sparsity-sweep';
import './token-active-table';
import { lessonPagesWords } from '../i18n/lesson-pages';

const V3 = realSparsity().find((r) => r.id === 'deepseek-v3');
const FIELDS = ['experts', 'topk', 'shared', 'granularity', 'seed', 'sentence'] as const;

@customElement('sparsity-page')
export class SparsityPage extends LitElement {
  private readonly sim = new Simulator(initialState(), { held: true });
  private readonly page = new PageController(this, {
    title: () => lessonPagesWords().sparsity.pageTitle,
    start: startBrowserBackend,
    started: (backend) => {
      this.sim.setBackend(backend);
      return this.sim.refresh();
    },
    query: () => encodeLesson({ config: this.sim.state.config, text: this.sim.state.text }),
    idle: () => this.sim.idle(),
  });
  private readonly i18n = new LocaleController(this);
  @state() private problem: ControlProblem | null = null;

  static override styles = [...a11yStyles, lessonStyles];

  constructor() {
    super();
    const { config, text, notices } = decodeLesson(location.search);
    this.sim.load({ ...defaultView(), config, text }, notices);
    this.page.watch(this.sim.store);
  }

  override disconnectedCallback(): void {
    this.sim.dispose();
    super.disconnectedCallback();
  }

  /** The live trace on screen (read-only), for tests. */
  get trace(): Trace | null {
    return this.sim.state.trace;
  }

  /** Resolves when the model has caught up with the inputs and the page has rendered it (for tests). */
  settled(): Promise<void> {
    return this.page.settled();
  }

  private onConfig(e: ConfigChangeEvent): void {
    const field = Object.keys(e.change)[0] as keyof MoeConfig | undefined;
    void this.sim.setConfig(e.change);
    const problems = this.sim.state.problems;
    this.problem = problems.length ? { control: (field && CONTROL_OF[field]) || 'experts', problems } : null;
  }

  private onView(e: ViewChangeEvent): void {
    if (e.change.text === undefined) return;
    this.problem = null;
    void this.sim.setText(e.change.text);
  }

  override render() {
    const s = this.sim.state;
    const m = lessonPagesWords();
    const p = m.sparsity;
    const t = s.trace;
    return html`
      ${lessonHeader(p.title, { config: s.config, text: s.text })}
      <main>
        <div class="lead">
          <p>${p.intro1}</p>
          ${V3 ? html`<p>${p.intro2(V3.name, m.big(V3.total), m.big(V3.active), m.percent(V3.fraction))}</p>` : nothing}
          <p>${p.intro3}</p>
        </div>
        ${this.page.renderLinkNotices(s.notices)}
        ${this.page.renderBackendNotice()}
        ${s.error ? html`<p class="notice error" role="alert">${m.modelFailed(localized(s.error))}</p>` : nothing}
        <lesson-controls
          .config=${s.config}
          .text=${s.text}
          .fields=${FIELDS}
          .problem=${this.problem}
          id-prefix="sp"
          @config-change=${this.onConfig}
          @view-change=${this.onView}
        ></lesson-controls>
        <section aria-labelledby="live-h">
          <h2 id="live-h">${p.liveTitle}</h2>
          <p class="caption">${p.liveCaption}</p>
          ${sentenceNotices(s.text, s.textCut)}
          ${this.page.starting && !t ? html`<p role="status">${m.starting}</p>` : nothing}
          <token-active-table .trace=${t}></token-active-table>
          ${
            t && V3
              ? html`<p class="note">${p.embeddingNote(m.count(t.params.embedding), V3.name, m.percent((V3.active - V3.activeWithoutEmbedding) / V3.total))}</p>`
              : nothing
          }
          <p class="status">${m.backend(s.backend?.name ?? '…')}</p>
        </section>
        <section aria-labelledby="sweep-h">
          <h2 id="sweep-h">${p.sweepTitle}</h2>
          <p class="caption">${p.sweepCaption(s.config.modelWidth, s.config.expertHidden, s.config.granularity, s.config.sharedExperts, s.config.layers)}</p>
          <sparsity-sweep .config=${s.config} .vocabSize=${OPEN_EMBEDDING_ROWS}></sparsity-sweep>
        </section>
        <section aria-labelledby="real-h">
          <h2 id="real-h">${p.realTitle}</h2>
          <p class="caption">${p.realCaption}</p>
          <real-sparsity .config=${s.config} .vocabSize=${OPEN_EMBEDDING_ROWS}></real-sparsity>
        </section>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sparsity-page': SparsityPage;
  }
}
