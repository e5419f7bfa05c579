/**
 * The plain-data record of one forward pass that every view renders: numbers and strings only,
 * never tensors. Built from the tokens, each layer's routing and the parameter counts.
 */
import { loadBalance } from './balance';
import { expertShape, type ExpertShape, type MoeConfig } from './config';
import { activeParams, denseTokenFlops, tokenFlops, type ToyParams } from './params';
import type { Routing } from './router';
import type { Token } from './tokenizer';

export interface TokenTrace extends Token {
  index: number;
}

/** How one layer routed one token. */
export interface TokenRouting {
  /** Raw router logits, one per routed expert (empty, as are scores, in a run for the choices only: RunOptions.choicesOnly). */
  logits: number[];
  /** The router's input: the token's hidden state after the layer's RMS norm (at layer 1, its normalised embedding), d numbers. */
  input?: number[];
  /** Router probabilities (softmax) or affinities (sigmoid), one per routed expert. */
  scores: number[];
  /** noisy-topk: the noise added to each logit. */
  noise?: number[];
  /** sigmoid-bias: scores + bias, what selection ran on. */
  biased?: number[];
  /** sigmoid-bias: groups this token could use, best first. */
  keptGroups?: number[];
  /** Chosen routed experts, best first. */
  experts: number[];
  weights: number[];
  /** Per choice: dropped because the expert was over capacity. */
  dropped: boolean[];
  /** Routed experts that actually processed the token. */
  used: number;
  /** No routed expert processed the token: it rides the residual connection. */
  skipped: boolean;
}

export interface ExpertTrace {
  index: number;
  /** Tokens that chose this expert (expert choice: that it took). */
  demand: number;
  /** Tokens it processed. */
  load: number;
  params: number;
}

export interface LayerTrace {
  index: number;
  tokens: TokenRouting[];
  experts: ExpertTrace[];
  /** Slots per routed expert; null = no limit. */
  capacity: number | null;
  /** Choices dropped over capacity, and tokens left with no expert. */
  droppedChoices: number;
  skippedTokens: number;
  /** sigmoid-bias: the selection bias used. */
  bias?: number[];
  /** Tokens each shared expert processed (all of them: shared experts run on every token). */
  sharedLoad?: number[];
  /** Over the demand per expert. */
  balance: { maxOverMean: number; cv: number };
}

export interface TokenCost {
  activeParams: number;
  flops: number;
}

export interface Trace {
  config: MoeConfig;
  shape: ExpertShape;
  tokens: TokenTrace[];
  /** The text was longer than the simulator routes and was cut. */
  truncated: boolean;
  layers: LayerTrace[];
  perToken: TokenCost[];
  params: ToyParams & { activeMean: number };
  flops: { sparseMean: number; densePerToken: number };
}

/** Row t of a row-major matrix of n columns, as plain numbers (a loop: Array.from with a map function is ~10× slower here). */
function rows(a: ArrayLike<number>, t: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let e = 0, i = t * n; e < n; e++, i++) out[e] = a[i] as number;
  return out;
}

export interface LayerRun {
  routing: Routing;
  logits: Float32Array;
  noise?: Float32Array;
  bias?: Float32Array;
  /** Tokens each shared expert processed in this run. */
  sharedLoad?: number[];
  /** The router's input, tokens × d: each token's hidden state after the layer's RMS norm. */
  input?: Float32Array;
}

/** One layer's record; without `numbers`, the token rows carry only the choices (RunOptions.choicesOnly). */
export function layerTrace(index: number, run: LayerRun, config: MoeConfig, p: ToyParams, numbers = true): LayerTrace {
  const E = expertShape(config).experts;
  const { routing } = run;
  let droppedChoices = 0;
  let skippedTokens = 0;
  const tokens = routing.routes.map((r, t): TokenRouting => {
    const used = r.dropped.filter((d) => !d).length;
    droppedChoices += r.dropped.length - used;
    if (used === 0) skippedTokens++;
    const tr: TokenRouting = {
      logits: numbers ? rows(run.logits, t, E) : [],
      scores: numbers ? rows(routing.scores, t, E) : [],
      experts: r.experts,
      weights: r.weights,
      dropped: r.dropped,
      used,
      skipped: used === 0,
    };
    if (r.keptGroups) tr.keptGroups = r.keptGroups;
    if (!numbers) return tr;
    if (run.noise) tr.noise = rows(run.noise, t, E);
    if (run.input) tr.input = rows(run.input, t, config.modelWidth);
    if (config.router === 'sigmoid-bias' && routing.selection) tr.biased = rows(routing.selection, t, E);
    return tr;
  });
  const experts = routing.demand.map((demand, e) => ({ index: e, demand, load: routing.load[e] as number, params: p.routedExpert }));
  const lt: LayerTrace = {
    index,
    tokens,
    experts,
    capacity: routing.capacity,
    droppedChoices,
    skippedTokens,
    balance: loadBalance(routing.demand),
  };
  if (config.router === 'sigmoid-bias' && run.bias) lt.bias = Array.from(run.bias);
  if (run.sharedLoad) lt.sharedLoad = [...run.sharedLoad];
  return lt;
}

export function buildTrace(config: MoeConfig, tokens: Token[], truncated: boolean, layers: LayerTrace[], p: ToyParams): Trace {
  const perToken = tokens.map((_, t): TokenCost => {
    const used = layers.map((l) => l.tokens[t]?.used ?? 0);
    return { activeParams: activeParams(p, used), flops: tokenFlops(p, used) };
  });
  const n = Math.max(1, perToken.length);
  return {
    config,
    shape: expertShape(config),
    tokens: tokens.map((tok, index) => ({ ...tok, index })),
    truncated,
    layers,
    perToken,
    params: { ...p, activeMean: perToken.reduce((a, c) => a + c.activeParams, 0) / n },
    flops: { sparseMean: perToken.reduce((a, c) => a + c.flops, 0) / n, densePerToken: denseTokenFlops(p) },
  };
}
