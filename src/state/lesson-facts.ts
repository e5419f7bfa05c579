/**
 * The numbers the guided tour quotes, all from the live trace on screen or from published configs:
 * the current token's choices, active and total parameters, expert combinations, capacity and
 * drops, load balance, DeepSeek-V3's parameter count and its cache per token.
 */
import { expertShape } from '../core/config';
import { KV_PRESETS, perToken, cacheBytes } from '../core/kv-cache';
import { combinations } from '../core/lesson-math';
import { countParams } from '../core/params';
import { presetById } from '../core/presets';
import type { Trace } from '../core/trace';

export interface LessonFacts {
  token: string;
  /** Routed experts that exist (E·m), and how many each token uses (k·m). */
  experts: number;
  active: number;
  shared: number;
  /** The current token's routed choices, best first. */
  chosen: { expert: number; weight: number; dropped: boolean }[];
  /** This token's active parameters, the model's total, and the token's share of it. */
  tokenActive: number;
  total: number;
  tokenShare: number;
  /** Parameters of one routed expert. */
  expertParams: number;
  /** Different sets of experts a token can use: C(E·m, k·m). */
  combinations: bigint;
  tokens: number;
  /** Slots per expert (null: no limit), choices made and dropped, in the layer shown. */
  capacity: number | null;
  choices: number;
  dropped: number;
  /** Busiest expert's load over the mean load, and the idle experts. */
  maxOverMean: number;
  idle: number;
  biasSteps: number;
}

/** Figures from published configs, the same every time. */
export interface PublishedFacts {
  v3Total: number;
  v3Active: number;
  v3Routed: number;
  v3TopK: number;
  /** Cached numbers per token (all 61 layers): multi-head attention vs multi-head latent attention. */
  mhaPerToken: number;
  mlaPerToken: number;
  /** Cache of a 128K-token context in bf16, in bytes. */
  mha128k: number;
  mla128k: number;
}

export function lessonFacts(trace: Trace, position: number, layerIndex: number, biasSteps: number): LessonFacts {
  const shape = expertShape(trace.config);
  const layer = trace.layers[layerIndex] ?? trace.layers[0]!;
  const r = layer.tokens[position];
  const cost = trace.perToken[position];
  const total = trace.params.total;
  const loads = layer.experts.map((e) => e.load);
  return {
    token: trace.tokens[position]?.text ?? '',
    experts: shape.experts,
    active: shape.active,
    shared: shape.shared,
    chosen: r ? r.experts.map((expert, i) => ({ expert, weight: r.weights[i] ?? 0, dropped: r.dropped[i] ?? false })) : [],
    tokenActive: cost?.activeParams ?? 0,
    total,
    tokenShare: (cost?.activeParams ?? 0) / total,
    expertParams: layer.experts[0]?.params ?? 0,
    combinations: combinations(shape.experts, shape.active),
    tokens: trace.tokens.length,
    capacity: layer.capacity,
    choices: layer.tokens.reduce((a, t) => a + t.experts.length, 0),
    dropped: layer.droppedChoices,
    maxOverMean: layer.balance.maxOverMean,
    idle: loads.filter((l) => l === 0).length,
    biasSteps,
  };
}

let published: PublishedFacts | null = null;

export function publishedFacts(): PublishedFacts {
  if (published) return published;
  const v3 = presetById('deepseek-v3')!;
  const counted = countParams(v3.config);
  const kv = KV_PRESETS.find((p) => p.id === 'deepseek-v3')!;
  const mha = perToken('mha', kv.shape);
  const mla = perToken('mla', kv.shape);
  published = {
    v3Total: counted.total,
    v3Active: counted.active,
    v3Routed: counted.shape.experts,
    v3TopK: counted.shape.topK,
    mhaPerToken: mha,
    mlaPerToken: mla,
    mha128k: cacheBytes(mha * 131072, 'bf16'),
    mla128k: cacheBytes(mla * 131072, 'bf16'),
  };
  return published;
}
