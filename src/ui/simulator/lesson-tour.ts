/**
 * The guided tour's panel: which lesson and step, a progress bar, the step's two or three sentences
 * (numbers from the live trace), a "predict, then check" question where the step has one, a link to
 * the lesson's own page, and Back / Next. It only shows and asks: the shell applies the step to the
 * simulator and answers a prediction from the live model.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LessonFacts, PublishedFacts } from '../../state/lesson-facts';
import { LESSON_PAGES, LESSONS, moveStep, stepOf, tourProgress, type StepRef } from '../../state/lessons';
import { LocaleController } from '../i18n/locale';
import { blockStyles } from '../shared/shared-styles';
import { lessonsWords } from '../i18n/lessons';
import { shellWords } from '../i18n/shell';
import { UpEvent } from '../shared/events';

/** Sent when the reader moves to another step (Back, Next, the lesson list). */
export class TourGoEvent extends UpEvent {
  static readonly type = 'tour-go';
  constructor(readonly ref: StepRef) {
    super(TourGoEvent.type);
  }
}

/** Sent when the reader closes or finishes the tour. */
export class TourCloseEvent extends UpEvent {
  static readonly type = 'tour-close';
  constructor(readonly finished: boolean) {
    super(TourCloseEvent.type);
  }
}

/** Sent when the reader checks a guess (the tour keeps it): the shell moves to the token and the model's answer shows. */
export class TourCheckEvent extends UpEvent {
  static readonly type = 'tour-check';
  constructor() {
    super(TourCheckEvent.type);
  }
}

type Body = (f: LessonFacts, p: PublishedFacts) => string;
interface StepWords {
  title: string;
  body: Body;
  after?: Body;
}

@customElement('lesson-tour')
export class LessonTour extends LitElement {
  private readonly i18n = new LocaleController(this);
  @property({ attribute: false }) ref: StepRef = { lesson: 0, step: 0 };
  /** Facts of the token on screen; null while the model runs for the first time. */
  @property({ attribute: false }) facts: LessonFacts | null = null;
  @property({ attribute: false }) published: PublishedFacts | null = null;
  /** For a prediction step: the facts of the token asked about, once the reader checked. */
  @property({ attribute: false }) answer: LessonFacts | null = null;
  /** The word the prediction is about (it is in the sentence; only its routing is hidden). */
  @property() predictWord = '';
  /** Query to append to lesson-page links (keeps the language). */
  @property() linkQuery = '';
  @state() private guess: number | null = null;
  @state() private noGuess = false;

  static override styles = [
    ...blockStyles,
    css`
      .top { display: flex; flex-wrap: wrap; gap: var(--moe-sp-4) var(--moe-sp-8); align-items: center; justify-content: space-between; }
      h2 { font-size: var(--moe-fs-l); margin: 0; }
      h3 { font-size: var(--moe-fs-1); margin: var(--moe-sp-6) 0 var(--moe-sp-2); }
      p { margin: var(--moe-sp-3) 0; max-width: 60rem; line-height: 1.45; }
      label { font-weight: 600; }
      select, button { font: inherit; min-height: 2.4rem; padding: var(--moe-sp-3) var(--moe-sp-7); }
      /* The lesson list as wide as its longest title, but never wider than the card (a phone). */
      .top label { min-width: 0; max-width: 100%; }
      select { max-width: 100%; }
      .progress { display: flex; gap: var(--moe-sp-6); align-items: center; margin: var(--moe-sp-4) 0 0; font-variant-numeric: tabular-nums; }
      progress { flex: 1; max-width: 24rem; height: 0.8rem; accent-color: var(--moe-primary); }
      .nav { display: flex; gap: var(--moe-sp-6); margin-top: var(--moe-sp-6); flex-wrap: wrap; }
      .nav .primary { font-weight: 700; background: var(--moe-primary); color: var(--moe-on-accent); border: 2px solid var(--moe-primary); border-radius: 0.35rem; }
      .nav button:not(.primary) { background: var(--moe-surface); border: 2px solid var(--moe-text-4); border-radius: 0.35rem; color: var(--moe-text); }
      button:disabled { opacity: 0.55; }
      fieldset { border: 2px dashed var(--moe-primary); border-radius: 0.5rem; margin: var(--moe-sp-5) 0; padding: var(--moe-sp-4) var(--moe-sp-7) var(--moe-sp-6); }
      legend { font-weight: 700; padding: 0 var(--moe-sp-3); }
      .options { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3) var(--moe-sp-8); margin: var(--moe-sp-3) 0; }
      .options label { font-weight: 600; display: inline-flex; align-items: center; gap: var(--moe-sp-2); min-height: 2rem; }
      .options input { width: 1.2rem; height: 1.2rem; }
      .result { font-weight: 600; }
      .result.right::before { content: '✓ '; }
      .result.wrong::before { content: '✗ '; }
      .result.close::before { content: '≈ '; }
      .problem { color: var(--moe-error); font-weight: 600; }
      :is(button, input, select, a):focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    `,
  ];

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ref')) {
      const old = changed.get('ref') as StepRef | undefined;
      if (!old || old.lesson !== this.ref.lesson || old.step !== this.ref.step) {
        this.guess = null;
        this.noGuess = false;
      }
    }
  }

  /** Puts the keyboard on the Next button (when the tour opens). */
  focusNext(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.nav .primary')?.focus();
  }

  private go(ref: StepRef | null): void {
    if (ref) this.dispatchEvent(new TourGoEvent(ref));
    else this.dispatchEvent(new TourCloseEvent(true));
  }

  private check(): void {
    if (this.guess === null) {
      this.noGuess = true;
      return;
    }
    this.noGuess = false;
    this.dispatchEvent(new TourCheckEvent());
  }

  private renderPredict() {
    const step = stepOf(this.ref);
    if (!step.predict || !this.facts) return nothing;
    const m = lessonsWords().predict;
    const a = this.answer;
    const token = a?.token ?? '';
    const list = a ? a.chosen.map((c) => `E${c.expert} (${c.weight.toFixed(2)})`).join(', ') : '';
    const best = a?.chosen[0]?.expert;
    let result = html``;
    if (a && this.guess !== null && best !== undefined) {
      const right = best === this.guess;
      const inTopK = a.chosen.some((c) => c.expert === this.guess);
      const text = right
        ? m.right(token, this.guess, list)
        : inTopK
          ? m.inTopK(token, this.guess, best, list)
          : m.wrong(token, this.guess, best, list);
      const after = this.stepText().after;
      result = html`<p class="result ${right ? 'right' : inTopK ? 'close' : 'wrong'}">${text}</p>${after && this.published ? html`<p>${after(a, this.published)}</p>` : nothing}`;
    }
    const asked = this.predictWord;
    return html`<fieldset>
      <legend>${m.legend(asked)}</legend>
      <div class="options">
        ${Array.from({ length: this.facts.experts }, (_, e) => html`<label><input type="radio" name="guess" .value=${String(e)} .checked=${this.guess === e} ?disabled=${a !== null} @change=${() => (this.guess = e)} />${m.option(e)}</label>`)}
      </div>
      <button @click=${this.check} ?disabled=${a !== null}>${m.check}</button>
      ${this.noGuess ? html`<p class="problem" role="alert">${m.pick}</p>` : nothing}
      <div role="status">${result}</div>
    </fieldset>`;
  }

  private stepText(): StepWords {
    const lesson = LESSONS[this.ref.lesson]!;
    const steps = lessonsWords().lessons[lesson.id].steps as Record<string, StepWords>;
    return steps[stepOf(this.ref).id]!;
  }

  override render() {
    const m = lessonsWords();
    const lesson = LESSONS[this.ref.lesson]!;
    const step = stepOf(this.ref);
    const lessonText = m.lessons[lesson.id];
    const stepText = this.stepText();
    const { done, total } = tourProgress(this.ref);
    const prev = moveStep(this.ref, -1);
    const next = moveStep(this.ref, 1);
    const lastOfLesson = this.ref.step === lesson.steps.length - 1;
    const nextLabel = next === null ? m.finish : lastOfLesson ? m.nextLesson : m.next;
    const body = this.facts && this.published ? stepText.body(this.facts, this.published) : '…';
    return html`
      <div class="top">
        <h2 id="tour-h">${m.heading(this.ref.lesson + 1, LESSONS.length, lessonText.title)}</h2>
        <label>${m.chooseLesson}
          <select @change=${(e: Event) => this.go({ lesson: Number((e.target as HTMLSelectElement).value), step: 0 })}>
            ${LESSONS.map((l, i) => html`<option value=${i} ?selected=${i === this.ref.lesson}>${m.lessonOption(i + 1, m.lessons[l.id].title)}</option>`)}
          </select>
        </label>
        <button @click=${() => this.dispatchEvent(new TourCloseEvent(false))}>${m.close}</button>
      </div>
      <div class="progress">
        <progress max=${total} .value=${done + 1} aria-label=${m.tourProgress}></progress>
        <span>${m.progress(this.ref.step + 1, lesson.steps.length)}</span>
      </div>
      <h3>${stepText.title}</h3>
      <p>${body}</p>
      ${this.renderPredict()}
      ${step.link ? html`<p><a href=${`${LESSON_PAGES[step.link]}${this.linkQuery}`}>${m.openPage}: ${shellWords().links[step.link]}</a></p>` : nothing}
      <div class="nav">
        <button ?disabled=${prev === null} @click=${() => this.go(prev)}>${m.back}</button>
        <button class="primary" @click=${() => this.go(next)}>${nextLabel}</button>
      </div>
      <p class="vh" role="status">${m.announce(this.ref.lesson + 1, this.ref.step + 1, lesson.steps.length, stepText.title)}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-tour': LessonTour;
  }
  interface HTMLElementEventMap {
    'tour-go': TourGoEvent;
    'tour-close': TourCloseEvent;
    'tour-check': TourCheckEvent;
  }
}
