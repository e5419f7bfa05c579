/**
 * Lesson page shell, "More, smaller experts, and shared experts" (demos/experts.html), DeepSeekMoE's
 * two ideas: fine-grained segmentation at equal cost (counted for m = 1, 2, 4, 8, then one sentence
 * routed live at each m from the same seed) and shared experts (a slider, and the live trace showing
 * that they process every token).
 *
 * The shell keeps e, k, s, m, seed and text in the URL (the simulator's keys and codec), validates
 * every change with the config's own rules (a refused one keeps the last good state and says why
 * next to its control), and runs the models through a latest-wins runner (src/state/latest-runner.ts),
 * so a dragged slider never queues up runs.
 */
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { updateConfig, type MoeConfig } from '../../core/config';
import { combinations, granularityRows, realSparsity, sharedSweep } from '../../core/lesson-math';
import { tokenize, VOCAB } from '../../core/tokenizer';
import { startBrowserBackend } from '../../state/backend';
import { LatestRunner } from '../../state/latest-runner';
import { routeAtGranularities, type GranularityRun } from '../../state/lesson-runs';
import { decodeLesson, encodeLesson } from '../../state/lesson-url';
import { clipText, type TextNotice } from '../../state/url';
import type { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { groupedBigInt } from './granularity-table';
import { LocaleController } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { CONTROL_OF, type ControlProblem } from './lesson-controls';
import { lessonHeader, lessonStyles, sentenceNotices } from './lesson-layout';
import { PageController } from '../shared/page-controller';
import { a11yStyles } from '../shared/shared-styles';
import './granularity-live';
import './granularity-table';
import './lesson-controls';
import './shared-usage';
import { lessonPagesWords } from '../i18n/lesson-pages';

const V3 = realSparsity().find((r) => r.id === 'deepseek-v3');
const TOP_FIELDS = ['experts', 'topk', 'granularity', 'seed', 'sentence'] as const;
const SHARED_FIELDS = ['shared'] as const;

@customElement('experts-page')
export class ExpertsPage extends LitElement {
  private readonly i18n = new LocaleController(this);
  @state() private config!: MoeConfig;
  @state() private text = '';
  /** Set when the last sentence given was cut to its longest (from a script, past the box's maxlength). */
  @state() private textCut: TextNotice | null = null;
  @state() private notices: (string | CoreMessage)[] = [];
  @state() private problem: ControlProblem | null = null;
  @state() private runs: GranularityRun[] = [];
  @state() private error: string | null = null;

  /** Routes the sentence at each granularity; held until the backend is chosen. */
  private readonly runner = new LatestRunner<{ config: MoeConfig; text: string }>(
    async ({ config, text }, ctx) => {
      const runs = await routeAtGranularities(config, text);
      if (ctx.stale()) return;
      this.runs = runs;
      this.error = null;
    },
    { held: true, onError: (e) => (this.error = e instanceof Error ? e.message : String(e)) },
  );
  private readonly page = new PageController(this, {
    title: () => lessonPagesWords().experts.pageTitle,
    start: startBrowserBackend,
    started: () => {
      this.runner.release();
      return this.runner.idle();
    },
    query: () => encodeLesson({ config: this.config, text: this.text }),
    idle: () => this.runner.idle(),
  });

  static override styles = [...a11yStyles, lessonStyles];

  constructor() {
    super();
    const { config, text, notices } = decodeLesson(location.search);
    this.config = config;
    this.text = text;
    this.notices = notices;
    this.kick();
  }

  /** Marks the runs out of date (they run once the backend is chosen). */
  private kick(): void {
    void this.runner.request({ config: this.config, text: this.text });
  }

  /** The live runs on screen (read-only), for tests. */
  get granularityRuns(): readonly GranularityRun[] {
    return this.runs;
  }

  /** Resolves when the runs match the inputs and the page has rendered them (for tests). */
  settled(): Promise<void> {
    return this.page.settled();
  }

  private onConfig(e: ConfigChangeEvent): void {
    const field = Object.keys(e.change)[0] as keyof MoeConfig | undefined;
    const result = updateConfig(this.config, e.change);
    if (!result.ok) {
      this.problem = { control: (field && CONTROL_OF[field]) || 'experts', problems: result.problems };
      return;
    }
    this.problem = null;
    this.config = result.config;
    this.page.syncUrl();
    this.kick();
  }

  private onView(e: ViewChangeEvent): void {
    if (e.change.text === undefined) return;
    this.problem = null;
    ({ text: this.text, cut: this.textCut } = clipText(e.change.text));
    this.page.syncUrl();
    this.kick();
  }

  private renderIntro() {
    const x = lessonPagesWords().experts;
    const c = this.config;
    return html`<div class="lead">
      <p>${x.intro1}</p>
      <p>
        ${x.intro2(
          c.routedExperts,
          c.topK,
          groupedBigInt(combinations(c.routedExperts, c.topK)),
          4 * c.routedExperts,
          4 * c.topK,
          groupedBigInt(combinations(4 * c.routedExperts, 4 * c.topK)),
        )}
      </p>
      ${V3 ? html`<p>${x.intro3(V3.name, V3.sharedExperts, V3.routedExperts, V3.topK)}</p>` : nothing}
    </div>`;
  }

  override render() {
    const m = lessonPagesWords();
    const x = m.experts;
    const c = this.config;
    const V = VOCAB.words.length;
    const currentRun = this.runs.find((r) => r.m === c.granularity) ?? null;
    const n = tokenize(this.text).tokens.length;
    return html`
      ${lessonHeader(x.title, { config: c, text: this.text })}
      <main>
        ${this.renderIntro()}
        ${this.page.renderLinkNotices(this.notices)}
        ${this.page.renderBackendNotice()}
        ${this.error ? html`<p class="notice error" role="alert">${m.modelFailed(localized(this.error))}</p>` : nothing}
        <lesson-controls .config=${c} .text=${this.text} .fields=${TOP_FIELDS} .problem=${this.problem} id-prefix="ex"
          @config-change=${this.onConfig} @view-change=${this.onView}></lesson-controls>
        <section aria-labelledby="split-h">
          <h2 id="split-h">${x.splitTitle}</h2>
          <p class="caption">${x.splitCaption(c.routedExperts, c.topK, c.modelWidth, c.expertHidden)}</p>
          <granularity-table .rows=${granularityRows(c, V)} .current=${c.granularity}></granularity-table>
          <p class="note">${x.routerNote}</p>
        </section>
        <section aria-labelledby="live-h">
          <h2 id="live-h">${x.liveTitle}</h2>
          <p class="caption">${x.liveCaption(n)}</p>
          ${sentenceNotices(this.text, this.textCut)}
          ${this.runs.length === 0 && !this.error ? html`<p role="status">${m.starting}</p>` : nothing}
          <granularity-live .runs=${this.runs} .current=${c.granularity}></granularity-live>
          <p class="note">${x.setsNote} ${x.activeNote}</p>
          <p class="status">${m.backend(this.page.backendName)}</p>
        </section>
        <section aria-labelledby="shared-h">
          <h2 id="shared-h">${x.sharedTitle}</h2>
          <p class="caption">${x.sharedCaption}</p>
          <lesson-controls .config=${c} .fields=${SHARED_FIELDS} .problem=${this.problem} id-prefix="ex2"
            @config-change=${this.onConfig}></lesson-controls>
          <shared-usage .trace=${currentRun?.trace ?? null} .rows=${sharedSweep(c, V)} .current=${c.sharedExperts}></shared-usage>
          <p class="note">${x.paperNote}</p>
        </section>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experts-page': ExpertsPage;
  }
}
