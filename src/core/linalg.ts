/**
 * Small dense linear algebra in plain TypeScript (float64), for the tiny matrices of the latent
 * attention toy. tfjs-core has no eigen-decomposition or SVD, and these matrices are 32 × 32, so a
 * textbook method is instant and, unlike training, exact and deterministic.
 *
 * Matrices are row-major Float64Arrays: entry (i, j) of an r × c matrix is a[i * c + j].
 */
import { CodedError } from './coded';

export interface Eigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** n × n, row-major; column k is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations (Golub & Van Loan,
 * Matrix Computations §8.5; the update formulas of Numerical Recipes' `jacobi`). Each rotation
 * zeroes one off-diagonal pair; sweeps repeat until the off-diagonal part is negligible (convergence
 * is quadratic, a handful of sweeps for n = 32). Eigenvectors come out orthonormal to rounding error.
 * Each eigenvector's sign is fixed (its largest entry positive) so that the result is reproducible.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): Eigen {
  if (matrix.length !== n * n) throw new CodedError('eigen.size', { expected: n * n, got: matrix.length });
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += (a[i] as number) ** 2;
  const tol = 1e-30 * Math.max(scale, Number.MIN_VALUE);

  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off <= tol) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        // The rotation angle that zeroes a_pq: tan φ = t, the smaller root of t² + 2θt − 1 = 0.
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          const np = c * akp - s * akq;
          const nq = s * akp + c * akq;
          a[k * n + p] = np;
          a[p * n + k] = np;
          a[k * n + q] = nq;
          a[q * n + k] = nq;
        }
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (a[j * n + j] as number) - (a[i * n + i] as number) || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src] as number;
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k * n + src] as number) > Math.abs(v[big * n + src] as number)) big = k;
    const sign = (v[big * n + src] as number) < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = sign * (v[k * n + src] as number);
  });
  return { values, vectors };
}

/** r × c times c × m. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, r: number, c: number, m: number): Float64Array {
  const out = new Float64Array(r * m);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < c; k++) {
      const aik = a[i * c + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return out;
}

/** Transpose of an r × c matrix. */
export function transpose(a: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j] as number;
  return out;
}

export interface Svd {
  /** Singular values, largest first; min(rows, cols) of them. */
  values: Float64Array;
  /** rows × k: left singular vectors as columns (k = min(rows, cols)). */
  u: Float64Array;
  /** k × cols: right singular vectors as rows. */
  vt: Float64Array;
  rows: number;
  cols: number;
}

/**
 * Thin singular value decomposition W = U·diag(σ)·Vᵀ of a small rows × cols matrix, through the
 * eigen-decomposition of the smaller Gram matrix (W·Wᵀ or Wᵀ·W; its eigenvalues are σ²). Squaring
 * loses precision on tiny singular values, which does not matter here: the toy only keeps the top
 * ones, and at full rank U·Uᵀ = I exactly (up to rounding), whatever the small σ are.
 */
export function svd(w: ArrayLike<number>, rows: number, cols: number): Svd {
  const k = Math.min(rows, cols);
  if (rows <= cols) {
    const { values, vectors } = symmetricEigen(matmul(w, transpose(w, rows, cols), rows, cols, rows), rows);
    const sigma = values.map((x) => Math.sqrt(Math.max(0, x)));
    // vᵢ = Wᵀuᵢ/σᵢ; a zero σ gets a zero row (it never contributes to a reconstruction).
    const ut = transpose(vectors, rows, rows);
    const vt = matmul(ut, w, rows, rows, cols);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < cols; j++) vt[i * cols + j] = (sigma[i] as number) > 0 ? (vt[i * cols + j] as number) / (sigma[i] as number) : 0;
    return { values: sigma, u: vectors, vt, rows, cols };
  }
  const t = svd(transpose(w, rows, cols), cols, rows);
  return { values: t.values, u: transpose(t.vt, k, rows), vt: transpose(t.u, cols, k), rows, cols };
}

export interface LowRank {
  /** rows × rank: the down-projection. */
  down: Float64Array;
  /** rank × cols: the up-projection. */
  up: Float64Array;
  rank: number;
}

/**
 * The best rank-r factorisation W ≈ down·up in the least-squares sense (Eckart–Young): down = U_r,
 * up = U_rᵀ·W = diag(σ_r)·V_rᵀ. With down orthonormal, x·down is the projection of x onto the top r
 * left singular directions. At r = rank(W) it reproduces W exactly.
 */
export function lowRank(w: ArrayLike<number>, rows: number, cols: number, rank: number, decomposition: Svd = svd(w, rows, cols)): LowRank {
  const k = Math.min(rows, cols);
  if (!Number.isInteger(rank) || rank < 1 || rank > k) throw new CodedError('lowRank.rank', { value: rank, max: k });
  const down = new Float64Array(rows * rank);
  for (let i = 0; i < rows; i++) for (let j = 0; j < rank; j++) down[i * rank + j] = decomposition.u[i * k + j] as number;
  const up = matmul(transpose(down, rows, rank), w, rank, rows, cols);
  return { down, up, rank };
}
