/**
 * The worker's side of live training: starts tfjs when asked, owns the TrainingLoops the page
 * creates, runs the methods the page calls on them, and sends each loop's state as patches (see
 * ./training-protocol). The page's thread never runs a training step, so it answers input while a
 * step of a big model takes a second.
 */
import type { BackendName, BackendStatus } from '../core/backend';
import { TrainingLoop, type TrainState } from './training-loop';
import { diffState, errorData, type FromWorker, type LoopMethod, type Memory, type Port, type ToWorker } from './training-protocol';
import { CodedError } from '../core/coded';

export interface HostOptions {
  /** Starts tfjs on the backend asked for (the page's `?backend=`), falling back to cpu. */
  startBackend: (prefer: BackendName) => Promise<BackendStatus>;
  /** Live tfjs tensors and bytes, reported with every message for the pages' diagnostics(). */
  memory: () => Memory;
}

interface Hosted {
  loop: TrainingLoop;
  /** The state as last sent. */
  sent: TrainState;
}

function call(loop: TrainingLoop, method: LoopMethod, arg: unknown): Promise<void> | void {
  switch (method) {
    case 'measure':
      return loop.measure();
    case 'stepOnce':
      return loop.stepOnce();
    case 'play':
      return loop.play();
    case 'pause':
      return loop.pause();
    case 'idle':
      return loop.idle();
    case 'reset':
      return loop.reset(arg as Parameters<TrainingLoop['reset']>[0]);
    case 'setSettings':
      return loop.setSettings(arg as Parameters<TrainingLoop['setSettings']>[0]);
    case 'setText':
      return loop.setText(arg as string);
    case 'dispose':
      loop.dispose();
      return loop.idle();
  }
}

/** Serves the training protocol on `port` (the worker's global scope, or a MessagePort in tests). */
export function serveTraining(port: Port, options: HostOptions): void {
  const loops = new Map<number, Hosted>();
  let started = false;
  const memory = (): Memory => (started ? options.memory() : { tensors: 0, bytes: 0 });
  const post = (m: FromWorker): void => port.postMessage(m);

  const handle = async (m: ToWorker): Promise<unknown> => {
    if (m.kind === 'start') {
      const status = await options.startBackend(m.backend);
      started = true;
      return status;
    }
    if (m.kind === 'create') {
      const hosted: Hosted = { loop: new TrainingLoop(m.config, m.settings, m.text), sent: null as unknown as TrainState };
      hosted.sent = hosted.loop.state;
      hosted.loop.addEventListener('change', () => {
        const now = hosted.loop.state;
        const patch = diffState(hosted.sent, now);
        hosted.sent = now;
        post({ kind: 'state', loop: m.loop, patch, memory: memory() });
      });
      loops.set(m.loop, hosted);
      return diffState(null, hosted.sent);
    }
    const hosted = loops.get(m.loop);
    if (!hosted) throw new CodedError('worker.noLoop', { loop: m.loop });
    await call(hosted.loop, m.method, m.arg);
    if (m.method === 'dispose') loops.delete(m.loop);
    return undefined;
  };

  port.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as ToWorker;
    handle(m).then(
      (result) => post({ kind: 'done', req: m.req, result, memory: memory() }),
      (err: unknown) => post({ kind: 'done', req: m.req, error: errorData(err), memory: memory() }),
    );
  });
  port.start?.();
}
