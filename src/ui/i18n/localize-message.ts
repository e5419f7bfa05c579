/**
 * Messages made outside the UI (validation problems from src/core, link notices from src/state)
 * shown in the page's language. Components pass what they got from core/state through `localized`.
 *
 * Core and state hand over each message as a `code` and its `args` (src/core/coded.ts); the wording
 * of each code in both languages is in ./problems. A plain string, or an Error without a code the
 * catalogue knows, is shown as it is.
 */
import { problemsWords, problemText } from './problems';

export interface CoreMessage {
  /** Which message it is (a key of the `problems` catalogue section). */
  readonly code?: unknown;
  /** Its values. */
  readonly args?: unknown;
  /** An Error's own text (tfjs's, the browser's), shown as it is when it has no code the catalogue knows. */
  readonly message?: string;
}

/** The page-language text of a message from src/core or src/state. */
export function localized(m: string | CoreMessage): string {
  return typeof m === 'string' ? m : problemText(problemsWords(), m);
}
