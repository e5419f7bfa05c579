/** Typed events of the real-scale page's leaf components. */
import { UpEvent } from '../shared/events';

/** New text for the config box: typed or pasted, or read from a file. */
export class ConfigTextEvent extends UpEvent {
  static readonly type = 'config-text';
  constructor(
    readonly text: string,
    readonly fileName: string | null = null,
  ) {
    super(ConfigTextEvent.type);
  }
}

/**
 * A file could not be used (too large, unreadable); the shell shows the message. `describe` gives it
 * in the page's current language, so a shown problem follows a language switch.
 */
export class ConfigFileProblemEvent extends UpEvent {
  static readonly type = 'config-file-problem';
  constructor(readonly describe: () => string) {
    super(ConfigFileProblemEvent.type);
  }

  /** The message in the page's current language. */
  get message(): string {
    return this.describe();
  }
}

/** Route one more random token through the layer shown. */
export class RouteTokenEvent extends UpEvent {
  static readonly type = 'route-token';
  constructor() {
    super(RouteTokenEvent.type);
  }
}

declare global {
  interface HTMLElementEventMap {
    'config-text': ConfigTextEvent;
    'config-file-problem': ConfigFileProblemEvent;
    'route-token': RouteTokenEvent;
  }
}
