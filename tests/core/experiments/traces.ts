/**
 * Hand-made traces for the experiments' tests: tokens with chosen classes and texts, E and k of one's
 * choosing, and seeded uniform random top-k routing (every token k distinct experts, all sets alike).
 */
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import type { Category } from '../../../src/core/corpus';
import { toyParams } from '../../../src/core/params';
import { Rng } from '../../../src/core/rng';
import { buildTrace, type Trace } from '../../../src/core/trace';
import { handLayer, type HandRoute } from '../../flop-traces';

export interface HandToken {
  text?: string;
  category?: Category;
  /** One route per layer. */
  layers: HandRoute[];
}

/** Routed as chosen, nothing dropped. */
export const to = (...experts: number[]): HandRoute => ({ experts, dropped: experts.map(() => false) });

/** A trace (one sentence) of the given tokens, E = routedExperts and k = topK, no capacity limit. */
export function sentence(tokens: HandToken[], shape: { experts?: number; k?: number } = {}): Trace {
  const layers = Math.max(1, ...tokens.map((t) => t.layers.length));
  const c: MoeConfig = { ...DEFAULT_CONFIG, routedExperts: shape.experts ?? 8, topK: shape.k ?? 2, layers };
  const p = toyParams(c, 10);
  const lts = Array.from({ length: layers }, (_, l) =>
    handLayer(
      l,
      tokens.map((t) => t.layers[l] ?? to()),
      c,
      p,
      null,
    ),
  );
  const toks = tokens.map((t, i) => ({ text: t.text ?? `w${i}`, id: i + 1, category: t.category ?? ('noun' as const), unknown: false }));
  return buildTrace(c, toks, false, lts, p);
}

/** k distinct experts of E, uniformly (a partial Fisher–Yates shuffle), best first in draw order. */
export function randomSet(rng: Rng, E: number, k: number): number[] {
  const pool = Array.from({ length: E }, (_, e) => e);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (E - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}

/** `count` sentences of `length` tokens each, routed uniformly at random on one layer; classes cycle through `classes`. */
export function randomSentences(
  seed: number,
  count: number,
  length: number,
  E: number,
  k: number,
  classes: Category[] = ['noun'],
): Trace[] {
  const rng = Rng.stream(seed, 'uniform-routing');
  return Array.from({ length: count }, () =>
    sentence(
      Array.from({ length }, (_, i) => ({ category: classes[i % classes.length], layers: [to(...randomSet(rng, E, k))] })),
      { experts: E, k },
    ),
  );
}
