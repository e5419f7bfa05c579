import {
  dispose,
  engine,
  memory,
  mul,
  randomNormal,
  sum,
  tensor2d,
  tidy,
  variable,
  variableGrads,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/core/config';
import { ExpertAdam } from '../../src/core/expert-adam';
import { base64Bytes, setExpertKernels } from '../../src/core/expert-kernels';
import { assignmentsOf, gateMatrix, MoeLayer, type ExpertWeights } from '../../src/core/moe-layer';
import { MoeModel, rmsNorm } from '../../src/core/model';
import { OPEN_VOCAB } from '../../src/core/open-vocab';
import { VOCAB } from '../../src/core/tokenizer';
import { sparseTrain } from '../../src/core/train-dispatch';
import { LOOKUP_KERNEL } from '../../src/core/train-kernels';
import { DEFAULT_TRAIN, MoeTrainer } from '../../src/core/training';
import { onWasmWithKernels } from './wasm-suite';

/** Largest |a − b| relative to the largest |b| (1 when b is all zeros). */
function relDiff(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    diff = Math.max(diff, Math.abs((x[i] as number) - (y[i] as number)));
    scale = Math.max(scale, Math.abs(y[i] as number));
  }
  return diff / Math.max(scale, 1);
}

const CASES: [string, Partial<MoeConfig>, number][] = [
  ['default 8 experts, top-2', {}, 61],
  ['one expert (E = 1)', { routedExperts: 1, topK: 1 }, 40],
  ['k = E', { routedExperts: 4, topK: 4 }, 33],
  ['64 experts, few tokens (empty experts)', { routedExperts: 64 }, 9],
  ['capacity drops', { capacityFactor: 0.5 }, 50],
  ['odd widths (hidden 20, width 14)', { modelWidth: 14, expertHidden: 60, granularity: 3, routedExperts: 3, topK: 1 }, 27],
  ['shared experts, width 64, hidden 128', { modelWidth: 64, expertHidden: 128, sharedExperts: 1 }, 130],
  ['sigmoid-bias router', { router: 'sigmoid-bias', routedExperts: 16, nGroup: 4, topkGroup: 2 }, 45],
];

describe('fused routed-experts kernels equal the tfjs reference path (issue 18)', () => {
  onWasmWithKernels();

  it.each(CASES)('%s: forward and gradients to the bit', async (_name, over, T) => {
    const config: MoeConfig = { ...DEFAULT_CONFIG, ...over, seed: T };
    const layer = new MoeLayer(config, 0);
    const E = layer.shape.experts;
    const d = layer.shape.width;
    const h = tidy(() => rmsNorm(randomNormal([T, d], 0, 1, 'float32', T) as Tensor2D));
    const { routing } = await layer.route(h);
    const a = assignmentsOf(routing, E);
    if (over.capacityFactor) expect(routing.routes.some((r) => r.dropped.some(Boolean))).toBe(true);
    if (over.routedExperts === 64) expect(Array.from(a.offsets).some((o, e) => e < E && o === a.offsets[e + 1])).toBe(true);
    const hv = variable(h, true, `h${T}`);
    const gv = variable(tensor2d(gateMatrix(routing, E), [T, E]), true, `g${T}`);
    const weight = randomNormal([T, d], 0, 1, 'float32', 3);
    const used = Array.from({ length: E }, (_, e) => e).filter((e) => (a.offsets[e + 1] as number) > (a.offsets[e] as number));
    const vars = [hv, gv, ...used.flatMap((e) => [layer.experts[e]!.gate, layer.experts[e]!.up, layer.experts[e]!.down])];
    const both = [true, false].map((fused) => {
      setExpertKernels(fused);
      const y = tidy(() => layer.sparse(hv, a));
      const { value, grads } = variableGrads(() => sum(mul(sparseTrain(layer, hv, gv, a), weight)), vars);
      return { y, value, grads };
    });
    setExpertKernels(true);
    const [f, r] = both as [(typeof both)[0], (typeof both)[0]];
    // The forward sums as XNNPACK's products do and uses tfjs-wasm's sigmoid: the same bits.
    expect(bitsOf(f.y)).toEqual(bitsOf(r.y));
    expect(relDiff(f.value, r.value)).toBeLessThan(1e-5);
    // The backward sums as tfjs's gradients do (blocks of 48, the tape's order): the same bits too,
    // except h's gradient beside shared experts (tfjs adds their part in between the routed experts').
    for (const v of vars) {
      if (v === hv && config.sharedExperts > 0) expect(relDiff(f.grads[v.name]!, r.grads[v.name]!), v.name).toBeLessThan(1e-5);
      else expect(bitsOf(f.grads[v.name]!), v.name).toEqual(bitsOf(r.grads[v.name]!));
    }
    // Experts that got no token: their weights are not in the list and stay as they were.
    const idle = layer.experts.filter((_, e) => !used.includes(e)) as ExpertWeights[];
    expect(idle.length).toBe(E - used.length);
    for (const x of both) {
      x.y.dispose();
      x.value.dispose();
      Object.values(x.grads).forEach((g) => g.dispose());
    }
    [h, hv, gv, weight].forEach((t) => t.dispose());
    layer.dispose();
  });
});

describe('fused expert Adam (issue 18)', () => {
  onWasmWithKernels();

  // 13 × 7 = 91 floats a matrix: the kernel's four-at-a-time loop leaves three for its scalar one.
  it.each([
    [12, 20],
    [13, 7],
  ])(
    'equals the tfjs ops to the bit (width %i, expert hidden %i), moments and per-expert step counts included, idle experts untouched',
    (width, hidden) => {
      const config: MoeConfig = { ...DEFAULT_CONFIG, routedExperts: 6, modelWidth: width, expertHidden: hidden, seed: 5 };
      const layers = [new MoeLayer(config, 0), new MoeLayer(config, 0)];
      const adams = layers.map((l) => new ExpertAdam(l.experts));
      const steps = [[0, 2, 5], [2], [0, 1, 2, 3, 4, 5], [4, 1]];
      const idleBefore = bitsOf(layers[0]!.experts[3]!.down);
      steps.forEach((used, s) => {
        [true, false].forEach((fused, i) => {
          setExpertKernels(fused);
          const layer = layers[i]!;
          const grads: NamedTensorMap = {};
          for (const e of used)
            for (const kind of ['gate', 'up', 'down'] as const) {
              const w = layer.experts[e]![kind];
              grads[w.name] = randomNormal(w.shape, 0, 0.1, 'float32', 100 * s + 10 * e + kind.length);
            }
          adams[i]!.apply(used, grads, 0.01);
          dispose(Object.values(grads));
        });
        layers[0]!.experts.forEach((w, e) =>
          (['gate', 'up', 'down'] as const).forEach((kind) =>
            expect(bitsOf(w[kind]), `step ${s}, expert ${e}, ${kind}`).toEqual(bitsOf(layers[1]!.experts[e]![kind])),
          ),
        );
      });
      // Expert 3 was used once (step 2): its weights moved then and only then.
      expect(bitsOf(layers[0]!.experts[3]!.down)).not.toEqual(idleBefore);
      adams.forEach((a) => a.dispose());
      layers.forEach((l) => l.dispose());
    },
  );
});

function bitsOf(t: Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

describe('the fused kernels leak no tensor (wasm)', () => {
  onWasmWithKernels();

  it('training: the same count step after step once warmed up, and back to the start after dispose; routing leaves none', async () => {
    const start = memory().numTensors;
    const t = new MoeTrainer({ ...DEFAULT_CONFIG, sharedExperts: 1, layers: 2 }, { ...DEFAULT_TRAIN, balance: 'switch', zLoss: 0.001 });
    for (let i = 0; i < 5; i++) await t.trainStep();
    // The fused Adam keeps each layer's stacked moments only (two per kind of weight).
    const inner = t as unknown as { expertAdams: { tensorCount: number }[] };
    expect(inner.expertAdams.map((a) => a.tensorCount)).toEqual([6, 6]);
    const warm = memory().numTensors;
    for (let i = 0; i < 10; i++) {
      await t.trainStep();
      expect(memory().numTensors, `after step ${t.step}`).toBe(warm);
    }
    await t.routeEvalSet();
    expect(memory().numTensors).toBe(warm);
    t.dispose();
    expect(memory().numTensors).toBe(start);
  }, 120_000);
});

describe('base64Bytes', () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 1000])('decodes %i bytes as Node does', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
    expect(Array.from(base64Bytes(Buffer.from(bytes).toString('base64')))).toEqual(Array.from(bytes));
  });
});

describe('the model’s embedding lookup by kernel (issue 18)', () => {
  onWasmWithKernels();

  // Width 13: the kernel's four-at-a-time loops leave one float for the scalar ones.
  it.each([
    ['the toy vocabulary (a copy of each row, −0 kept)', VOCAB, 32],
    ['the open vocabulary (each row plus its class row, or +0 for a word of no class)', OPEN_VOCAB, 32],
    ['the toy vocabulary, width 13', VOCAB, 13],
    ['the open vocabulary, width 13', OPEN_VOCAB, 13],
  ])('%s: the same bits as gather', (_name, vocab, width) => {
    const model = new MoeModel({ ...DEFAULT_CONFIG, modelWidth: width, seed: 9 }, vocab);
    const rows = model.embedding.shape[0] as number;
    // −0 and +0 entries in the first row: a copy keeps −0; adding a class row or +0 does not.
    const values = model.embedding.arraySync() as number[][];
    values[0]![0] = -0;
    values[0]![1] = 0;
    model.embedding.assign(tensor2d(values));
    const ids = Array.from({ length: 300 }, (_, t) => (t === 0 ? 0 : t === 299 ? rows - 1 : (t * 7919) % rows));
    setExpertKernels(true);
    const fused = model.embed(ids);
    setExpertKernels(false);
    const reference = model.embed(ids);
    setExpertKernels(true);
    expect(bitsOf(fused)).toEqual(bitsOf(reference));
    dispose([fused, reference]);
    model.dispose();
  });

  it('refuses a class table without the tokens’ classes (it would read past them)', () => {
    const table = tensor2d([[1, 2]]);
    const inputs = { table, classTable: table };
    expect(() => engine().runKernel(LOOKUP_KERNEL, inputs, { ids: Int32Array.of(0), classes: null } as unknown as NamedAttrMap)).toThrow(
      expect.objectContaining({ code: 'kernels.lookupClasses' }),
    );
    table.dispose();
  });
});
