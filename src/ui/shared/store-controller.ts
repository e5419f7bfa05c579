/**
 * Re-renders its host when a Store (src/state/store.ts) changes, subscribed only while the host is
 * connected. The update is asked for at once: lit folds every change made in one task into one
 * render (a microtask later), so a burst of changes renders once, and the new view is drawn before
 * the next frame rather than in it. `rendered()` resolves once the changes heard so far are on
 * screen (a page's settled() waits for it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of a store: to be told of changes. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

export class StoreController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: Subscribable,
    /** Called on every change, before the update (e.g. to keep the address bar in step). */
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
  }

  /** Resolves once every change heard so far has been rendered by the host. */
  async rendered(): Promise<void> {
    await this.host.updateComplete;
  }

  private readonly onChange = (): void => {
    this.changed?.();
    this.host.requestUpdate();
  };
}
