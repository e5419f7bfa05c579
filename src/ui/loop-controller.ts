/**
 * Re-renders its host when any watched training loop reports a change, at most once per animation
 * frame (a loop may report several changes per step). Listens only while the host is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

export class LoopController implements ReactiveController {
  private readonly targets = new Set<EventTarget>();
  private frame = 0;
  private connected = false;

  private readonly onChange = (): void => {
    this.changed?.();
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.host.requestUpdate();
    });
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called on every change, before the frame (e.g. to keep the URL in step). */
    private readonly changed?: () => void,
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
  }
}
