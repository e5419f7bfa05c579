/**
 * The simulator's weights switch: trained weights come from a checkpoint fetched after the first
 * routed view; a broken or missing file gives its problem and the random model; a shape without a
 * checkpoint can be trained in the page; nothing leaks.
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { getBackend, memory, registerBackend, removeBackend, setBackend } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '../../src/core/checkpoint';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { MoeModel } from '../../src/core/model';
import { readWeights, storedBits } from '../../src/core/model-weights';
import { OPEN_VOCAB } from '../../src/core/open-vocab';
import { Rng } from '../../src/core/rng';
import { TRAINED_SHAPES, trainedConfig } from '../../src/core/trained-shapes';
import { initialState, Simulator } from '../../src/state/simulator';
import { loadCheckpoint, OPEN_VOCAB_HASH, type CheckpointFetch } from '../../src/state/trained-weights';
import { defaultView, type ViewState } from '../../src/state/view';

/** A checkpoint for the default shape: its seeded start with every routing weight moved a little. */
async function fakeFiles(): Promise<{ manifest: unknown; bin: Uint8Array }> {
  const config = trainedConfig(TRAINED_SHAPES[0]!);
  const fresh = new MoeModel(config, OPEN_VOCAB);
  const bases = await readWeights(fresh);
  fresh.dispose();
  const rng = new Rng(5);
  const moved = bases.map((t) => ({ ...t, values: t.values.map((v) => v + (/router|embedding/.test(t.name) ? rng.normal() * 0.5 : 0)) }));
  const meta = {
    config,
    vocabHash: OPEN_VOCAB_HASH,
    seed: config.seed,
    steps: 300,
    batch: 40,
    finalLoss: 3.5,
    earlyLosses: [],
    heldOutLoss: 3.49,
    untrainedLoss: 6.87,
    specialisation: 0.81,
  };
  const byName = new Map(bases.map((t) => [t.name, t.values]));
  const { bin, manifest } = encodeCheckpoint(moved, (n) => byName.get(n) ?? null, meta, storedBits);
  return { manifest: JSON.parse(JSON.stringify(manifest)) as unknown, bin };
}

async function opened(fetchCheckpoint: CheckpointFetch, view: Partial<ViewState> = {}): Promise<Simulator> {
  const sim = new Simulator(initialState({ ...defaultView(), ...view }), { fetchCheckpoint, liveSteps: 3 });
  await sim.refresh();
  return sim;
}

const experts = (sim: Simulator) => sim.state.trace!.layers[0]!.tokens.map((r) => r.experts.join(','));

describe('Simulator weights', () => {
  it('routes first with random weights while loading, then with the trained checkpoint; random again on request', async () => {
    const files = await fakeFiles();
    let fetched = 0;
    const sim = await opened(async () => {
      fetched++;
      return files;
    });
    expect(sim.state.weightsStatus.kind).toBe('loading');
    const random = experts(sim);
    await sim.idle();
    expect(fetched).toBe(1);
    expect(sim.state.weightsStatus).toMatchObject({ kind: 'trained', source: 'checkpoint', steps: 300, specialisation: 0.81 });
    const trained = experts(sim);
    expect(trained).not.toEqual(random);
    await sim.setWeights('random');
    expect(sim.state.weightsStatus.kind).toBe('random');
    expect(experts(sim)).toEqual(random);
    await sim.setWeights('trained');
    expect(experts(sim)).toEqual(trained);
    expect(fetched).toBe(1);
    sim.dispose();
  });

  it('never fetches with w=random', async () => {
    let fetched = 0;
    const sim = await opened(
      async () => {
        fetched++;
        return fakeFiles();
      },
      { weights: 'random' },
    );
    await sim.idle();
    expect(fetched).toBe(0);
    expect(sim.state.weightsStatus.kind).toBe('random');
    sim.dispose();
  });

  it('a truncated file, another model, or a failed fetch: the problem, and the random model', async () => {
    const files = await fakeFiles();
    const random = await opened(async () => files, { weights: 'random' });
    const want = experts(random);
    random.dispose();
    const cases: [CheckpointFetch, string][] = [
      [async () => ({ ...files, bin: files.bin.slice(0, 100) }), 'checkpoint.truncated'],
      [async () => ({ ...files, manifest: { ...(files.manifest as object), vocabHash: '0' } }), 'checkpoint.vocabMismatch'],
      [async () => ({ ...files, manifest: '{"format":' }), 'checkpoint.notJson'],
      [() => Promise.reject(new Error('offline')), 'checkpoint.fetch'],
    ];
    for (const [fetch, code] of cases) {
      const sim = await opened(fetch);
      await sim.idle();
      const status = sim.state.weightsStatus;
      expect(status.kind).toBe('failed');
      if (status.kind === 'failed') expect(status.problem.code).toBe(code);
      expect(experts(sim)).toEqual(want);
      sim.dispose();
    }
  });

  it('a shape without a checkpoint says so, trains in the page, then routes with those weights; no tensor leaks', async () => {
    const sim = await opened(() => fakeFiles(), { config: { ...DEFAULT_CONFIG, routedExperts: 9 } });
    await sim.idle();
    expect(sim.state.weightsStatus.kind).toBe('none');
    const before = memory().numTensors;
    const random = experts(sim);
    const seen: string[] = [];
    const stop = sim.subscribe((s) => seen.push(s.weightsStatus.kind));
    await sim.trainShape();
    stop();
    expect(seen).toContain('training');
    expect(sim.state.weightsStatus).toMatchObject({ kind: 'trained', source: 'live', steps: 3 });
    expect(experts(sim)).not.toEqual(random);
    await sim.setWeights('random');
    expect(experts(sim)).toEqual(random);
    expect(memory().numTensors).toBe(before);
    sim.dispose();
  });

  it('a config change stops a training run', async () => {
    const sim = new Simulator(initialState({ ...defaultView(), config: { ...DEFAULT_CONFIG, routedExperts: 9 } }), {
      fetchCheckpoint: () => fakeFiles(),
      liveSteps: 50,
    });
    await sim.refresh();
    const run = sim.trainShape();
    await new Promise((r) => setTimeout(r, 50));
    await sim.setConfig({ routedExperts: 10 });
    await run;
    await sim.setConfig({ routedExperts: 9 });
    expect(sim.state.weightsStatus.kind).toBe('none');
    sim.dispose();
  });

  it("a page's (held) simulator runs nothing before its backend is chosen: a sentence typed then is routed after", async () => {
    let fetched = 0;
    const sim = new Simulator(initialState(), { fetchCheckpoint: () => (fetched++, fakeFiles()), held: true });
    let done = false;
    const typed = sim.setText('the teacher reads a story').then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    expect(sim.state.trace).toBeNull();
    expect(fetched).toBe(0);
    sim.setBackend({ name: 'cpu', notice: null });
    await typed;
    expect(sim.state.trace!.tokens.map((t) => t.text)).toContain('story');
    await sim.idle();
    expect(sim.state.weightsStatus.kind).toBe('trained');
    sim.dispose();
  });

  it('a checkpoint that arrives while tfjs still starts a backend is not loaded, with the reason; nothing is thrown', async () => {
    const files = await fakeFiles();
    const before = getBackend();
    // A backend whose start takes 200 ms: tfjs refuses every op until it has started.
    registerBackend('slow-start', () => new Promise<MathBackendCPU>((r) => setTimeout(() => r(new MathBackendCPU()), 200)));
    const switching = setBackend('slow-start');
    try {
      const result = await loadCheckpoint(TRAINED_SHAPES[0]!, () => Promise.resolve(files));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toEqual({
        code: 'checkpoint.fetch',
        args: { text: expect.stringMatching(/not yet been initialized/) },
      });
    } finally {
      await switching;
      await setBackend(before);
      removeBackend('slow-start');
    }
    expect((await loadCheckpoint(TRAINED_SHAPES[0]!, () => Promise.resolve(files))).ok).toBe(true);
  });
});
