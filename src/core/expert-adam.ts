/**
 * Adam over all the routed experts of one layer at once, exactly as one tfjs `train.adam` per
 * expert would update them (issue 18: the per-expert optimisers cost ~14 small ops per weight
 * matrix, most of a step's optimiser time at 64 experts).
 *
 * Each kind of weight (gate, up, down) of the E experts is stacked into one [E·rows, cols] matrix
 * with its gradients (zeros for experts that got none) and updated by the same element-wise
 * sequence tfjs's AdamOptimizer runs, in the same order, so every float is the same:
 *   m' = m·β1 + g·(1−β1),  v' = v·β2 + g²·(1−β2),  w' = (m'/(1−β1ⁿ)) / (√(v'/(1−β2ⁿ)) + ε) · −lr + w.
 * What differs is kept per expert: its own step count n (the bias correction of an optimiser that
 * only steps when its expert was routed, β^n multiplied in float32 as tfjs does), and the moments of
 * an expert that processed no tokens are kept as they were, so it is not touched at all, not even by
 * momentum, and its weights are not written.
 */
import {
  add,
  concat,
  dispose,
  div,
  engine,
  backend,
  gatherND,
  mul,
  reshape,
  sqrt,
  square,
  tensor1d,
  tensor2d,
  tidy,
  where,
  zeros,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
  type Tensor3D,
} from '@tensorflow/tfjs-core';
import { expertKernelsReady } from './expert-kernels';
import { ADAM_KERNEL, type AdamStep } from './train-kernels';
import type { ExpertWeights } from './moe-layer';

/** train.adam's defaults, which the per-expert optimisers used. */
const BETA1 = 0.9;
const BETA2 = 0.999;
const KINDS = ['gate', 'up', 'down'] as const;

export class ExpertAdam {
  /** First and second moments per kind, [E·rows, cols]; null before the first update (zeros). */
  private readonly m: (Tensor2D | null)[] = KINDS.map(() => null);
  private readonly v: (Tensor2D | null)[] = KINDS.map(() => null);
  /** β1ⁿ⁺¹ and β2ⁿ⁺¹ per expert, in float32 like the optimisers' accBeta scalars. */
  private readonly acc1: Float32Array;
  private readonly acc2: Float32Array;
  /** gatherND index of each expert's block, made once. */
  private index: Tensor1D[] = [];

  constructor(private readonly experts: readonly ExpertWeights[]) {
    this.acc1 = new Float32Array(experts.length).fill(BETA1);
    this.acc2 = new Float32Array(experts.length).fill(BETA2);
  }

  /** Tensors held between steps (moments and indices). */
  get tensorCount(): number {
    return [...this.m, ...this.v].filter((t) => t !== null).length + this.index.length;
  }

  /** One Adam step for the experts in `used` (each must have its three gradients in `grads`). */
  apply(used: readonly number[], grads: NamedTensorMap, learningRate: number): void {
    if (used.length === 0) return;
    const E = this.experts.length;
    // The optimisers' default ε: the backend's (1e-7 in float32).
    const epsilon = backend().epsilon();
    const isUsed = new Array<boolean>(E).fill(false);
    for (const e of used) isUsed[e] = true;
    if (expertKernelsReady()) this.applyFused(isUsed, grads, learningRate, epsilon);
    else this.applyTfjs(isUsed, used, grads, learningRate, epsilon);
    for (const e of used) {
      this.acc1[e] = (this.acc1[e] as number) * Math.fround(BETA1);
      this.acc2[e] = (this.acc2[e] as number) * Math.fround(BETA2);
    }
  }

  /** The same step as one kernel call per kind of weight (expert-kernels.ts, MoeExpertAdam). */
  private applyFused(isUsed: boolean[], grads: NamedTensorMap, learningRate: number, epsilon: number): void {
    const c1 = Float32Array.from(this.acc1, (a) => 1 - a);
    const c2 = Float32Array.from(this.acc2, (a) => 1 - a);
    const used = Uint8Array.from(isUsed, (u) => (u ? 1 : 0));
    KINDS.forEach((kind, k) => {
      const vars = this.experts.map((w) => w[kind]);
      const inputs: NamedTensorMap = {};
      const m0 = this.m[k];
      const v0 = this.v[k];
      if (m0 && v0) Object.assign(inputs, { m: m0, v: v0 });
      let i = 0;
      vars.forEach((w, e) => {
        if (!isUsed[e]) return;
        inputs[`w${i}`] = w;
        inputs[`g${i}`] = grads[w.name] as Tensor;
        i++;
      });
      const [rows, cols] = (vars[0] as Tensor2D).shape;
      const step: AdamStep = { used, rows, cols, c1, c2, beta1: BETA1, beta2: BETA2, learningRate, epsilon };
      const [m, v, ...next] = engine().runKernel(ADAM_KERNEL, inputs, step as unknown as NamedAttrMap) as unknown as Tensor[];
      let j = 0;
      vars.forEach((w, e) => {
        if (!isUsed[e]) return;
        const t = next[j++] as Tensor;
        w.assign(t as Tensor2D);
        t.dispose();
      });
      dispose([m0, v0].filter((t): t is Tensor2D => t !== null));
      this.m[k] = m as Tensor2D;
      this.v[k] = v as Tensor2D;
    });
  }

  /** The step in tfjs ops (cpu, or wasm without the kernels). */
  private applyTfjs(isUsed: boolean[], used: readonly number[], grads: NamedTensorMap, learningRate: number, epsilon: number): void {
    const E = this.experts.length;
    if (this.index.length === 0) this.index = this.experts.map((_, e) => tensor1d([e], 'int32'));
    KINDS.forEach((kind, k) => {
      const vars = this.experts.map((w) => w[kind]);
      const [rows, cols] = (vars[0] as Tensor2D).shape;
      const n = E * rows;
      const c1 = new Float32Array(n);
      const c2 = new Float32Array(n);
      // The mask has every element: broadcasting a bool column tiles it, slowly on wasm.
      const mask = new Uint8Array(n * cols);
      for (let e = 0; e < E; e++) {
        c1.fill(1 - (this.acc1[e] as number), e * rows, (e + 1) * rows);
        c2.fill(1 - (this.acc2[e] as number), e * rows, (e + 1) * rows);
        if (isUsed[e]) mask.fill(1, e * rows * cols, (e + 1) * rows * cols);
      }
      const [m, v] = tidy(() => {
        const none = zeros([rows, cols]);
        const g = concat(
          vars.map((x, e) => (isUsed[e] ? (grads[x.name] as Tensor) : none)),
          0,
        );
        const m0 = this.m[k] ?? zeros([n, cols]);
        const v0 = this.v[k] ?? zeros([n, cols]);
        const m1 = add(mul(m0, BETA1), mul(g, 1 - BETA1));
        const v1 = add(mul(v0, BETA2), mul(square(g), 1 - BETA2));
        const mHat = div(m1, tensor2d(c1, [n, 1]));
        const vHat = div(v1, tensor2d(c2, [n, 1]));
        const w = concat(vars, 0);
        const next = reshape(add(mul(div(mHat, add(sqrt(vHat), epsilon)), -learningRate), w), [E, rows, cols]) as Tensor3D;
        for (const e of used) (vars[e] as (typeof vars)[number]).assign(gatherND(next, this.index[e] as Tensor1D) as Tensor2D);
        const updated = tensor2d(mask, [n, cols], 'bool');
        return [where(updated, m1, m0), where(updated, v1, v0)] as Tensor2D[];
      });
      dispose([this.m[k], this.v[k]].filter((t): t is Tensor2D => t !== null));
      this.m[k] = m as Tensor2D;
      this.v[k] = v as Tensor2D;
    });
  }

  dispose(): void {
    dispose([...this.m, ...this.v].filter((t): t is Tensor2D => t !== null));
    dispose(this.index);
    this.index = [];
    this.m.fill(null);
    this.v.fill(null);
  }
}
