/**
 * One plain-data summary of a model for the real-scale page, whether it is a published config or
 * the toy: its counts by part, one MoE layer's shape, its router rule and what the count assumed.
 * Views render this; they never count.
 */
import { expertShape, type MoeConfig } from './config';
import { countParams, PARTS, swigluParams, toyParams, type Part, type PartCount } from './params';
import type { Published } from './presets';
import type { Attention, ModelType, RealNote, RouterRule } from './real-config';

export interface ScaleLayer {
  /** Routed experts in one MoE layer, and how many a token uses. */
  experts: number;
  topK: number;
  shared: number;
  /** Weights of one routed / one shared expert. */
  routedParams: number;
  sharedParams: number;
  nGroup: number;
  topkGroup: number;
  moeLayers: number;
  denseLayers: number;
}

export interface ScaleModel {
  id: string;
  /** As a title ("Your toy model", "DeepSeek-V3"), and inside a sentence ("your toy model"). */
  name: string;
  inSentence: string;
  kind: 'real' | 'toy';
  modelType: ModelType | 'toy';
  hidden: number;
  vocab: number;
  /** Transformer layers (the toy: MoE layers). */
  layers: number;
  /** What the attention is, in words ('' when there is none). */
  attention: Attention | null;
  total: number;
  /** Input embedding included (the toy's convention and Mistral's). */
  active: number;
  embedding: number;
  activeWithoutEmbedding: number;
  parts: Record<Part, PartCount>;
  layer: ScaleLayer;
  router: RouterRule;
  /** Fields absent from the config and the meaning they took, and what the count left out (coded notes, see MoeShape). */
  defaults: RealNote[];
  leftOut: RealNote[];
  /** How a config was read: its model type inferred when it gave none, unknown fields ignored (coded notes, see MoeShape). */
  reading: RealNote[];
  published: Published | null;
}

export function scaleModelFromConfig(config: unknown, meta: { id: string; name: string; published?: Published | null }): ScaleModel {
  const p = countParams(config);
  const s = p.shape;
  return {
    id: meta.id,
    name: meta.name,
    inSentence: meta.name,
    kind: 'real',
    modelType: s.modelType,
    hidden: s.hidden,
    vocab: s.vocab,
    layers: s.layers,
    attention: s.attention,
    total: p.total,
    active: p.active,
    embedding: p.embedding,
    activeWithoutEmbedding: p.activeWithoutEmbedding,
    parts: p.parts,
    layer: {
      experts: s.experts,
      topK: s.topK,
      shared: s.sharedExperts,
      routedParams: p.perLayer.routedExpert,
      sharedParams: p.perLayer.sharedExpert,
      nGroup: s.router.nGroup,
      topkGroup: s.router.topkGroup,
      moeLayers: s.moeLayers,
      denseLayers: s.denseLayers,
    },
    router: s.router,
    defaults: s.defaults,
    leftOut: s.leftOut,
    reading: s.reading,
    published: meta.published ?? null,
  };
}

const TOY_RULE: Record<MoeConfig['router'], (c: MoeConfig) => RouterRule> = {
  'softmax-topk': (c) => rule('softmax', { normalise: c.gateNorm === 'chosen' }),
  'noisy-topk': (c) => rule('softmax', { normalise: c.gateNorm === 'chosen', noise: c.routerNoise }),
  'sigmoid-bias': (c) =>
    rule('sigmoid', {
      normalise: c.gateNorm === 'chosen',
      scale: c.routeScale,
      nGroup: c.nGroup,
      topkGroup: c.topkGroup,
      groupScore: 'top2-sum',
      selectionBias: true,
    }),
  // Expert choice lets each expert pick tokens from a batch: one token alone is routed by softmax top-k.
  'expert-choice': () => rule('softmax', { normalise: true }),
};

function rule(scoring: RouterRule['scoring'], o: Partial<RouterRule>): RouterRule {
  return {
    scoring,
    nGroup: 1,
    topkGroup: 1,
    groupScore: 'max',
    normalise: true,
    scale: 1,
    noise: 0,
    sharedGate: false,
    selectionBias: false,
    ...o,
  };
}

/** The toy model, counted by toyParams (the simulator's own counting). It has no attention and no norm weights. */
export function scaleModelFromToy(config: MoeConfig, vocabSize: number): ScaleModel {
  const p = toyParams(config, vocabSize);
  const s = expertShape(config);
  const zero: PartCount = { total: 0, active: 0 };
  const parts = Object.fromEntries(PARTS.map((k) => [k, zero])) as Record<Part, PartCount>;
  // Whatever toyParams counts besides the embedding and the MoE layers is the output head (0 when tied).
  const head = p.total - p.embedding - p.layers * (p.router + p.routedTotal + p.sharedTotal);
  parts.embedding = { total: p.embedding, active: p.embedding };
  parts.outputHead = { total: head, active: head };
  parts.routers = { total: p.layers * p.router, active: p.layers * p.router };
  parts.routedExperts = { total: p.layers * p.routedTotal, active: p.layers * s.active * p.routedExpert };
  parts.sharedExperts = { total: p.layers * p.sharedTotal, active: p.layers * p.sharedTotal };
  const grouped = config.router === 'sigmoid-bias' && config.nGroup > 1;
  return {
    id: 'toy',
    name: 'toy',
    inSentence: 'toy',
    kind: 'toy',
    modelType: 'toy',
    hidden: s.width,
    vocab: vocabSize,
    layers: config.layers,
    attention: null,
    total: p.total,
    active: p.activeNominal,
    embedding: p.embedding,
    activeWithoutEmbedding: p.activeNominal - p.embedding,
    parts,
    layer: {
      experts: s.experts,
      topK: s.active,
      shared: s.shared,
      routedParams: p.routedExpert,
      sharedParams: s.shared > 0 ? swigluParams(s.width, s.hidden) : 0,
      nGroup: grouped ? config.nGroup : 1,
      topkGroup: grouped ? config.topkGroup : 1,
      moeLayers: config.layers,
      denseLayers: 0,
    },
    router: TOY_RULE[config.router](config),
    defaults: [],
    leftOut: [],
    reading: [],
    published: null,
  };
}
