/**
 * The simulator's state and the one place that runs the model for the page. Views read `state`
 * and call the actions; the state lives in a Store (store.ts) that announces every change. Model
 * runs go through a LatestRunner (latest-runner.ts): when inputs change during a run, one more run
 * follows with the newest inputs.
 *
 * The model is rebuilt from the seed whenever the config changes; DeepSeek-V3 bias updates are
 * replayed from that fresh model (biasSteps of them), so a link reproduces the exact biases.
 */
import type { BackendStatus } from '../core/backend';
import { updateConfig, type ConfigProblem, type MoeConfig } from '../core/config';
import { MoeModel } from '../core/model';
import { lexiconLoaded, OPEN_VOCAB, tokenizeOpen, type Tagger } from '../core/open-vocab';
import { TRAINING_RECIPE } from '../core/trained-recipe';
import type { Trace } from '../core/trace';
import { WeightStore } from '../core/weight-store';
import { loadTagger } from './tagger';
import { fetchShipped, trainedModel, type CheckpointFetch, type TrainedWeights } from './trained-weights';
import { WeightsKeeper, type WeightsStatus } from './weights-keeper';
import type { SweepModel } from './capacity-sweep';
import { LatestRunner, type RunContext } from './latest-runner';
import { Store } from './store';
import { clipText, type LinkNotice, type TextNotice } from './url';
import { defaultView, VIEW_LIMITS, type ViewState, type WeightsMode } from './view';

export interface SimState extends ViewState {
  trace: Trace | null;
  backend: BackendStatus | null;
  /** Problems of the last rejected change, by field; the config stayed as it was. */
  problems: ConfigProblem[];
  /**
   * Values of the opening link that were ignored: in English words, or coded (a decoded link's
   * codedNotices) so that the page can word them in its language.
   */
  notices: (string | LinkNotice)[];
  /** Set when the last sentence given was longer than MAX_TEXT_CHARS and was cut (from a script, past the box's maxlength). */
  textCut: TextNotice | null;
  /** Set when running the model failed. */
  error: string | null;
  playing: boolean;
  /** Which weights the trace was routed with, and why (loading, none for this shape, training here, failed). */
  weightsStatus: WeightsStatus;
}

export function initialState(view: ViewState = defaultView(), notices: (string | LinkNotice)[] = []): SimState {
  return {
    ...view,
    trace: null,
    backend: null,
    problems: [],
    notices,
    textCut: null,
    error: null,
    playing: false,
    weightsStatus: view.weights === 'random' ? { kind: 'random' } : { kind: 'loading' },
  };
}

export function viewOf(s: SimState): ViewState {
  const { config, text, position, gamma, biasSteps, speed, layer, hide, picture, weights } = s;
  return { config, text, position, gamma, biasSteps, speed, layer, hide, picture, weights };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function clampPosition(position: number, trace: Trace | null): number {
  const n = trace?.tokens.length ?? 0;
  return n === 0 ? 0 : clamp(Math.round(position), 0, n - 1);
}

/** Whether play-through applies a bias update each time it wraps around the sentence. */
export function balancesOnWrap(s: Pick<SimState, 'config' | 'gamma'>): boolean {
  return s.config.router === 'sigmoid-bias' && s.gamma > 0;
}

export type { WeightsStatus } from './weights-keeper';

/** Which weights a model runs with, as a key: a checkpoint's or live run's id, or the seed's random ones. */
function weightsId(trained: TrainedWeights | null): string {
  return trained ? `${trained.source}:${trained.id}` : 'random';
}

export class Simulator {
  readonly store: Store<SimState>;
  private model: MoeModel | null = null;
  /** Weights shared across rebuilds: a slider move only draws the weights that are new. */
  private readonly weights = new WeightStore();
  /** Bias updates the current model has had, the inputs it was built for, and its latest trace. */
  private modelSteps = 0;
  private modelKey = '';
  private modelTrace: Trace | null = null;
  private readonly runner: LatestRunner<void>;
  /** Resolves once the backend is chosen (at once unless the simulator was made `held`). */
  private readonly backendChosen: Promise<void>;
  private chooseBackend: () => void = () => undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The config the current model was built for (a trained model's own config carries the trained seed). */
  private modelConfig: MoeConfig | null = null;
  /** The part-of-speech tagger for words outside the lexicon, loaded when a sentence first needs it. */
  private tagger: Tagger | null = null;
  private taggerLoading = false;
  /** The tagger's load while in flight (idle() waits for it). */
  private taggerPending: Promise<void> | null = null;

  private readonly trained: WeightsKeeper;
  private readonly liveSteps: number;

  /**
   * options: where checkpoints come from (tests give their own files), the steps of "Train this
   * shape", and `held`: a page's simulator runs nothing until setBackend() (tfjs throws on any op
   * while the wasm backend it switches to still loads; a sentence typed then waits for it).
   */
  constructor(
    initial: SimState = initialState(),
    options: { fetchCheckpoint?: CheckpointFetch; liveSteps?: number; ships?: (id: string) => boolean; held?: boolean } = {},
  ) {
    this.store = new Store(initial);
    this.runner = new LatestRunner<void>((_input, ctx) => this.run(ctx), {
      held: options.held ?? false,
      onError: (e) => {
        this.model?.dispose();
        this.model = null;
        this.set({ error: e instanceof Error ? e.message : String(e) });
      },
    });
    this.backendChosen = options.held ? new Promise((resolve) => (this.chooseBackend = resolve)) : Promise.resolve();
    this.trained = new WeightsKeeper(options.fetchCheckpoint ?? fetchShipped, () => void this.refresh(), options.ships);
    this.liveSteps = options.liveSteps ?? TRAINING_RECIPE.liveSteps;
  }

  get state(): SimState {
    return this.store.get();
  }

  /** Calls `listener` after every change of the state; returns the function that stops it. */
  subscribe(listener: (state: SimState) => void): () => void {
    return this.store.subscribe(listener);
  }

  private get current(): SimState {
    return this.store.get();
  }

  private set(patch: Partial<SimState>): void {
    this.store.set(patch);
  }

  /** Replaces the whole view before the first run (a page's link or an element's attributes). */
  load(view: ViewState, notices: (string | LinkNotice)[] = []): void {
    this.set({ ...view, notices, problems: [], textCut: null });
  }

  /** Replaces the notices of ignored settings (an element's attributes, read again after a change). */
  setNotices(notices: (string | LinkNotice)[]): void {
    this.set({ notices });
  }

  /** Hides or shows controls (teacher mode). */
  setPicture(picture: ViewState['picture']): void {
    if (picture !== this.current.picture) this.set({ picture });
  }

  setHide(hide: ViewState['hide']): void {
    this.set({ hide: [...hide] });
  }

  /** Trained or random weights; switching re-routes the sentence. */
  setWeights(weights: WeightsMode): Promise<void> {
    if (weights === this.current.weights) return Promise.resolve();
    this.set({ weights, biasSteps: 0 });
    return this.refresh();
  }

  /**
   * "Train this shape": a short training run of the current shape in the page (the shipped
   * checkpoints' recipe, fewer steps), reporting each step; then the page routes with those weights.
   * A config change or cancelTraining() stops it.
   */
  async trainShape(): Promise<void> {
    await this.backendChosen;
    await this.trained.train(this.current.config, this.liveSteps, (weightsStatus) => this.set({ weightsStatus }));
    return this.refresh();
  }

  /** Stops a "Train this shape" run; the page keeps the weights it had. */
  cancelTraining(): Promise<void> {
    if (!this.trained.training) return Promise.resolve();
    this.trained.cancel();
    return this.refresh();
  }

  /** The backend the page chose (and is ready): a held simulator starts its runs. */
  setBackend(backend: BackendStatus): void {
    this.set({ backend });
    this.chooseBackend();
    this.runner.release();
  }

  /** Applies a config change if it is valid; otherwise keeps the config and reports the problems. */
  setConfig(change: Partial<Record<keyof MoeConfig, unknown>>): Promise<void> {
    const result = updateConfig(this.current.config, change);
    if (!result.ok) {
      this.set({ problems: result.problems });
      return Promise.resolve();
    }
    this.trained.cancel(result.config);
    this.set({ config: result.config, problems: [], biasSteps: 0, layer: Math.min(this.current.layer, result.config.layers - 1) });
    return this.refresh();
  }

  /** A new sentence; one longer than MAX_TEXT_CHARS is cut to it, with a notice (textCut). */
  setText(text: string): Promise<void> {
    const clipped = clipText(text);
    const { tokens } = tokenizeOpen(clipped.text, { lang: 'en' });
    if (tokens.length > 0 && tokens.every((t) => t.category === 'symbol')) {
      this.set({ textCut: { code: 'text.noWords', args: {} } });
      return Promise.resolve();
    }
    this.set({ text: clipped.text, textCut: clipped.cut, biasSteps: 0 });
    return this.refresh();
  }

  setGamma(gamma: number): Promise<void> {
    if (!Number.isFinite(gamma)) return Promise.resolve();
    this.set({ gamma: clamp(gamma, VIEW_LIMITS.gamma.min, VIEW_LIMITS.gamma.max), biasSteps: 0 });
    return this.refresh();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed)) return;
    this.set({ speed: clamp(speed, VIEW_LIMITS.speed.min, VIEW_LIMITS.speed.max) });
    if (this.current.playing) this.schedule();
  }

  setLayer(layer: number): void {
    const l = clamp(Math.round(layer), 0, this.current.config.layers - 1);
    if (Number.isFinite(l) && l !== this.current.layer) this.set({ layer: l });
  }

  goTo(position: number): void {
    const next = clampPosition(position, this.current.trace);
    if (next !== this.current.position) this.set({ position: next });
  }

  step(delta: number): void {
    this.goTo(this.current.position + delta);
  }

  /** One DeepSeek-V3 bias update from the sentence's current load, then re-route. */
  biasStep(): Promise<void> {
    if (this.current.biasSteps >= VIEW_LIMITS.biasSteps.max) return Promise.resolve();
    this.set({ biasSteps: this.current.biasSteps + 1 });
    return this.refresh();
  }

  /** Rebuilds the model from the seed: biases back to zero, first token, playback stopped. */
  reset(): Promise<void> {
    this.pause();
    this.set({ biasSteps: 0, position: 0 });
    this.model?.dispose();
    this.model = null;
    return this.refresh();
  }

  play(): void {
    if (this.current.playing) return;
    this.set({ playing: true });
    this.schedule();
  }

  pause(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.current.playing) this.set({ playing: false });
  }

  togglePlay(): void {
    if (this.current.playing) this.pause();
    else this.play();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 1000 / this.current.speed);
  }

  /** One play step: next token, or back to the first one (with a bias update when balancing). */
  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.current.playing) return;
    const n = this.current.trace?.tokens.length ?? 0;
    if (this.current.position < n - 1) this.step(1);
    else {
      this.goTo(0);
      if (balancesOnWrap(this.current)) await this.biasStep();
    }
    if (this.current.playing) this.schedule();
  }

  /**
   * The page's model for a capacity sweep: the weights the sentence runs with now (trained, or the
   * seed's random ones, each model drawing its own), and the page's tokenizer.
   */
  sweepModel(): SweepModel {
    const { config, weights } = this.current;
    const trained = weights === 'trained' ? this.trained.trainedFor(config).trained : null;
    const tagger = this.tagger ?? undefined;
    return {
      id: weightsId(trained),
      build: (c) => (trained ? trainedModel(c, trained) : new MoeModel(c, OPEN_VOCAB)),
      tokenize: (text) => tokenizeOpen(text, { lang: 'en', tagger }),
    };
  }

  /** Resolves once no model run is pending, nor a fetch (trained weights, the tagger) that will route again. */
  async idle(): Promise<void> {
    await this.runner.idle();
    while (this.trained.fetching || this.taggerPending) {
      await this.trained.fetched();
      await this.taggerPending;
      await this.runner.idle();
    }
  }

  /** Runs the model on the current inputs; resolves when the trace matches them. */
  refresh(): Promise<void> {
    return this.runner.request();
  }

  /** One model run on the current inputs; a newer request makes it stop early and publish nothing. */
  private async run(ctx: RunContext): Promise<void> {
    const { config, text, gamma, biasSteps, weights } = this.current;
    const { tokens, truncated } = tokenizeOpen(text, { lang: 'en', tagger: this.tagger ?? undefined });
    const { trained, status } =
      weights === 'trained' ? this.trained.trainedFor(config) : { trained: null, status: { kind: 'random' } as WeightsStatus };
    const source = weightsId(trained);
    const key = `${gamma}\u0000${text}\u0000${source}\u0000${this.tagger ? 'tagged' : ''}${lexiconLoaded() ? 'lexicon' : ''}`;
    if (!this.model || this.modelConfig !== config || this.modelKey !== key || this.modelSteps > biasSteps) {
      this.model?.dispose();
      this.model = null;
      if (trained) this.model = trainedModel(config, trained);
      else {
        this.model = new MoeModel(config, OPEN_VOCAB, this.weights);
        this.weights.sweep();
      }
      this.modelConfig = config;
      this.modelKey = key;
      this.modelSteps = 0;
      this.modelTrace = null;
    }
    const model = this.model;
    let trace = this.modelTrace ?? (await model.run(tokens, { truncated })).trace;
    while (this.modelSteps < biasSteps && !ctx.stale()) {
      model.updateBiases(trace, gamma);
      this.modelSteps++;
      trace = (await model.run(tokens, { truncated })).trace;
    }
    this.modelTrace = trace;
    if (ctx.stale()) return;
    const weightsStatus = this.trained.training ? this.current.weightsStatus : status;
    // A trained model runs with its training seed; the trace states the page's own settings.
    const shown = trained ? { ...trace, config } : trace;
    this.set({ trace: shown, position: clampPosition(this.current.position, shown), error: null, weightsStatus });
    // After the first routed view: fetch what this view still lacks, then route again.
    if (weights === 'trained') this.trained.fetchFor(config);
    if (!this.tagger && tokens.some((t) => t.unknown)) this.fetchTagger();
  }

  /** Loads the full lexicons and the tagger (words outside the model's own rows), then routes again. */
  private fetchTagger(): void {
    if (this.taggerLoading) return;
    this.taggerLoading = true;
    this.taggerPending = Promise.all([import('../core/lexicon'), loadTagger()]).then(
      ([, tagger]) => {
        this.tagger = tagger;
        this.taggerPending = null;
        void this.refresh();
      },
      // Without them, words outside the model's rows stay "unknown", as before they existed.
      () => {
        this.taggerPending = null;
      },
    );
  }

  dispose(): void {
    this.trained.cancel();
    this.runner.cancel();
    this.pause();
    this.model?.dispose();
    this.model = null;
    this.weights.dispose();
  }
}
