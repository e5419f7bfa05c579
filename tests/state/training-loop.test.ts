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
    expect(loop.state.problems).toEqual([{ field: 'learningRate', message: 'learning rate (-1) must be between 0.0001 and 0.1' }]);
    expect(loop.state.settings.learningRate).toBe(DEFAULT_TRAIN.learningRate);
    await loop.reset({ topK: 9 });
    expect(loop.state.problems[0]?.message).toBe('top-k (9) cannot exceed the number of routed experts (8)');
    expect(loop.state.config.topK).toBe(2);
    loop.dispose();
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
