/**
 * The main page: the simulator (simulator-shell.ts: the model, the panels, the page skeleton) with
 * the page's own parts around it: the header with presenter mode and the lessons' links, the guided
 * tour (lesson=L.S in the URL) that the page follows to the panel it points at, and the notices
 * about the page's own link keys (lesson=, lang=, present=).
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { expertShape } from '../../core/config';
import { withKeptKeys } from '../../state/lang';
import { publishedFacts } from '../../state/lesson-facts';
import { LESSON_PAGES, type LessonPage } from '../../state/lessons';
import { pageSearch } from '../../state/page-url';
import { viewOf, type SimState } from '../../state/simulator';
import { decodeView, encodeView } from '../../state/url';
import { LocaleController } from '../i18n/locale';
import type { LessonTour, TourCloseEvent, TourGoEvent } from './lesson-tour';
import { SimulatorElement, SimulatorShell } from './simulator-shell';
import { simulatorStyles } from './simulator-styles';
import { tourFromQuery } from './tour-controller';
import './lesson-tour';
import '../shared/lang-switch';
import '../shared/theme-switch';
import { commonWords } from '../i18n/common';
import { lessonsWords } from '../i18n/lessons';
import { shellWords } from '../i18n/shell';

/** A value of one of the main page's own link keys that was not understood. */
interface PageNotice {
  key: 'lesson' | 'lang' | 'present';
  value: string;
}

@customElement('moe-app')
export class MoeApp extends SimulatorElement {
  protected readonly shell: SimulatorShell = new SimulatorShell(this, {
    owns: true,
    initialView: () => {
      const { view, notices } = decodeView(pageSearch());
      return { view, notices };
    },
    shareUrl: (): string => new URL(this.shell.page.pageQuery(), location.href).href,
  });
  private readonly i18n = new LocaleController(this);
  /** Notices about the page's own keys (lesson=, lang=, present=) from the opening link. */
  @state() private pageNotices: PageNotice[] = [];
  private opened = false;
  private scrolledFor = '';

  static override styles = simulatorStyles;

  override connectedCallback(): void {
    super.connectedCallback(); // the shell loads the link's view
    if (!this.opened) {
      this.opened = true;
      this.openFromLink();
    }
  }

  /** The lesson step and the notices about the page's own keys in the opening link. */
  private openFromLink(): void {
    const link = tourFromQuery(pageSearch());
    const notices: PageNotice[] = [];
    if (link.problem !== null) notices.push({ key: 'lesson', value: link.problem.slice(0, 24) });
    // The lesson's view is loaded now; it first runs once the backend is chosen.
    if (link.ref) this.shell.tour.open(link.ref, !link.viewInLink);
    const lang = this.shell.page.langProblem;
    if (lang !== null) notices.push({ key: 'lang', value: lang.slice(0, 24) });
    const present = this.shell.page.presenterProblem;
    if (present !== null) notices.push({ key: 'present', value: present });
    this.pageNotices = notices;
  }

  private async startTour(): Promise<void> {
    await this.shell.tour.go({ lesson: 0, step: 0 });
    await this.updateComplete;
    this.renderRoot.querySelector<LessonTour>('lesson-tour')?.focusNext();
  }

  private async closeTour(e: TourCloseEvent): Promise<void> {
    this.shell.tour.close(e.finished);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.start-tour button')?.focus();
  }

  protected override updated(): void {
    // Once per step, and again when a prediction's answer makes the tour taller.
    const tour = this.shell.tour;
    const key = tour.ref ? `${tour.ref.lesson}.${tour.ref.step}.${tour.revealed}` : '';
    if (key === this.scrolledFor || this.shell.page.starting || !this.shell.sim.state.trace) return;
    this.scrolledFor = key;
    void this.followTour(key !== '');
  }

  /**
   * The page follows the tour to the panel it points at, once the step's model run is drawn (the
   * panels and the tour's words have their final size). What stays stuck at the top over the panel's
   * column (the tour card, unless it has its own column; presenter mode's bar of controls) is its
   * --tour-cover, where the panel's top stops (scroll-margin-top). On a phone nothing is stuck: the
   * page scrolls to the panel, the card above it.
   */
  private async followTour(open: boolean): Promise<void> {
    const key = this.scrolledFor;
    await this.settled();
    await this.renderRoot.querySelector<LessonTour>('lesson-tour')?.updateComplete; // its height, with any answer
    if (key !== this.scrolledFor) return; // another step opened meanwhile
    const tour = this.renderRoot.querySelector<HTMLElement>('section.tour');
    this.style.setProperty('--tour-height', `${tour?.offsetHeight ?? 0}px`);
    // A new step's words from their start; a prediction's answer (at the card's end) once checked.
    if (tour) tour.scrollTop = this.shell.tour.revealed ? tour.scrollHeight : 0;
    const panel = this.renderRoot.querySelector<HTMLElement>('.highlight');
    if (!open || !tour || !panel) return;
    const p = panel.getBoundingClientRect();
    const over = [tour, this.renderRoot.querySelector<HTMLElement>('section.controls')].filter((el): el is HTMLElement => {
      if (!el || el === panel || getComputedStyle(el).position !== 'sticky') return false;
      const r = el.getBoundingClientRect();
      return r.left < p.right && p.left < r.right;
    });
    this.style.setProperty('--tour-cover', `${over.reduce((a, el) => a + el.offsetHeight, 0)}px`);
    if (getComputedStyle(tour).position !== 'sticky') {
      // On a phone the card is not stuck: a prediction's answer, just asked for, stays in view rather than its panel;
      // a panel close below the card is shown with it (its words and the panel's top), else the page goes to the panel.
      if (this.shell.tour.revealed) return;
      const c = tour.getBoundingClientRect();
      const seen = Math.min(p.height, innerHeight * 0.4);
      if (p.top - c.top + seen <= innerHeight) {
        if (c.top < 0 || p.top + seen > innerHeight) tour.scrollIntoView({ block: 'start' });
        return;
      }
    }
    // Scroll only when the panel's top is hidden under what is stuck, or low on the screen.
    const below = Math.max(0, ...over.map((el) => el.getBoundingClientRect().bottom));
    if (p.top < below || p.top > below + (innerHeight - below) * 0.5) panel.scrollIntoView({ block: 'start' });
  }

  private renderTour() {
    const tour = this.shell.tour;
    const ref = tour.ref;
    if (!ref) return tour.finished ? html`<p class="notice" role="status">${lessonsWords().finished}</p>` : nothing;
    return html`<section class="tour" aria-label=${lessonsWords().region}>
      <lesson-tour
        .ref=${ref}
        .facts=${tour.facts}
        .published=${publishedFacts()}
        .answer=${tour.answer}
        .predictWord=${tour.predictWord}
        .linkQuery=${withKeptKeys('', pageSearch())}
        @tour-go=${(e: TourGoEvent) => void tour.go(e.ref)}
        @tour-close=${(e: TourCloseEvent) => void this.closeTour(e)}
        @tour-check=${() => tour.check()}
      ></lesson-tour>
    </section>`;
  }

  /** A notice about the page's own link keys, worded when shown (so it follows a language switch). */
  private pageNoticeText(n: PageNotice): string {
    if (n.key === 'lesson') return lessonsWords().badLink(n.value);
    if (n.key === 'lang') return commonWords().langIgnored(n.value);
    return commonWords().presentIgnored(n.value);
  }

  private renderHeader(s: SimState) {
    const shape = expertShape(s.config);
    const m = shellWords();
    const common = commonWords();
    const page = this.shell.page;
    // Each page keeps the language (and backend); the scale page also takes this view's toy.
    const href = (p: LessonPage) => LESSON_PAGES[p] + withKeptKeys(p === 'scale' ? encodeView(viewOf(s)) : '', pageSearch());
    return html`
      <header>
        <div class="title-row">
          <h1>${common.siteName}</h1>
          <div class="tools">
            <button aria-pressed=${page.presenter ? 'true' : 'false'} title=${common.presenterHint} @click=${() => page.togglePresenter()}>${common.presenter}</button>
            <lang-switch></lang-switch><theme-switch></theme-switch>
          </div>
        </div>
        <p>${m.intro(shape.active, shape.experts, shape.shared)}</p>
        ${
          this.shell.tour.ref
            ? nothing
            : html`<div class="start-tour"><button @click=${() => void this.startTour()}>${lessonsWords().start}</button><span>${lessonsWords().startHint}</span></div>`
        }
        <nav aria-label=${m.lessonsNav}>
          ${(Object.keys(LESSON_PAGES) as LessonPage[]).map((p) => html`<a href=${href(p)}>${m.links[p]}</a>`)}
        </nav>
      </header>
    `;
  }

  override render() {
    const s = this.shell.sim.state;
    return html`
      ${this.renderHeader(s)}
      <main aria-label=${shellWords().simulatorLabel}>
        ${this.shell.renderBody(
          this.pageNotices.map((n) => this.pageNoticeText(n)),
          this.renderTour(),
        )}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'moe-app': MoeApp;
  }
}
