/**
 * Row gather and row scatter-add with gradients. tfjs 4.22 registers no gradient for gatherND or
 * scatterND, the two ops that make sparse dispatch fast on wasm; each is the other's gradient:
 *   y = gatherRows(x, idx)         dy/dx: scatter-add dy back to the rows idx
 *   y = scatterAddRows(idx, u, T)  dy/du: gather the rows idx of dy
 * And, on wasm, products with a transposed operand rewritten as untransposed ones (matMulTA,
 * matMulBT, embedRows): wasm runs only those on XNNPACK; the rewrites give the same floats.
 */
import {
  add,
  cast,
  customGrad,
  engine,
  gatherND,
  getBackend,
  matMul,
  oneHot,
  scatterND,
  tensor1d,
  tensor2d,
  transpose,
  type GradSaveFunc,
  type NamedAttrMap,
  type Tensor,
  type Tensor2D,
} from '@tensorflow/tfjs-core';
import { expertKernelsReady } from './expert-kernels';
import { EMBED_GRAD_KERNEL, EMBED_KERNEL, MATMUL_TA_KERNEL } from './train-kernels';

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

/**
 * tfjs's own matMul kernels (cpu, and wasm's for any transposed operand) sum over the inner
 * dimension in blocks of this many, each block from zero, adding the blocks in order. Only an
 * untransposed wasm product runs on XNNPACK (SIMD, several times faster), which sums in order; the
 * two agree to the bit when the inner dimension fits one block.
 */
const K_BLOCK = 48;

/** Only on wasm: elsewhere the plain products run, as they always did (cpu sums each block in float64). */
const blocked = (): boolean => getBackend() === 'wasm';

/** aᵀ·b, equal to the bit to matMul(a, b, true, false), from untransposed products of ≤ 48 rows. */
export function matMulTA(a: Tensor2D, b: Tensor2D): Tensor2D {
  if (!blocked()) return matMul(a, b, true, false);
  // The same sums in one kernel call (expert-kernels.ts), when loaded.
  if (expertKernelsReady() && a.shape[0] > 0) return engine().runKernel(MATMUL_TA_KERNEL, { a, b }) as Tensor2D;
  const k = a.shape[0];
  if (k <= K_BLOCK) return matMul(transpose(a), b);
  let out: Tensor2D | null = null;
  for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
    const rows = indexTensor(Int32Array.from({ length: Math.min(K_BLOCK, k - k0) }, (_, i) => k0 + i));
    const part = matMul(transpose(gatherND(a, rows) as Tensor2D), gatherND(b, rows) as Tensor2D) as Tensor2D;
    out = out ? (add(out, part) as Tensor2D) : part;
  }
  return out ?? matMul(a, b, true, false);
}

/**
 * a·bᵀ (matMul(a, b, false, true)) as a·transpose(b), with tfjs's gradient of that product, its
 * transposed half by matMulTA: the same floats, the big products untransposed. Falls back to the
 * plain product when the inner dimension is wider than one block.
 */
export function matMulBT(a: Tensor2D, b: Tensor2D): Tensor2D {
  if (!blocked() || a.shape[1] > K_BLOCK) return matMul(a, b, false, true);
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, y] = args as Tensor2D[];
    (args[2] as GradSaveFunc)([x as Tensor2D, y as Tensor2D]);
    return {
      value: matMul(x as Tensor2D, transpose(y as Tensor2D)),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sy] = saved as Tensor2D[];
        return [matMul(dy as Tensor2D, sy as Tensor2D), matMulTA(dy as Tensor2D, sx as Tensor2D)];
      },
    };
  });
  return op(a, b) as Tensor2D;
}

/** oneHotRows · table (an embedding lookup), its gradient in table by matMulTA: the same floats. */
export function embedRows(oneHotRows: Tensor2D, table: Tensor2D): Tensor2D {
  if (!blocked()) return matMul(oneHotRows, table);
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    // Saved: a tensor made outside the op is freed once the forward pass ends.
    (args[1] as GradSaveFunc)([oneHotRows]);
    return {
      value: matMul(oneHotRows, args[0] as Tensor2D),
      gradFunc: (dy: Tensor, saved: Tensor[]) => matMulTA(saved[0] as Tensor2D, dy as Tensor2D),
    };
  });
  return op(table) as Tensor2D;
}

/**
 * The embedding rows of the token ids, as embedRows(oneHot(ids) as float32, table) computes them,
 * gradient included, to the bit; with the kernels loaded, by a lookup and a scatter-add in blocks
 * (train-kernels.ts, MoeEmbedRows and MoeEmbedGrad) without the tokens × vocabulary one-hot matrix.
 */
export function embedIds(ids: Int32Array, table: Tensor2D): Tensor2D {
  const rows = table.shape[0];
  if (!expertKernelsReady() || ids.length === 0) return embedRows(cast(oneHot(tensor1d(ids, 'int32'), rows), 'float32') as Tensor2D, table);
  const lookup = { ids, rows } as unknown as NamedAttrMap;
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => ({
    value: engine().runKernel(EMBED_KERNEL, { table: args[0] as Tensor }, lookup) as Tensor,
    gradFunc: (dy: Tensor) => engine().runKernel(EMBED_GRAD_KERNEL, { dy }, lookup) as Tensor,
  }));
  return op(table) as Tensor2D;
}

/**
 * a·b, its gradient untransposed on wasm (the same floats): aᵀ·dy by matMulTA, and dy·bᵀ as
 * dy·transpose(b) when b is at most one block wide. For a of many rows (a few products pay for the
 * op's own costs); otherwise the plain product.
 */
export function matMulG(a: Tensor2D, b: Tensor2D): Tensor2D {
  if (!blocked() || a.shape[0] < K_BLOCK) return matMul(a, b);
  const op = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, y] = args as Tensor2D[];
    (args[2] as GradSaveFunc)([x as Tensor2D, y as Tensor2D]);
    return {
      value: matMul(x as Tensor2D, y as Tensor2D),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sy] = saved as Tensor2D[];
        const g = dy as Tensor2D;
        const da = (sy as Tensor2D).shape[1] <= K_BLOCK ? matMul(g, transpose(sy as Tensor2D)) : matMul(g, sy as Tensor2D, false, true);
        return [da, matMulTA(sx as Tensor2D, g)];
      },
    };
  });
  return op(a, b) as Tensor2D;
}
