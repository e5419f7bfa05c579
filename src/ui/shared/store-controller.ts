/**
 * Re-renders its host when a Store (src/state/store.ts) changes: subscribed only while the host is
 * connected, and at most one update per animation frame however many changes arrive in it (a
 * timer stands in where frames do not run, e.g. a hidden tab). `rendered()` resolves once a change
 * heard so far is on screen (a page's settled() waits for it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of a store: to be told of changes. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/** Longest wait for a frame before the update is requested anyway. */
const FRAME_FALLBACK_MS = 100;

export class StoreController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: Subscribable,
    /** Called on every change, before the frame (e.g. to keep the address bar in step). */
    private readonly changed?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe ??= this.store.subscribe(this.onChange);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.flush();
  }

  /** Resolves once every change heard so far has been handed to the host's update. */
  async rendered(): Promise<void> {
    if (this.frame || this.timer !== null) await new Promise<void>((resolve) => this.waiting.push(resolve));
    await this.host.updateComplete;
  }

  private readonly onChange = (): void => {
    this.changed?.();
    if (this.frame || this.timer !== null) return;
    if (typeof requestAnimationFrame === 'function') this.frame = requestAnimationFrame(() => this.flush());
    this.timer = setTimeout(() => this.flush(), FRAME_FALLBACK_MS);
  };

  private flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    const hadWork = this.frame !== 0 || this.timer !== null;
    this.frame = 0;
    this.timer = null;
    if (hadWork) this.host.requestUpdate();
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
