/**
 * Messages that a page shows in its own language. Core and state never word a message: they hand
 * over its `code` (which message it is) and `args` (its values, plain data), and the UI's message
 * catalogue (src/ui/i18n/problems.ts and the parts it names) is the one place each is worded, in
 * English and Chinese. A problem keeps its structural fields beside them ({ field, code, args },
 * a JSON problem's line and column).
 *
 * Each module lists its messages as a map from code to argument types (e.g. ConfigMessages in
 * config.ts); `CodeOf<M>` is the union of { code, args } over such a map, so a code always comes
 * with the right arguments.
 */

/** The code and arguments of one message of the map M (a union over its codes). */
export type CodeOf<M> = { [C in keyof M & string]: { readonly code: C; readonly args: M[C] } }[keyof M & string];

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
