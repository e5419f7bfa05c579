/**
 * The worker protocol in Node: a TrainingConnection and its RemoteTrainingLoops talking over a
 * MessageChannel to serveTraining, as the pages talk to the training worker. Same seed, same
 * numbers as a TrainingLoop run in place; overlapping requests; tensors freed.
 */
import { memory } from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_TRAIN } from '../../src/core/training';
import { TrainingConnection } from '../../src/state/training-client';
import { serveTraining } from '../../src/state/training-host';
import { HISTORY_LIMIT, TrainingLoop } from '../../src/state/training-loop';
import { applyPatch, diffState, type Port } from '../../src/state/training-protocol';

let channel: MessageChannel | null = null;

function connect(): TrainingConnection {
  channel = new MessageChannel();
  serveTraining(channel.port2 as unknown as Port, {
    startBackend: async () => ({ name: 'cpu', notice: null }),
    memory: () => ({ tensors: memory().numTensors, bytes: memory().numBytes }),
  });
  return new TrainingConnection(channel.port1 as unknown as Port);
}

afterEach(() => {
  channel?.port1.close();
  channel?.port2.close();
  channel = null;
});

describe('training over the worker protocol', () => {
  it('gives the same numbers as a TrainingLoop in place, with the state copied by patches', async () => {
    const text = 'the red fox runs .';
    const local = new TrainingLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, text);
    const conn = connect();
    expect(await conn.start('cpu')).toEqual({ name: 'cpu', notice: null });
    const remote = await conn.createLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, text);
    await Promise.all([local.measure(), remote.measure()]);
    for (let i = 0; i < 7; i++) {
      await local.stepOnce();
      await remote.stepOnce();
    }
    const a = local.state;
    const b = remote.state;
    expect(b.step).toBe(7);
    expect(b.history).toEqual(a.history);
    expect(b.loads).toEqual(a.loads);
    expect(b.last).toEqual(a.last);
    expect(b.specialisation).toEqual(a.specialisation);
    expect(b.scoreHistory).toEqual(a.scoreHistory);
    expect(b.trace?.layers[0]?.tokens).toEqual(a.trace?.layers[0]?.tokens);
    expect(b.stepsPerSecond).toBeGreaterThan(0);
    expect(conn.memory.tensors).toBeGreaterThan(0);
    local.dispose();
    await local.idle();
    await remote.dispose();
  });

  it('overlapping resets through the worker: no error, the last request wins, tensors freed', async () => {
    const start = memory().numTensors;
    const conn = connect();
    await conn.start('cpu');
    const loop = await conn.createLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, 'two red birds sing .');
    await loop.measure();
    loop.play();
    expect(loop.state.running).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([
      loop.reset({ routedExperts: 4 }),
      loop.reset({ routedExperts: 6 }),
      ...Array.from({ length: 5 }, () => loop.reset({})),
    ]);
    expect(loop.state).toMatchObject({ step: 0, running: false, error: null, problems: [] });
    expect(loop.state.config.routedExperts).toBe(6);
    expect(loop.state.trace?.layers[0]?.experts).toHaveLength(6);
    // A refused change comes back with its code, for the page's language.
    await loop.reset({ topK: 9 });
    expect(loop.state.problems).toEqual([{ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 6 } }]);
    expect((loop.state.problems[0] as unknown as { code: string }).code).toBe('config.topKExceedsExperts');
    await loop.dispose();
    expect(memory().numTensors).toBe(start);
    expect(conn.memory.tensors).toBe(start);
  });

  it('steps asked for while one runs are queued, not dropped (three clicks on Step, three steps)', async () => {
    const conn = connect();
    await conn.start('cpu');
    const loop = await conn.createLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, '');
    await Promise.all([loop.stepOnce(), loop.stepOnce(), loop.stepOnce()]);
    expect(loop.state.step).toBe(3);
    expect(loop.state.history.map((p) => p.step)).toEqual([1, 2, 3]);
    await loop.dispose();
  });

  it('a worker that fails before answering hands its requests to the fallback; one that fails later fails them', async () => {
    const silent: Port = { postMessage: () => undefined, addEventListener: () => undefined };
    let served: TrainingConnection | null = null;
    const conn = new TrainingConnection(silent, undefined, () => {
      served = connect();
      return (channel as MessageChannel).port1 as unknown as Port;
    });
    const started = conn.start('cpu');
    conn.fail('the training worker could not start');
    expect(await started).toMatchObject({ name: 'cpu' });
    expect(served).not.toBeNull();
    const loop = await conn.createLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, '');
    await loop.stepOnce();
    expect(loop.state.step).toBe(1);
    // Now it has answered: a failure ends the waiting requests and shows on the loop.
    const waiting = new TrainingConnection(silent);
    const pending = waiting.start('cpu');
    waiting.fail('gone');
    await expect(pending).rejects.toThrow('gone');
    conn.fail('the training worker stopped');
    expect(loop.state).toMatchObject({ running: false, error: 'the training worker stopped' });
    await loop.dispose();
  });

  it('patches carry only what changed, and only the new entries of the long lists', () => {
    const loop = new TrainingLoop({ ...DEFAULT_CONFIG });
    const point = (step: number) => ({ step, taskLoss: 3, balanceLoss: 0, zLoss: 0, loss: 3, maxOverMean: [1.5] });
    const before = { ...loop.state, step: 1, history: [point(1)] };
    const now = { ...before, step: 2, history: [...before.history, point(2)] };
    const patch = diffState(before, now);
    expect(patch).toEqual({ step: 2, history: { add: [point(2)] } });
    expect(applyPatch(before, patch)).toEqual(now);
    // Past the limit the oldest entries go, on both sides.
    const full = { ...now, history: Array.from({ length: HISTORY_LIMIT }, (_, i) => point(i + 1)) };
    const more = { ...full, history: [...full.history, point(HISTORY_LIMIT + 1)].slice(-HISTORY_LIMIT) };
    expect(diffState(full, more).history).toEqual({ add: [point(HISTORY_LIMIT + 1)] });
    expect(applyPatch(full, diffState(full, more))).toEqual(more);
    const reset = { ...now, history: [] };
    expect(diffState(now, reset)).toEqual({ history: { all: [] } });
    loop.dispose();
  });
});
