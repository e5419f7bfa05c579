/**
 * One part of the message catalogue: the English messages and their Simplified Chinese translation,
 * which must have exactly the same keys and the same parameters (checked by the type checker).
 * A message is a string, or a function of its parameters when it has any.
 */
export interface Section<T> {
  en: T;
  zh: T;
}

export function section<T>(s: Section<T>): Section<T> {
  return s;
}

/** English plural: "1 expert", "2 experts". Chinese has no plural forms. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
