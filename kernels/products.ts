// AssemblyScript (compiled by scripts/build-kernels.mjs): aᵀ·b as grad-ops.ts's matMulTA computes it
// on wasm (blocks of 48 rows, each an untransposed product summed in order from zero, the blocks added
// in order), in one call instead of two gathers, a transpose, a product and an add per block.
import { gemmBlocked, transpose } from './gemm';

/** out[M×N] = a[K×M]ᵀ · b[K×N]; scratch holds M×K + M×N floats. */
export function matMulTA(K: i32, M: i32, N: i32, a: usize, b: usize, out: usize, scratch: usize): void {
  const aT = scratch;
  const tmp = scratch + (<usize>(M * K) << 2);
  transpose(K, M, a, aT);
  gemmBlocked(M, N, K, aT, K, b, N, out, N, tmp);
}
