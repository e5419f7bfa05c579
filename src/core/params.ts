/**
 * Parameter counting. The toy model is counted here with the same conventions that the real-scale
 * configs use: every weight matrix counts once in the total; a token's active parameters are all
 * weights except the routed experts it did not use. Like the published figures of DeepSeek and
 * Mistral, the input embedding and the output head are counted in both (the page labels this).
 */
import { expertShape, type MoeConfig } from './config';

/** Weights of one SwiGLU feed-forward network: gate and up (width × hidden) and down (hidden × width). */
export function swigluParams(width: number, hidden: number): number {
  return 3 * width * hidden;
}

export interface ToyParams {
  vocabSize: number;
  embedding: number;
  /** Output head (width × vocabulary), predicting the next word. */
  head: number;
  layers: number;
  /** Per MoE layer. */
  router: number;
  routedExpert: number;
  sharedExpert: number;
  routedExperts: number;
  sharedExperts: number;
  routedTotal: number;
  sharedTotal: number;
  /** All layers. */
  total: number;
  /** Active with exactly top-k experts per layer and nothing dropped. */
  activeNominal: number;
}

export function toyParams(config: MoeConfig, vocabSize: number): ToyParams {
  const s = expertShape(config);
  const routerMatrices = config.router === 'noisy-topk' ? 2 : 1;
  const router = routerMatrices * s.width * s.experts;
  const routedExpert = swigluParams(s.width, s.hidden);
  const sharedExpert = swigluParams(s.width, s.hidden);
  const routedTotal = routedExpert * s.experts;
  const sharedTotal = sharedExpert * s.shared;
  const embedding = vocabSize * s.width;
  const head = s.width * vocabSize;
  const perLayer = router + routedTotal + sharedTotal;
  const p: ToyParams = {
    vocabSize,
    embedding,
    head,
    layers: config.layers,
    router,
    routedExpert,
    sharedExpert,
    routedExperts: s.experts,
    sharedExperts: s.shared,
    routedTotal,
    sharedTotal,
    total: embedding + head + config.layers * perLayer,
    activeNominal: 0,
  };
  p.activeNominal = activeParams(p, new Array<number>(config.layers).fill(s.active));
  return p;
}

/** Active weights for one token that was processed by usedPerLayer[l] routed experts in layer l. */
export function activeParams(p: ToyParams, usedPerLayer: readonly number[]): number {
  return p.embedding + p.head + usedPerLayer.reduce((sum, used) => sum + p.router + p.sharedTotal + used * p.routedExpert, 0);
}

/**
 * Multiply-add FLOPs (2 per weight used) for one token that used usedPerLayer[l] routed experts:
 * the MoE layers and the output head; the embedding is a lookup and costs none. Norms and
 * activations are left out.
 */
export function tokenFlops(p: ToyParams, usedPerLayer: readonly number[]): number {
  return 2 * p.head + usedPerLayer.reduce((sum, used) => sum + 2 * (p.router + p.sharedTotal + used * p.routedExpert), 0);
}

/** FLOPs per token of the same model run densely (every routed expert on every token). */
export function denseTokenFlops(p: ToyParams): number {
  return tokenFlops(p, new Array<number>(p.layers).fill(p.routedExperts));
}
