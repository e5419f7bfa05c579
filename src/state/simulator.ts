/**
 * The simulator's state and the one place that runs the model for the page. Views read `state`
 * and call the actions; every change is announced with a 'change' event. Runs are serialised:
 * when inputs change during a run, one more run follows with the newest inputs.
 */
import type { BackendStatus } from '../core/backend';
import { DEFAULT_CONFIG, updateConfig, type ConfigProblem, type MoeConfig } from '../core/config';
import { DEFAULT_SENTENCE } from '../core/corpus';
import { MoeModel } from '../core/model';
import { tokenize } from '../core/tokenizer';
import type { Trace } from '../core/trace';

export interface SimState {
  config: MoeConfig;
  text: string;
  /** Index of the current token. */
  position: number;
  trace: Trace | null;
  backend: BackendStatus | null;
  /** Problems of the last rejected change; the config stayed as it was. */
  problems: ConfigProblem[];
  /** Set when running the model failed. */
  error: string | null;
}

export function initialState(config: MoeConfig = DEFAULT_CONFIG, text: string = DEFAULT_SENTENCE): SimState {
  return { config: { ...config }, text, position: 0, trace: null, backend: null, problems: [], error: null };
}

function clampPosition(position: number, trace: Trace | null): number {
  const n = trace?.tokens.length ?? 0;
  return n === 0 ? 0 : Math.min(Math.max(0, Math.round(position)), n - 1);
}

export class Simulator extends EventTarget {
  private current: SimState;
  private model: MoeModel | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;

  constructor(initial: SimState = initialState()) {
    super();
    this.current = initial;
  }

  get state(): SimState {
    return this.current;
  }

  private set(patch: Partial<SimState>): void {
    this.current = { ...this.current, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  setBackend(backend: BackendStatus): void {
    this.set({ backend });
  }

  /** Applies a config change if it is valid; otherwise keeps the config and reports the problems. */
  setConfig(change: Partial<Record<keyof MoeConfig, unknown>>): Promise<void> {
    const result = updateConfig(this.current.config, change);
    if (!result.ok) {
      this.set({ problems: result.problems });
      return Promise.resolve();
    }
    this.set({ config: result.config, problems: [] });
    return this.refresh();
  }

  setText(text: string): Promise<void> {
    this.set({ text });
    return this.refresh();
  }

  goTo(position: number): void {
    const next = clampPosition(position, this.current.trace);
    if (next !== this.current.position) this.set({ position: next });
  }

  step(delta: number): void {
    this.goTo(this.current.position + delta);
  }

  /** Runs the model on the current inputs; resolves when the trace matches them. */
  refresh(): Promise<void> {
    this.dirty = true;
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const { config, text } = this.current;
      try {
        if (!this.model || this.model.config !== config) {
          this.model?.dispose();
          this.model = new MoeModel(config);
        }
        const { tokens, truncated } = tokenize(text);
        const { trace } = await this.model.run(tokens, { truncated });
        if (!this.dirty) this.set({ trace, position: clampPosition(this.current.position, trace), error: null });
      } catch (e) {
        this.set({ error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
