/**
 * Keeps the experiments page's result in step with its view: `request` names the experiment, the
 * model (the page's weights and tokenizer), the config, the word and the teacher's sentences; one
 * worker (latest wins) measures, yielding to the browser every few milliseconds, and a newer request
 * abandons a run in progress. Experiments 1–3 and 6 share one routing of the held-out sentences for
 * the same model; 5 and 7 train from the seed (their module is loaded when first run). Announces every
 * change (progress, partial curves, result, error) with a 'change' event.
 */
import {
  RunCancelled,
  runRoutingExperiment,
  type ExperimentInput,
  type ExperimentResult,
  type Progress,
  type RunHooks,
} from './experiment-runs';
import { TRAINING_EXPERIMENTS } from './experiments-url';
import { ChangeNotifier, slicedPause } from './change-notifier';
import { LatestRunner } from './latest-runner';
import type { Trace } from '../core/trace';

/** What a result was measured for: the same key gives the same numbers (the runs are deterministic). */
export function experimentKey(input: ExperimentInput): string {
  const { experiment, config, model, word, text } = input;
  if (TRAINING_EXPERIMENTS.includes(experiment)) return `${experiment}|${JSON.stringify(config)}`;
  const own = experiment === 'same-word' ? `|${word}|${text}` : '';
  return `${experiment}|${model.id}|${JSON.stringify(config)}${own}`;
}

export class ExperimentRunner extends ChangeNotifier {
  /** The latest result (partial while a training experiment runs), and the key it was measured for. */
  result: ExperimentResult | null = null;
  key = '';
  progress: Progress | null = null;
  error: string | null = null;
  /** Milliseconds the last finished run took (the bench reads it). */
  lastMs = 0;
  private target = '';
  private closed = false;
  private traces: { key: string; traces: Trace[] } | null = null;
  private readonly runner = new LatestRunner<ExperimentInput>((input) => this.measure(input), {
    onError: (e) => {
      this.progress = null;
      if (!(e instanceof RunCancelled)) this.error = e instanceof Error ? e.message : String(e);
      this.emit();
    },
  });

  constructor(
    /** Longest stretch of work, in ms, before the page gets a turn. */
    private readonly sliceMs = 12,
  ) {
    super();
  }

  /** Measures `input` unless the result already is for it. */
  request(input: ExperimentInput): Promise<void> {
    this.target = experimentKey(input);
    return this.runner.request(input);
  }

  /** Resolves once the result matches the latest request (or its error is shown). */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async measure(input: ExperimentInput): Promise<void> {
    const key = experimentKey(input);
    if (key === this.key && this.result && (this.result.experiment !== 'compute' || this.result.done)) return;
    const hooks: RunHooks = {
      cancelled: () => this.closed || this.target !== key,
      progress: (p) => {
        this.progress = p;
        this.emit();
      },
      pause: slicedPause(this.sliceMs),
    };
    const started = performance.now();
    this.key = key;
    this.result = null;
    this.error = null;
    this.progress = { done: 0, total: 1 };
    this.emit();
    let result: ExperimentResult;
    if (input.experiment === 'settles' || input.experiment === 'compute') {
      const training = await import('./experiment-training');
      // Training steps take longer than a slice: give the page a turn after each.
      const every: RunHooks = { ...hooks, pause: () => new Promise((resolve) => setTimeout(resolve, 0)) };
      result =
        input.experiment === 'settles'
          ? await training.settlesResult(input.config, every)
          : await training.computeResult(input.config, every, (partial) => {
              if (this.target !== key) return;
              this.result = partial;
              this.emit();
            });
    } else {
      const run = await runRoutingExperiment(input, hooks, this.traces);
      this.traces = run.traces;
      result = run.result;
    }
    if (this.target !== key || this.closed) return;
    this.result = result;
    this.progress = null;
    this.lastMs = performance.now() - started;
    this.emit();
  }

  /** Stops measuring (the run in progress stops at its next pause). */
  dispose(): void {
    this.closed = true;
    this.runner.dispose();
    this.traces = null;
  }
}
