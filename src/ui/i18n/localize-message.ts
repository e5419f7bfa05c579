/**
 * Messages made outside the UI (validation problems from src/core, link notices from src/state)
 * shown in the page's language. Components pass what they got from core/state through `localized`.
 *
 * Core and state attach a `code` and its `args` to each message (src/core/coded.ts); the wording of
 * each code in both languages is in ./problems. A plain string, or a message without a code the
 * catalogue knows, is shown as it is (its English).
 */
import { problemsWords, problemText } from './problems';

export interface CoreMessage {
  /** Which message it is (a key of the `problems` catalogue section). */
  readonly code?: unknown;
  /** Its values. */
  readonly args?: unknown;
  /** Text of a message from code not yet converted to codes. */
  readonly message?: string;
}

/** The page-language text of a message from src/core or src/state. */
export function localized(m: string | CoreMessage): string {
  return typeof m === 'string' ? m : problemText(problemsWords(), m);
}
