/**
 * Messages that a page can show in its own language. Core and state keep writing their English
 * text in `message`, and attach `code` (which message it is) and `args` (its values), from which
 * the UI's message catalogue (src/ui/i18n/problems.ts) words it in the page's language.
 *
 * Each module lists its messages as a map from code to argument types (e.g. ConfigMessages in
 * config.ts); `Coded<M>` is the union of { code, args } over such a map, so a code always comes
 * with the right arguments.
 *
 * `code` and `args` are attached as non-enumerable properties: comparisons, logs and JSON of a
 * problem still see { field, message } as before, and a copy made by spreading ({ ...p, message })
 * loses them, so a message that was reworded is never translated as the original.
 */

/** The code and arguments of one message of the map M (a union over its codes). */
export type CodeOf<M> = { [C in keyof M & string]: { readonly code: C; readonly args: M[C] } }[keyof M & string];

/** One message of the map M: its English text, code and arguments. */
export type Coded<M> = { readonly message: string } & CodeOf<M>;

/** Attaches a code and its arguments to an object that has an English `message`; returns the object. */
export function withCode<T extends { message: string }, C extends string, A>(
  target: T,
  code: C,
  args: A,
): T & { readonly code: C; readonly args: A } {
  Object.defineProperty(target, 'code', { value: code, enumerable: false, configurable: true });
  Object.defineProperty(target, 'args', { value: args, enumerable: false, configurable: true });
  return target as T & { readonly code: C; readonly args: A };
}

/**
 * An Error that says which message it is by code and arguments, not in words: its `message` is the
 * code (what devtools show); a page words it from the catalogue. For problems that a user can cause,
 * and for a program's own mistakes (a method called after dispose()), so that src/core and src/state
 * hold no sentence of English.
 */
export class CodedError<C extends string = string, A = Record<string, unknown>> extends Error {
  constructor(
    readonly code: C,
    readonly args: A,
  ) {
    super(code);
    this.name = 'CodedError';
  }
}
