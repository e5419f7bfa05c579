/**
 * What the WebAssembly kernels (expert-kernels.ts, train-kernels.ts) share: the types of tfjs-wasm's
 * backend and of the module's exports, the module's instance for each tfjs-wasm heap, tensor
 * addresses, and working space and int arrays in the heap for the length of a call.
 */
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { CodedError } from './coded';

/** The WebAssembly memory object (the core is built without the DOM's or Node's type libraries). */
export type WasmMemory = object & { buffer: ArrayBuffer };

/** What the kernels use of the platform's WebAssembly API. */
export interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: object }>;
}

/** What the kernels use of tfjs-wasm's backend (BackendWasm). */
export interface WasmBackendLike {
  wasm: { asm: { memory: WasmMemory }; _malloc(bytes: number): number; _free(ptr: number): void };
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

export interface KernelExports {
  expertsForward(...args: number[]): void;
  expertsBackward(...args: number[]): void;
  expertAdam(...args: number[]): void;
  matMulTA(...args: number[]): void;
  embedRows(...args: number[]): void;
  embedGrad(...args: number[]): void;
  lookupRows(...args: number[]): void;
  ceShift(...args: number[]): void;
  ceLoss(...args: number[]): void;
  ceGrad(...args: number[]): void;
  softmaxRows(...args: number[]): void;
  topKSoftmaxRows(...args: number[]): void;
}

/** One instance of the kernels' module per tfjs-wasm memory (a new backend has a new heap). */
export const instances = new WeakMap<WasmMemory, KernelExports>();

/** Where the expf table of kernels/cross-entropy.ts is in each heap (written at load). */
export const expTables = new WeakMap<WasmMemory, number>();

/** The expf table's address on this backend's heap. */
export function expTableOf(b: WasmBackendLike): number {
  const at = expTables.get(b.wasm.asm.memory);
  if (at === undefined) throw new CodedError('kernels.notLoaded', {});
  return at;
}

/** The module's exports on this backend's heap (loadExpertKernels has instantiated it). */
export function kernelsOf(backend: unknown): KernelExports {
  const k = instances.get((backend as WasmBackendLike).wasm.asm.memory);
  if (!k) throw new CodedError('kernels.notLoaded', {});
  return k;
}

/** A tensor's address in the heap. */
export const ptr = (b: WasmBackendLike, t: TensorInfo): number => b.getMemoryOffset(t.dataId);

/** A kernel of the wasm backend that runs on the module's exports (kernelsOf). */
export function wasmKernel(
  kernelName: string,
  run: (b: WasmBackendLike, k: KernelExports, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo | TensorInfo[],
): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const b = backend as unknown as WasmBackendLike;
      return run(b, kernelsOf(b), inputs as Record<string, TensorInfo>, attrs as NamedAttrMap);
    },
  };
}

/** Runs f with `bytes` of fresh heap at `at`, freed after. */
export function withHeap<T>(b: WasmBackendLike, bytes: number, f: (at: number) => T): T {
  const at = b.wasm._malloc(Math.max(4, bytes));
  try {
    return f(at);
  } finally {
    b.wasm._free(at);
  }
}

/** Runs f with the int arrays copied into one fresh block of the heap (their addresses, in order), freed after. */
export function withInts<T>(b: WasmBackendLike, arrays: readonly Int32Array[], f: (at: number[]) => T): T {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  return withHeap(b, total * 4, (base) => {
    // After _malloc: the heap may have grown, so the view is made now.
    const heap = new Int32Array(b.wasm.asm.memory.buffer);
    const at: number[] = [];
    let p = base;
    for (const a of arrays) {
      heap.set(a, p >> 2);
      at.push(p);
      p += a.length * 4;
    }
    return f(at);
  });
}
