/**
 * The differentiable pieces of a training step: the masks of the choices the router made, the gate
 * weights recomputed from the router logits with those choices as constants (tfjs has no gradient
 * for top-k), and sparse dispatch with gradients.
 */
import {
  add,
  cast,
  concat,
  div,
  mul,
  oneHot,
  scalar,
  sigmoid,
  softmax,
  sub,
  sum,
  tensor1d,
  tensor2d,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import type { RouterKind } from './config';
import { expertKernelsReady } from './expert-kernels';
import { fusedSparseTrain } from './fused-experts';
import { gatherRows, matMulG, scatterAddRows } from './grad-ops';
import type { Assignments, ExpertWeights, MoeLayer } from './moe-layer';
import type { LayerTrace } from './trace';

/** Row-major tokens × experts masks of the chosen and of the kept (not dropped) choices. */
export function masks(lt: LayerTrace, E: number): { chosen: Float32Array; kept: Float32Array } {
  const T = lt.tokens.length;
  const chosen = new Float32Array(T * E);
  const kept = new Float32Array(T * E);
  lt.tokens.forEach((r, t) =>
    r.experts.forEach((e, j) => {
      chosen[t * E + e] = 1;
      if (!r.dropped[j]) kept[t * E + e] = 1;
    }),
  );
  return { chosen, kept };
}

/**
 * Differentiable gate weights (tokens × experts, zero where unused) from the router's selection
 * logits, with the choices as constants. Equal to the weights the router computed in plain JS
 * (gate-math.ts softmaxGates, gateWeights): renormalised over the chosen when `normalise`, else each the probability
 * over all experts (or the raw sigmoid score). Renormalised at k = 1 the weight is the constant 1 and
 * the router gets no gradient from the task loss; the probability over all experts keeps one.
 */
export function gateTensor(
  kind: RouterKind,
  logits: Tensor2D,
  selection: Tensor2D,
  chosen: Tensor2D,
  kept: Tensor2D,
  routeScale: number,
  normalise = true,
): Tensor2D {
  if (kind === 'sigmoid-bias') {
    const s = mul(sigmoid(logits), chosen);
    return mul(mul(normalise ? div(s, sum(s, 1, true)) : s, scalar(routeScale)), kept);
  }
  if (kind === 'expert-choice') return mul(softmax(logits), kept);
  // kept is zero wherever chosen is, so the unrenormalised probabilities need no mask of their own.
  if (!normalise) return mul(softmax(selection), kept);
  return mul(softmax(add(selection, mul(sub(1, chosen), scalar(-1e9)))), kept);
}

/** moe-layer.ts's swiglu, its products' gradients untransposed on wasm for many rows (matMulG): the same floats. */
function swigluTrain(x: Tensor2D, w: ExpertWeights): Tensor2D {
  const a = matMulG(x, w.gate as Tensor2D);
  return matMulG(mul(mul(a, sigmoid(a)), matMulG(x, w.up as Tensor2D)), w.down as Tensor2D);
}

/** Sparse dispatch with gradients (gatherRows / scatterAddRows): each expert on its own tokens. */
export function sparseTrain(layer: MoeLayer, h: Tensor2D, gates: Tensor2D, a: Assignments): Tensor2D {
  const [T, d] = h.shape;
  const E = layer.shape.experts;
  if (expertKernelsReady()) {
    let fused = fusedSparseTrain(h, gates, a, layer.experts);
    for (const w of layer.shared) fused = add(fused, swigluTrain(h, w));
    return fused;
  }
  const parts: Tensor2D[] = [];
  const expertOf = new Int32Array(a.tokens.length);
  for (let e = 0; e < E; e++) {
    const from = a.offsets[e] as number;
    const to = a.offsets[e + 1] as number;
    if (to === from) continue;
    expertOf.fill(e, from, to);
    parts.push(swigluTrain(gatherRows(h, a.tokens.subarray(from, to)), layer.experts[e] as ExpertWeights));
  }
  let out: Tensor2D = tensor2d(new Float32Array(T * d), [T, d]);
  if (parts.length > 0) {
    const ys = parts.length === 1 ? (parts[0] as Tensor2D) : concat(parts, 0);
    // Each kept choice's gate: its own expert's column (tfjs's oneHot needs two classes or more).
    const rows = gatherRows(gates, a.tokens);
    const g = E === 1 ? rows : sum(mul(rows, cast(oneHot(tensor1d(expertOf, 'int32'), E), 'float32') as Tensor2D), 1, true);
    out = scatterAddRows(a.tokens, mul(ys, g), T);
  }
  for (const w of layer.shared) out = add(out, swigluTrain(h, w));
  return out;
}
