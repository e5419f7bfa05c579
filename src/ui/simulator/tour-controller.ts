/**
 * The guided tour's state on the main page: which step is open, whether a prediction was checked,
 * and applying a step to the simulator. The step is kept in the URL as `lesson=L.S`.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Trace } from '../../core/trace';
import { lessonFacts, type LessonFacts } from '../../state/lesson-facts';
import {
  formatLessonRef,
  lessonView,
  parseLessonRef,
  stepOf,
  type LessonStep,
  type PanelId,
  type PictureStage,
  type StepRef,
} from '../../state/lessons';
import type { Simulator } from '../../state/simulator';
import { KEPT } from '../../state/lang';
import { SIMULATOR_SCHEMA } from '../../state/url';
import { STAGES } from '../routing/flow-marks';

/** Where <flow-picture> holds its motion for each stage a step can stop at (null: it plays to the end). */
const FREEZE: Record<PictureStage, number | null> = {
  scores: STAGES.links[0], // the scores grown, no link drawn yet
  links: STAGES.light[0], // the links (nearly) drawn, no expert lit yet
  experts: STAGES.merge[0], // the experts lit, nothing merged yet
  done: null,
};

/** The picture's `freeze` for a step's stage (none given: the whole flow). */
export function pictureFreeze(stage: PictureStage | undefined): number | null {
  return FREEZE[stage ?? 'done'];
}

/** Query keys that are not part of the view (the page's own and the kept ones): a link with only these opens a lesson step as designed. */
const NOT_VIEW = new Set<string>([...(SIMULATOR_SCHEMA.quiet ?? []), ...KEPT]);

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

export class TourController {
  ref: StepRef | null = null;
  /** A prediction step's answer was asked for. */
  revealed = false;
  /** The tour was just finished (for the closing message). */
  finished = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sim: Simulator,
    private readonly onChange: () => void,
  ) {}

  get step(): LessonStep | null {
    return this.ref ? stepOf(this.ref) : null;
  }

  get panel(): PanelId | null {
    return this.step?.panel ?? null;
  }

  /** The picture's hold for the step whose run is on screen (a step's is kept until its own run is drawn). */
  private held: number | null = null;

  /** Where the routing picture holds for this step (0–1), or null to play it (no tour, or a step that shows it all). */
  get freeze(): number | null {
    return this.ref ? this.held : null;
  }

  /**
   * Opens a step; with `setView`, sets the simulator to the step's view (keeping the teacher's hidden
   * controls and speed) without running it: a link's step is opened before the backend is chosen.
   */
  open(ref: StepRef, setView = false, hold = true): void {
    this.ref = ref;
    if (hold) this.held = pictureFreeze(stepOf(ref).picture);
    this.revealed = false;
    this.finished = false;
    if (setView) {
      const s = this.sim.state;
      this.sim.pause();
      this.sim.load({ ...lessonView(stepOf(ref)), hide: s.hide, speed: s.speed }, []);
    }
    this.changed();
  }

  /**
   * Opens a step, sets the simulator to it and runs the model. The picture keeps the previous step's
   * hold until the step's run is on screen: from "nothing else has run yet" to the next step, the
   * flow goes on from the router's scores instead of showing the end first and playing again.
   */
  async go(ref: StepRef): Promise<void> {
    this.open(ref, true, false);
    await this.sim.refresh();
    if (this.ref !== ref) return; // another step opened meanwhile
    this.held = pictureFreeze(stepOf(ref).picture);
    this.changed();
  }

  private memo: { trace: Trace; position: number; layer: number; biasSteps: number; facts: LessonFacts } | null = null;

  /** The facts of the token on screen (the same object while nothing they depend on changed). */
  get facts(): LessonFacts | null {
    const { trace, position, layer, biasSteps } = this.sim.state;
    if (!trace || position >= trace.tokens.length) return null;
    const m = this.memo;
    if (m && m.trace === trace && m.position === position && m.layer === layer && m.biasSteps === biasSteps) return m.facts;
    const facts = lessonFacts(trace, position, layer, biasSteps);
    this.memo = { trace, position, layer, biasSteps, facts };
    return facts;
  }

  close(finished: boolean): void {
    this.ref = null;
    this.held = null;
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
    // Once revealed the page shows the predicted token, so these are the facts on screen.
    return s.position === p.position ? this.facts : lessonFacts(s.trace, p.position, s.layer, s.biasSteps);
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
