/**
 * What the pages' runners (the capacity sweep, the experiments) share: a 'change' event their page
 * watches (subscribe, as a Store), and a pause that gives the page a turn after each slice of work.
 */
export class ChangeNotifier extends EventTarget {
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.addEventListener('change', listener);
    return () => this.removeEventListener('change', listener);
  }

  protected emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Resolves at once until `sliceMs` of work has passed since the last turn, then after a macrotask (the page draws). */
export function slicedPause(sliceMs: number): () => Promise<void> {
  let slice = Date.now();
  return async () => {
    if (Date.now() - slice < sliceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    slice = Date.now();
  };
}
