/**
 * Lesson page shell, "More, smaller experts, and shared experts" (demos/experts.html), DeepSeekMoE's
 * two ideas: fine-grained segmentation at equal cost (counted for m = 1, 2, 4, 8, then one sentence
 * routed live at each m from the same seed) and shared experts (a slider, and the live trace showing
 * that they process every token).
 *
 * The shell keeps e, k, s, m, seed and text in the URL (the simulator's keys and codec), validates
 * every change with the config's own rules (a refused one keeps the last good state and says why
 * next to its control), and runs the models in one worker loop: inputs only mark it dirty, so a
 * dragged slider never queues up runs.
 */
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { updateConfig, type MoeConfig } from '../../core/config';
import { combinations, granularityRows, realSparsity, sharedSweep } from '../../core/lesson-math';
import { tokenize, VOCAB } from '../../core/tokenizer';
import { preferredBackend, startBrowserBackend } from '../../state/backend';
import { langProblem, withKeptKeys } from '../../state/lang';
import { routeAtGranularities, type GranularityRun } from '../../state/lesson-runs';
import { decodeLesson, encodeLesson } from '../../state/lesson-url';
import { clipText, type TextNotice } from '../../state/url';
import type { ConfigChangeEvent, ViewChangeEvent } from '../shared/events';
import { groupedBigInt } from './granularity-table';
import { LocaleController, messages } from '../i18n/locale';
import { localized, type CoreMessage } from '../i18n/localize-message';
import { CONTROL_OF, type ControlProblem } from './lesson-controls';
import { lessonHeader, lessonStyles, linkNotices, sentenceNotices } from './lesson-layout';
import { treeRendered } from '../shared/settled';
import { a11yStyles } from '../shared/shared-styles';
import './granularity-live';
import './granularity-table';
import './lesson-controls';
import './shared-usage';
import '../i18n/common';
import '../i18n/lesson-pages';
import { replaceQuery } from '../../state/url-sync';

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
  /** The lang= value of the opening link that was not understood (worded at render, in the page's language). */
  @state() private langIgnored: string | null = null;
  @state() private problem: ControlProblem | null = null;
  @state() private runs: GranularityRun[] = [];
  @state() private backendName = '…';
  @state() private backendNotice: string | CoreMessage | null = null;
  @state() private error: string | null = null;

  private started = false;
  private backendReady = false;
  private running = false;
  private dirty = false;
  private waiting: (() => void)[] = [];
  private urlTimer: ReturnType<typeof setTimeout> | null = null;

  static override styles = [...a11yStyles, lessonStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started) {
      this.started = true;
      const { config, text, codedNotices: notices } = decodeLesson(location.search);
      this.langIgnored = langProblem(location.search);
      this.config = config;
      this.text = text;
      this.notices = notices;
      void startBrowserBackend(preferredBackend(location.search)).then((b) => {
        this.backendName = b.name;
        this.backendNotice = b.notice ? (b.codedNotice ?? b.notice) : null;
        this.backendReady = true;
        this.kick();
      });
    }
  }

  /** Marks the runs out of date and starts the worker if it is idle. */
  private kick(): void {
    this.dirty = true;
    if (this.backendReady && !this.running) void this.work();
  }

  private async work(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        const runs = await routeAtGranularities(this.config, this.text);
        if (!this.dirty) {
          this.runs = runs;
          this.error = null;
        }
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
      const waiting = this.waiting;
      this.waiting = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  /** The live runs on screen (read-only), for tests. */
  get granularityRuns(): readonly GranularityRun[] {
    return this.runs;
  }

  /** Resolves when the runs match the inputs and the page has rendered them (for tests). */
  async settled(): Promise<void> {
    if (this.running || this.dirty || !this.backendReady) await new Promise<void>((resolve) => this.waiting.push(resolve));
    await treeRendered(this);
  }

  /** Keeps the address bar in step, at most four times a second. */
  private syncUrl(): void {
    if (this.urlTimer !== null) return;
    this.urlTimer = setTimeout(() => {
      this.urlTimer = null;
      const query = withKeptKeys(encodeLesson({ config: this.config, text: this.text }), location.search);
      replaceQuery(query);
    }, 250);
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
    this.syncUrl();
    this.kick();
  }

  private onView(e: ViewChangeEvent): void {
    if (e.change.text === undefined) return;
    this.problem = null;
    ({ text: this.text, cut: this.textCut } = clipText(e.change.text));
    this.syncUrl();
    this.kick();
  }

  protected override willUpdate(): void {
    document.title = messages().lessonPages.experts.pageTitle;
  }

  private renderIntro() {
    const x = messages().lessonPages.experts;
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
    const m = messages().lessonPages;
    const x = m.experts;
    const c = this.config;
    const V = VOCAB.words.length;
    const currentRun = this.runs.find((r) => r.m === c.granularity) ?? null;
    const n = tokenize(this.text).tokens.length;
    return html`
      ${lessonHeader(x.title, { config: c, text: this.text })}
      <main>
        ${this.renderIntro()}
        ${linkNotices(this.notices, { lang: this.langIgnored })}
        ${this.backendNotice ? html`<p class="notice" role="alert">${localized(this.backendNotice)}</p>` : nothing}
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
          <p class="status">${m.backend(this.backendName)}</p>
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
