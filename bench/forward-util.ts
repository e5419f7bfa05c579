/**
 * One MoE layer forward as the app runs it, and the interleaved median timing, shared by the forward
 * benchmark (bench/forward.ts) and the side-by-side one (bench/peers-moe.ts).
 */
import { dispose, tensor2d, type Tensor2D } from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type MoeConfig } from '../src/core/config';
import { assignmentsOf, gateMatrix, MoeLayer } from '../src/core/moe-layer';
import { Rng } from '../src/core/rng';

export type Mode = 'sparse' | 'dense';

/** Time to spend on the timed repetitions of one cell, by default (slow cells still get MIN_REPS). */
export const BUDGET_MS = 1500;
const MIN_REPS = 3;
const MAX_REPS = 60;
/** A single call slower than this is its own warm-up (JIT warm-up is negligible next to it). */
const SLOW_MS = 1500;

/** A layer of E SwiGLU experts (top-k, softmax router, no capacity limit, no shared experts). */
export function layerFor(E: number, k: number, width: number, hidden: number): MoeLayer {
  const config: MoeConfig = {
    ...DEFAULT_CONFIG,
    modelWidth: width,
    expertHidden: hidden,
    routedExperts: E,
    topK: k,
    router: 'softmax-topk',
    capacityFactor: null,
  };
  return new MoeLayer(config, 0);
}

/** T seeded N(0, 1) tokens of the given width. */
export function inputFor(T: number, width: number): Tensor2D {
  return tensor2d(Rng.stream(DEFAULT_CONFIG.seed, 'bench', 'forward', T).normals(T * width), [T, width]);
}

/** Wall time of one forward and of its routing part (router logits, their top k, routing in JS). */
export interface Timing {
  total: number;
  route: number;
}

/**
 * One layer forward as a training step's routing pass runs it (a route for the choices only: on
 * wasm the top k are ranked on the router's logits where they lie in the heap, and only the
 * choices come back), synced by reading the output back.
 */
export async function forward(layer: MoeLayer, h: Tensor2D, mode: Mode, timing?: Timing): Promise<Float32Array> {
  const t0 = performance.now();
  const E = layer.shape.experts;
  const { routing } = await layer.route(h, 0, null, true);
  const t1 = performance.now();
  const y = mode === 'sparse' ? layer.sparse(h, assignmentsOf(routing, E)) : layer.dense(h, gateMatrix(routing, E));
  try {
    return (await y.data()) as Float32Array;
  } finally {
    dispose(y);
    if (timing) {
      timing.total = performance.now() - t0;
      timing.route = t1 - t0;
    }
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface Measured {
  /** Median wall time of the whole forward. */
  ms: number;
  /** Median time of the routing part. */
  route: number;
  /** Median of (whole − routing): the experts, the combine and the output read-back. */
  experts: number;
  reps: number;
}

/**
 * Median times of several forwards measured together. Each is warmed up (at least one call,
 * ~150 ms) and gets as many repetitions as fill the budget (at least MIN_REPS); the repetitions of
 * all of them are then interleaved, spread evenly over the same stretch of time, so that a burst of
 * load from elsewhere on the machine hits them alike.
 */
export async function measureTogether(fs: ((t: Timing) => Promise<unknown>)[], budgetMs = BUDGET_MS): Promise<Measured[]> {
  const jobs: { once: () => Promise<Timing>; runs: Timing[]; reps: number }[] = [];
  for (const f of fs) {
    const once = async (): Promise<Timing> => {
      const t: Timing = { total: 0, route: 0 };
      await f(t);
      return t;
    };
    const first = await once();
    const runs: Timing[] = [];
    let estimate = first.total;
    if (first.total >= SLOW_MS) {
      runs.push(first);
    } else {
      let warm = first.total;
      for (let i = 0; i < 10 && warm < 150; i++) warm += (await once()).total;
      estimate = (await once()).total;
    }
    const reps = Math.min(MAX_REPS, Math.max(MIN_REPS, Math.round(budgetMs / Math.max(estimate, 0.01))));
    jobs.push({ once, runs, reps });
  }
  const rounds = Math.max(...jobs.map((j) => j.reps));
  for (let r = 0; r < rounds; r++) {
    for (const j of jobs) {
      // Job j runs in round r when its share of the rounds so far reaches a new whole repetition.
      if (Math.floor(((r + 1) * j.reps) / rounds) > Math.floor((r * j.reps) / rounds) && j.runs.length < j.reps)
        j.runs.push(await j.once());
    }
  }
  return jobs.map(({ runs }) => ({
    ms: median(runs.map((r) => r.total)),
    route: median(runs.map((r) => r.route)),
    experts: median(runs.map((r) => r.total - r.route)),
    reps: runs.length,
  }));
}

export const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
