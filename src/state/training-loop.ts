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

export class TrainingLoop extends EventTarget {
  private trainer: MoeTrainer;
  private current: TrainState;
  private loop: Promise<void> | null = null;
  private stopRequested = false;
  private readonly timings: { at: number; tokens: number }[] = [];

  constructor(config: MoeConfig, settings: TrainSettings = { ...DEFAULT_TRAIN }, text = '') {
    super();
    this.trainer = new MoeTrainer(config, settings);
    this.current = {
      config,
      settings,
      text,
      running: false,
      step: 0,
      tokensSeen: 0,
      tokensPerSecond: 0,
      history: [],
      loads: [],
      last: null,
      specialisation: [],
      scoreHistory: [],
      trace: null,
      problems: [],
      error: null,
    };
  }

  get state(): TrainState {
    return this.current;
  }

  private set(patch: Partial<TrainState>): void {
    this.current = { ...this.current, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  /** Routes the vocabulary and the sentence with the current weights. */
  async measure(): Promise<void> {
    const vocab = await this.trainer.routeVocabulary();
    const spec = vocab.layers.map((_, l) => specialisation(vocab, l));
    const { tokens, truncated } = tokenize(this.current.text);
    const { trace } = await this.trainer.model.run(tokens, { truncated });
    const score = spec[0]?.score ?? 0;
    const scoreHistory = [...this.current.scoreHistory.filter((p) => p.step !== this.current.step), { step: this.current.step, score }];
    this.set({ specialisation: spec, trace, scoreHistory });
  }

  /** One training step (when not running). */
  async stepOnce(): Promise<void> {
    if (this.current.running || this.loop) return;
    this.stopRequested = false;
    this.loop = this.runSteps(1).finally(() => {
      this.loop = null;
    });
    await this.loop;
  }

  play(): void {
    if (this.loop) return;
    this.stopRequested = false;
    this.set({ running: true });
    this.loop = this.runSteps(Infinity).finally(() => {
      this.loop = null;
      this.set({ running: false });
    });
  }

  pause(): Promise<void> {
    this.stopRequested = true;
    return this.loop ?? Promise.resolve();
  }

  /** Resolves when no step is running. */
  idle(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  private async runSteps(count: number): Promise<void> {
    try {
      for (let i = 0; i < count && !this.stopRequested; i++) {
        const report = await this.trainer.trainStep();
        this.record(report);
        if (this.current.step % MEASURE_EVERY === 0 || count === 1) await this.measure();
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
      history: [...this.current.history, point].slice(-HISTORY_LIMIT),
      loads: [...this.current.loads, r.layers.map((l) => l.demand)].slice(-HISTORY_LIMIT),
      last: r,
    });
  }

  /** Changes training settings (applied from the next step); refused changes are reported. */
  setSettings(change: Partial<Record<keyof TrainSettings, unknown>>): void {
    const result = validateTrainSettings(this.current.settings, change, this.current.config.router);
    if (!result.ok) {
      this.set({ problems: result.problems });
      return;
    }
    this.trainer.setSettings(result.settings);
    this.set({ settings: result.settings, problems: [] });
  }

  /** Starts over from the seed, optionally with a new model config (validated). */
  async reset(change: Partial<Record<keyof MoeConfig, unknown>> = {}): Promise<void> {
    const checked = updateConfig(this.current.config, change);
    if (!checked.ok) {
      this.set({ problems: checked.problems });
      return;
    }
    await this.pause();
    this.trainer.dispose();
    let settings = this.current.settings;
    if (settings.balance.startsWith('bias') && checked.config.router !== 'sigmoid-bias') settings = { ...settings, balance: 'none' };
    this.trainer = new MoeTrainer(checked.config, settings);
    this.timings.length = 0;
    this.set({ config: checked.config, settings, step: 0, tokensSeen: 0, tokensPerSecond: 0, history: [], loads: [], last: null, scoreHistory: [], problems: [], error: null });
    await this.measure();
  }

  async setText(text: string): Promise<void> {
    this.set({ text });
    if (!this.loop) await this.measure();
  }

  dispose(): void {
    this.stopRequested = true;
    void (this.loop ?? Promise.resolve()).then(() => this.trainer.dispose());
  }
}
