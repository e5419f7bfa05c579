/**
 * The codecs of link values (see url-schema.ts): whole numbers and numbers in a range, one of a set
 * of words, a comma list, free text, and settings checked by the model's own rules.
 */
import { clip } from '../core/config';
import { ignoredNotice, linkNotice, short, type LinkReason, type ViewNumberKey } from './link-notices';
import type { Codec } from './url-schema';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A number literal as a number ("-0" as 0), "none" as null, anything else as the text itself (for a checker to name). */
export function parseValue(raw: string): unknown {
  if (raw === 'none') return null;
  if (!NUMBER.test(raw.trim())) return raw;
  const v = Number(raw);
  return v === 0 ? 0 : v;
}

type Bound<S> = number | ((state: Readonly<S>) => number);

/**
 * A number from min to max (whole for int), the bounds fixed or given by the state decoded so far.
 * A refused value's notice is link.viewNumber, naming the setting by its key (the catalogue words it).
 */
function numberCodec<S>(whole: boolean, o: { min: Bound<S>; max: Bound<S> }): Codec<number, S> {
  const bound = (b: Bound<S>, s: Readonly<S>): number => (typeof b === 'number' ? b : b(s));
  return {
    kind: whole ? 'int' : 'float',
    read(raw, key, state) {
      const [min, max] = [bound(o.min, state), bound(o.max, state)];
      const v = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
      if (Number.isFinite(v) && v >= min && v <= max && (!whole || Number.isInteger(v))) return { ok: true, value: v === 0 ? 0 : v }; // "-0" reads as 0
      const value = short(raw);
      return {
        ok: false,
        notice: (using) => linkNotice('link.viewNumber', { key: key as ViewNumberKey, value, whole, min, max, using }),
      };
    },
    write: String,
    shown: String,
  };
}
export const int = <S>(o: { min: Bound<S>; max: Bound<S> }): Codec<number, S> => numberCodec(true, o);
export const float = <S>(o: { min: Bound<S>; max: Bound<S> }): Codec<number, S> => numberCodec(false, o);

/** Free text, cut to `max` characters (never inside a surrogate pair) with link.textCut. */
export function text(max: number): Codec<string> {
  return {
    kind: 'text',
    read(raw) {
      const value = clip(raw, max, '');
      if (raw.length <= max) return { ok: true, value };
      return { ok: true, value, notice: linkNotice('link.textCut', { max }) };
    },
    write: (v) => v,
    shown: (v) => v,
  };
}

/** One of `options` (after `normalize`); anything else is refused for `reason`. */
export function oneOf<T extends string>(options: readonly T[], reason: LinkReason, normalize = (raw: string) => raw): Codec<T> {
  return {
    kind: 'enum',
    read(raw, key) {
      const v = normalize(raw);
      if ((options as readonly string[]).includes(v)) return { ok: true, value: v as T };
      return { ok: false, notice: (using) => ignoredNotice(key, raw, reason, using) };
    },
    write: (v) => v,
    shown: (v) => v,
  };
}

/** A comma list of `options` (repeated keys joined), kept in the options' order; unknown items get link.hide. Empty: not written. */
export function listOf<T extends string>(options: readonly T[]): Codec<T[]> {
  return {
    kind: 'list',
    list: true,
    read(raw) {
      const wanted = raw
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      const value = options.filter((o) => wanted.includes(o));
      const unknown = wanted.filter((h) => !(options as readonly string[]).includes(h));
      if (unknown.length === 0) return { ok: true, value };
      const args = { value: short(unknown.join(',')), options: options.join(', ') };
      return {
        ok: true,
        value,
        notice: linkNotice('link.hide', args),
      };
    },
    write: (v) => (v.length ? v.join(',') : null),
    shown: (v) => v.join(','),
  };
}

/**
 * A setting whose rules live with the model (validateConfig, validateTrainSettings): the link's
 * value (parseValue) is handed to `check`, which returns the value to use or the reason it was refused.
 */
export function checked<T, S = unknown>(
  check: (value: unknown, state: Readonly<S>) => { ok: true; value: T } | { ok: false; reason: LinkReason },
  shown: (v: T) => string = String,
): Codec<T, S> {
  return {
    kind: 'checked',
    read(raw, key, state) {
      const c = check(parseValue(raw), state);
      return c.ok ? c : { ok: false, notice: (using) => ignoredNotice(key, raw, c.reason, shown(using)) };
    },
    write: (v) => (v === null ? 'none' : String(v)),
    shown,
  };
}
