/** Typed events the leaf components send up to the shell. */
import type { MoeConfig } from '../../core/config';
import type { PictureMode } from '../../state/view';
import type { WeightsMode } from '../simulator/weights-status';

/**
 * An event a component sends up to whoever holds it: it bubbles and crosses shadow roots (composed),
 * so a shell hears it from any depth.
 */
export abstract class UpEvent extends Event {
  constructor(type: string) {
    super(type, { bubbles: true, composed: true });
  }
}

export class TokenSelectEvent extends UpEvent {
  static readonly type = 'token-select';
  constructor(readonly index: number) {
    super(TokenSelectEvent.type);
  }
}

/** A requested model-config change; the shell validates it and may refuse it. */
export class ConfigChangeEvent extends UpEvent {
  static readonly type = 'config-change';
  constructor(readonly change: Partial<Record<keyof MoeConfig, unknown>>) {
    super(ConfigChangeEvent.type);
  }
}

/** View settings outside the model config. */
export interface ViewChange {
  gamma?: number;
  speed?: number;
  layer?: number;
  text?: string;
}

export class ViewChangeEvent extends UpEvent {
  static readonly type = 'view-change';
  constructor(readonly change: ViewChange) {
    super(ViewChangeEvent.type);
  }
}

export type Command = 'previous' | 'next' | 'first' | 'last' | 'toggle-play' | 'reset' | 'bias-step';

export class CommandEvent extends UpEvent {
  static readonly type = 'command';
  constructor(readonly command: Command) {
    super(CommandEvent.type);
  }
}

/** The routing picture's mode switch: one token's flow or the whole sentence's. */
export class PictureModeEvent extends UpEvent {
  static readonly type = 'picture-mode';
  constructor(readonly mode: PictureMode) {
    super(PictureModeEvent.type);
  }
}

/** The main page's weights switch: route with the trained weights or the seeded random ones. */
export class WeightsModeEvent extends UpEvent {
  static readonly type = 'weights-mode';
  constructor(readonly mode: WeightsMode) {
    super(WeightsModeEvent.type);
  }
}

/** "Train this shape" (a short live training run of the current shape), or with `cancel`, its Stop button. */
export class TrainShapeEvent extends UpEvent {
  static readonly type = 'train-shape';
  constructor(readonly cancel = false) {
    super(TrainShapeEvent.type);
  }
}

declare global {
  interface HTMLElementEventMap {
    'token-select': TokenSelectEvent;
    'config-change': ConfigChangeEvent;
    'view-change': ViewChangeEvent;
    command: CommandEvent;
    'picture-mode': PictureModeEvent;
    'weights-mode': WeightsModeEvent;
    'train-shape': TrainShapeEvent;
  }
}
