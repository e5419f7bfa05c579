/**
 * The routed experts of a layer through the fused kernels (expert-kernels.ts): one kernel call for
 * all experts' forward and one for their backward, instead of ~10 tfjs ops per expert each way. For
 * inference (MoeLayer.sparse) and for training (train-dispatch.ts), with tfjs's gradient plumbing
 * (customGrad) so that the rest of the step is unchanged. Callers check expertKernelsReady() first;
 * the results equal the tfjs reference path to float rounding (tests/core/fused-experts.test.ts).
 */
import {
  customGrad,
  dispose,
  engine,
  tensor1d,
  zeros,
  zerosLike,
  type GradSaveFunc,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import { BACKWARD_KERNEL, FORWARD_KERNEL, type ExpertChoices } from './expert-kernels';
import type { Assignments, ExpertWeights } from './moe-layer';

function weightList(experts: readonly ExpertWeights[]): Tensor2D[] {
  return experts.flatMap((w) => [w.gate, w.up, w.down] as Tensor2D[]);
}

function named(x: Tensor, gates: Tensor, weights: readonly Tensor[]): NamedTensorMap {
  const m: NamedTensorMap = { x, gates };
  weights.forEach((w, i) => (m[`w${i}`] = w));
  return m;
}

function run(kernel: string, inputs: NamedTensorMap, choices: ExpertChoices): Tensor[] {
  return engine().runKernel(kernel, inputs, choices as unknown as NamedAttrMap) as unknown as Tensor[];
}

/** Routed experts' sum for inference: each choice's gate from the assignments. */
export function fusedSparse(h: Tensor2D, a: Assignments, experts: readonly ExpertWeights[]): Tensor2D {
  const [T, d] = h.shape;
  const n = a.tokens.length;
  if (n === 0 || experts.length === 0) return zeros([T, d]);
  const hidden = (experts[0] as ExpertWeights).gate.shape[1] as number;
  const gates = tensor1d(a.gates);
  const choices: ExpertChoices = { tokens: a.tokens, offsets: a.offsets, gateIdx: Int32Array.from({ length: n }, (_, i) => i), hidden };
  const [y, cache] = run(FORWARD_KERNEL, named(h, gates, weightList(experts)), choices);
  dispose([gates, cache as Tensor]);
  return y as Tensor2D;
}

/**
 * Routed experts' sum for training, differentiable in h, in the gates (tokens × experts, zero where
 * unused; each choice reads its own expert's column) and in every expert's weights (zeros for an
 * expert that got no tokens).
 */
export function fusedSparseTrain(h: Tensor2D, gates: Tensor2D, a: Assignments, experts: readonly ExpertWeights[]): Tensor2D {
  const [T, d] = h.shape;
  const E = experts.length;
  const n = a.tokens.length;
  if (n === 0 || E === 0) return zeros([T, d]);
  const gateIdx = new Int32Array(n);
  for (let e = 0; e < E; e++)
    for (let i = a.offsets[e] as number; i < (a.offsets[e + 1] as number); i++) gateIdx[i] = (a.tokens[i] as number) * E + e;
  const choices: ExpertChoices = {
    tokens: a.tokens,
    offsets: a.offsets,
    gateIdx,
    hidden: (experts[0] as ExpertWeights).gate.shape[1] as number,
  };
  const used = Array.from({ length: E }, (_, e) => (a.offsets[e + 1] as number) > (a.offsets[e] as number));
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const save = args[args.length - 1] as GradSaveFunc;
    const [x, g, ...ws] = args.slice(0, -1) as Tensor[];
    const [y, cache] = run(FORWARD_KERNEL, named(x as Tensor, g as Tensor, ws), choices);
    // The weights are not saved (a copy of each per step, 192 at 64 experts): they are the layer's
    // variables, unchanged until the optimiser runs after the gradients.
    save([x as Tensor, g as Tensor, cache as Tensor]);
    return {
      value: y as Tensor,
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const [sx, sg, sc] = saved as Tensor[];
        const inputs = named(sx as Tensor, sg as Tensor, ws);
        inputs.cache = sc as Tensor;
        inputs.dy = dy as Tensor;
        const [dx, dg, ...dw] = run(BACKWARD_KERNEL, inputs, choices);
        let next = 0;
        const wGrads = ws.map((w, i) => (used[Math.floor(i / 3)] ? (dw[next++] as Tensor) : zerosLike(w)));
        return [dx as Tensor, dg as Tensor, ...wGrads];
      },
    };
  });
  return op(h, gates, ...weightList(experts)) as Tensor2D;
}
