/**
 * The experiments page's measurements (issue 16): each experiment of src/core/experiments run on the
 * page's model, on a fixed held-out set (the shipped checkpoints' own: TRAINING_RECIPE.heldOutSeed),
 * and the result the page draws. Experiments 5 and 7 train (experiment-training.ts, loaded when run).
 *
 * The held-out set is the same for every seed and weights, so the weights are what changes the
 * numbers; experiment 6 adds the teacher's own sentences (one per line) before it.
 */
import {
  classShares,
  coActivation,
  everyLayer,
  neighbourRates,
  repeatedWords,
  sameWordContexts,
  type ClassShares,
  type CoActivation,
  type NeighbourRates,
  type SameWord,
} from '../core/experiments';
import { ablationTable, topRAblation, type AblationTable, type TopRAblation } from '../core/experiments/knockout';
import type { SaturationCurve } from '../core/experiments/saturation';
import type { EqualComputePoint } from '../core/experiments/equal-compute';
import { expertShape, type MoeConfig } from '../core/config';
import { heldOutSentences } from '../core/evaluate';
import type { MoeModel } from '../core/model';
import { openCorpus } from '../core/open-corpus';
import type { Token } from '../core/tokenizer';
import type { Trace } from '../core/trace';
import { TRAINING_RECIPE } from '../core/trained-recipe';
import type { SweepModel } from './capacity-sweep';
import type { ExperimentId } from './experiments-url';

/** Steps of both training experiments (5 and 7, experiment-training.ts): the page's "Train this shape" run. */
export const EXPERIMENT_STEPS = TRAINING_RECIPE.liveSteps;

/** Held-out sentences every experiment routes (about 1,500 words). */
export const HELD_OUT_SENTENCES = 200;

let heldOutCache: Token[][] | null = null;
/** The fixed held-out sentences (the corpus's held-out stream at the recipe's seed). */
export function experimentSentences(): Token[][] {
  heldOutCache ??= heldOutSentences(TRAINING_RECIPE.heldOutSeed, openCorpus(), HELD_OUT_SENTENCES);
  return heldOutCache;
}

/** Progress of a long run: units done and in all. */
export interface Progress {
  done: number;
  total: number;
}

/** How a run reports progress, lets the page draw, and learns it is no longer wanted. */
export interface RunHooks {
  progress?: (p: Progress) => void;
  /** Awaited between units of work (the page yields to the browser there). */
  pause?: () => Promise<void>;
  cancelled?: () => boolean;
}

/** Thrown (and caught by the runner) when a run is no longer wanted. */
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export type ExperimentResult =
  | { experiment: 'words'; sentences: number; tokens: number; first: ClassShares[]; all: ClassShares[] }
  | { experiment: 'neighbours'; sentences: number; tokens: number; layers: NeighbourRates[] }
  | { experiment: 'together'; sentences: number; tokens: number; layers: CoActivation[] }
  | { experiment: 'knockout'; sentences: number; table: AblationTable; topR: TopRAblation[] }
  | { experiment: 'settles'; curve: SaturationCurve; evalTokens: number; steps: number; everyN: number }
  | { experiment: 'same-word'; sentences: number; own: number; words: { word: string; count: number }[]; layers: SameWord[] }
  | { experiment: 'compute'; moe: EqualComputePoint[]; dense: EqualComputePoint[]; denseConfig: MoeConfig; steps: number; done: boolean };

/** One trace per sentence (each routed on its own, as the simulator routes a sentence). */
export async function routeSentences(model: MoeModel, sentences: readonly Token[][], hooks: RunHooks = {}): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const s of sentences) {
    if (hooks.cancelled?.()) throw new RunCancelled();
    const { trace } = await model.run(s);
    traces.push(trace);
    hooks.progress?.({ done: traces.length, total: sentences.length });
    await hooks.pause?.();
  }
  return traces;
}

/** The teacher's sentences, one per non-empty line, read by the page's tokenizer. */
export function ownSentences(text: string, model: Pick<SweepModel, 'tokenize'>): Token[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => model.tokenize(line).tokens)
    .filter((tokens) => tokens.length > 0);
}

const tokenCount = (traces: readonly Trace[]): number => traces.reduce((a, t) => a + t.tokens.length, 0);

/** Experiments 1–3 from the routed traces, every layer. */
export function routingResult(experiment: 'words' | 'neighbours' | 'together', traces: readonly Trace[]): ExperimentResult {
  const base = { sentences: traces.length, tokens: tokenCount(traces) };
  if (experiment === 'words')
    return {
      experiment,
      ...base,
      first: everyLayer(traces, (t, l) => classShares(t, l, { choice: 'first' })),
      all: everyLayer(traces, (t, l) => classShares(t, l, { choice: 'all' })),
    };
  if (experiment === 'neighbours') return { experiment, ...base, layers: everyLayer(traces, (t, l) => neighbourRates(t, l)) };
  return { experiment, ...base, layers: everyLayer(traces, (t, l) => coActivation(t, l)) };
}

/** Experiment 6: the word's occurrences in the teacher's sentences (first) and the held-out ones, every layer. */
export function sameWordResult(traces: readonly Trace[], own: number, word: string): ExperimentResult {
  return {
    experiment: 'same-word',
    sentences: traces.length,
    own,
    words: repeatedWords(traces),
    layers: everyLayer(traces, (t, layer) => sameWordContexts(t, word, { layer })),
  };
}

/** Experiment 4: each routed expert switched off in turn, then each token's r best for r = 1 … k. */
export async function knockoutResult(model: MoeModel, sentences: readonly Token[][], hooks: RunHooks = {}): Promise<ExperimentResult> {
  const k = expertShape(model.config).active;
  hooks.progress?.({ done: 0, total: k + 1 });
  const table = await ablationTable(model, sentences);
  const topR: TopRAblation[] = [];
  for (let r = 1; r <= k; r++) {
    if (hooks.cancelled?.()) throw new RunCancelled();
    hooks.progress?.({ done: r, total: k + 1 });
    await hooks.pause?.();
    topR.push(await topRAblation(model, sentences, r));
  }
  return { experiment: 'knockout', sentences: sentences.length, table, topR };
}

/** What a run needs: the experiment, the page's model and config, the word and the teacher's sentences. */
export interface ExperimentInput {
  experiment: ExperimentId;
  config: MoeConfig;
  model: SweepModel;
  word: string;
  text: string;
}

/**
 * Runs one experiment (1, 2, 3, 4 or 6) on the page's model: builds it, routes the sentences, measures,
 * disposes it. `traces` is reused when given (the same model and sentences).
 */
export async function runRoutingExperiment(
  input: ExperimentInput,
  hooks: RunHooks = {},
  cached?: { key: string; traces: Trace[] } | null,
): Promise<{ result: ExperimentResult; traces: { key: string; traces: Trace[] } | null }> {
  const { experiment, config, model: source } = input;
  const own = experiment === 'same-word' ? ownSentences(input.text, source) : [];
  const sentences = [...own, ...experimentSentences()];
  const key = `${source.id}|${JSON.stringify(config)}|${own.map((s) => s.map((t) => `${t.id}:${t.text}`).join(' ')).join('/')}`;
  const model = await source.build(config);
  try {
    if (experiment === 'knockout') return { result: await knockoutResult(model, experimentSentences(), hooks), traces: cached ?? null };
    const traces = cached?.key === key ? cached.traces : await routeSentences(model, sentences, hooks);
    const kept = { key, traces };
    if (experiment === 'same-word') return { result: sameWordResult(traces, own.length, input.word), traces: kept };
    if (experiment === 'words' || experiment === 'neighbours' || experiment === 'together')
      return { result: routingResult(experiment, traces), traces: kept };
    throw new Error(`runRoutingExperiment: ${experiment} trains; see experiment-training.ts`);
  } finally {
    model.dispose();
  }
}
