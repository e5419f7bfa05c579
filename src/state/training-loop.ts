/**
 * The live-training loop for the pages: runs MoeTrainer steps one at a time, yielding to the
 * browser between steps so the page never freezes, and keeps the history the charts draw.
 * Every few steps it routes the vocabulary (specialisation map) and the page's sentence (for the
 * simulator views) with the current weights.
 */
import { updateConfig, type CodedConfigProblem, type MoeConfig } from '../core/config';
import { specialisation, type SpecialisationMap } from '../core/specialisation';
import { tokenize } from '../core/tokenizer';
import type { Trace } from '../core/trace';
import { DEFAULT_TRAIN, MoeTrainer, validateTrainSettings, type StepReport, type TrainProblem, type TrainSettings } from '../core/training';

export interface TrainPoint {
  step: number;
  taskLoss: number;
  balanceLoss: number;
  zLoss: number;
  loss: number;
  /** Busiest expert's share over the mean, this step's batch, per layer. */
  maxOverMean: number[];
}

export interface TrainState {
  config: MoeConfig;
  settings: TrainSettings;
  text: string;
  running: boolean;
  step: number;
  tokensSeen: number;
  /** Measured over the recent steps, wall clock. */
  tokensPerSecond: number;
  /** Training steps a second, measured over the same recent steps. */
  stepsPerSecond: number;
  history: TrainPoint[];
  /** Per step, per layer: tokens that chose each expert in that step's batch. */
  loads: number[][][];
  last: StepReport | null;
  /** Per layer, from routing every vocabulary word once. */
  specialisation: SpecialisationMap[];
  /** Specialisation score of layer 1 over the steps at which it was measured. */
  scoreHistory: { step: number; score: number }[];
  /** The page's sentence routed by the current weights. */
  trace: Trace | null;
  /** Problems of the last refused change, by field (their codes are attached, see src/core/coded.ts). */
  problems: (CodedConfigProblem | TrainProblem)[];
  error: string | null;
}

/** How often (in steps) the vocabulary and the sentence are re-routed while training runs. */
export const MEASURE_EVERY = 5;
/** Longest history kept for the charts. */
export const HISTORY_LIMIT = 2000;

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The part of the state a new model starts from: no steps, no history, no error. */
function freshRun(): Pick<
  TrainState,
  'step' | 'tokensSeen' | 'tokensPerSecond' | 'stepsPerSecond' | 'history' | 'loads' | 'last' | 'scoreHistory' | 'error'
> {
  return {
    step: 0,
    tokensSeen: 0,
    tokensPerSecond: 0,
    stepsPerSecond: 0,
    history: [],
    loads: [],
    last: null,
    scoreHistory: [],
    error: null,
  };
}

export class TrainingLoop extends EventTarget {
  private trainer: MoeTrainer;
  private current: TrainState;
  /**
   * All work on the trainer (steps, measures, rebuilds, disposal) runs here one piece after another,
   * so a rebuild never disposes a model that a step or a measure is still reading.
   */
  private queue: Promise<void> = Promise.resolve();
  /** The queued or running steps (a play loop or one step), if any. */
  private loop: Promise<void> | null = null;
  /** Bumped to stop the steps in flight: a run checks it before every step. */
  private runId = 0;
  /** The runId of the play loop that owns `running`, if any. */
  private playing: number | null = null;
  /** The model config the queued rebuild will build: requests made before it starts add up in it. */
  private wanted: MoeConfig | null = null;
  private rebuild: Promise<void> | null = null;
  private disposed = false;
  private readonly timings: { at: number; tokens: number }[] = [];

  constructor(config: MoeConfig, settings: TrainSettings = { ...DEFAULT_TRAIN }, text = '') {
    super();
    this.trainer = new MoeTrainer(config, settings);
    this.current = { config, settings, text, running: false, ...freshRun(), specialisation: [], trace: null, problems: [] };
  }

  get state(): TrainState {
    return this.current;
  }

  private set(patch: Partial<TrainState>): void {
    this.current = { ...this.current, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  /** Runs `work` after everything queued before it (skipped once disposed). */
  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.disposed ? undefined : work()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Keeps `run` as the loop until it settles. */
  private track(run: Promise<void>, onEnd?: () => void): Promise<void> {
    this.loop = run;
    return run.finally(() => {
      if (this.loop === run) this.loop = null;
      onEnd?.();
    });
  }

  /** Routes the vocabulary and the sentence with the current weights. */
  measure(): Promise<void> {
    return this.serial(() => this.measureNow());
  }

  private async measureNow(): Promise<void> {
    const vocab = await this.trainer.routeVocabulary();
    const spec = vocab.layers.map((_, l) => specialisation(vocab, l));
    const { tokens, truncated } = tokenize(this.current.text);
    const { trace } = await this.trainer.model.run(tokens, { truncated });
    const score = spec[0]?.score ?? 0;
    const scoreHistory = [...this.current.scoreHistory.filter((p) => p.step !== this.current.step), { step: this.current.step, score }];
    this.set({ specialisation: spec, trace, scoreHistory });
  }

  /** One training step, after the steps already asked for (none while training runs). */
  async stepOnce(): Promise<void> {
    if (this.playing !== null) return;
    const id = this.runId;
    await this.track(this.serial(() => this.runSteps(1, id)));
  }

  /** Trains until paused; the last of several play/pause requests wins. */
  play(): void {
    if (this.playing !== null && this.playing === this.runId) return;
    const id = ++this.runId;
    this.playing = id;
    this.set({ running: true });
    void this.track(
      this.serial(() => this.runSteps(Infinity, id)),
      () => {
        if (this.playing !== id) return;
        this.playing = null;
        this.set({ running: false });
      },
    );
  }

  pause(): Promise<void> {
    this.runId++;
    return this.idle();
  }

  /** Resolves when no step is queued or running. */
  idle(): Promise<void> {
    return (this.loop ?? Promise.resolve()).then(() => (this.loop ? this.idle() : undefined));
  }

  private async runSteps(count: number, id: number): Promise<void> {
    try {
      for (let i = 0; i < count && id === this.runId; i++) {
        const report = await this.trainer.trainStep();
        this.record(report);
        if (this.current.step % MEASURE_EVERY === 0 || count === 1) await this.measureNow();
        await yieldToPage();
      }
    } catch (e) {
      this.set({ error: e instanceof Error ? e.message : String(e) });
    }
  }

  private record(r: StepReport): void {
    const now = performance.now();
    this.timings.push({ at: now, tokens: r.tokens });
    while (this.timings.length > 20) this.timings.shift();
    const first = this.timings[0];
    const span = first ? (now - first.at) / 1000 : 0;
    const tokens = this.timings.slice(1).reduce((a, t) => a + t.tokens, 0);
    const steps = this.timings.length - 1;
    const point: TrainPoint = {
      step: r.step + 1,
      taskLoss: r.taskLoss,
      balanceLoss: r.balanceLoss,
      zLoss: r.zLoss,
      loss: r.loss,
      maxOverMean: r.layers.map((l) => l.maxOverMean),
    };
    this.set({
      step: r.step + 1,
      tokensSeen: this.current.tokensSeen + r.tokens,
      tokensPerSecond: span > 0 ? tokens / span : 0,
      stepsPerSecond: span > 0 ? steps / span : 0,
      history: [...this.current.history, point].slice(-HISTORY_LIMIT),
      loads: [...this.current.loads, r.layers.map((l) => l.demand)].slice(-HISTORY_LIMIT),
      last: r,
    });
  }

  /** Changes training settings (applied from the next step); refused changes are reported. */
  setSettings(change: Partial<Record<keyof TrainSettings, unknown>>): void {
    const result = validateTrainSettings(this.current.settings, change, (this.wanted ?? this.current.config).router);
    if (!result.ok) {
      this.set({ problems: result.problems });
      return;
    }
    this.trainer.setSettings(result.settings);
    this.set({ settings: result.settings, problems: [] });
  }

  /**
   * Starts over from the seed, optionally with a new model config (validated against the config of
   * the rebuild already asked for, so changes made in one go add up and the last value wins). Stops
   * the steps in flight; resolves once the model asked for is built and measured.
   */
  reset(change: Partial<Record<keyof MoeConfig, unknown>> = {}): Promise<void> {
    const checked = updateConfig(this.wanted ?? this.current.config, change);
    if (!checked.ok) {
      this.set({ problems: checked.problems });
      return Promise.resolve();
    }
    this.wanted = checked.config;
    this.runId++;
    if (this.current.problems.length) this.set({ problems: [] });
    this.rebuild ??= this.serial(async () => {
      this.rebuild = null;
      const config = this.wanted;
      this.wanted = null;
      if (config) await this.rebuildNow(config);
    });
    return this.rebuild;
  }

  private async rebuildNow(config: MoeConfig): Promise<void> {
    this.trainer.dispose();
    let settings = this.current.settings;
    if (settings.balance.startsWith('bias') && config.router !== 'sigmoid-bias') settings = { ...settings, balance: 'none' };
    this.trainer = new MoeTrainer(config, settings);
    this.timings.length = 0;
    this.set({ config, settings, ...freshRun() });
    await this.measureNow();
  }

  async setText(text: string): Promise<void> {
    this.set({ text });
    if (!this.loop) await this.measure();
  }

  /** Stops and frees the model once the work in flight is done (idle() resolves after). */
  dispose(): void {
    this.runId++;
    this.disposed = true;
    const done = this.queue.then(() => this.trainer.dispose());
    this.queue = done;
    void this.track(done);
  }
}
