/**
 * The capacity sweep of the capacity lesson: the live model, at one config, routes every built-in
 * sentence (each its own batch, so each gets its own capacity) at each capacity factor, and the
 * dropped choices are pooled per factor. Every number comes from the model's traces.
 *
 * Every factor routes with the page's own weights and tokenizer (SweepModel: the trained or random
 * weights its sentence runs with); only the capacity factor differs, and no weight depends on it.
 * Without a page model, the toy vocabulary's seeded random models share one weight store.
 */
import { dropsOf, meanAndMax, poolDrops, type DropCount } from '../core/capacity';
import type { MoeConfig } from '../core/config';
import { SENTENCES } from '../core/corpus';
import { MoeModel } from '../core/model';
import { tokenize, VOCAB, type Token } from '../core/tokenizer';
import { WeightStore } from '../core/weight-store';
import { ChangeNotifier, slicedPause } from './change-notifier';
import { LatestRunner } from './latest-runner';

/** The factors the lesson measures; null is "no limit". */
export const SWEEP_FACTORS: readonly (number | null)[] = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, null];

/** One factor's drops pooled over the batches (with several layers, over every layer's choices). */
export interface SweepPoint extends DropCount {
  factor: number | null;
  /** Batches (sentences) pooled. */
  batches: number;
  /** Max/mean demand per expert (from each trace's balance), mean and largest over the batches. */
  maxOverMean: { mean: number; max: number };
}

export interface SweepOptions {
  sentences?: readonly string[];
  /**
   * Keeps the weights across factors and sweeps (swept after each model is built, so weights of an
   * older config are freed). Without one, each factor's model draws and disposes its own.
   */
  weights?: WeightStore;
  /** Asked between runs; true abandons the sweep (it then resolves null). */
  cancelled?: () => boolean;
  /** Told after each run: runs done and runs in all. */
  progress?: (done: number, total: number) => void;
  /** Lets the page breathe between runs (the cpu backend never yields by itself). */
  pause?: () => Promise<void>;
  /**
   * The page's model for a config and how it reads a sentence (its vocabulary and weights: see
   * Simulator.sweepModel). Without it, the toy vocabulary's seeded random model (over `weights`).
   */
  model?: SweepModel;
}

/** A page's model: built for each factor (and disposed after it), and its tokenizer. */
export interface SweepModel {
  /** Which weights (the sweep is measured again when they change). */
  id: string;
  build(config: MoeConfig): MoeModel | Promise<MoeModel>;
  tokenize(text: string): { tokens: Token[]; truncated: boolean };
}

/** The factors to measure: the lesson's, plus `current` when it is not one of them, in slider order (no limit last). */
export function factorsWith(current: number | null, base: readonly (number | null)[] = SWEEP_FACTORS): (number | null)[] {
  return (base.includes(current) ? [...base] : [...base, current]).sort(byFactor);
}

/** Slider order: smaller factors first, no limit (null) last. */
export function byFactor(a: number | null, b: number | null): number {
  return a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;
}

/** A key for everything but the capacity factor: sweeps with the same key share their points. */
export function sweepKey(config: MoeConfig): string {
  const { capacityFactor: _cf, ...rest } = config;
  return JSON.stringify(rest);
}

/**
 * Routes every sentence at every factor with the live model and pools the drops per factor.
 * Resolves null when cancelled. Tensors: each run disposes its own; models over a shared store own
 * no weights, and fresh-weight models are disposed after their factor.
 */
export async function measureSweep(
  config: MoeConfig,
  factors: readonly (number | null)[],
  options: SweepOptions = {},
): Promise<SweepPoint[] | null> {
  const sentences = options.sentences ?? SENTENCES;
  const read = options.model?.tokenize ?? ((s: string) => tokenize(s));
  const batches: { tokens: Token[]; truncated: boolean }[] = sentences.map(read).filter((b) => b.tokens.length > 0);
  const total = factors.length * batches.length;
  const points: SweepPoint[] = [];
  let done = 0;
  for (const factor of factors) {
    const c = { ...config, capacityFactor: factor };
    const model = options.model ? await options.model.build(c) : new MoeModel(c, VOCAB, options.weights);
    if (!options.model) options.weights?.sweep();
    try {
      const counts: DropCount[] = [];
      const ratios: number[] = [];
      for (const b of batches) {
        if (options.cancelled?.()) return null;
        const { trace } = await model.run(b.tokens, { truncated: b.truncated });
        counts.push(poolDrops(trace.layers.map(dropsOf)));
        ratios.push(...trace.layers.map((l) => l.balance.maxOverMean));
        done++;
        options.progress?.(done, total);
        await options.pause?.();
      }
      points.push({ factor, batches: batches.length, ...poolDrops(counts), maxOverMean: meanAndMax(ratios) });
    } finally {
      model.dispose();
    }
  }
  return points;
}

/** Sweep progress: runs done and runs in all, or null when no sweep is running. */
export interface SweepProgress {
  done: number;
  total: number;
}

/**
 * Keeps the sweep in step with a page's config: `request` marks it out of date, one worker measures
 * what is missing (every factor after a change of experts, top-k, router or seed; only the new
 * factor after a change of capacity factor), and a change of the other settings abandons a sweep
 * in progress. Announces every change with a 'change' event. Owns the weights of its models.
 */
export class CapacitySweeper extends ChangeNotifier {
  /** Measured points for `key`, in slider order (no limit last). */
  points: readonly SweepPoint[] = [];
  key = '';
  progress: SweepProgress | null = null;
  error: string | null = null;
  private target: MoeConfig | null = null;
  private model: SweepModel | undefined;
  private readonly weights = new WeightStore();
  private readonly runner = new LatestRunner<MoeConfig>((config) => this.measure(config), {
    onError: (e) => {
      this.progress = null;
      this.error = e instanceof Error ? e.message : String(e);
      this.emit();
    },
    onIdle: () => {
      if (this.closed) this.weights.dispose();
    },
  });
  private closed = false;

  constructor(
    private readonly sentences: readonly string[] = SENTENCES,
    /** Longest stretch of model runs, in ms, before the page gets a turn. */
    private readonly sliceMs = 12,
  ) {
    super();
  }

  /** Measures for `config` on `model` (the page's weights; the toy's random model without one). */
  request(config: MoeConfig, model?: SweepModel): Promise<void> {
    this.target = config;
    this.model = model;
    return this.runner.request(config);
  }

  /** Resolves once the points match the latest request. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  /** Measures what `config` is missing (a run the runner starts; a newer request cancels it via `target`). */
  private async measure(config: MoeConfig): Promise<void> {
    const pause = slicedPause(this.sliceMs);
    const model = this.model;
    const key = `${sweepKey(config)}|${model?.id ?? 'toy'}`;
    if (key !== this.key) {
      this.key = key;
      this.points = [];
      this.emit();
    }
    const missing = factorsWith(config.capacityFactor).filter((f) => !this.points.some((p) => p.factor === f));
    if (missing.length === 0) return;
    const measured = await measureSweep(config, missing, {
      sentences: this.sentences,
      weights: this.weights,
      model,
      cancelled: () => this.closed || (this.target !== null && `${sweepKey(this.target)}|${this.model?.id ?? 'toy'}` !== key),
      progress: (done, total) => {
        this.progress = { done, total };
        this.emit();
      },
      pause,
    });
    this.progress = null;
    if (measured && key === this.key) {
      this.points = [...this.points, ...measured].sort((a, b) => byFactor(a.factor, b.factor));
      this.error = null;
    }
    this.emit();
  }

  /** Stops measuring and frees the weights (at once, or when the run in progress has stopped). */
  dispose(): void {
    this.closed = true;
    this.runner.dispose(); // frees the weights once idle (at once, or when the run in progress has stopped)
  }
}
