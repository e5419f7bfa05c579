/**
 * Routing one random token at real scale: a random token vector x (hidden wide) and a random
 * router matrix W (experts × hidden) give the logits W·x, and the model's own router rule (from
 * its config) picks the experts. No real weights are loaded, so WHICH experts win means nothing;
 * the rule, the sizes and the work (experts × hidden multiply-adds per token) are the real ones.
 *
 * A pure function of the seeds: the router matrix comes from `weightSeed` (fixed per model, like
 * trained weights would be) and the token from `seed`, all through src/core/rng.ts.
 */
import { CodedError } from './coded';
import { gateWeights, sigmoid, softmax, softmaxGates, softplus } from './gate-math';
import { keepGroups } from './router';
import { topKIndices } from './top-k';
import type { RouterRule } from './real-config';
import { Rng } from './rng';
import { scaleModelFromConfig, type ScaleModel } from './scale-model';

/**
 * Most multiply-adds routed in one call: experts × hidden size (DeepSeek-V3: 256 × 7,168 ≈ 1.8M;
 * Kimi K2: 384 × 7,168 ≈ 2.8M; 1,024 × 4,096 fits). Bounds one route once the router is drawn
 * (a few milliseconds) and the router weights kept (16 MB as float32).
 */
export const MAX_ROUTE_WORK = 2 ** 22;
/** Router weights drawn per step of drawRouterWeights: a few milliseconds of work. */
export const DRAW_SLICE = 2 ** 17;

/** The error routeRandomToken throws for a router too large to route, by code (see ./coded). */
export interface RouteMessages {
  'route.tooMuchWork': { work: number; max: number };
}
export type RouteError = CodedError<'route.tooMuchWork', RouteMessages['route.tooMuchWork']>;

export interface RouteTarget {
  hidden: number;
  experts: number;
  topK: number;
  shared: number;
  router: RouterRule;
}

export interface RealRoute {
  seed: number;
  /** Per routed expert: softmax probability or sigmoid affinity. */
  scores: number[];
  /** Chosen routed experts, best first, and their gate weights. */
  chosen: number[];
  weights: number[];
  /** Grouped routers: every group's score, and the groups kept (best first). */
  groupScores: number[] | null;
  keptGroups: number[] | null;
  /** Qwen2-MoE: sigmoid gate on the shared expert. */
  sharedGate: number | null;
  /** Multiply-adds the router did for this token (noise and shared gates included). */
  multiplyAdds: number;
}

/** Accepts a ScaleModel (or anything with the RouteTarget fields) or a raw config.json object. */
function targetOf(input: RouteTarget | ScaleModel | unknown): RouteTarget {
  if (typeof input === 'object' && input !== null && 'router' in input && 'hidden' in input) {
    const m = input as Partial<ScaleModel> & Partial<RouteTarget>;
    if (m.layer)
      return {
        hidden: m.hidden as number,
        experts: m.layer.experts,
        topK: m.layer.topK,
        shared: m.layer.shared,
        router: m.router as RouterRule,
      };
    return m as RouteTarget;
  }
  const model = scaleModelFromConfig(input, { id: 'config', name: 'config' });
  return targetOf(model);
}

/** Most router weights kept between calls (entries; 32 MB as float32): the last few routers drawn. */
const CACHE_ENTRIES = 2 ** 23;
const cache = new Map<string, Float32Array>();

function keep(key: string, m: Float32Array): void {
  let kept = m.length;
  for (const v of cache.values()) kept += v.length;
  for (const [k, v] of cache) {
    if (cache.size < 4 && kept <= CACHE_ENTRIES) break;
    cache.delete(k);
    kept -= v.length;
  }
  cache.set(key, m);
}

/**
 * The rows × d matrix W ~ N(0, 1) drawn row by row from a named stream, rounded to float32, `slice`
 * numbers per step: yields the share drawn after each step but the last, and returns the matrix. The
 * last few are memoised (a pure function of its arguments), so routing another token at V3 scale
 * costs the 1.8M multiply-adds, not 1.8M fresh random numbers.
 */
function* drawMatrix(seed: number, name: string, rows: number, d: number, slice: number): Generator<number, Float32Array, void> {
  const key = `${seed}|${name}|${rows}|${d}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = new Float32Array(rows * d);
  const rng = Rng.stream(seed, name, rows, d);
  for (let i = 0; i < m.length;) {
    const end = Math.min(m.length, i + slice);
    for (; i < end; i++) m[i] = rng.normal();
    if (i < m.length) yield i / m.length;
  }
  keep(key, m);
  return m;
}

/** drawMatrix in one go. */
function randomMatrix(seed: number, name: string, rows: number, d: number): Float32Array {
  const steps = drawMatrix(seed, name, rows, d, Infinity);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** W·x / √d with W ~ N(0, 1) from the named stream (so every output is about N(0, 1) when x is). */
function randomProjection(seed: number, name: string, x: Float32Array, rows: number): Float64Array {
  const d = x.length;
  const std = 1 / Math.sqrt(d);
  const out = new Float64Array(rows);
  const w = randomMatrix(seed, name, rows, d);
  for (let e = 0; e < rows; e++) {
    let s = 0;
    const o = e * d;
    for (let j = 0; j < d; j++) s += (w[o + j] as number) * (x[j] as number);
    out[e] = s * std;
  }
  return out;
}

/** Whether routing `input` will reuse router weights already drawn (else the call also draws them). */
export function routerWeightsCached(input: RouteTarget | ScaleModel | unknown, weightSeed = 0): boolean {
  const t = targetOf(input);
  return cache.has(`${weightSeed}|scale-router|${t.experts}|${t.hidden}`);
}

/**
 * Draws the router weights of `input` ahead of routeRandomToken, `slice` numbers per step, so that
 * a page can spread the drawing over several tasks: each step but the last yields the share drawn.
 * The same numbers as routeRandomToken would draw; a router past MAX_ROUTE_WORK draws nothing
 * (routing it throws).
 */
export function* drawRouterWeights(
  input: RouteTarget | ScaleModel | unknown,
  weightSeed = 0,
  slice = DRAW_SLICE,
): Generator<number, void, void> {
  const t = targetOf(input);
  if (routeWork(t) > MAX_ROUTE_WORK) return;
  yield* drawMatrix(weightSeed, 'scale-router', t.experts, t.hidden, slice);
}

/** Multiply-adds to route one token through `t` (noise and shared gates included). */
function routeWork(t: RouteTarget): number {
  return t.experts * t.hidden * (t.router.noise > 0 ? 2 : 1) + (t.router.sharedGate ? t.hidden : 0);
}

/**
 * Routes a random token with the model's router rule. Throws if the router is larger than
 * MAX_ROUTE_WORK multiply-adds (counting still works for such configs).
 */
export function routeRandomToken(input: RouteTarget | ScaleModel | unknown, seed: number, weightSeed = 0): RealRoute {
  const t = targetOf(input);
  const { hidden: d, experts: E, topK: k, router: rule } = t;
  const work = routeWork(t);
  if (work > MAX_ROUTE_WORK) {
    throw new CodedError('route.tooMuchWork', { work, max: MAX_ROUTE_WORK }) satisfies RouteError;
  }
  // x: a token's hidden state after RMS norm has root-mean-square 1, like N(0, 1) entries.
  const x = Rng.stream(seed, 'scale-token', d).normals(d);
  // W ~ N(0, 1/d), so every logit is about N(0, 1).
  const logits = randomProjection(weightSeed, 'scale-router', x, E);
  if (rule.noise > 0) {
    // Noisy top-k: h = x·W + ε·softplus(x·W_noise)·noise, ε ~ N(0, 1).
    const noiseLogits = randomProjection(weightSeed, 'scale-router-noise', x, E);
    const eps = Rng.stream(seed, 'scale-noise', E);
    for (let e = 0; e < E; e++) logits[e] = (logits[e] as number) + eps.normal() * softplus(noiseLogits[e] as number) * rule.noise;
  }

  const routed = routeLogits(rule, logits, k);

  let sharedGate: number | null = null;
  if (rule.sharedGate) {
    const g = randomProjection(weightSeed, 'scale-shared-gate', x, 1);
    sharedGate = sigmoid(g[0] as number);
  }
  return { seed, ...routed, sharedGate, multiplyAdds: work };
}

/**
 * One token's router logits through a model's router rule: scores, the groups kept, the k chosen
 * and their gate weights (src/core/gate-math.ts softmaxGates and gateWeights, the rules the toy routers
 * use too).
 */
export function routeLogits(
  rule: RouterRule,
  logits: ArrayLike<number>,
  k: number,
): Pick<RealRoute, 'scores' | 'chosen' | 'weights' | 'groupScores' | 'keptGroups'> {
  const E = logits.length;
  const scores = rule.scoring === 'sigmoid' ? Array.from(logits, sigmoid) : softmax(logits);
  // The selection bias (DeepSeek-V3's e_score_correction_bias) is learned in training; zero here.
  const selection = scores;
  let groupScores: number[] | null = null;
  let keptGroups: number[] | null = null;
  let chosen: number[];
  if (rule.nGroup > 1) {
    const size = E / rule.nGroup;
    groupScores = Array.from({ length: rule.nGroup }, (_, g) => {
      const members = selection.slice(g * size, (g + 1) * size);
      const best = topKIndices(members, rule.groupScore === 'top2-sum' ? Math.min(2, size) : 1);
      return best.reduce((a, i) => a + (members[i] as number), 0);
    });
    keptGroups =
      rule.groupScore === 'top2-sum' ? keepGroups(selection, rule.nGroup, rule.topkGroup, size) : topKIndices(groupScores, rule.topkGroup);
    const kept = new Set(keptGroups);
    chosen = topKIndices(selection, k, (e) => kept.has(Math.floor(e / size)));
  } else {
    chosen = topKIndices(selection, k);
  }
  const weights =
    rule.scoring === 'sigmoid'
      ? gateWeights(
          chosen.map((e) => scores[e] as number),
          rule.normalise,
          rule.scale,
        )
      : softmaxGates(logits, 0, E, chosen, rule.normalise, scores, rule.scale);
  return { scores, chosen, weights, groupScores, keptGroups };
}
