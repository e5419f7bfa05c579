import { memory } from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { balancesOnWrap, initialState, Simulator, viewOf } from '../../src/state/simulator';
import { defaultView } from '../../src/state/view';

let sims: Simulator[] = [];
function make(view = defaultView()): Simulator {
  const s = new Simulator(initialState(view));
  sims.push(s);
  return s;
}
afterEach(() => {
  for (const s of sims) s.dispose();
  sims = [];
  vi.useRealTimers();
});

describe('Simulator', () => {
  it('routes the default sentence and steps within bounds', async () => {
    const sim = make();
    await sim.refresh();
    const n = sim.state.trace!.tokens.length;
    expect(n).toBe(10);
    sim.step(-1);
    expect(sim.state.position).toBe(0);
    sim.goTo(999);
    expect(sim.state.position).toBe(n - 1);
    sim.step(1);
    expect(sim.state.position).toBe(n - 1);
  });

  it('keeps the last good config and reports problems for a bad change', async () => {
    const sim = make();
    await sim.refresh();
    const before = sim.state.config;
    await sim.setConfig({ topK: 9 });
    expect(sim.state.config).toBe(before);
    expect(sim.state.problems).toEqual([{ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 8 } }]);
    await sim.setConfig({ topK: 3 });
    expect(sim.state.problems).toEqual([]);
    expect(sim.state.trace!.layers[0]!.tokens[0]!.experts).toHaveLength(3);
  });

  it('keeps the token position across a shape change where it can', async () => {
    const sim = make();
    await sim.refresh();
    sim.goTo(6);
    await sim.setConfig({ routedExperts: 32 });
    expect(sim.state.position).toBe(6);
    await sim.setText('one two');
    expect(sim.state.position).toBe(1);
  });

  it('refuses a sentence of only emoji or symbols with a notice, and keeps the last sentence', async () => {
    const sim = make();
    await sim.refresh();
    const before = sim.state.text;
    await sim.setText('🎉 👨‍👩‍👧 🐱🐱 ©');
    expect(sim.state.text).toBe(before);
    expect(sim.state.textCut).toEqual({ code: 'text.noWords', args: {} });
    await sim.setText('the cat 🐱 sat');
    expect(sim.state.text).toBe('the cat 🐱 sat');
    expect(sim.state.textCut).toBeNull();
  });

  it('replays bias updates: a link with bs=n gives the same trace as n button presses', async () => {
    const view = { ...defaultView(), config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias' as const }, gamma: 0.05 };
    const a = make(view);
    await a.refresh();
    for (let i = 0; i < 3; i++) await a.biasStep();
    expect(a.state.biasSteps).toBe(3);
    const b = make({ ...view, biasSteps: 3 });
    await b.refresh();
    expect(b.state.trace).toEqual(a.state.trace);
    expect(a.state.trace!.layers[0]!.bias!.some((x) => x !== 0)).toBe(true);
  });

  it('resets biases and position', async () => {
    const sim = make({ ...defaultView(), config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias' }, gamma: 0.05 });
    await sim.refresh();
    await sim.biasStep();
    sim.goTo(4);
    await sim.reset();
    expect(sim.state.biasSteps).toBe(0);
    expect(sim.state.position).toBe(0);
    expect(sim.state.trace!.layers[0]!.bias!.every((x) => x === 0)).toBe(true);
  });

  it('plays through the sentence and wraps, updating the bias on wrap when balancing', async () => {
    vi.useFakeTimers();
    const sim = make({ ...defaultView(), config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias' }, gamma: 0.05, speed: 10 });
    await sim.refresh();
    expect(balancesOnWrap(sim.state)).toBe(true);
    sim.play();
    for (let i = 0; i < 9; i++) await vi.advanceTimersByTimeAsync(100);
    expect(sim.state.position).toBe(9);
    await vi.advanceTimersByTimeAsync(100);
    expect(sim.state.position).toBe(0);
    expect(sim.state.biasSteps).toBe(1);
    sim.pause();
    expect(sim.state.playing).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sim.state.position).toBe(0);
  });

  it('clamps speed and gamma, ignores NaN', async () => {
    const sim = make();
    sim.setSpeed(1000);
    expect(sim.state.speed).toBe(20);
    sim.setSpeed(Number.NaN);
    expect(sim.state.speed).toBe(20);
    await sim.setGamma(-1);
    expect(sim.state.gamma).toBe(0);
  });

  it('exposes its view for the URL', () => {
    const sim = make();
    expect(viewOf(sim.state)).toEqual(defaultView());
  });

  it('leaks no tensors over 100 config changes, 1,000 steps and resets', async () => {
    const sim = make();
    await sim.refresh();
    const base = memory().numTensors;
    for (let i = 0; i < 100; i++) await sim.setConfig({ routedExperts: 4 + (i % 12), topK: 1 + (i % 3) });
    for (let i = 0; i < 1000; i++) sim.step(i % 3 === 0 ? -1 : 1);
    await sim.reset();
    await sim.setConfig({ routedExperts: 8, topK: 2 });
    expect(memory().numTensors).toBe(base);
  });
});
