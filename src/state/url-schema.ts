/**
 * One way to read and write a page's link. A page's schema is a list of steps: entries
 * `{ key, field, codec }` (the query key, the state field it fills, how a value is read and written)
 * in the order the link writes them, and checks that tie fields together, run where they stand (so a
 * later entry may depend on what they settled). The table of every key is src/state/url-keys.ts;
 * each page takes its subset of it.
 *
 * decodeQuery never throws. A value that is not understood, out of range or does not fit keeps the
 * page's default and adds a notice saying so; so does a key the page does not know and a key given
 * twice with different values (the first one counts; lists are joined). Notices come in the order:
 * repeated keys, each step in turn, unknown keys, a bad backend=.
 * encodeQuery writes the canonical link: every entry in schema order. The codecs: url-codecs.ts.
 */
import { backendProblem, BACKENDS, KEPT } from './lang';
import { ignoredNotice, linkNotice, short, unknownNotice, type LinkNotice, type LinkReason, type PageNotice } from './link-notices';

/** A value read from a link: taken (perhaps with a notice, e.g. a sentence cut short), or refused. */
export type Read<T> = { ok: true; value: T; notice?: LinkNotice } | { ok: false; notice: (using: T) => LinkNotice };

/** How one key's value is read from a link and written into one. `S` is the state decoded so far. */
export interface Codec<T, S = unknown> {
  readonly kind: 'int' | 'float' | 'enum' | 'list' | 'text' | 'checked';
  /** Lists read every value of a repeated key, joined by commas; the others read the first. */
  readonly list?: boolean;
  read(raw: string, key: string, state: Readonly<S>): Read<T>;
  /** The value as the link writes it, or null to leave the key out. */
  write(value: T): string | null;
  /** The value as a notice names it ("Using …"). */
  shown(value: T): string;
}

export interface Entry<S, F extends keyof S = keyof S> {
  key: string;
  field: F;
  codec: Codec<S[F], S>;
}
export type AnyEntry<S> = { [F in keyof S]: Entry<S, F> }[keyof S];

/** What a check can do: read the link, add notices, and send a field back to its default. */
export interface CheckContext<S> {
  readonly defaults: Readonly<S>;
  /** Fields whose value came from the link (and is still in use). */
  readonly taken: Set<keyof S>;
  /** The link's (first) value of a key, or null. */
  raw(key: string): string | null;
  note(notice: PageNotice): void;
  /** The field back to its default, with "Ignored key=value: reason. Using default." */
  refuse(field: keyof S, reason: LinkReason): void;
}
export interface Check<S> {
  check(state: S, ctx: CheckContext<S>): void;
}
export type Step<S> = AnyEntry<S> | Check<S>;

export interface PageSchema<S> {
  steps: readonly Step<S>[];
  /** Keys this page accepts without reading them here (besides lang, backend and theme, which every page keeps). */
  quiet?: readonly string[];
  /** Any other key: a notice (the default), or listed for the page to show itself. */
  others?: 'notice' | 'list';
  /** Keys the link writes only when they differ from the defaults. */
  changedOnly?: readonly string[];
  /** Keys read but never written. */
  unwritten?: readonly string[];
}

export interface DecodedQuery<S> {
  state: S;
  notices: PageNotice[];
  /** With others: 'list', the keys the page does not know, with their first value. */
  others: { key: string; value: string }[];
}

export function isEntry<S>(step: Step<S>): step is AnyEntry<S> {
  return 'codec' in step;
}

export function entriesOf<S>(schema: PageSchema<S>): AnyEntry<S>[] {
  return schema.steps.filter(isEntry);
}

/** The entry a key is read by on this page, if any. */
export function entryOf<S>(schema: PageSchema<S>, key: string): AnyEntry<S> | undefined {
  return entriesOf(schema).find((e) => e.key === key);
}

export function decodeQuery<S extends object>(schema: PageSchema<S>, search: string, defaults: Readonly<S>): DecodedQuery<S> {
  const params = new URLSearchParams(search);
  const notices: PageNotice[] = [];
  const others: { key: string; value: string }[] = [];
  const entries = entriesOf(schema);
  const known = new Set<string>([...entries.map((e) => e.key), ...(schema.quiet ?? []), ...KEPT]);
  const keys = [...new Set(params.keys())];

  for (const key of keys) {
    const entry = entries.find((e) => e.key === key);
    if (!entry || entry.codec.list) continue;
    const [first = '', ...rest] = params.getAll(key);
    const other = rest.find((v) => v !== first);
    if (other === undefined) continue;
    const args = { key, value: short(other), first: short(first) };
    notices.push(linkNotice('link.repeated', args));
  }

  const state = { ...defaults } as S;
  const taken = new Set<keyof S>();
  const ctx: CheckContext<S> = {
    defaults,
    taken,
    raw: (key) => params.get(key),
    note: (n) => notices.push(n),
    refuse(field, reason) {
      const entry = entries.find((e) => e.field === field);
      (state as Record<keyof S, unknown>)[field] = defaults[field];
      taken.delete(field);
      if (entry) notices.push(ignoredNotice(entry.key, params.get(entry.key) ?? '', reason, shownDefault(entry, defaults)));
    },
  };
  for (const step of schema.steps) {
    if (!isEntry(step)) {
      step.check(state, ctx);
      continue;
    }
    const raw = step.codec.list ? (params.has(step.key) ? params.getAll(step.key).join(',') : null) : params.get(step.key);
    if (raw === null) continue;
    const read = (step.codec as Codec<unknown, S>).read(raw, step.key, state);
    if (read.ok) {
      (state as Record<keyof S, unknown>)[step.field] = read.value;
      taken.add(step.field);
      if (read.notice) notices.push(read.notice);
    } else notices.push(read.notice(defaults[step.field]));
  }

  for (const key of keys) {
    if (known.has(key)) continue;
    if (schema.others === 'list') others.push({ key, value: params.get(key) ?? '' });
    else notices.push(unknownNotice(key));
  }
  const backend = backendProblem(search);
  if (backend !== null) notices.push(backendNotice(backend));
  return { state, notices, others };
}

function shownDefault<S>(entry: AnyEntry<S>, defaults: Readonly<S>): string {
  return (entry.codec as Codec<unknown, S>).shown(defaults[entry.field]);
}

/** The notice for a backend= value that is not one of BACKENDS. */
function backendNotice(raw: string): LinkNotice {
  const args = { value: short(raw), options: BACKENDS.join(', ') };
  return linkNotice('link.backend', args);
}

/** The canonical query ("?…") of a state: each entry in schema order (see PageSchema for the exceptions). */
export function encodeQuery<S extends object>(schema: PageSchema<S>, state: Readonly<S>, defaults?: Readonly<S>): string {
  const params = new URLSearchParams();
  for (const e of entriesOf(schema)) {
    if (schema.unwritten?.includes(e.key)) continue;
    const codec = e.codec as Codec<unknown, S>;
    const written = codec.write(state[e.field]);
    if (written === null) continue;
    if (defaults && schema.changedOnly?.includes(e.key) && codec.write(defaults[e.field]) === written) continue;
    params.set(e.key, written);
  }
  return `?${params.toString()}`;
}
