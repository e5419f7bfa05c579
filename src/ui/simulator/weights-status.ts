/**
 * What the main page's weights control shows: which weights the model runs with and how they came
 * about. Plain data, worded by <weights-control> (weights-control.ts); the shell fills it in.
 */

/** Which weights the main page routes with: the trained checkpoint (or a live run) or the seeded random ones. */
export type WeightsMode = 'trained' | 'random';

export const WEIGHTS_MODES: readonly WeightsMode[] = ['trained', 'random'];

export type WeightsStatus =
  /** The checkpoint is being fetched; the random weights are shown meanwhile. */
  | { kind: 'loading' }
  /** Trained weights in use: shipped (`checkpoint`) or trained on this page (`live`). */
  | { kind: 'trained'; source: 'checkpoint' | 'live'; steps: number; heldOutLoss: number; untrainedLoss: number; specialisation: number }
  /** No checkpoint ships for this shape: the control offers "Train this shape". */
  | { kind: 'none' }
  /** A live training run: `loss` is null before its first step. */
  | { kind: 'training'; step: number; steps: number; loss: number | null }
  /** A corrupt or mismatched checkpoint, its message already worded; the random model is shown. */
  | { kind: 'failed'; message: string }
  /** The random weights were chosen. */
  | { kind: 'random' };
