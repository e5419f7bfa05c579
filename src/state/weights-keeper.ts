/**
 * The simulator's trained weights: which fit the current config, fetching a shipped checkpoint
 * (once per shape, after the view that asked for it), and "Train this shape" runs in the page.
 * What the weights switch says comes from here (WeightsStatus).
 */
import type { MoeConfig } from '../core/config';
import { TRAINED_SEED, trainedShapeFor, WEIGHT_FIELDS, type TrainedShape } from '../core/trained-shapes';
import {
  loadCheckpoint,
  shipped,
  type CheckpointFetch,
  type LoadResult,
  type TrainedWeights,
  type WeightsProblem,
} from './trained-weights';

/** What the weights switch reports. */
export type WeightsStatus =
  | { kind: 'random' }
  | { kind: 'loading' }
  | { kind: 'trained'; source: 'checkpoint' | 'live'; steps: number; heldOutLoss: number; untrainedLoss: number; specialisation: number }
  | { kind: 'none' }
  | { kind: 'training'; step: number; steps: number; loss: number | null }
  | { kind: 'failed'; problem: WeightsProblem };

/** The fields that decide which trained weights fit, as one key. */
export function shapeKey(config: MoeConfig): string {
  return WEIGHT_FIELDS.map((f) => String(config[f])).join('|');
}

function statusOf(w: TrainedWeights): WeightsStatus {
  const { source, steps, heldOutLoss, untrainedLoss, specialisation } = w;
  return { kind: 'trained', source, steps, heldOutLoss, untrainedLoss, specialisation };
}

export class WeightsKeeper {
  /** Shipped checkpoints, by id: loading, or loaded (or failed). */
  private readonly checkpoints = new Map<string, LoadResult | 'loading'>();
  /** Weights trained in the page, by shape key. */
  private readonly live = new Map<string, TrainedWeights>();
  private run: { cancelled: boolean; key: string } | null = null;
  /** Fetches in flight (settled() waits for them, so a settled view is the final one). */
  private readonly inFlight = new Set<Promise<void>>();

  /** `arrived` is called when a fetched checkpoint is ready (or failed), to route again. */
  constructor(
    private readonly fetchFiles: CheckpointFetch,
    private readonly arrived: () => void,
    /** Whether a checkpoint ships in this build (none do in the library). */
    private readonly ships: (id: string) => boolean = shipped,
  ) {}

  /** The shipped checkpoint that fits the config, if any. */
  private shapeFor(config: MoeConfig): TrainedShape | null {
    const shape = trainedShapeFor(config);
    return shape && this.ships(shape.id) ? shape : null;
  }

  /** The trained weights for the config, if they are here, and what the switch says. */
  trainedFor(config: MoeConfig): { trained: TrainedWeights | null; status: WeightsStatus } {
    const shape = this.shapeFor(config);
    const loaded = shape ? this.checkpoints.get(shape.id) : undefined;
    if (shape && loaded !== undefined && loaded !== 'loading') {
      if (loaded.ok) return { trained: loaded.weights, status: statusOf(loaded.weights) };
      return { trained: null, status: { kind: 'failed', problem: loaded.problem } };
    }
    if (shape) return { trained: null, status: { kind: 'loading' } };
    const live = this.live.get(shapeKey(config));
    if (live) return { trained: live, status: statusOf(live) };
    return { trained: null, status: { kind: 'none' } };
  }

  /** Starts fetching the config's checkpoint, unless it is here, on its way, or none ships. */
  fetchFor(config: MoeConfig): void {
    const shape = this.shapeFor(config);
    if (!shape || this.checkpoints.has(shape.id)) return;
    this.checkpoints.set(shape.id, 'loading');
    const done = loadCheckpoint(shape, this.fetchFiles).then((result) => {
      this.checkpoints.set(shape.id, result);
      this.inFlight.delete(done);
      this.arrived();
    });
    this.inFlight.add(done);
  }

  get fetching(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once no checkpoint is being fetched. */
  async fetched(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  get training(): boolean {
    return this.run !== null;
  }

  /** Stops a training run (when the shape changes, or on request); the weights it made so far are dropped. */
  cancel(config?: MoeConfig): void {
    if (this.run && (!config || shapeKey(config) !== this.run.key)) {
      this.run.cancelled = true;
      this.run = null;
    }
  }

  /**
   * Trains the config's shape in the page (the checkpoints' recipe, `steps` steps), telling `report`
   * after each step, yielding to the page between steps. Resolves false when cancelled.
   */
  async train(config: MoeConfig, steps: number, report: (s: WeightsStatus) => void): Promise<boolean> {
    if (this.run) return false;
    const key = shapeKey(config);
    const run = { cancelled: false, key };
    this.run = run;
    // The trainer (tfjs's gradients) and the training sentences load only when a run starts.
    const { trainLive } = await import('./live-training');
    try {
      const weights = await trainLive({ ...config, seed: TRAINED_SEED }, steps, report, () => run.cancelled);
      if (!weights) return false;
      this.live.set(key, { ...weights, id: key });
      return true;
    } finally {
      if (this.run === run) this.run = null;
    }
  }
}
