/**
 * The WebAssembly kernels of a training step besides the routed experts' (issue 18), registered by
 * expert-kernels.ts's loadExpertKernels on the wasm backend; each gives the same bits as the tfjs
 * ops it replaces:
 *   MoeExpertAdam  one kind of weight of a layer's routed experts, one Adam step (expert-adam.ts)
 *   MoeMatMulTA    aᵀ·b summed in blocks of 48 rows as grad-ops.ts's matMulTA (a [K,M], b [K,N])
 *   MoeEmbedRows   the embedding lookup oneHot(ids)·table; MoeEmbedGrad its gradient (grad-ops.ts)
 *   MoeLookupRows  the model's embedding lookup for routing, as gather gives it (model.ts embed)
 *   MoeCeShift, MoeCeLoss, MoeCeGrad   the next-word loss and its gradient (next-word-loss.ts)
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { CodedError } from './coded';
import { expTableOf, ptr, wasmKernel, withHeap, withInts } from './kernel-heap';

export const ADAM_KERNEL = 'MoeExpertAdam';
export const MATMUL_TA_KERNEL = 'MoeMatMulTA';
export const EMBED_KERNEL = 'MoeEmbedRows';
export const EMBED_GRAD_KERNEL = 'MoeEmbedGrad';
export const LOOKUP_KERNEL = 'MoeLookupRows';
export const CE_SHIFT_KERNEL = 'MoeCeShift';
export const CE_LOSS_KERNEL = 'MoeCeLoss';
export const CE_GRAD_KERNEL = 'MoeCeGrad';

/**
 * Attributes of MoeExpertAdam (one kind of weight of one layer's E experts): inputs m and v (the
 * stacked moments; absent on the first step, zeros), then w0, g0, w1, g1, … of the used experts in
 * order; outputs the new m and v, then each used expert's new weight.
 */
export interface AdamStep {
  used: Uint8Array;
  /** The shape of one expert's weight. */
  rows: number;
  cols: number;
  /** 1 − β1ⁿ and 1 − β2ⁿ per expert (float32). */
  c1: Float32Array;
  c2: Float32Array;
  beta1: number;
  beta2: number;
  learningRate: number;
  epsilon: number;
}

/**
 * Attributes of MoeLookupRows: each token's row of the table, and (with a class table, its second
 * input) each token's class, −1 for none.
 */
export interface LookupRows {
  ids: Int32Array;
  classes: Int32Array | null;
}

/**
 * Attributes of the embedding and loss kernels: each token's row id (its word, or its next word),
 * and how many rows there are (the table's, or the vocabulary's).
 */
export interface TokenRows {
  ids: Int32Array;
  rows: number;
}

const adamConfig = wasmKernel(ADAM_KERNEL, (b, k, named, attrs) => {
  const s = attrs as unknown as AdamStep;
  const E = s.used.length;
  // The moments stacked as ExpertAdam keeps them: [E·rows, cols].
  const mOut = b.makeOutput([E * s.rows, s.cols], 'float32');
  const vOut = b.makeOutput([E * s.rows, s.cols], 'float32');
  const outs: TensorInfo[] = [];
  const tables = [new Int32Array(E), new Int32Array(E), new Int32Array(E)];
  let i = 0;
  for (let e = 0; e < E; e++) {
    if (!s.used[e]) continue;
    const w = named[`w${i}`] as TensorInfo;
    const o = b.makeOutput([...w.shape], 'float32');
    outs.push(o);
    (tables[0] as Int32Array)[e] = ptr(b, w);
    (tables[1] as Int32Array)[e] = ptr(b, named[`g${i}`] as TensorInfo);
    (tables[2] as Int32Array)[e] = ptr(b, o);
    i++;
  }
  const f32 = Math.fround;
  withInts(b, tables, ([wt, gt, ot]) =>
    withHeap(b, E * 8 + E, (floats) => {
      const heap = b.wasm.asm.memory.buffer;
      new Float32Array(heap, floats, E).set(s.c1);
      new Float32Array(heap, floats + E * 4, E).set(s.c2);
      new Uint8Array(heap, floats + E * 8, E).set(s.used);
      k.expertAdam(
        E,
        s.rows * s.cols,
        floats + E * 8,
        wt!,
        gt!,
        ot!,
        named.m ? ptr(b, named.m) : 0,
        named.v ? ptr(b, named.v) : 0,
        ptr(b, mOut),
        ptr(b, vOut),
        floats,
        floats + E * 4,
        f32(s.beta1),
        f32(1 - s.beta1),
        f32(s.beta2),
        f32(1 - s.beta2),
        f32(-s.learningRate),
        f32(s.epsilon),
      );
    }),
  );
  return [mOut, vOut, ...outs];
});

const matMulTAConfig = wasmKernel(MATMUL_TA_KERNEL, (b, k, { a, b: bt }) => {
  const [K, M] = (a as TensorInfo).shape as [number, number];
  const N = (bt as TensorInfo).shape[1] as number;
  const out = b.makeOutput([M, N], 'float32');
  withHeap(b, (M * K + M * N) * 4, (scratch) =>
    k.matMulTA(K, M, N, ptr(b, a as TensorInfo), ptr(b, bt as TensorInfo), ptr(b, out), scratch),
  );
  return out;
});

const embedConfig = wasmKernel(EMBED_KERNEL, (b, k, { table }, attrs) => {
  const { ids } = attrs as unknown as TokenRows;
  const d = (table as TensorInfo).shape[1] as number;
  const out = b.makeOutput([ids.length, d], 'float32');
  withInts(b, [ids], ([at]) => k.embedRows(ids.length, d, at!, ptr(b, table as TensorInfo), ptr(b, out)));
  return out;
});

const lookupConfig = wasmKernel(LOOKUP_KERNEL, (b, k, { table, classTable }, attrs) => {
  const { ids, classes } = attrs as unknown as LookupRows;
  // Each token's class comes with the class table, or neither does (the kernel would read past them).
  if ((classes === null) !== (classTable === undefined) || (classes !== null && classes.length !== ids.length)) {
    throw new CodedError('kernels.lookupClasses', {});
  }
  const d = (table as TensorInfo).shape[1] as number;
  const out = b.makeOutput([ids.length, d], 'float32');
  withInts(b, [ids, classes ?? new Int32Array(0)], ([at, cls]) =>
    k.lookupRows(ids.length, d, at!, ptr(b, table as TensorInfo), cls!, classTable ? ptr(b, classTable) : 0, ptr(b, out)),
  );
  return out;
});

const embedGradConfig = wasmKernel(EMBED_GRAD_KERNEL, (b, k, { dy }, attrs) => {
  const { ids, rows } = attrs as unknown as TokenRows;
  const d = (dy as TensorInfo).shape[1] as number;
  const out = b.makeOutput([rows, d], 'float32');
  // Working space: the block's sums (rows × d), which rows it touched (rows bytes), their list (48).
  withInts(b, [ids], ([at]) =>
    withHeap(b, rows * d * 4 + 48 * 4 + rows, (scratch) =>
      k.embedGrad(
        ids.length,
        d,
        rows,
        at!,
        ptr(b, dy as TensorInfo),
        ptr(b, out),
        scratch,
        scratch + rows * d * 4 + 48 * 4,
        scratch + rows * d * 4,
      ),
    ),
  );
  return out;
});

/** logits [T,V] → [x − row max, Σ exp of that per row [T,1]]. */
const ceShiftConfig = wasmKernel(CE_SHIFT_KERNEL, (b, k, { logits }) => {
  const [T, V] = (logits as TensorInfo).shape as [number, number];
  const shifted = b.makeOutput([T, V], 'float32');
  const se = b.makeOutput([T, 1], 'float32');
  k.ceShift(T, V, ptr(b, logits as TensorInfo), ptr(b, shifted), ptr(b, se), expTableOf(b));
  return [shifted, se];
});

/** shifted, lse [T,1]; attrs targets → [loss (a scalar), log-probabilities [T,V]]. */
const ceLossConfig = wasmKernel(CE_LOSS_KERNEL, (b, k, { shifted, lse }, attrs) => {
  const { ids } = attrs as unknown as TokenRows;
  const [T, V] = (shifted as TensorInfo).shape as [number, number];
  const loss = b.makeOutput([], 'float32');
  const value = b.makeOutput([T, V], 'float32');
  withInts(b, [ids], ([at]) => k.ceLoss(T, V, ptr(b, shifted as TensorInfo), ptr(b, lse as TensorInfo), at!, ptr(b, value), ptr(b, loss)));
  return [loss, value];
});

/** log-probabilities [T,V], dy (the loss's upstream gradient); attrs targets → dlogits [T,V]. */
const ceGradConfig = wasmKernel(CE_GRAD_KERNEL, (b, k, { value, dy }, attrs) => {
  const { ids } = attrs as unknown as TokenRows;
  const [T, V] = (value as TensorInfo).shape as [number, number];
  const out = b.makeOutput([T, V], 'float32');
  withInts(b, [ids], ([at]) => k.ceGrad(T, V, ptr(b, value as TensorInfo), at!, ptr(b, dy as TensorInfo), ptr(b, out), expTableOf(b)));
  return out;
});

export const TRAINING_KERNELS: KernelConfig[] = [
  adamConfig,
  matMulTAConfig,
  embedConfig,
  embedGradConfig,
  lookupConfig,
  ceShiftConfig,
  ceLossConfig,
  ceGradConfig,
];
