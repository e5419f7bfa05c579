/**
 * Row gather and row scatter-add with gradients. tfjs 4.22 registers no gradient for gatherND or
 * scatterND, the two ops that make sparse dispatch fast on wasm; each is the other's gradient:
 *   y = gatherRows(x, idx)         dy/dx: scatter-add dy back to the rows idx
 *   y = scatterAddRows(idx, u, T)  dy/du: gather the rows idx of dy
 */
import { customGrad, gatherND, scatterND, tensor2d, type GradSaveFunc, type Tensor, type Tensor2D } from '@tensorflow/tfjs-core';

function indexTensor(idx: Int32Array): Tensor2D {
  return tensor2d(idx, [idx.length, 1], 'int32');
}

/** Rows idx of x (duplicates allowed), differentiable in x. */
export function gatherRows(x: Tensor2D, idx: Int32Array): Tensor2D {
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const input = args[0] as Tensor;
    const value = gatherND(input, indexTensor(idx)) as Tensor2D;
    return { value, gradFunc: (dy: Tensor) => scatterND(indexTensor(idx), dy, input.shape) };
  });
  return op(x) as Tensor2D;
}

/** A rows × width tensor with updates[i] added to row idx[i] (duplicates sum), differentiable in updates. */
export function scatterAddRows(idx: Int32Array, updates: Tensor2D, rows: number): Tensor2D {
  const width = updates.shape[1];
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const u = args[0] as Tensor;
    const value = scatterND(indexTensor(idx), u, [rows, width]) as Tensor2D;
    return { value, gradFunc: (dy: Tensor) => gatherND(dy, indexTensor(idx)) };
  });
  return op(updates) as Tensor2D;
}
