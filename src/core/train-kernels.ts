/**
 * The WebAssembly kernels of a training step besides the routed experts' (issue 18), registered by
 * expert-kernels.ts's loadExpertKernels on the wasm backend; each gives the same bits as the tfjs
 * ops it replaces:
 *   MoeExpertAdam  one kind of weight of a layer's routed experts, one Adam step (expert-adam.ts)
 *   MoeMatMulTA    aᵀ·b summed in blocks of 48 rows as grad-ops.ts's matMulTA (a [K,M], b [K,N])
 *   MoeEmbedRows   the embedding lookup oneHot(ids)·table; MoeEmbedGrad its gradient (grad-ops.ts)
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelsOf, ptr, writeInts, type WasmBackendLike } from './kernel-heap';

export const ADAM_KERNEL = 'MoeExpertAdam';
export const MATMUL_TA_KERNEL = 'MoeMatMulTA';
export const EMBED_KERNEL = 'MoeEmbedRows';
export const EMBED_GRAD_KERNEL = 'MoeEmbedGrad';

/**
 * Attributes of MoeExpertAdam (one kind of weight of one layer's E experts): inputs m and v (the
 * stacked moments; absent on the first step, zeros), then w0, g0, w1, g1, … of the used experts in
 * order; outputs the new m and v, then each used expert's new weight.
 */
export interface AdamStep {
  used: Uint8Array;
  /** Floats of one expert's weight. */
  size: number;
  /** 1 − β1ⁿ and 1 − β2ⁿ per expert (float32). */
  c1: Float32Array;
  c2: Float32Array;
  beta1: number;
  beta2: number;
  learningRate: number;
  epsilon: number;
}

/** Attributes of MoeEmbedRows and MoeEmbedGrad: each token's row, and the table's rows. */
export interface EmbedLookup {
  ids: Int32Array;
  rows: number;
}

const adamConfig: KernelConfig = {
  kernelName: ADAM_KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as unknown as WasmBackendLike;
    const k = kernelsOf(b);
    const named = inputs as Record<string, TensorInfo>;
    const s = attrs as unknown as AdamStep;
    const E = s.used.length;
    const mOut = b.makeOutput([E * s.size], 'float32');
    const vOut = b.makeOutput([E * s.size], 'float32');
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
    const [ints, wt, gt, ot] = writeInts(b, [new Int32Array(1), ...tables]) as number[];
    const floats = b.wasm._malloc(E * 8 + E);
    const heap = b.wasm.asm.memory.buffer;
    new Float32Array(heap, floats, E).set(s.c1);
    new Float32Array(heap, floats + E * 4, E).set(s.c2);
    new Uint8Array(heap, floats + E * 8, E).set(s.used);
    const f32 = Math.fround;
    try {
      k.expertAdam(
        E,
        s.size,
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
    } finally {
      b.wasm._free(floats);
      b.wasm._free(ints!);
    }
    return [mOut, vOut, ...outs];
  },
};

const matMulTAConfig: KernelConfig = {
  kernelName: MATMUL_TA_KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const b = backend as unknown as WasmBackendLike;
    const k = kernelsOf(b);
    const { a, b: bt } = inputs as Record<string, TensorInfo>;
    const [K, M] = (a as TensorInfo).shape as [number, number];
    const N = (bt as TensorInfo).shape[1] as number;
    const out = b.makeOutput([M, N], 'float32');
    const scratch = b.wasm._malloc(Math.max(4, (M * K + M * N) * 4));
    try {
      k.matMulTA(K, M, N, ptr(b, a as TensorInfo), ptr(b, bt as TensorInfo), ptr(b, out), scratch);
    } finally {
      b.wasm._free(scratch);
    }
    return out;
  },
};

const embedConfig: KernelConfig = {
  kernelName: EMBED_KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as unknown as WasmBackendLike;
    const k = kernelsOf(b);
    const table = (inputs as Record<string, TensorInfo>).table as TensorInfo;
    const { ids } = attrs as unknown as EmbedLookup;
    const d = table.shape[1] as number;
    const out = b.makeOutput([ids.length, d], 'float32');
    const [at] = writeInts(b, [ids]) as number[];
    try {
      k.embedRows(ids.length, d, at!, ptr(b, table), ptr(b, out));
    } finally {
      b.wasm._free(at!);
    }
    return out;
  },
};

const embedGradConfig: KernelConfig = {
  kernelName: EMBED_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const b = backend as unknown as WasmBackendLike;
    const k = kernelsOf(b);
    const dy = (inputs as Record<string, TensorInfo>).dy as TensorInfo;
    const { ids, rows } = attrs as unknown as EmbedLookup;
    const d = dy.shape[1] as number;
    const out = b.makeOutput([rows, d], 'float32');
    const [at, list] = writeInts(b, [ids, new Int32Array(48)]) as number[];
    const scratch = b.wasm._malloc(Math.max(4, rows * d * 4 + rows));
    try {
      k.embedGrad(ids.length, d, rows, at!, ptr(b, dy), ptr(b, out), scratch, scratch + rows * d * 4, list!);
    } finally {
      b.wasm._free(scratch);
      b.wasm._free(at!);
    }
    return out;
  },
};

export const TRAINING_KERNELS: KernelConfig[] = [adamConfig, matMulTAConfig, embedConfig, embedGradConfig];
