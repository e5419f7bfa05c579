/** Typed events the leaf components send up to the shell. */
import type { MoeConfig } from '../../core/config';

export class TokenSelectEvent extends Event {
  static readonly type = 'token-select';
  constructor(readonly index: number) {
    super(TokenSelectEvent.type, { bubbles: true, composed: true });
  }
}

/** A requested model-config change; the shell validates it and may refuse it. */
export class ConfigChangeEvent extends Event {
  static readonly type = 'config-change';
  constructor(readonly change: Partial<Record<keyof MoeConfig, unknown>>) {
    super(ConfigChangeEvent.type, { bubbles: true, composed: true });
  }
}

/** View settings outside the model config. */
export interface ViewChange {
  gamma?: number;
  speed?: number;
  layer?: number;
  text?: string;
}

export class ViewChangeEvent extends Event {
  static readonly type = 'view-change';
  constructor(readonly change: ViewChange) {
    super(ViewChangeEvent.type, { bubbles: true, composed: true });
  }
}

export type Command = 'previous' | 'next' | 'first' | 'last' | 'toggle-play' | 'reset' | 'bias-step';

export class CommandEvent extends Event {
  static readonly type = 'command';
  constructor(readonly command: Command) {
    super(CommandEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'token-select': TokenSelectEvent;
    'config-change': ConfigChangeEvent;
    'view-change': ViewChangeEvent;
    command: CommandEvent;
  }
}
