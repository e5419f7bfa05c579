/**
 * A message of src/core or src/state (a code and its arguments) as the page words it, through the
 * ui's catalogue (src/ui/i18n/problems.ts): for tests that check what a reader sees, such as "names
 * the value", "never splits a surrogate pair" or "stays short".
 */
import { CATALOGUE } from '../src/ui/i18n/all';
import type { RealNote } from '../src/core/real-config';
import { problemText, type MaybeCoded } from '../src/ui/i18n/problems';
import { realNoteText } from '../src/ui/i18n/scale';

/** The English words of a coded message. */
export function en(m: MaybeCoded): string {
  return problemText(CATALOGUE.en.problems, m);
}

/** The Simplified Chinese words of a coded message. */
export function zh(m: MaybeCoded): string {
  return problemText(CATALOGUE.zh.problems, m);
}

/** The English words of a note core makes when it reads a config (a field it assumed, what the count left out). */
export function noteEn(n: RealNote): string {
  return realNoteText(CATALOGUE.en.scale.core.realNotes, n);
}
