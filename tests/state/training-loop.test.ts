import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { DEFAULT_TRAIN } from '../../src/core/training';
import { MEASURE_EVERY, TrainingLoop } from '../../src/state/training-loop';

describe('TrainingLoop', () => {
  it('steps, plays and pauses, keeps a history, measures specialisation and the sentence', async () => {
    const loop = new TrainingLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, 'the red fox runs .');
    await loop.measure();
    expect(loop.state.trace?.tokens.map((t) => t.text)).toEqual(['the', 'red', 'fox', 'runs', '.']);
    expect(loop.state.specialisation).toHaveLength(1);
    await loop.stepOnce();
    expect(loop.state.step).toBe(1);
    expect(loop.state.history).toHaveLength(1);
    loop.play();
    await new Promise((r) => setTimeout(r, 300));
    await loop.pause();
    expect(loop.state.running).toBe(false);
    const n = loop.state.step;
    expect(n).toBeGreaterThan(1);
    expect(loop.state.history).toHaveLength(n);
    expect(loop.state.loads).toHaveLength(n);
    expect(loop.state.scoreHistory.every((p) => p.step % MEASURE_EVERY === 0 || p.step <= 1)).toBe(true);
    await loop.stepOnce();
    expect(loop.state.step).toBe(n + 1);
    loop.dispose();
  });

  it('refuses bad settings and keeps the last good ones', async () => {
    const loop = new TrainingLoop({ ...DEFAULT_CONFIG });
    loop.setSettings({ learningRate: -1 });
    expect(loop.state.problems).toEqual([
      { field: 'learningRate', code: 'train.outOfRange', args: { field: 'learningRate', value: -1, min: 0.0001, max: 0.1 } },
    ]);
    expect(loop.state.settings.learningRate).toBe(DEFAULT_TRAIN.learningRate);
    await loop.reset({ topK: 9 });
    expect(loop.state.problems).toEqual([{ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 8 } }]);
    expect(loop.state.config.topK).toBe(2);
    loop.dispose();
  });

  it('overlapping resets and config changes in one task: no throw, the last request wins, no leaked tensors', async () => {
    const start = memory().numTensors;
    const loop = new TrainingLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, 'the red fox runs .');
    await loop.measure();
    await loop.stepOnce();
    // Two config changes issued in one task (two 'change' events on "Routed experts").
    await Promise.all([loop.reset({ routedExperts: 4, topK: 2 }), loop.reset({ routedExperts: 6, topK: 2 })]);
    expect(loop.state.config.routedExperts).toBe(6);
    expect(loop.state.step).toBe(0);
    expect(loop.state.error).toBeNull();
    expect(loop.state.specialisation[0]?.counts[0]).toHaveLength(6);
    expect(loop.state.trace?.layers[0]?.experts).toHaveLength(6);
    // "Reset training" five times in one task, while training runs.
    loop.play();
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all(Array.from({ length: 5 }, () => loop.reset({})));
    expect(loop.state.step).toBe(0);
    expect(loop.state.running).toBe(false);
    // Changes to different fields add up, the last value of a field wins, and a request made while a
    // rebuild is running is applied after it.
    const first = loop.reset({ seed: 7 });
    const second = loop.reset({ routedExperts: 5 });
    await new Promise((r) => setTimeout(r, 0));
    const third = loop.reset({ routedExperts: 3, topK: 1 });
    await Promise.all([first, second, third]);
    expect(loop.state.config).toMatchObject({ seed: 7, routedExperts: 3, topK: 1 });
    expect(loop.state.trace?.layers[0]?.experts).toHaveLength(3);
    await loop.stepOnce();
    expect(loop.state.step).toBe(1);
    loop.dispose();
    await loop.idle();
    expect(memory().numTensors).toBe(start);
  });

  it('leaks no tensors over steps, resets and disposal', async () => {
    const start = memory().numTensors;
    const loop = new TrainingLoop({ ...DEFAULT_CONFIG }, { ...DEFAULT_TRAIN }, 'two red birds sing .');
    for (let r = 0; r < 3; r++) {
      for (let i = 0; i < 12; i++) await loop.stepOnce();
      await loop.reset({ routedExperts: 6 + r, router: r === 1 ? 'sigmoid-bias' : 'softmax-topk' });
    }
    loop.dispose();
    await loop.idle();
    expect(memory().numTensors).toBe(start);
  }, 60000);
});
