/**
 * A message of src/core or src/state (a code and its arguments) as the page words it, through the
 * ui's catalogue (src/ui/i18n/problems.ts): for tests that check what a reader sees, such as "names
 * the value", "never splits a surrogate pair" or "stays short".
 */
import { CATALOGUE } from '../src/ui/i18n/all';
import type { RouterKind } from '../src/core/config';
import type { RealNote } from '../src/core/real-config';
import type { ScaleModel } from '../src/core/scale-model';
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

/** The English sentence of a model's router rule (toyRouter: the toy's router, which its rule alone does not tell). */
export function ruleEn(m: ScaleModel, toyRouter: RouterKind | null = null): string {
  const { experts, topK, shared } = m.layer;
  return CATALOGUE.en.scale.core.routerRule({ rule: m.router, modelType: m.modelType, toyRouter, experts, topK, shared });
}

/** The English notes of a model's count (tied embeddings; the toy's shape). */
export function notesEn(m: ScaleModel): string[] {
  const tied = m.parts.outputHead.total === 0;
  return CATALOGUE.en.scale.core.notes({ toy: m.kind === 'toy', tied, vocab: m.vocab, width: m.hidden, layers: m.layers });
}
