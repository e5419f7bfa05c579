/**
 * Hand-made multi-layer traces for the layers view's tests: each layer's routes written out, the rest
 * (logits, demand, load, costs) filled in by the core's own layerTrace and buildTrace.
 */
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { toyParams } from '../../../src/core/params';
import type { Routing, TokenRoute } from '../../../src/core/router';
import { buildTrace, layerTrace, type Trace } from '../../../src/core/trace';

/** [experts best first, weights, dropped]: one token's route at one layer. */
export type Route = [number[], number[], boolean[]?];

export function handTrace(words: string[], layers: Route[][], experts = 8): Trace {
  const config = { ...DEFAULT_CONFIG, routedExperts: experts, topK: layers[0]?.[0]?.[0].length ?? 1, layers: layers.length };
  const p = toyParams(config, 20);
  const n = words.length;
  const built = layers.map((routes, l) => {
    const rs: TokenRoute[] = routes.map(([ex, w, d]) => ({ experts: ex, weights: w, dropped: d ?? ex.map(() => false) }));
    const demand = Array.from({ length: experts }, (_, e) => rs.filter((r) => r.experts.includes(e)).length);
    const load = Array.from({ length: experts }, (_, e) => rs.filter((r) => r.experts.some((x, j) => x === e && !r.dropped[j])).length);
    const routing: Routing = { scores: new Float64Array(n * experts).fill(1 / experts), routes: rs, capacity: null, demand, load };
    return layerTrace(l, { routing, logits: new Float32Array(n * experts) }, config, p);
  });
  const tokens = words.map((text, i) => ({ text, id: i + 1, category: 'object' as const, unknown: false }));
  return buildTrace(config, tokens, false, built, p);
}

/** A seeded (mulberry32) trace of `n` tokens over `layers` layers and `experts` experts, top-2. */
export function bigTrace(n: number, layers: number, experts: number, seed = 7): Trace {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words = Array.from({ length: n }, (_, i) => `word${i}`);
  const all = Array.from({ length: layers }, () =>
    words.map((): Route => {
      const a = Math.floor(rnd() * experts);
      const b = (a + 1 + Math.floor(rnd() * (experts - 1))) % experts;
      const w = 0.5 + rnd() * 0.5;
      return [
        [a, b],
        [w, 1 - w],
        (() => {
          const d = rnd() < 0.08;
          return [d, d && rnd() < 0.5];
        })(),
      ];
    }),
  );
  return handTrace(words, all, experts);
}
