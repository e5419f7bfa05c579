/**
 * Reads the fields of one config by the rules of real-config.ts: a size must be a whole number in
 * range, a field that may be absent takes its model's default and says so, and every problem throws
 * an error naming its field.
 */
import { clip } from './config';
import { fieldError, MAX_FIELD, note, type DefaultWhy, type MissingWhy, type NullMeaning, type RealNote } from './real-config-messages';
import { REAL_LIMITS, type LimitWhat } from './real-limits';

export type Raw = Record<string, unknown>;

export function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(clip(v, 24));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return `an ${typeof v}`;
}

export const has = (raw: Raw, field: string): boolean => Object.hasOwn(raw, field) && raw[field] !== undefined;

/** Reads fields of one config, collecting the defaults it applies. */
export class Reader {
  readonly defaults: RealNote[] = [];
  constructor(readonly raw: Raw) {}

  /** Notes that `field` was absent and took `value` (written as JSON writes it), for the reason `why`. */
  assumed(field: string, value: unknown, why: DefaultWhy): void {
    const shown = JSON.stringify(value);
    this.defaults.push(note(`default.${why}`, { field, value: shown }));
  }

  /** Notes that `field` was absent and was computed as `from`. */
  derived(field: string, value: number, from: string): void {
    this.defaults.push(note('default.derived', { field, value: String(value), from }));
  }

  /** A required whole number in [min, max]; `why` says what it is for when it is missing. */
  int(field: string, min = 1, why: { why: MissingWhy; method?: string } | null = null, max = MAX_FIELD): number {
    if (!has(this.raw, field)) {
      if (!why) throw fieldError(field, 'hf.missing', { field });
      const method = why.method ?? '';
      throw fieldError(field, 'hf.missingWhy', { field, why: why.why, method });
    }
    return this.check(field, this.raw[field], min, max);
  }

  /** `value` (read from `field`) if it is within REAL_LIMITS[what]; else the coded problem hf.limit. */
  limited(field: string, value: number, what: LimitWhat): number {
    const max = REAL_LIMITS[what];
    if (value > max) {
      throw fieldError(field, 'hf.limit', { field, value, max, what });
    }
    return value;
  }

  /** A whole number, or null for "none" (the field must still be present). */
  intOrNull(field: string, min: number, nullMeans: NullMeaning): number | null {
    if (!has(this.raw, field)) {
      throw fieldError(field, 'hf.missingOrNull', { field, nullMeans });
    }
    const v = this.raw[field];
    return v === null ? null : this.check(field, v, min);
  }

  /** A whole number that may be absent (or null), taking `fallback` with the reason recorded. */
  optionalInt(field: string, min: number, fallback: number, why: DefaultWhy): number {
    const v = this.raw[field];
    if (!has(this.raw, field) || v === null) {
      this.assumed(field, fallback, why);
      return fallback;
    }
    return this.check(field, v, min);
  }

  flag(field: string, fallback: boolean, why: DefaultWhy = 'modelCode'): boolean {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, why);
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'boolean') {
      const got = describe(v);
      throw fieldError(field, 'hf.notBoolean', { field, got });
    }
    return v;
  }

  real(field: string, fallback: number, min: number): number {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, 'modelCode');
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notNumber', { field, got });
    }
    if (v < min) throw fieldError(field, 'hf.atLeast', { field, min, value: v });
    return v;
  }

  choice<T extends string>(field: string, options: readonly T[], fallback: T): T {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, fallback, 'modelCode');
      return fallback;
    }
    const v = this.raw[field];
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      const list = options.map((o) => `"${o}"`).join(', ');
      const got = describe(v);
      throw fieldError(field, 'hf.notOneOf', { field, options: list, got });
    }
    return v as T;
  }

  /** A list of layer indices in [0, layers). */
  layerList(field: string, layers: number): number[] {
    if (!has(this.raw, field) || this.raw[field] === null) {
      this.assumed(field, [], 'modelCode');
      return [];
    }
    const v = this.raw[field];
    if (!Array.isArray(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notList', { field, got });
    }
    for (const x of v) {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= layers) {
        const got = describe(x);
        throw fieldError(field, 'hf.badLayer', { field, max: layers - 1, got });
      }
    }
    return v as number[];
  }

  private check(field: string, v: unknown, min: number, max = MAX_FIELD): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isInteger(v)) {
      const got = describe(v);
      throw fieldError(field, 'hf.notWhole', { field, got });
    }
    if (v < min) throw fieldError(field, 'hf.atLeast', { field, min, value: v });
    if (v > max) throw fieldError(field, 'hf.tooLarge', { field, value: v, max });
    return v;
  }
}
