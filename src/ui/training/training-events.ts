/** Typed events the training pages' controls send up to their shell. */
import type { TrainSettings } from '../../core/training';
import { UpEvent } from '../shared/events';

/** A requested change of the training settings; the shell validates it and may refuse it. */
export class TrainSettingsEvent extends UpEvent {
  static readonly type = 'train-settings';
  constructor(readonly change: Partial<TrainSettings>) {
    super(TrainSettingsEvent.type);
  }
}

export type TrainCommand = 'toggle-train' | 'step' | 'reset';

export class TrainCommandEvent extends UpEvent {
  static readonly type = 'train-command';
  constructor(readonly command: TrainCommand) {
    super(TrainCommandEvent.type);
  }
}

declare global {
  interface HTMLElementEventMap {
    'train-settings': TrainSettingsEvent;
    'train-command': TrainCommandEvent;
  }
}
