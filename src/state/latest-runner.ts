/**
 * Latest wins: runs an async job for the newest input only. `request(input)` marks the work out of
 * date and starts a drain unless one is running; requests that arrive during a run are coalesced,
 * so exactly one more run follows, with the newest input (a dragged slider never queues up runs).
 * A run can ask `ctx.stale()` to stop early or to not publish a result a newer request replaces.
 *
 * Errors are handed to `onError` (the page shows them); they never reach the console as unhandled
 * rejections. `hold` keeps requests waiting (e.g. until the backend is chosen); `release` starts them.
 */
export interface RunContext {
  /** True once a newer request arrived or the runner was cancelled: this run's result is not wanted. */
  stale(): boolean;
}

export interface RunnerOptions<I> {
  /** Told of a run's error (the next request runs as usual). */
  onError?: (error: unknown, input: I) => void;
  /** Start held: requests wait for release(). */
  held?: boolean;
  /** Called each time the runner falls idle, before idle() promises resolve (e.g. to free resources once disposed). */
  onIdle?: () => void;
}

export class LatestRunner<I = void> {
  private input: I | undefined;
  private dirty = false;
  private drain: Promise<void> | null = null;
  private held: boolean;
  private closed = false;
  /** Bumped by every request and by cancel(): a run compares its own to know whether it is stale. */
  private generation = 0;
  private waiting: (() => void)[] = [];
  /** The last run's error, or null when it succeeded. */
  error: unknown = null;

  constructor(
    private readonly run: (input: I, ctx: RunContext) => Promise<void>,
    private readonly options: RunnerOptions<I> = {},
  ) {
    this.held = options.held ?? false;
  }

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.drain !== null;
  }

  /** Whether a request waits for a run (held, or arriving during one). */
  get pending(): boolean {
    return this.dirty;
  }

  /** Asks for a run with `input`; resolves once the runner is idle (all requests so far done). */
  request(input: I): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.input = input;
    this.dirty = true;
    this.generation++;
    this.start();
    return this.idle();
  }

  /** Lets held requests run. */
  release(): void {
    this.held = false;
    this.start();
  }

  /** Drops the pending request and marks the run in progress stale. */
  cancel(): void {
    this.generation++;
    this.dirty = false;
    if (!this.drain) this.flush();
  }

  /** Cancels and refuses every later request. */
  dispose(): void {
    this.closed = true;
    this.cancel();
  }

  /** Resolves when no run is in progress and none is waiting to start (held requests included). */
  idle(): Promise<void> {
    if (!this.drain && !this.dirty) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private start(): void {
    if (this.held || this.drain || !this.dirty) return;
    this.drain = this.loop().finally(() => {
      this.drain = null;
      // A request that came between the loop's last check and now found the drain still set: run it.
      if (this.dirty && !this.closed) this.start();
      else this.flush();
    });
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.closed) {
      this.dirty = false;
      const input = this.input as I;
      const generation = this.generation;
      const ctx: RunContext = { stale: () => this.generation !== generation };
      try {
        await this.run(input, ctx);
        this.error = null;
      } catch (e) {
        this.error = e;
        this.options.onError?.(e, input);
      }
    }
  }

  private flush(): void {
    if (this.drain || this.dirty) return;
    this.options.onIdle?.();
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
