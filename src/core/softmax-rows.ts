/**
 * The router's softmax of every token's logits on wasm (kernels/softmax.ts, issue 18: routing speed):
 * the same float64 bits as router.ts's JS softmax (its exp is a port of V8's Math.exp, two lanes at a
 * time), in ~0.6 of the time: 262,144 exps (1,024 tokens × 256 experts) 2.7 → 1.7 ms. The logits are
 * copied into tfjs-wasm's heap and the probabilities out of it.
 */
import { readyKernelBackend } from './expert-kernels';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { kernelsOf, ptr, withHeap, type WasmBackendLike } from './kernel-heap';

/** Row t of the result is the softmax of logits[t·E .. (t+1)·E); null where the kernels do not run (cpu, not loaded). */
export function softmaxRowsOnWasm(logits: Float32Array, tokens: number, experts: number): Float64Array | null {
  const b = readyKernelBackend();
  const n = tokens * experts;
  if (!b || n === 0 || logits.length !== n) return null;
  // The float64 output starts on an 8-byte boundary after the logits.
  const inBytes = Math.ceil((n * 4) / 8) * 8;
  return withHeap(b, inBytes + n * 8 + 8, (at) => {
    const base = Math.ceil(at / 8) * 8;
    const heap = b.wasm.asm.memory.buffer;
    new Float32Array(heap, base, n).set(logits);
    kernelsOf(b).softmaxRows(tokens, experts, base, base + inBytes);
    // The call allocates nothing, so the heap's buffer is still the one above.
    return new Float64Array(heap, base + inBytes, n).slice();
  });
}

/** Each token's top m = min(k, E) experts by logit and what their gates are made from (row t at t·m). */
export interface RankedRows {
  m: number;
  experts: Int32Array;
  /** Their softmax probabilities, or (`exps`) only their exps exp(v − row max), for renormalised gates. */
  picked: Float64Array;
  exps: boolean;
}

/**
 * Each row's top k (k ≤ SMALL_K) by logit, as topKSmall ranks them, with what router.ts makes their
 * gates from, to the bit: for renormalised gates (`exps`) their exps, as softmaxGates takes them,
 * without the softmax's sum (1,024 tokens × 256 experts: 262,144 exps fewer); else their
 * probabilities as softmaxRowsOnWasm gives them, without the whole softmax's T×E float64 array (at
 * that size ~0.8 ms of fresh pages). Null where the kernels do not run.
 */
export function topKSoftmaxRowsOnWasm(logits: Float32Array, tokens: number, experts: number, k: number, exps: boolean): RankedRows | null {
  const b = readyKernelBackend();
  if (!b || logits.length !== tokens * experts) return null;
  return rankRows(b, logits, tokens, experts, k, exps);
}

/**
 * The same for a tokens × experts float32 tensor of the wasm backend, ranked where it lies in the
 * heap: nothing is read back or copied (a run for the choices only: at 1,024 tokens × 256 experts
 * the read-back was a fresh 1 MB array each forward, which Chromium's collector made 0.4–3.5 ms).
 */
export function topKSoftmaxRowsOfTensor(logits: TensorInfo, k: number, exps: boolean): RankedRows | null {
  const b = readyKernelBackend();
  if (!b || logits.shape.length !== 2 || logits.dtype !== 'float32') return null;
  const [tokens, experts] = logits.shape as [number, number];
  return rankRows(b, ptr(b, logits), tokens, experts, k, exps);
}

/** topKSoftmaxRows on logits given as an array (copied into the heap) or by their address in it. */
function rankRows(
  b: WasmBackendLike,
  logits: Float32Array | number,
  tokens: number,
  experts: number,
  k: number,
  exps: boolean,
): RankedRows | null {
  const n = tokens * experts;
  const m = Math.min(k, experts);
  if (n === 0 || m <= 0) return null;
  const copied = typeof logits !== 'number';
  const inBytes = copied ? Math.ceil((n * 4) / 8) * 8 : 0;
  const idxBytes = Math.ceil((tokens * m * 4) / 8) * 8;
  return withHeap(b, inBytes + idxBytes + tokens * m * 8 + 8, (at) => {
    const base = Math.ceil(at / 8) * 8;
    // After _malloc: the heap may have grown, so its buffer is taken now (the call allocates nothing).
    const heap = b.wasm.asm.memory.buffer;
    if (copied) new Float32Array(heap, base, n).set(logits);
    kernelsOf(b).topKSoftmaxRows(tokens, experts, m, copied ? base : logits, base + inBytes, base + inBytes + idxBytes, exps ? 0 : 1);
    return {
      m,
      experts: new Int32Array(heap, base + inBytes, tokens * m).slice(),
      picked: new Float64Array(heap, base + inBytes + idxBytes, tokens * m).slice(),
      exps,
    };
  });
}
