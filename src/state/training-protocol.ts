/**
 * The messages between a page and the training worker (src/state/training-worker.ts), as plain data.
 * The worker owns the TrainingLoops and their tfjs models; the page keeps a copy of each loop's
 * state, updated by patches: only the fields that changed, and for the long per-step lists (loss
 * history, loads) only the entries added since the last patch.
 */
import type { BackendName, BackendStatus } from '../core/backend';
import { CodedError } from '../core/coded';
import type { MoeConfig } from '../core/config';
import type { TrainSettings } from '../core/training';
import { HISTORY_LIMIT, type TrainState } from './training-loop';

/** The TrainingLoop methods the page calls through the worker. */
export type LoopMethod = 'measure' | 'stepOnce' | 'play' | 'pause' | 'idle' | 'reset' | 'setSettings' | 'setText' | 'dispose';

/** Live tfjs tensors and their bytes in the worker. */
export interface Memory {
  tensors: number;
  bytes: number;
}

export type ToWorker =
  | { kind: 'start'; req: number; backend: BackendName }
  | { kind: 'create'; req: number; loop: number; config: MoeConfig; settings: TrainSettings; text: string }
  | { kind: 'call'; req: number; loop: number; method: LoopMethod; arg?: unknown };

export type FromWorker =
  | { kind: 'state'; loop: number; patch: StatePatch; memory: Memory }
  | { kind: 'done'; req: number; result?: unknown; error?: ErrorData; memory: Memory };

/**
 * An error thrown in the worker, as plain data: its code and arguments (a CodedError's), or for any
 * other error the code 'error.thrown' with its own text (tfjs's, the browser's) as the argument.
 */
export interface ErrorData {
  code: string;
  args: unknown;
}

export function errorData(err: unknown): ErrorData {
  if (err instanceof CodedError) return { code: err.code, args: err.args };
  return { code: 'error.thrown', args: { text: err instanceof Error ? err.message : String(err) } };
}

/** The error an ErrorData stands for, on the page's side. */
export function errorOf(data: ErrorData): Error {
  if (data.code === 'error.thrown') return new Error((data.args as { text: string }).text);
  return new CodedError(data.code, data.args);
}

/** A list as sent: all of it, or the entries added to the one sent before (trimmed to HISTORY_LIMIT). */
export type ListPatch<T> = { all: T[] } | { add: T[] };

export type StatePatch = Partial<Omit<TrainState, 'history' | 'loads'>> & {
  history?: ListPatch<TrainState['history'][number]>;
  loads?: ListPatch<TrainState['loads'][number]>;
};

/** Anything messages go through: a Worker, the worker's own scope, a MessagePort. */
export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  start?: () => void;
}

function listPatch<T>(before: readonly T[], now: T[]): ListPatch<T> {
  const last = before[before.length - 1];
  const at = last === undefined ? -1 : now.lastIndexOf(last);
  return at >= 0 ? { add: now.slice(at + 1) } : { all: now };
}

function applyList<T>(before: T[], patch: ListPatch<T>): T[] {
  return 'all' in patch ? patch.all : [...before, ...patch.add].slice(-HISTORY_LIMIT);
}

/** The fields of `now` that differ from `before` (all of them when there is no `before`). */
export function diffState(before: TrainState | null, now: TrainState): StatePatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof TrainState)[]) {
    if (before && before[key] === now[key]) continue;
    if (key === 'history') patch.history = listPatch(before?.history ?? [], now.history);
    else if (key === 'loads') patch.loads = listPatch(before?.loads ?? [], now.loads);
    else patch[key] = now[key];
  }
  return patch as StatePatch;
}

/** `before` with a patch applied (a full patch when there is no `before`). */
export function applyPatch(before: TrainState | null, patch: StatePatch): TrainState {
  const { history, loads, ...rest } = patch;
  const out = { ...before, ...rest } as TrainState;
  if (history) out.history = applyList(before?.history ?? [], history);
  if (loads) out.loads = applyList(before?.loads ?? [], loads);
  return out;
}

export type { BackendStatus };
