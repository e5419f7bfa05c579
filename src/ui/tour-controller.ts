/**
 * The guided tour's state on the main page: which step is open, whether a prediction was checked,
 * and applying a step to the simulator. The step is kept in the URL as `lesson=L.S`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lessonFacts, type LessonFacts } from '../state/lesson-facts';
import { formatLessonRef, lessonView, parseLessonRef, stepOf, type LessonStep, type PanelId, type StepRef } from '../state/lessons';
import type { Simulator } from '../state/simulator';

/** Query keys that are not part of the view: a link with only these opens a lesson step as designed. */
const NOT_VIEW = new Set(['lesson', 'lang', 'backend', 'present']);

export interface TourFromLink {
  ref: StepRef | null;
  /** The `lesson` value when it names no step. */
  problem: string | null;
  /** The link holds a view of its own (it was copied mid-lesson): keep that view. */
  viewInLink: boolean;
}

export function tourFromQuery(search: string): TourFromLink {
  const params = new URLSearchParams(search);
  const raw = params.get('lesson');
  const ref = parseLessonRef(raw);
  const viewInLink = [...params.keys()].some((k) => !NOT_VIEW.has(k));
  return { ref, problem: raw !== null && ref === null ? raw : null, viewInLink };
}

export class TourController implements ReactiveController {
  ref: StepRef | null = null;
  /** A prediction step's answer was asked for. */
  revealed = false;
  /** The tour was just finished (for the closing message). */
  finished = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sim: Simulator,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get step(): LessonStep | null {
    return this.ref ? stepOf(this.ref) : null;
  }

  get panel(): PanelId | null {
    return this.step?.panel ?? null;
  }

  /** Opens a step without touching the view (a link that holds its own view). */
  open(ref: StepRef): void {
    this.ref = ref;
    this.revealed = false;
    this.finished = false;
    this.changed();
  }

  /** Opens a step and sets the simulator to it (keeping the teacher's hidden controls and speed). */
  go(ref: StepRef): Promise<void> {
    this.open(ref);
    const s = this.sim.state;
    this.sim.pause();
    this.sim.load({ ...lessonView(stepOf(ref)), hide: s.hide, speed: s.speed }, []);
    return this.sim.refresh();
  }

  close(finished: boolean): void {
    this.ref = null;
    this.revealed = false;
    this.finished = finished;
    this.changed();
  }

  /** The reader made a prediction: show the token it was about, with its routing. */
  check(): void {
    const p = this.step?.predict;
    if (!p) return;
    this.revealed = true;
    this.sim.goTo(p.position);
    this.changed();
  }

  /** Tokens from this index on have their routing hidden (a prediction not yet checked). */
  get concealFrom(): number | null {
    const p = this.step?.predict;
    if (!p || this.revealed || this.sim.state.position >= p.position) return null;
    return p.position;
  }

  /** The predicted token's routing once checked. */
  get answer(): LessonFacts | null {
    const p = this.step?.predict;
    const s = this.sim.state;
    if (!p || !this.revealed || !s.trace || p.position >= s.trace.tokens.length) return null;
    return lessonFacts(s.trace, p.position, s.layer, s.biasSteps);
  }

  /** The word a prediction asks about. */
  get predictWord(): string {
    const p = this.step?.predict;
    return (p && this.sim.state.trace?.tokens[p.position]?.text) || '';
  }

  /** `&lesson=L.S` for the address bar, or nothing. */
  get query(): string {
    return this.ref ? `lesson=${formatLessonRef(this.ref)}` : '';
  }

  private changed(): void {
    this.host.requestUpdate();
    this.onChange();
  }
}
