/**
 * Re-renders its host when any watched training loop reports a change, in an animation frame; while
 * training runs, at most once every MIN_RENDER_INTERVAL_MS (a loop may report several changes per
 * step, and a small model many steps per frame): the charts still move ten times a second, and the
 * page's thread keeps time to answer input. Listens only while the host is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrainState } from '../../state/training-loop';

/**
 * `fn` remembered for its last arguments (compared by identity), so that a view handed the same
 * data gets the same array and does not re-render (or redraw) when another part of the state changed.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}

/** Shortest time between two re-renders caused by the loops. */
export const MIN_RENDER_INTERVAL_MS = 100;

export class LoopController implements ReactiveController {
  private readonly targets = new Set<EventTarget>();
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRender = -Infinity;
  private connected = false;

  private readonly onChange = (): void => {
    this.changed?.();
    if (this.frame || this.timer !== null) return;
    const wait = this.training?.() ? this.lastRender + MIN_RENDER_INTERVAL_MS - performance.now() : 0;
    if (wait <= 0) this.render();
    else {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.render();
      }, wait);
    }
  };

  private render(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.lastRender = performance.now();
      this.host.requestUpdate();
    });
  }

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called on every change, before the frame (e.g. to keep the URL in step). */
    private readonly changed?: () => void,
    /** Whether training runs (renders are spaced out only then). */
    private readonly training?: () => boolean,
  ) {
    host.addController(this);
  }

  watch(target: EventTarget): void {
    this.targets.add(target);
    if (this.connected) target.addEventListener('change', this.onChange);
    this.host.requestUpdate();
  }

  unwatch(target: EventTarget): void {
    target.removeEventListener('change', this.onChange);
    this.targets.delete(target);
  }

  hostConnected(): void {
    this.connected = true;
    for (const t of this.targets) t.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.connected = false;
    for (const t of this.targets) t.removeEventListener('change', this.onChange);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The part of a loop's state that comes from routing the vocabulary and the sentence (the biggest panels). */
type Measured = Pick<TrainState, 'specialisation' | 'trace' | 'scoreHistory'>;

/**
 * A loop's state as a page shows it: the measured part one frame after the rest, so that when a step
 * and a measure arrive together, no one task redraws every panel (at 256 experts each half is a few
 * tens of milliseconds of work).
 */
export class StaggeredState {
  private shown: Measured | null = null;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  view(s: TrainState): TrainState {
    const shown = this.shown;
    if (!shown || shown.trace === null) this.shown = { specialisation: s.specialisation, trace: s.trace, scoreHistory: s.scoreHistory };
    else if (
      !this.frame &&
      (shown.specialisation !== s.specialisation || shown.trace !== s.trace || shown.scoreHistory !== s.scoreHistory)
    ) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.shown = null;
        this.host.requestUpdate();
      });
    }
    return { ...s, ...this.shown };
  }
}
