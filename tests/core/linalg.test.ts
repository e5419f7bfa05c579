import { describe, expect, it } from 'vitest';
import { lowRank, matmul, svd, symmetricEigen, transpose } from '../../src/core/linalg';
import { Rng } from '../../src/core/rng';

const random = (n: number, seed = 7) => Float64Array.from(Rng.stream(seed, 'linalg-test').normals(n));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};
const identity = (n: number) => Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
const frob = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));

describe('symmetricEigen (Jacobi)', () => {
  it('finds the eigenvalues of a matrix worked by hand, largest first', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 (vector (1, 1)/√2) and 1 (vector (1, −1)/√2).
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0] as number)).toBeCloseTo(Math.SQRT1_2, 12);
    expect((vectors[0] as number) * (vectors[2] as number)).toBeGreaterThan(0);
    expect((vectors[1] as number) * (vectors[3] as number)).toBeLessThan(0);
  });

  it('a diagonal matrix is already decomposed', () => {
    const { values } = symmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], 3);
    expect(Array.from(values)).toEqual([5, 3, 1]);
  });

  it('A = V·diag(λ)·Vᵀ and VᵀV = I on a random 32 × 32 Gram matrix', () => {
    const n = 32;
    const w = random(n * 48);
    const a = matmul(w, transpose(w, n, 48), n, 48, n);
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i - 1]).toBeGreaterThanOrEqual(values[i] as number);
    expect(maxAbsDiff(matmul(transpose(vectors, n, n), vectors, n, n, n), identity(n))).toBeLessThan(1e-12);
    const scaled = Float64Array.from(vectors, (x, i) => x * (values[i % n] as number));
    expect(maxAbsDiff(matmul(scaled, transpose(vectors, n, n), n, n, n), a) / frob(a)).toBeLessThan(1e-12);
  });

  it('is deterministic, with the sign of each eigenvector fixed', () => {
    const w = random(16 * 16, 3);
    const a = matmul(w, transpose(w, 16, 16), 16, 16, 16);
    expect(symmetricEigen(a, 16)).toEqual(symmetricEigen(a, 16));
  });

  it('refuses a wrong size', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(expect.objectContaining({ code: 'eigen.size', args: { expected: 4, got: 3 } }));
  });
});

describe('svd and lowRank', () => {
  it('W = U·diag(σ)·Vᵀ for a wide and a tall matrix', () => {
    for (const [r, c] of [
      [32, 64],
      [20, 8],
    ] as const) {
      const w = random(r * c, r);
      const d = svd(w, r, c);
      const k = Math.min(r, c);
      expect(d.values.length).toBe(k);
      const us = Float64Array.from(d.u, (x, i) => x * (d.values[i % k] as number));
      expect(maxAbsDiff(matmul(us, d.vt, r, k, c), w)).toBeLessThan(1e-10);
    }
  });

  it('full rank reproduces W; rank r leaves the Eckart–Young error √(Σ discarded σ²)', () => {
    const [r, c] = [32, 64];
    const w = random(r * c, 11);
    const d = svd(w, r, c);
    const full = lowRank(w, r, c, 32, d);
    expect(maxAbsDiff(matmul(full.down, full.up, r, 32, c), w)).toBeLessThan(1e-10);
    for (const rank of [1, 8, 20]) {
      const f = lowRank(w, r, c, rank, d);
      const approx = matmul(f.down, f.up, r, rank, c);
      const err = frob(Float64Array.from(approx, (x, i) => x - (w[i] as number)));
      const expected = Math.sqrt(Array.from(d.values.slice(rank)).reduce((s, x) => s + x * x, 0));
      expect(err).toBeCloseTo(expected, 8);
    }
  });

  it('refuses a rank out of range', () => {
    expect(() => lowRank(random(6), 2, 3, 3)).toThrow(expect.objectContaining({ code: 'lowRank.rank', args: { value: 3, max: 2 } }));
    expect(() => lowRank(random(6), 2, 3, 0)).toThrow(expect.objectContaining({ code: 'lowRank.rank', args: { value: 0, max: 2 } }));
  });
});
