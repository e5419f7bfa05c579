/**
 * Hand-made multi-layer traces for the layers view's tests: each layer's routes written out, the rest
 * (logits, demand, load, costs) filled in by the core's own layerTrace (through ../../flop-traces'
 * handLayer) and buildTrace.
 */
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { toyParams } from '../../../src/core/params';
import { buildTrace, type Trace } from '../../../src/core/trace';
import { handLayer } from '../../flop-traces';

/** [experts best first, weights, dropped]: one token's route at one layer. */
export type Route = [number[], number[], boolean[]?];

export function handTrace(words: string[], layers: Route[][], experts = 8): Trace {
  const config = { ...DEFAULT_CONFIG, routedExperts: experts, topK: layers[0]?.[0]?.[0].length ?? 1, layers: layers.length };
  const p = toyParams(config, 20);
  const built = layers.map((routes, l) =>
    handLayer(
      l,
      routes.map(([ex, w, d]) => ({ experts: ex, weights: w, dropped: d ?? ex.map(() => false) })),
      config,
      p,
      null,
    ),
  );
  const tokens = words.map((text, i) => ({ text, id: i + 1, category: 'object' as const, unknown: false }));
  return buildTrace(config, tokens, false, built, p);
}

/**
 * Three words, two layers, 8 experts, top-2. Layer 1: the → E2, fox → E5, runs → E2. Layer 2: the → E1,
 * fox → E0 (its first choice E3 dropped), runs → none (both choices dropped).
 */
export function threeWords(): Trace {
  return handTrace(
    ['the', 'fox', 'runs'],
    [
      [
        [
          [2, 0],
          [0.6, 0.4],
        ],
        [
          [5, 1],
          [0.7, 0.3],
        ],
        [
          [2, 7],
          [0.55, 0.45],
        ],
      ],
      [
        [
          [1, 4],
          [0.8, 0.2],
        ],
        [
          [3, 0],
          [0.65, 0.35],
          [true, false],
        ],
        [
          [6, 2],
          [0.5, 0.5],
          [true, true],
        ],
      ],
    ],
  );
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
