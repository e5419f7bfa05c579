/**
 * A small state holder: the state is a plain immutable object, `set` merges a patch into a new
 * object (shallow) and tells every subscriber. Views read `get()`; a lit host follows it through
 * src/ui/shared/store-controller.ts.
 */
export type Listener<S> = (state: S) => void;

export class Store<S extends object> {
  private current: S;
  private readonly listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.current = initial;
  }

  get(): S {
    return this.current;
  }

  /** Merges `patch` into the state; subscribers hear of it unless every value in it is already there. */
  set(patch: Partial<S>): void {
    const keys = Object.keys(patch) as (keyof S)[];
    if (keys.length > 0 && keys.every((k) => Object.is(this.current[k], patch[k]))) return;
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener(this.current);
  }

  /** `set` with a patch computed from the current state. */
  update(fn: (state: S) => Partial<S>): void {
    this.set(fn(this.current));
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: Listener<S>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
