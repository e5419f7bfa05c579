/**
 * The page's side of live training: the training runs in a module Web Worker
 * (./training-worker.ts), and each RemoteTrainingLoop here is a stand-in for a TrainingLoop there,
 * with the same methods and a copy of its state, kept up to date from the worker's patches. The
 * worker answers requests in the order they were sent, and sends a loop's state before answering a
 * request on it, so when a request resolves the state already shows its effect.
 */
import type { BackendName, BackendStatus } from '../core/backend';
import type { MoeConfig } from '../core/config';
import type { TrainSettings } from '../core/training';
import type { TrainState } from './training-loop';
import {
  applyPatch,
  errorOf,
  type FromWorker,
  type LoopMethod,
  type Memory,
  type Port,
  type StatePatch,
  type ToWorker,
} from './training-protocol';

type Request = ToWorker extends infer T ? (T extends { req: number } ? Omit<T, 'req'> : never) : never;

interface Pending {
  message: ToWorker;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** One connection to a training worker (or, in tests, to a host on a MessagePort). */
export class TrainingConnection {
  /** The worker's live tfjs tensors and bytes, as of its last message. */
  memory: Memory = { tensors: 0, bytes: 0 };
  private next = 0;
  private nextLoop = 0;
  private heard = false;
  private readonly pending = new Map<number, Pending>();
  private readonly loops = new Map<number, RemoteTrainingLoop>();

  constructor(
    private port: Port,
    /** Ends the worker when the connection turns to the fallback. */
    private readonly onClose?: () => void,
    /** Where to turn when the worker fails before it has said anything (it could not start). */
    private fallback?: () => Port,
  ) {
    this.listen(port);
  }

  private listen(port: Port): void {
    port.addEventListener('message', (e: MessageEvent) => {
      if (port === this.port) this.receive(e.data as FromWorker);
    });
    port.start?.();
  }

  /**
   * The worker failed. Before its first message (it could not start: no module workers, a blocked
   * script), the requests go to the fallback instead, none having been done; later, every request
   * waiting fails and each loop shows the error.
   */
  fail(why: string): void {
    const fallback = this.fallback;
    this.fallback = undefined;
    if (!this.heard && fallback) {
      this.onClose?.();
      this.port = fallback();
      this.listen(this.port);
      for (const p of this.pending.values()) this.port.postMessage(p.message);
      return;
    }
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
    for (const loop of this.loops.values()) loop.apply({ running: false, error: why });
  }

  private receive(m: FromWorker): void {
    this.heard = true;
    this.memory = m.memory;
    if (m.kind === 'state') {
      this.loops.get(m.loop)?.apply(m.patch);
      return;
    }
    const p = this.pending.get(m.req);
    this.pending.delete(m.req);
    if (m.error !== undefined) p?.reject(errorOf(m.error));
    else p?.resolve(m.result);
  }

  /** Sends a request; resolves with the worker's answer once it has done it. */
  request(message: Request): Promise<unknown> {
    const req = ++this.next;
    const full = { ...message, req } as ToWorker;
    return new Promise((resolve, reject) => {
      this.pending.set(req, { message: full, resolve, reject });
      this.port.postMessage(full);
    });
  }

  /** Starts tfjs in the worker (wasm, or cpu as asked or as the fallback). */
  async start(backend: BackendName): Promise<BackendStatus> {
    return (await this.request({ kind: 'start', backend })) as BackendStatus;
  }

  /** A new training loop in the worker, with its first state. */
  async createLoop(config: MoeConfig, settings: TrainSettings, text: string): Promise<RemoteTrainingLoop> {
    const id = ++this.nextLoop;
    const first = (await this.request({ kind: 'create', loop: id, config, settings, text })) as StatePatch;
    const loop = new RemoteTrainingLoop(this, id, applyPatch(null, first));
    this.loops.set(id, loop);
    return loop;
  }

  forget(id: number): void {
    this.loops.delete(id);
  }
}

/** A TrainingLoop that runs in the worker: the same methods, and its state as last reported. */
export class RemoteTrainingLoop extends EventTarget {
  constructor(
    private readonly connection: TrainingConnection,
    private readonly id: number,
    private current: TrainState,
  ) {
    super();
  }

  get state(): TrainState {
    return this.current;
  }

  /** Applies a patch from the worker. */
  apply(patch: StatePatch): void {
    this.current = applyPatch(this.current, patch);
    this.dispatchEvent(new Event('change'));
  }

  private call(method: LoopMethod, arg?: unknown): Promise<void> {
    return this.connection.request({ kind: 'call', loop: this.id, method, arg }).then(() => undefined);
  }

  measure(): Promise<void> {
    return this.call('measure');
  }

  stepOnce(): Promise<void> {
    return this.call('stepOnce');
  }

  /** Trains until paused; `running` is true at once, as with a TrainingLoop. */
  play(): void {
    if (!this.current.running) this.apply({ running: true });
    void this.call('play').catch(() => undefined);
  }

  pause(): Promise<void> {
    return this.call('pause');
  }

  idle(): Promise<void> {
    return this.call('idle');
  }

  reset(change: Partial<Record<keyof MoeConfig, unknown>> = {}): Promise<void> {
    return this.call('reset', change);
  }

  /**
   * Applied in the worker before any request sent after it; resolves once the state shows it (a
   * refusal comes back in state.problems).
   */
  setSettings(change: Partial<Record<keyof TrainSettings, unknown>>): Promise<void> {
    return this.call('setSettings', change).catch(() => undefined);
  }

  setText(text: string): Promise<void> {
    return this.call('setText', text);
  }

  /** Stops and frees the model in the worker; resolves once it is freed. */
  dispose(): Promise<void> {
    return this.call('dispose')
      .catch(() => undefined)
      .finally(() => this.connection.forget(this.id));
  }
}

/** Training on the page's own thread, for a browser where the worker cannot start (steps then hold the page). */
function inPage(): Port {
  const { port1, port2 } = new MessageChannel();
  void import('./training-browser').then((m) => m.serveBrowserTraining(port2 as unknown as Port));
  return port1 as unknown as Port;
}

/**
 * Opens a connection to a new training worker. The worker is a module built by vite from
 * ./training-worker.ts and served from the site itself (a Content-Security-Policy with
 * script-src 'self' allows it). Where it cannot start, the training runs in the page.
 */
export function openTrainingWorker(): TrainingConnection {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'moe-lab training' });
  } catch {
    return new TrainingConnection(inPage());
  }
  const connection = new TrainingConnection(worker as unknown as Port, () => worker.terminate(), inPage);
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    connection.fail(e.message || 'worker.stopped');
  });
  return connection;
}
