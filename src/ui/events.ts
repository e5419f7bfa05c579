/** Typed events the leaf components send up to the shell. */
export class TokenSelectEvent extends Event {
  static readonly type = 'token-select';
  constructor(readonly index: number) {
    super(TokenSelectEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'token-select': TokenSelectEvent;
  }
}
