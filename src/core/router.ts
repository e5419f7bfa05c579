/**
 * The four routers as plain math over router logits read back from the model. Pure functions of
 * numbers: they pick experts, compute gate weights and apply capacity. The tensor side (logits,
 * expert networks) lives in moe-layer.ts.
 *
 *  softmax-topk   (Mixtral)        top-k of the logits h, then softmax over those k.
 *  noisy-topk     (Shazeer 2017)   h = logits + ε·softplus(noise logits), ε ~ N(0,1); top-k; softmax.
 *  sigmoid-bias   (DeepSeek-V3)    s = sigmoid(h); selection on s + b within the best groups;
 *                                  weights = s of the chosen, renormalised, times the route scale.
 * "Softmax over the k chosen" is the softmax over all experts renormalised over the chosen; with
 * `normalise` false (the Switch Transformer's rule) the weights stay the probabilities over all
 * experts (or the raw sigmoid scores), so at k = 1 the router still gets a gradient from the task.
 *  expert-choice  (Zhou 2022)      p = softmax(h) over experts; each expert takes its top-c tokens.
 *
 * Switching experts off (RouterInput.ablation, DeepSeekMoE's ablations) changes no weight and only the
 * selection: a switched-off expert's selection value counts as −∞ (softmax-topk: the logit; noisy-topk:
 * logit + noise; sigmoid-bias: s + b, within the groups kept as without the ablation), so the token takes
 * its next best in the same order; expert choice: a switched-off expert takes no tokens (and an expert
 * whose pair with a token is switched off takes its next best token instead). The scores (softmax over
 * all experts, or sigmoid affinities) are computed as without the ablation, and the gate weights come
 * from them by the usual rule: renormalised over the chosen (identical to leaving the expert out of the
 * softmax) or, with `normalise` false, the full model's probabilities. So switching off an expert that
 * no token chose changes nothing at all, and with no ablation the routing is the same as before.
 */
import type { RouterKind } from './config';
import { gateWeights, rowView, sigmoid, softmaxGates, softmaxInto } from './gate-math';
import { SMALL_K, topKIndices, topKSmall } from './top-k';

export interface RouterSpec {
  kind: RouterKind;
  /** Routed experts (after fine-grained splitting). */
  experts: number;
  /** Routed experts per token (after fine-grained splitting). */
  topK: number;
  /** null: no limit (token choice) or 1 (expert choice). */
  capacityFactor: number | null;
  nGroup: number;
  topkGroup: number;
  routeScale: number;
  /** Gate weights renormalised over the chosen k (true), or each the probability over all experts (false). */
  normalise: boolean;
}

export interface RouterInput {
  tokens: number;
  /** Row-major tokens × experts. */
  logits: ArrayLike<number>;
  /** noisy-topk: the noise term ε·softplus(noise logits)·noise scale, tokens × experts. */
  noise?: ArrayLike<number>;
  /** sigmoid-bias: per-expert selection bias. */
  bias?: ArrayLike<number>;
  /** Experts switched off for this routing (see the top of this file); none when absent. */
  ablation?: Ablation;
  /**
   * The softmax of each row of the logits, computed elsewhere to the same bits (softmax-rows.ts, on
   * wasm); used, and returned as the scores, where the router's softmax runs on the logits themselves.
   */
  softmax?: Float64Array;
  /**
   * softmax-topk with nothing switched off: each token's top min(k, E) experts by logit and what
   * their gates are made from (softmaxGates: their exps where the gates are renormalised, else their
   * probabilities), ranked elsewhere to the same bits (softmax-rows.ts, on wasm; row t at t·m). The
   * scores are then the softmax computed when first read: by `softmax` here (null: not there), else
   * in JS, the same bits either way. With no logits at all (a route for the choices only, whose
   * logits were not read back: MoeLayer.route), the scores are empty.
   */
  ranked?: { m: number; experts: Int32Array; picked: Float64Array; exps: boolean; softmax?: () => Float64Array | null };
}

/** Routed experts switched off without changing any weight (DeepSeekMoE's ablations). */
export interface Ablation {
  /** Routed experts no token may use. */
  disabled?: readonly number[];
  /**
   * Also switch off, for each token, its r best experts: the first r it chooses with only `disabled`
   * off (expert choice: its r highest-probability experts). It re-routes to the next best. With
   * k + r more than the experts left, a token gets fewer than k.
   */
  topR?: number;
}

/** Whether an ablation switches anything off. */
export function ablates(a: Ablation | null | undefined): a is Ablation {
  return !!a && ((a.disabled?.length ?? 0) > 0 || (a.topR ?? 0) > 0);
}

export interface TokenRoute {
  /** Chosen routed experts, best first (by selection score). */
  experts: number[];
  /** Gate weight of each chosen expert. */
  weights: number[];
  /** Whether each choice was dropped because its expert was full. */
  dropped: boolean[];
  /** sigmoid-bias: the groups this token was allowed to use, best first. */
  keptGroups?: number[];
}

export interface Routing {
  /** Per token and expert, the router's probability (softmax) or affinity (sigmoid), row-major. */
  scores: Float64Array;
  /** The numbers top-k ran on when they differ from the logits: noisy logits, or sigmoid + bias. */
  selection?: Float64Array;
  routes: TokenRoute[];
  /** Slots per expert; null when unlimited. */
  capacity: number | null;
  /** Tokens that chose each expert (before dropping); for expert choice, the tokens it took. */
  demand: number[];
  /** Tokens each expert processed (after dropping). */
  load: number[];
}

/** Slots per expert: ceil(tokens·k/E · capacity factor). */
export function capacityFor(tokens: number, k: number, experts: number, factor: number): number {
  // The epsilon keeps exact products (e.g. 16·2/8·1 = 4) from rounding up through float error.
  return Math.max(1, Math.ceil((tokens * k * factor) / experts - 1e-9));
}

export function route(spec: RouterSpec, input: RouterInput): Routing {
  checkInput(spec, input);
  const off = offMask(spec, input);
  return spec.kind === 'expert-choice' ? expertChoice(spec, input, off) : tokenChoice(spec, input, off);
}

/**
 * Tokens × experts, 1 where the pair is switched off by the input's ablation; null when nothing is.
 * Each token's top r are its first r choices of the routing with only `disabled` off.
 */
function offMask(spec: RouterSpec, input: RouterInput): Uint8Array | null {
  const a = input.ablation;
  if (!ablates(a)) return null;
  const E = spec.experts;
  const T = input.tokens;
  const off = new Uint8Array(T * E);
  for (const e of a.disabled ?? []) {
    if (!Number.isInteger(e) || e < 0 || e >= E) throw new Error(`router: switched-off expert ${e}, not in 0..${E - 1}`);
    for (let t = 0; t < T; t++) off[t * E + e] = 1;
  }
  const r = a.topR ?? 0;
  if (r > 0) {
    if (spec.kind === 'expert-choice') {
      const p = new Float64Array(E);
      for (let t = 0; t < T; t++) {
        softmaxInto(rowView(input.logits, t * E, E), 0, E, p);
        for (const e of topKIndices(p, r, (i) => !off[t * E + i])) off[t * E + e] = 1;
      }
    } else {
      const base = tokenChoice({ ...spec, topK: Math.min(r, E) }, input, off);
      base.routes.forEach((route, t) => route.experts.forEach((e) => (off[t * E + e] = 1)));
    }
  }
  return off;
}

/** Whether the routing is made from input.ranked (softmax-topk, its gates and its m as the spec's). */
function takesRanked(spec: RouterSpec, input: RouterInput): boolean {
  const r = input.ranked;
  return (
    !!r &&
    spec.kind === 'softmax-topk' &&
    r.exps === spec.normalise &&
    r.m === Math.min(spec.topK, spec.experts) &&
    r.experts.length === input.tokens * r.m
  );
}

function checkInput(spec: RouterSpec, input: RouterInput): void {
  const n = input.tokens * spec.experts;
  // No logits at all only where the choices were ranked elsewhere and nothing is switched off.
  const ranksAlone = input.logits.length === 0 && takesRanked(spec, input) && !ablates(input.ablation);
  if (input.logits.length !== n && !ranksAlone) throw new Error(`router: expected ${n} logits, got ${input.logits.length}`);
  if (spec.kind === 'noisy-topk' && input.noise && input.noise.length !== n) {
    throw new Error(`router: expected ${n} noise values, got ${input.noise.length}`);
  }
  if (input.softmax && input.softmax.length !== n) throw new Error(`router: expected ${n} probabilities, got ${input.softmax.length}`);
  if (input.bias && input.bias.length !== spec.experts) {
    throw new Error(`router: expected ${spec.experts} biases, got ${input.bias.length}`);
  }
}

/** Token choice: each token picks its experts, then full experts drop later tokens. */
function tokenChoice(spec: RouterSpec, input: RouterInput, off: Uint8Array | null = null): Routing {
  const { experts: E, topK: k } = spec;
  const T = input.tokens;
  const ranked = input.ranked;
  if (ranked && !off && takesRanked(spec, input)) return rankedChoice(spec, input, ranked);
  const { logits, noise, bias } = input;
  const selection = spec.kind === 'softmax-topk' || (spec.kind === 'noisy-topk' && !noise) ? undefined : new Float64Array(T * E);
  // Given probabilities are the softmax of the logits: of use where the softmax runs on them.
  const given = spec.kind !== 'sigmoid-bias' && !selection ? input.softmax : undefined;
  const scores = given ?? new Float64Array(T * E);
  const routes: TokenRoute[] = [];
  const groupSize = E / spec.nGroup;

  for (let t = 0; t < T; t++) {
    const o = t * E;
    let chosen: number[];
    let weights: number[];
    let keptGroups: number[] | undefined;
    if (spec.kind === 'sigmoid-bias' && selection) {
      for (let e = 0; e < E; e++) {
        const s = sigmoid(logits[o + e] as number);
        scores[o + e] = s;
        selection[o + e] = s + ((bias?.[e] as number | undefined) ?? 0);
      }
      const biased = rowView(selection, o, E);
      keptGroups = keepGroups(biased, spec.nGroup, spec.topkGroup, groupSize);
      const kept = keptGroups;
      chosen =
        spec.nGroup === 1 && !off
          ? topKIndices(biased, k)
          : topKIndices(biased, k, (e) => !off?.[o + e] && (spec.nGroup === 1 || kept.includes(Math.floor(e / groupSize))));
      weights = gateWeights(
        chosen.map((e) => scores[o + e] as number),
        spec.normalise,
        spec.routeScale,
      );
    } else {
      let h: ArrayLike<number> = logits;
      if (selection && noise) {
        for (let e = 0; e < E; e++) selection[o + e] = (logits[o + e] as number) + (noise[o + e] as number);
        h = selection;
      }
      // With nothing switched off, the first choice is the row's largest value: the softmax's shift.
      let max: number | undefined;
      if (off) chosen = topKIndices(rowView(h, o, E), k, (e) => !off[o + e]);
      else if (k > 0 && k <= SMALL_K) {
        chosen = topKSmall(h, k, o, E);
        max = h[o + (chosen[0] as number)] as number;
      } else chosen = topKIndices(rowView(h, o, E), k);
      if (!given) softmaxInto(h, o, E, scores, max);
      weights = softmaxGates(h, o, E, chosen, spec.normalise, scores);
    }
    const dropped = new Array<boolean>(chosen.length);
    for (let j = 0; j < chosen.length; j++) dropped[j] = false;
    const r: TokenRoute = { experts: chosen, weights, dropped };
    if (keptGroups) r.keptGroups = keptGroups;
    routes.push(r);
  }

  const out: Routing = { scores, routes, ...capacityDrops(spec, T, routes) };
  if (selection) out.selection = selection;
  return out;
}

/** First come, first served (Switch Transformer): earlier tokens keep their slot; marks the dropped choices. */
function capacityDrops(spec: RouterSpec, T: number, routes: TokenRoute[]): Pick<Routing, 'capacity' | 'demand' | 'load'> {
  const { experts: E, topK: k } = spec;
  const capacity = spec.capacityFactor === null ? null : capacityFor(T, k, E, spec.capacityFactor);
  const demand = new Array<number>(E).fill(0);
  const load = new Array<number>(E).fill(0);
  for (const r of routes) {
    for (let j = 0; j < r.experts.length; j++) {
      const e = r.experts[j] as number;
      demand[e] = (demand[e] as number) + 1;
      if (capacity !== null && (load[e] as number) >= capacity) r.dropped[j] = true;
      else load[e] = (load[e] as number) + 1;
    }
  }
  return { capacity, demand, load };
}

/**
 * Token choice from choices ranked elsewhere (RouterInput.ranked): the same routes as tokenChoice's
 * loop (softmaxGates' weights from the same values); the whole softmax waits until the scores are
 * first read.
 */
function rankedChoice(spec: RouterSpec, input: RouterInput, ranked: NonNullable<RouterInput['ranked']>): Routing {
  const { experts: E } = spec;
  const T = input.tokens;
  const m = ranked.m;
  const routes: TokenRoute[] = new Array<TokenRoute>(T);
  for (let t = 0; t < T; t++) {
    const chosen = new Array<number>(m);
    const picked = new Array<number>(m);
    const dropped = new Array<boolean>(m);
    for (let j = 0; j < m; j++) {
      chosen[j] = ranked.experts[t * m + j] as number;
      picked[j] = ranked.picked[t * m + j] as number;
      dropped[j] = false;
    }
    routes[t] = { experts: chosen, weights: gateWeights(picked, spec.normalise, 1), dropped };
  }
  const { logits } = input;
  const whole = (): Float64Array => {
    const given = ranked.softmax?.();
    if (given) return given;
    // Ranked with no logits here (a route for the choices only): no scores either.
    if (logits.length === 0) return new Float64Array(0);
    const p = new Float64Array(T * E);
    for (let t = 0; t < T; t++) softmaxInto(logits, t * E, E, p);
    return p;
  };
  const out = { scores: new Float64Array(0), routes, ...capacityDrops(spec, T, routes) };
  // The scores, computed when first read, then kept as a plain property (key order as tokenChoice's).
  Object.defineProperty(out, 'scores', {
    configurable: true,
    enumerable: true,
    get(): Float64Array {
      const scores = whole();
      Object.defineProperty(out, 'scores', { value: scores, writable: true, configurable: true, enumerable: true });
      return scores;
    },
  });
  return out;
}

/** Node-limited routing: rank groups by the sum of their two best biased scores, keep the best. */
export function keepGroups(biased: ArrayLike<number>, nGroup: number, topkGroup: number, groupSize: number): number[] {
  if (nGroup === 1) return [0];
  const groupScores = new Array<number>(nGroup);
  for (let g = 0; g < nGroup; g++) {
    const members = Array.from({ length: groupSize }, (_, i) => biased[g * groupSize + i] as number);
    const best = topKIndices(members, Math.min(2, groupSize));
    groupScores[g] = best.reduce((a, i) => a + (members[i] as number), 0);
  }
  return topKIndices(groupScores, topkGroup);
}

/** Expert choice: each expert takes the capacity tokens with the highest probability for it. */
function expertChoice(spec: RouterSpec, input: RouterInput, off: Uint8Array | null = null): Routing {
  const { experts: E, topK: k } = spec;
  const T = input.tokens;
  let scores = input.softmax;
  if (!scores) {
    scores = new Float64Array(T * E);
    for (let t = 0; t < T; t++) softmaxInto(input.logits, t * E, E, scores);
  }
  const capacity = Math.min(T, capacityFor(T, k, E, spec.capacityFactor ?? 1));
  const picked: { e: number; w: number }[][] = Array.from({ length: T }, () => []);
  const load = new Array<number>(E).fill(0);
  const column = new Float64Array(T);
  for (let e = 0; e < E; e++) {
    for (let t = 0; t < T; t++) column[t] = scores[t * E + e] as number;
    const took = off ? topKIndices(column, capacity, (t) => !off[t * E + e]) : topKIndices(column, capacity);
    for (const t of took) picked[t]?.push({ e, w: column[t] as number });
    load[e] = took.length;
  }
  const routes = picked.map((list): TokenRoute => {
    list.sort((a, b) => b.w - a.w || a.e - b.e);
    return { experts: list.map((p) => p.e), weights: list.map((p) => p.w), dropped: list.map(() => false) };
  });
  return { scores, routes, capacity, demand: load.slice(), load };
}
