/**
 * The fused routed-experts kernels (issue 18): the WebAssembly SIMD module built from kernels/*.ts
 * by scripts/build-kernels.mjs, loaded with the wasm backend and registered as tfjs kernels of it:
 * here the routed experts' two,
 *   MoeExpertsForward   inputs x [T,d], gates, w0 … w(3E−1) → [y [T,d], cache]
 *   MoeExpertsBackward  inputs x, gates, cache, dy, w0 … → [dx, dgates, dW of each expert with tokens]
 * (w = each expert's Wg, Wu, Wd in turn), and the rest of a training step's (train-kernels.ts). The module imports tfjs-wasm's own memory, so it reads the
 * tensors where they are and writes its outputs into tensors tfjs allocated: no copies. The choices
 * (tokens sorted by expert, their offsets, and where each gate is in `gates`) come as attributes.
 * Elsewhere (the cpu backend, or before loadExpertKernels) nothing is registered and callers keep
 * the tfjs reference path (fused-experts.ts decides).
 */
import { backend as currentBackend, getBackend, registerKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { EXP2F_TABLE, EXPERT_KERNELS_WASM } from './generated/expert-kernels-wasm';
import {
  expTables,
  instances,
  ptr,
  wasmKernel,
  withHeap,
  withInts,
  type KernelExports,
  type WasmApi,
  type WasmBackendLike,
} from './kernel-heap';
import { TRAINING_KERNELS } from './train-kernels';

export const FORWARD_KERNEL = 'MoeExpertsForward';
export const BACKWARD_KERNEL = 'MoeExpertsBackward';

/** The choices of one layer's routed experts, as the kernels take them (attributes of both kernels). */
export interface ExpertChoices {
  /** Token of each kept choice, sorted by expert. */
  tokens: Int32Array;
  /** Choices of expert e at offsets[e] .. offsets[e+1]. */
  offsets: Int32Array;
  /** Index of each choice's gate in the `gates` input. */
  gateIdx: Int32Array;
  /** The experts' hidden width. */
  hidden: number;
}

let compiled: Promise<object> | null = null;
let registered = false;
let enabled = true;

function wasmBackend(): WasmBackendLike | null {
  if (getBackend() !== 'wasm') return null;
  const b = currentBackend() as unknown as Partial<WasmBackendLike>;
  return typeof b.wasm?.asm?.memory === 'object' && typeof b.makeOutput === 'function' ? (b as WasmBackendLike) : null;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The module's bytes from the generated base64 text. */
export function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const ch of clean) {
    acc = (acc << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * Compiles the module (once) and instantiates it on the current wasm backend's memory, then
 * registers the kernels. Resolves false, leaving the reference path in place, when the backend is
 * not wasm or WebAssembly refuses the module.
 */
export async function loadExpertKernels(): Promise<boolean> {
  const b = wasmBackend();
  if (!b) return false;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return false;
  try {
    compiled ??= api.compile(base64Bytes(EXPERT_KERNELS_WASM));
    const memory = b.wasm.asm.memory;
    if (!instances.has(memory)) {
      const instance = await api.instantiate(await compiled, { env: { memory } });
      // The expf table, once per heap (freed with the backend).
      const table = b.wasm._malloc(32 * 8);
      new BigUint64Array(memory.buffer, table, 32).set(EXP2F_TABLE.map((h) => BigInt(`0x${h}`)));
      expTables.set(memory, table);
      instances.set(memory, instance.exports as unknown as KernelExports);
    }
  } catch {
    return false;
  }
  if (!registered) {
    registerKernel(forwardConfig);
    registerKernel(backwardConfig);
    for (const config of TRAINING_KERNELS) registerKernel(config);
    registered = true;
  }
  return true;
}

/** Whether the fused kernels run now: wasm backend, loaded for its heap, and not switched off. */
export function expertKernelsReady(): boolean {
  const b = wasmBackend();
  return enabled && registered && !!b && instances.has(b.wasm.asm.memory);
}

/** The wasm backend whose heap the kernels are loaded for, when they run now (expertKernelsReady); else null. */
export function readyKernelBackend(): WasmBackendLike | null {
  return expertKernelsReady() ? wasmBackend() : null;
}

/** Switches the fused kernels off (the tfjs reference path) or back on; returns the previous setting. */
export function setExpertKernels(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Floats of working space the kernels need for the largest expert's m choices. */
function scratchFloats(m: number, d: number, H: number, backward: boolean): number {
  return backward ? m * (4 * d + 4 * H) + d * H + Math.max(m * Math.max(d, H), d * H) + m * d : m * (d + H);
}

function largest(offsets: Int32Array): number {
  let m = 0;
  for (let e = 0; e + 1 < offsets.length; e++) m = Math.max(m, (offsets[e + 1] as number) - (offsets[e] as number));
  return m;
}

/** The expert kernels' common inputs, and the choices' arrays (with the weights' addresses) for the heap. */
function expertCall(b: WasmBackendLike, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) {
  const c = attrs as unknown as ExpertChoices;
  const E = c.offsets.length - 1;
  const wTable = Int32Array.from({ length: 3 * E }, (_, i) => ptr(b, inputs[`w${i}`] as TensorInfo));
  const x = inputs.x as TensorInfo;
  const [T, d] = x.shape as [number, number];
  return { c, E, T, d, H: c.hidden, x, gates: inputs.gates as TensorInfo, ints: [c.gateIdx, c.tokens, c.offsets, wTable] };
}

const forwardConfig = wasmKernel(FORWARD_KERNEL, (b, k, inputs, attrs) => {
  const { c, E, T, d, H, x, gates, ints } = expertCall(b, inputs, attrs);
  const n = c.offsets[E] as number;
  const y = b.makeOutput([T, d], 'float32');
  const cache = b.makeOutput([Math.max(1, n * (2 * H + d))], 'float32');
  withInts(b, ints, (choices) =>
    withHeap(b, scratchFloats(largest(c.offsets), d, H, false) * 4, (scratch) =>
      k.expertsForward(T, d, H, E, ptr(b, x), ptr(b, gates), ...choices, ptr(b, y), ptr(b, cache), scratch),
    ),
  );
  return [y, cache];
});

const backwardConfig = wasmKernel(BACKWARD_KERNEL, (b, k, inputs, attrs) => {
  const c = attrs as unknown as ExpertChoices;
  const E = c.offsets.length - 1;
  const grads: TensorInfo[] = [];
  const gTable = new Int32Array(3 * E);
  for (let e = 0; e < E; e++) {
    if ((c.offsets[e + 1] as number) === (c.offsets[e] as number)) continue;
    for (let j = 0; j < 3; j++) {
      const g = b.makeOutput([...(inputs[`w${3 * e + j}`] as TensorInfo).shape], 'float32');
      gTable[3 * e + j] = ptr(b, g);
      grads.push(g);
    }
  }
  const { T, d, H, x, gates, ints } = expertCall(b, inputs, attrs);
  const dx = b.makeOutput([T, d], 'float32');
  const dgates = b.makeOutput([...gates.shape], 'float32');
  const G = gates.shape.reduce((p, q) => p * q, 1);
  withInts(b, [...ints, gTable], ([gateIdx, tokens, offsets, wTable, gt]) =>
    withHeap(b, scratchFloats(largest(c.offsets), d, H, true) * 4, (scratch) =>
      k.expertsBackward(
        T,
        d,
        H,
        E,
        G,
        ptr(b, x),
        ptr(b, gates),
        gateIdx!,
        tokens!,
        offsets!,
        wTable!,
        ptr(b, inputs.cache as TensorInfo),
        ptr(b, inputs.dy as TensorInfo),
        ptr(b, dx),
        ptr(b, dgates),
        gt!,
        scratch,
      ),
    ),
  );
  return [dx, dgates, ...grads];
});
