/**
 * Hand-made traces for the dense-vs-sparse counters and the meter's per-token change (one MoE layer,
 * the default shape: width 32, 8 experts of hidden 64, vocabulary 10), with their numbers by hand:
 *   embedding 10·32 = 320 (also the tied output head), router 32·8 = 256, one expert 3·32·64 = 6,144.
 *   Active parameters: 320 + 256 + used·6,144 → 2 experts 12,864; 1 expert 6,720; none 576.
 *   FLOPs (2 per weight used; the head once, the lookup free): 2·320 + 2·(256 + used·6,144)
 *     → 2 experts 25,728; 1 expert 13,440; none 1,152; dense (all 8) 2·320 + 2·(256 + 49,152) = 99,456.
 */
import { DEFAULT_CONFIG, expertShape, type MoeConfig } from '../src/core/config';
import { toyParams, type ToyParams } from '../src/core/params';
import type { Routing, TokenRoute } from '../src/core/router';
import { buildTrace, layerTrace, type LayerTrace, type Trace } from '../src/core/trace';

export const BY_HAND = {
  active: { two: 12864, one: 6720, none: 576 },
  flops: { two: 25728, one: 13440, none: 1152, dense: 99456 },
} as const;

const WORDS = ['the', 'red', 'fox', 'runs', 'home', 'now'];

/** One token's hand-made choices: weights default to 1/k each, router scores to 1/E each. */
export interface HandRoute {
  experts: number[];
  dropped: boolean[];
  weights?: number[];
  /** One per routed expert. */
  scores?: number[];
}

/**
 * A trace whose token t made the choices routes[t] (experts, and which of them were dropped), with
 * as many routed experts as the config's shape has (8 by default).
 */
export function handTrace(routes: HandRoute[], config: Partial<MoeConfig> = {}): Trace {
  const c: MoeConfig = { ...DEFAULT_CONFIG, ...config };
  const p = toyParams(c, 10);
  const layer = handLayer(0, routes, c, p, c.capacityFactor === null ? null : 1);
  const tokens = routes.map((_, i) => ({ text: WORDS[i % WORDS.length]!, id: i + 1, category: 'function' as const, unknown: false }));
  return buildTrace(c, tokens, false, [layer], p);
}

/**
 * One layer of a hand-made trace: token t made the choices routes[t]; demand, load, logits and costs
 * are filled in by the core's own layerTrace. `capacity` is the slots per expert (null: no limit).
 */
export function handLayer(index: number, routes: HandRoute[], c: MoeConfig, p: ToyParams, capacity: number | null): LayerTrace {
  const E = expertShape(c).experts;
  const demand = new Array<number>(E).fill(0);
  const load = new Array<number>(E).fill(0);
  const rs: TokenRoute[] = routes.map((r) => {
    r.experts.forEach((e, i) => {
      demand[e]!++;
      if (!r.dropped[i]) load[e]!++;
    });
    return { experts: r.experts, weights: r.weights ?? r.experts.map(() => 1 / Math.max(1, r.experts.length)), dropped: r.dropped };
  });
  const scores = new Float64Array(routes.length * E).fill(1 / E);
  routes.forEach((r, t) => r.scores?.forEach((s, e) => (scores[t * E + e] = s)));
  const routing: Routing = { scores, routes: rs, capacity, demand, load };
  return layerTrace(index, { routing, logits: new Float32Array(routes.length * E) }, c, p);
}

const two = (a: number, b: number) => ({ experts: [a, b], dropped: [false, false] });

/** Four tokens, capacity 1: 2 experts; one of two dropped; 2 experts; both dropped (skipped). */
export function mixedTrace(): Trace {
  return handTrace([two(0, 1), { experts: [0, 2], dropped: [true, false] }, two(3, 4), { experts: [3, 5], dropped: [true, true] }], {
    capacityFactor: 0.5,
  });
}

/** Four tokens, top-2, no limit: every token uses 2 experts (different ones). */
export function fixedTrace(): Trace {
  return handTrace([two(0, 1), two(2, 3), two(4, 5), two(6, 7)]);
}
