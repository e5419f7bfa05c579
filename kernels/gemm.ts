// AssemblyScript (compiled by scripts/build-kernels.mjs, not by tsc): a small row-major matrix
// product in WebAssembly SIMD, on pointers into the memory this module imports (tfjs-wasm's heap).
// Each output element sums its k products in order from zero (or from C with `acc`), so the result
// does not depend on the blocking.

/** C[m×n] = (acc ? C : 0) + A[m×k] · B[k×n]; lda, ldb, ldc in floats. */
export function gemm(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, acc: bool): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) rows4(n, k, a + <usize>(i * lda) * 4, lda, b, ldb, c + <usize>(i * ldc) * 4, ldc, acc);
  for (; i < m; i++) rows1(n, k, a + <usize>(i * lda) * 4, b, ldb, c + <usize>(i * ldc) * 4, acc);
}

// Reading ahead. WebAssembly has no prefetch instruction, and the routed experts' weights at many
// experts do not stay in the core's caches (1,024 tokens, 256 experts: 25 MB, each expert's read
// for ~8 tokens), so a product would wait on each line it reads. While one expert's products run,
// their column blocks each load one float from each of the next AHEAD_LINES 64-byte lines of the
// next expert's weights (up to three regions, set by readAhead), so that those lines are on their
// way while the arithmetic goes on. The loads only feed `sink` (the caller stores it, so that they
// stay); no result changes. 1,024 tokens × 256 experts: the experts' part 7.4–8.7 → 5.1–5.5 ms
// (12 lines a block; 4, 8, 24 and 48 were slower).
let aheadA: usize = 0;
let aheadAEnd: usize = 0;
let aheadB: usize = 0;
let aheadBEnd: usize = 0;
let aheadC: usize = 0;
let aheadCEnd: usize = 0;
let sink: i32 = 0;
// @ts-ignore: decorator
@inline const AHEAD_LINES = 12;

/** Regions [a, aEnd), [b, bEnd), [c, cEnd) to read ahead, in that order (all empty: none). */
export function readAhead(a: usize, aEnd: usize, b: usize, bEnd: usize, c: usize, cEnd: usize): void {
  aheadA = a;
  aheadAEnd = aEnd;
  aheadB = b;
  aheadBEnd = bEnd;
  aheadC = c;
  aheadCEnd = cEnd;
}

/** What the reads ahead have loaded, summed: for the caller to store, so that the loads are kept. */
export function readAheadSink(): i32 {
  return sink;
}

/** The next AHEAD_LINES lines of the regions to read ahead, one float of each. */
// @ts-ignore: decorator
@inline
function stepAhead(): void {
  for (let i = 0; i < AHEAD_LINES; i++) {
    if (aheadA < aheadAEnd) {
      sink += load<i32>(aheadA);
      aheadA += 64;
    } else if (aheadB < aheadBEnd) {
      sink += load<i32>(aheadB);
      aheadB += 64;
    } else if (aheadC < aheadCEnd) {
      sink += load<i32>(aheadC);
      aheadC += 64;
    } else return;
  }
}

// @ts-ignore: decorator
@inline
function start(c: usize, acc: bool): v128 {
  return acc ? v128.load(c) : f32x4.splat(0);
}

/** Four rows of C, eight columns at a time, then four, then one. */
function rows4(n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, acc: bool): void {
  const ra = <usize>lda * 4;
  const rc = <usize>ldc * 4;
  const rb = <usize>ldb * 4;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    stepAhead();
    const cj = c + <usize>j * 4;
    let c00 = start(cj, acc);
    let c01 = start(cj + 16, acc);
    let c10 = start(cj + rc, acc);
    let c11 = start(cj + rc + 16, acc);
    let c20 = start(cj + 2 * rc, acc);
    let c21 = start(cj + 2 * rc + 16, acc);
    let c30 = start(cj + 3 * rc, acc);
    let c31 = start(cj + 3 * rc + 16, acc);
    let bp = b + <usize>j * 4;
    let ap = a;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp);
      const b1 = v128.load(bp + 16);
      const x0 = f32x4.splat(load<f32>(ap));
      c00 = f32x4.add(c00, f32x4.mul(x0, b0));
      c01 = f32x4.add(c01, f32x4.mul(x0, b1));
      const x1 = f32x4.splat(load<f32>(ap + ra));
      c10 = f32x4.add(c10, f32x4.mul(x1, b0));
      c11 = f32x4.add(c11, f32x4.mul(x1, b1));
      const x2 = f32x4.splat(load<f32>(ap + 2 * ra));
      c20 = f32x4.add(c20, f32x4.mul(x2, b0));
      c21 = f32x4.add(c21, f32x4.mul(x2, b1));
      const x3 = f32x4.splat(load<f32>(ap + 3 * ra));
      c30 = f32x4.add(c30, f32x4.mul(x3, b0));
      c31 = f32x4.add(c31, f32x4.mul(x3, b1));
      bp += rb;
      ap += 4;
    }
    v128.store(cj, c00);
    v128.store(cj + 16, c01);
    v128.store(cj + rc, c10);
    v128.store(cj + rc + 16, c11);
    v128.store(cj + 2 * rc, c20);
    v128.store(cj + 2 * rc + 16, c21);
    v128.store(cj + 3 * rc, c30);
    v128.store(cj + 3 * rc + 16, c31);
  }
  for (; j + 4 <= n; j += 4) {
    const cj = c + <usize>j * 4;
    let c0 = start(cj, acc);
    let c1 = start(cj + rc, acc);
    let c2 = start(cj + 2 * rc, acc);
    let c3 = start(cj + 3 * rc, acc);
    let bp = b + <usize>j * 4;
    let ap = a;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp);
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(ap)), b0));
      c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(ap + ra)), b0));
      c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(ap + 2 * ra)), b0));
      c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(ap + 3 * ra)), b0));
      bp += rb;
      ap += 4;
    }
    v128.store(cj, c0);
    v128.store(cj + rc, c1);
    v128.store(cj + 2 * rc, c2);
    v128.store(cj + 3 * rc, c3);
  }
  for (; j < n; j++) {
    for (let r = 0; r < 4; r++) scalarCell(k, a + <usize>r * ra, b + <usize>j * 4, rb, c + <usize>r * rc + <usize>j * 4, acc);
  }
}

/**
 * One row of C: 32 columns at a time (eight sums in flight, as in rows4; with two, each add waits
 * for the one before it: 1.35× slower a row), then eight, four, one.
 */
function rows1(n: i32, k: i32, a: usize, b: usize, ldb: i32, c: usize, acc: bool): void {
  const rb = <usize>ldb * 4;
  let j = 0;
  for (; j + 32 <= n; j += 32) {
    stepAhead();
    const cj = c + <usize>j * 4;
    let c0 = start(cj, acc);
    let c1 = start(cj + 16, acc);
    let c2 = start(cj + 32, acc);
    let c3 = start(cj + 48, acc);
    let c4 = start(cj + 64, acc);
    let c5 = start(cj + 80, acc);
    let c6 = start(cj + 96, acc);
    let c7 = start(cj + 112, acc);
    let bp = b + <usize>j * 4;
    for (let p = 0; p < k; p++) {
      const x = f32x4.splat(load<f32>(a + <usize>p * 4));
      c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
      c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp + 16)));
      c2 = f32x4.add(c2, f32x4.mul(x, v128.load(bp + 32)));
      c3 = f32x4.add(c3, f32x4.mul(x, v128.load(bp + 48)));
      c4 = f32x4.add(c4, f32x4.mul(x, v128.load(bp + 64)));
      c5 = f32x4.add(c5, f32x4.mul(x, v128.load(bp + 80)));
      c6 = f32x4.add(c6, f32x4.mul(x, v128.load(bp + 96)));
      c7 = f32x4.add(c7, f32x4.mul(x, v128.load(bp + 112)));
      bp += rb;
    }
    v128.store(cj, c0);
    v128.store(cj + 16, c1);
    v128.store(cj + 32, c2);
    v128.store(cj + 48, c3);
    v128.store(cj + 64, c4);
    v128.store(cj + 80, c5);
    v128.store(cj + 96, c6);
    v128.store(cj + 112, c7);
  }
  for (; j + 8 <= n; j += 8) {
    const cj = c + <usize>j * 4;
    let c0 = start(cj, acc);
    let c1 = start(cj + 16, acc);
    let bp = b + <usize>j * 4;
    for (let p = 0; p < k; p++) {
      const x = f32x4.splat(load<f32>(a + <usize>p * 4));
      c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
      c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp + 16)));
      bp += rb;
    }
    v128.store(cj, c0);
    v128.store(cj + 16, c1);
  }
  for (; j + 4 <= n; j += 4) {
    const cj = c + <usize>j * 4;
    let c0 = start(cj, acc);
    let bp = b + <usize>j * 4;
    for (let p = 0; p < k; p++) {
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a + <usize>p * 4)), v128.load(bp)));
      bp += rb;
    }
    v128.store(cj, c0);
  }
  for (; j < n; j++) scalarCell(k, a, b + <usize>j * 4, rb, c + <usize>j * 4, acc);
}

function scalarCell(k: i32, a: usize, b: usize, rb: usize, c: usize, acc: bool): void {
  let s: f32 = acc ? load<f32>(c) : 0;
  for (let p = 0; p < k; p++) s += load<f32>(a + <usize>p * 4) * load<f32>(b + <usize>p * rb);
  store<f32>(c, s);
}

/** B[n×m] = Aᵀ for A[m×n] (both dense). */
export function transpose(m: i32, n: i32, a: usize, b: usize): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) store<f32>(b + <usize>(j * m + i) * 4, load<f32>(a + <usize>(i * n + j) * 4));
  }
}

/** tfjs's own products (cpu, and wasm's with a transposed operand) sum the inner dimension in blocks of this many. */
const BLOCK = 48;

/**
 * C[m×n] = A[m×k] · B[k×n] summed as tfjs's own matMul sums: blocks of 48 along k, each from zero,
 * added in order (so a gradient equals tfjs's to the bit). `tmp` holds m×n floats.
 */
export function gemmBlocked(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, tmp: usize): void {
  gemm(m, n, k < BLOCK ? k : BLOCK, a, lda, b, ldb, c, ldc, false);
  for (let k0 = BLOCK; k0 < k; k0 += BLOCK) {
    const kk = k - k0 < BLOCK ? k - k0 : BLOCK;
    gemm(m, n, kk, a + <usize>k0 * 4, lda, b + <usize>(k0 * ldb) * 4, ldb, tmp, n, false);
    addInto(m, n, c, ldc, tmp, n);
  }
}

/** C[m×n] += D[m×n]. */
export function addInto(m: i32, n: i32, c: usize, ldc: i32, d: usize, ldd: i32): void {
  for (let i = 0; i < m; i++) {
    const ci = c + <usize>(i * ldc) * 4;
    const di = d + <usize>(i * ldd) * 4;
    let j = 0;
    for (; j + 4 <= n; j += 4) v128.store(ci + <usize>j * 4, f32x4.add(v128.load(ci + <usize>j * 4), v128.load(di + <usize>j * 4)));
    for (; j < n; j++) store<f32>(ci + <usize>j * 4, load<f32>(ci + <usize>j * 4) + load<f32>(di + <usize>j * 4));
  }
}
