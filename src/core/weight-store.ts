/**
 * Where model weights come from. Every weight matrix is a pure function of its name (seed, shape,
 * layer, expert...), so a store can hand the same variable to the next model built with a changed
 * config: going from 255 to 256 experts re-creates only the new expert and the router instead of
 * drawing 1.5M random numbers again. Without a store each model owns fresh weights.
 */
import { tidy, variable, type Tensor, type Variable } from '@tensorflow/tfjs-core';

export interface WeightSource {
  /** The variable named by key, made by `make` if it does not exist yet. */
  get(key: string, make: () => Tensor): Variable;
  /** Whether models built from this source own (and so dispose) their weights. */
  readonly ownsWeights: boolean;
}

/** A source that makes fresh weights for every model; the model disposes them. */
export const FRESH_WEIGHTS: WeightSource = {
  get: (_key, make) => tidy(() => variable(make())),
  ownsWeights: true,
};

/** Keeps weights across models; `sweep` disposes the ones no model asked for since the last sweep. */
export class WeightStore implements WeightSource {
  readonly ownsWeights = false;
  private readonly weights = new Map<string, Variable>();
  private readonly asked = new Set<string>();

  get(key: string, make: () => Tensor): Variable {
    this.asked.add(key);
    let v = this.weights.get(key);
    if (!v) {
      v = tidy(() => variable(make()));
      this.weights.set(key, v);
    }
    return v;
  }

  /** Disposes every weight not asked for since the previous sweep; call after building a model. */
  sweep(): void {
    for (const [key, v] of this.weights) {
      if (!this.asked.has(key)) {
        v.dispose();
        this.weights.delete(key);
      }
    }
    this.asked.clear();
  }

  get size(): number {
    return this.weights.size;
  }

  dispose(): void {
    for (const v of this.weights.values()) v.dispose();
    this.weights.clear();
    this.asked.clear();
  }
}

/** A store key from the parts that determine a weight's values. */
export function weightKey(...parts: (string | number)[]): string {
  return parts.join('|');
}
