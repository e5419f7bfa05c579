/**
 * The router's softmax of every token's logits on wasm (kernels/softmax.ts, issue 18: routing speed):
 * the same float64 bits as router.ts's JS softmax (its exp is a port of V8's Math.exp, two lanes at a
 * time), in ~0.6 of the time: 262,144 exps (1,024 tokens × 256 experts) 2.7 → 1.7 ms. The logits are
 * copied into tfjs-wasm's heap and the probabilities out of it.
 */
import { readyKernelBackend } from './expert-kernels';
import { kernelsOf, withHeap } from './kernel-heap';

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

/** Each token's top m = min(k, E) experts by logit and their softmax probabilities (row t at t·m). */
export interface RankedRows {
  m: number;
  experts: Int32Array;
  probs: Float64Array;
}

/**
 * Each row's top k (k ≤ SMALL_K) by logit, as topKSmall ranks them, with the probabilities that
 * softmaxRowsOnWasm gives them (the same bits), without the whole softmax's T×E float64 array: at
 * 1,024 tokens × 256 experts that array alone costs ~0.8 ms of fresh pages. Null where the kernels
 * do not run.
 */
export function topKSoftmaxRowsOnWasm(logits: Float32Array, tokens: number, experts: number, k: number): RankedRows | null {
  const b = readyKernelBackend();
  const n = tokens * experts;
  const m = Math.min(k, experts);
  if (!b || n === 0 || m <= 0 || logits.length !== n) return null;
  const inBytes = Math.ceil((n * 4) / 8) * 8;
  const idxBytes = Math.ceil((tokens * m * 4) / 8) * 8;
  return withHeap(b, inBytes + idxBytes + tokens * m * 8 + 8, (at) => {
    const base = Math.ceil(at / 8) * 8;
    const heap = b.wasm.asm.memory.buffer;
    new Float32Array(heap, base, n).set(logits);
    kernelsOf(b).topKSoftmaxRows(tokens, experts, m, base, base + inBytes, base + inBytes + idxBytes);
    return {
      m,
      experts: new Int32Array(heap, base + inBytes, tokens * m).slice(),
      probs: new Float64Array(heap, base + inBytes + idxBytes, tokens * m).slice(),
    };
  });
}
