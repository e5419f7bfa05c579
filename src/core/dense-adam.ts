/**
 * Adam for the weights every step updates whole (the embedding, the routers, shared experts): the
 * same floats as tfjs's `train.adam`, which the training step used (issue 18). With the kernels
 * loaded, each matrix is one MoeExpertAdam call (as one expert that was routed), in place of the
 * ~14 tfjs ops per weight AdamOptimizer runs; without them, AdamOptimizer's own sequence of ops:
 *   m' = m·β1 + g·(1−β1),  v' = v·β2 + g²·(1−β2),  w' = (m'/(1−β1ⁿ)) / (√(v'/(1−β2ⁿ)) + ε) · −lr + w,
 * with β1ⁿ, β2ⁿ multiplied in float32 once per step, as AdamOptimizer's accBeta scalars are.
 */
import {
  add,
  backend,
  dispose,
  div,
  engine,
  mul,
  scalar,
  sqrt,
  square,
  tidy,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
  type Tensor2D,
  type Variable,
} from '@tensorflow/tfjs-core';
import { expertKernelsReady } from './expert-kernels';
import { ADAM_KERNEL, type AdamStep } from './train-kernels';

/** train.adam's defaults. */
export const BETA1 = 0.9;
export const BETA2 = 0.999;

export class DenseAdam {
  /** Each weight's moments by name; absent before its first update (zeros). */
  private readonly m = new Map<string, Tensor>();
  private readonly v = new Map<string, Tensor>();
  /** β1ⁿ⁺¹ and β2ⁿ⁺¹ in float32. */
  private acc1 = Math.fround(BETA1);
  private acc2 = Math.fround(BETA2);

  constructor(
    public learningRate: number,
    private readonly vars: readonly Variable[],
  ) {}

  /** Tensors held between steps (the moments). */
  get tensorCount(): number {
    return this.m.size + this.v.size;
  }

  /** One step for every weight, each with its gradient in `grads` (by the weight's name). */
  apply(grads: Record<string, Tensor | undefined>): void {
    // The optimiser's default ε: the backend's (1e-7 in float32).
    const epsilon = backend().epsilon();
    const c1 = Math.fround(1 - this.acc1);
    const c2 = Math.fround(1 - this.acc2);
    for (const w of this.vars) {
      const g = grads[w.name];
      // As AdamOptimizer: a weight with no gradient (no path to the loss) is left as it is.
      if (!g) continue;
      const m0 = this.m.get(w.name);
      const v0 = this.v.get(w.name);
      const fused = expertKernelsReady() && w.shape.length === 2;
      const [m, v, next] = (fused ? this.fused(w, g, m0, v0, c1, c2, epsilon) : this.tfjs(w, g, m0, v0, c1, c2, epsilon)) as [
        Tensor,
        Tensor,
        Tensor,
      ];
      w.assign(next as Tensor2D);
      dispose([next, m0 ?? [], v0 ?? []]);
      this.m.set(w.name, m);
      this.v.set(w.name, v);
    }
    this.acc1 = Math.fround(this.acc1 * Math.fround(BETA1));
    this.acc2 = Math.fround(this.acc2 * Math.fround(BETA2));
  }

  private fused(w: Variable, g: Tensor, m0: Tensor | undefined, v0: Tensor | undefined, c1: number, c2: number, epsilon: number): Tensor[] {
    const [rows, cols] = w.shape as [number, number];
    const step: AdamStep = {
      used: Uint8Array.of(1),
      rows,
      cols,
      c1: Float32Array.of(c1),
      c2: Float32Array.of(c2),
      beta1: BETA1,
      beta2: BETA2,
      learningRate: this.learningRate,
      epsilon,
    };
    const inputs: NamedTensorMap = m0 && v0 ? { m: m0, v: v0, w0: w, g0: g } : { w0: w, g0: g };
    return engine().runKernel(ADAM_KERNEL, inputs, step as unknown as NamedAttrMap) as unknown as Tensor[];
  }

  /** AdamOptimizer.applyGradients's ops for one weight, in its order. */
  private tfjs(w: Variable, g: Tensor, m0: Tensor | undefined, v0: Tensor | undefined, c1: number, c2: number, epsilon: number): Tensor[] {
    return tidy(() => {
      const m = m0 ? add(mul(m0, BETA1), mul(g, 1 - BETA1)) : add(mul(scalar(0), BETA1), mul(g, 1 - BETA1));
      const v = v0 ? add(mul(v0, BETA2), mul(square(g), 1 - BETA2)) : add(mul(scalar(0), BETA2), mul(square(g), 1 - BETA2));
      const next = add(mul(div(div(m, c1), add(sqrt(div(v, c2)), epsilon)), -this.learningRate), w);
      return [m, v, next];
    });
  }

  dispose(): void {
    dispose([...this.m.values(), ...this.v.values()]);
    this.m.clear();
    this.v.clear();
  }
}
