import { describe, expect, it } from 'vitest';
import { hashSeed, Rng } from '../../src/core/rng';

function draws(r: Rng, n: number): number[] {
  return Array.from({ length: n }, () => r.next());
}

function meanStd(a: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += ((a[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(v / a.length) };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = meanStd(a);
  const mb = meanStd(b);
  let c = 0;
  for (let i = 0; i < a.length; i++) c += ((a[i] as number) - ma.mean) * ((b[i] as number) - mb.mean);
  return c / a.length / (ma.std * mb.std);
}

describe('Rng', () => {
  it('the same seed gives the same sequence', () => {
    expect(draws(new Rng(42), 1000)).toEqual(draws(new Rng(42), 1000));
    expect(Array.from(new Rng(7).normals(501))).toEqual(Array.from(new Rng(7).normals(501)));
  });

  it('different seeds give different sequences', () => {
    expect(draws(new Rng(1), 10)).not.toEqual(draws(new Rng(2), 10));
    expect(draws(new Rng(0), 10)).not.toEqual(draws(new Rng(1), 10));
  });

  it('the seed is taken as an unsigned 32-bit integer', () => {
    expect(draws(new Rng(-1), 5)).toEqual(draws(new Rng(4294967295), 5));
    expect(draws(new Rng(2 ** 32 + 3), 5)).toEqual(draws(new Rng(3), 5));
  });

  it('next() is uniform in [0, 1)', () => {
    const r = new Rng(123);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      total += u;
      const b = Math.floor(u * 10);
      bins[b] = (bins[b] as number) + 1;
    }
    expect(total / n).toBeGreaterThan(0.49);
    expect(total / n).toBeLessThan(0.51);
    // Each tenth holds 10 000 ± 300 (about 3 standard deviations is ±285).
    for (const count of bins) {
      expect(count).toBeGreaterThan(9_600);
      expect(count).toBeLessThan(10_400);
    }
  });

  it('normals have mean ≈ 0 and std ≈ 1 over 100k samples', () => {
    const x = new Rng(2024).normals(100_000);
    expect(x).toBeInstanceOf(Float32Array);
    expect(x).toHaveLength(100_000);
    const { mean, std } = meanStd(x);
    // Standard error of the mean is 1/√100000 ≈ 0.003; of the std ≈ 0.0022.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(std - 1)).toBeLessThan(0.015);
    // About 68.3 % within one standard deviation, 95.4 % within two.
    let one = 0;
    let two = 0;
    for (const v of x) {
      if (Math.abs(v) < 1) one++;
      if (Math.abs(v) < 2) two++;
    }
    expect(one / x.length).toBeGreaterThan(0.675);
    expect(one / x.length).toBeLessThan(0.69);
    expect(two / x.length).toBeGreaterThan(0.95);
    expect(two / x.length).toBeLessThan(0.958);
  });

  it('normals(n, std) scales the standard deviation', () => {
    const a = new Rng(5).normals(1000);
    const b = new Rng(5).normals(1000, 3);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo((a[i] as number) * 3, 4);
    expect(new Rng(5).normals(0)).toHaveLength(0);
  });

  it('normal() uses both Box–Muller outputs: two normals consume two uniforms', () => {
    const r = new Rng(9);
    r.normal();
    r.normal();
    const after = r.next();
    const ref = new Rng(9);
    ref.next();
    ref.next();
    expect(after).toBe(ref.next());
  });

  it('all values are finite', () => {
    const x = new Rng(0).normals(50_000);
    for (const v of x) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('streams', () => {
  it('a named stream is reproducible', () => {
    expect(draws(Rng.stream(1, 'layer', 0, 'router', 3), 20)).toEqual(draws(Rng.stream(1, 'layer', 0, 'router', 3), 20));
    expect(draws(Rng.stream(1, 'x'), 5)).toEqual(draws(new Rng(hashSeed(1, 'x')), 5));
  });

  it('different names or seeds give different streams', () => {
    const a = draws(Rng.stream(1, 'expert', 0), 10);
    expect(draws(Rng.stream(1, 'expert', 1), 10)).not.toEqual(a);
    expect(draws(Rng.stream(2, 'expert', 0), 10)).not.toEqual(a);
    expect(draws(Rng.stream(1, 'router', 0), 10)).not.toEqual(a);
  });

  it('drawing from one stream does not move another', () => {
    const fresh = draws(Rng.stream(3, 'b'), 50);
    const a = Rng.stream(3, 'a');
    const b = Rng.stream(3, 'b');
    draws(a, 1000);
    expect(draws(b, 50)).toEqual(fresh);
  });

  it('streams are uncorrelated', () => {
    const a = Rng.stream(1, 'expert', 0).normals(20_000);
    const b = Rng.stream(1, 'expert', 1).normals(20_000);
    const c = Rng.stream(2, 'expert', 0).normals(20_000);
    // Standard error of a correlation over 20k samples ≈ 0.007.
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.03);
    expect(Math.abs(correlation(a, c))).toBeLessThan(0.03);
  });
});

describe('hashSeed', () => {
  it('is a deterministic unsigned 32-bit integer', () => {
    const h = hashSeed(1, 'layer', 0);
    expect(h).toBe(hashSeed(1, 'layer', 0));
    expect(Number.isInteger(h)).toBe(true);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
  });

  it('differs by part, by seed and by order', () => {
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(1, 'b'));
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(2, 'a'));
    expect(hashSeed(1, 'a', 'b')).not.toBe(hashSeed(1, 'b', 'a'));
    expect(hashSeed(1, 'layer', 0)).not.toBe(hashSeed(1, 'layer', 1));
    expect(hashSeed(1)).not.toBe(hashSeed(1, 'a'));
    expect(hashSeed(0)).not.toBe(hashSeed(1));
  });

  it('has no collisions over the names the model uses', () => {
    const seen = new Set<number>();
    let n = 0;
    for (const seed of [0, 1, 2]) {
      for (let layer = 0; layer < 4; layer++) {
        for (const m of [1, 2, 4, 8]) {
          for (let e = 0; e < 256; e++) {
            seen.add(hashSeed(seed, 'layer', layer, 'router', m, e));
            seen.add(hashSeed(seed, 'layer', layer, 'expert', m, e, 'gate'));
            n += 2;
          }
        }
      }
    }
    expect(seen.size).toBe(n);
  });
});

describe('hashSeed part boundaries', () => {
  it('does not confuse parts that join to the same text', () => {
    expect(hashSeed(1, 'a', 'b')).not.toBe(hashSeed(1, 'a/b'));
    expect(hashSeed(1, 'a', 'b')).not.toBe(hashSeed(1, 'ab'));
    expect(hashSeed(1, 'expert', 12)).not.toBe(hashSeed(1, 'expert', 1, 2));
  });
});
