/**
 * Seeded randomness. Every random number in moe-lab (weight initialisation, router noise, random
 * probe vectors) comes from here, so one integer seed reproduces a whole view.
 *
 * The generator is mulberry32 (32-bit state, period 2^32): tiny, fast and good enough for
 * initialising a toy network. Independent streams are derived by hashing the seed with a name, so
 * that e.g. expert 3's weights do not change when an expert 9 is added.
 */

/** 32-bit FNV-1a over the seed and the parts, finished with a murmur3 mix. */
export function hashSeed(seed: number, ...parts: (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193);
  // Length-prefixed, so that ('a', 'b') and ('a/b') or ('ab') never share a stream.
  const text = parts.map((p) => `${String(p).length}:${p}`).join('');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream named by parts, independent of other names under the same seed. */
  static stream(seed: number, ...parts: (string | number)[]): Rng {
    return new Rng(hashSeed(seed, ...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal N(0, 1) by the Box–Muller transform. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** n samples of N(0, std²). */
  normals(n: number, std = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal() * std;
    return out;
  }
}
