/**
 * Messages made outside the UI (validation problems from src/core, link notices from src/state)
 * shown in the page's language. Components pass what they got from core/state through `localized`.
 */
export interface CoreMessage {
  /** The English text (what tests and logs read). */
  message: string;
}

/** The page-language text of a message from src/core or src/state. */
export function localized(m: string | CoreMessage): string {
  return typeof m === 'string' ? m : m.message;
}
