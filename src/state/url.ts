/**
 * The simulator's link (index.html, the embedded element, the lesson pages): the model's keys, the
 * sentence and the view, as listed in url-keys.ts, read and written by the one codec of
 * url-schema.ts. Decoding never throws: a bad or unknown value falls back to its default and adds a
 * notice saying so, and so does a key given twice with different values (the first one counts;
 * hide= lists are joined).
 */
import type { CodeOf } from '../core/coded';
import { clip } from '../core/config';
import type { LinkNotice } from './link-notices';
import { configOf, CONFIG_ENTRIES, fitConfig, LINK_DEFAULTS, MAX_TEXT_CHARS, TEXT, VIEW_ENTRIES, type LinkFields } from './url-keys';
import { decodeQuery, encodeQuery, entryOf, type PageSchema } from './url-schema';
import type { Hideable, ViewState } from './view';

export { MAX_TEXT_CHARS } from './url-keys';
export {
  GROUPS_NO_FIT,
  linkNotice,
  NO_FIT,
  NOT_UNDERSTOOD,
  type LinkCode,
  type LinkMessages,
  type LinkNotice,
  type LinkReason,
  type ViewNumberKey,
} from './link-notices';

/** The notice of a sentence cut to MAX_TEXT_CHARS, by code (see src/core/coded.ts). */
export interface TextMessages {
  'text.cut': { max: number };
  /** A sentence of only emoji or symbols: nothing for the model to read; the last sentence stays. */
  'text.noWords': Record<string, never>;
}
export type TextNotice = CodeOf<TextMessages>;

/** The sentence cut to MAX_TEXT_CHARS (never inside a surrogate pair), and the notice when it was cut. */
export function clipText(text: string): { text: string; cut: TextNotice | null } {
  if (text.length <= MAX_TEXT_CHARS) return { text, cut: null };
  return { text: clip(text, MAX_TEXT_CHARS, ''), cut: { code: 'text.cut', args: { max: MAX_TEXT_CHARS } } };
}

/** The simulator's keys: the model, checked together, then the sentence and the view. lesson= and present= are the page's. */
export const SIMULATOR_SCHEMA: PageSchema<LinkFields> = {
  steps: [...CONFIG_ENTRIES, fitConfig, TEXT, ...Object.values(VIEW_ENTRIES)],
  quiet: ['lesson', 'present'],
  // Written only when not the default, so links made before the picture and the weights switch stay exactly as they were.
  changedOnly: ['pic', 'w'],
};

export interface Decoded {
  view: ViewState;
  /** One notice per value that was ignored (a code and its arguments; the page words it). */
  notices: LinkNotice[];
}

/** The view as the link's fields, and back. */
export function fieldsOf(view: ViewState): LinkFields {
  const { config, ...rest } = view;
  return { ...LINK_DEFAULTS, ...config, ...rest };
}
export function viewOfFields(f: LinkFields): ViewState {
  const { text, position, gamma, biasSteps, speed, layer, hide, picture, weights } = f;
  return { config: configOf(f), text, position, gamma, biasSteps, speed, layer, hide, picture, weights };
}

export function decodeView(search: string): Decoded {
  const { state, notices } = decodeQuery(SIMULATOR_SCHEMA, search, LINK_DEFAULTS);
  // The simulator's steps give only its own notices (no training page's).
  return { view: viewOfFields(state), notices: notices as LinkNotice[] };
}

/** The query string (with "?") that reproduces the view. Every setting is written, so links stay exact. */
export function encodeView(view: ViewState): string {
  return encodeQuery(SIMULATOR_SCHEMA, fieldsOf(view), LINK_DEFAULTS);
}

/**
 * The notices of a link on a page that has no keys of its own but `own` (routers, memory, embed):
 * every other key is unknown, except the kept ones (lang, whose problem the page words itself, and
 * backend, which must be one of BACKENDS).
 */
export function otherKeyNotices(search: string, own: readonly string[] = []): LinkNotice[] {
  return decodeQuery({ steps: [], quiet: own }, search, {}).notices as LinkNotice[];
}

/** A notice whose "Using …" now names `using`. */
function usingInstead(n: LinkNotice, using: string | number): LinkNotice {
  return { code: n.code, args: { ...n.args, using } } as LinkNotice;
}

/**
 * Settings decoded again after a change (an element's attributes): a value that was ignored keeps
 * the value in use (`current`) rather than going back to its default, and its notice says so.
 */
export function keepingCurrent(decoded: Decoded, current: ViewState): { view: ViewState; notices: LinkNotice[] } {
  const fields = fieldsOf(decoded.view);
  const now = fieldsOf(current);
  const notices = decoded.notices.map((n): LinkNotice => {
    if (n.code !== 'link.ignored' && n.code !== 'link.viewNumber') return n;
    const entry = entryOf(SIMULATOR_SCHEMA, n.args.key);
    if (!entry) return n;
    (fields as unknown as Record<string, unknown>)[entry.field] = now[entry.field];
    return usingInstead(n, n.code === 'link.ignored' ? entry.codec.shown(now[entry.field] as never) : (now[entry.field] as number));
  });
  return { view: viewOfFields(fields), notices };
}

/**
 * One percent escape that decodeURIComponent accepts: a byte below 0x80, or the escaped bytes of
 * one whole UTF-8 character (no overlong forms, no surrogates), as in RFC 3629.
 */
const ESCAPE =
  /%(?:[0-7][0-9A-F]|C[2-9A-F]%[89AB][0-9A-F]|D[0-9A-F]%[89AB][0-9A-F]|E0%[AB][0-9A-F]%[89AB][0-9A-F]|E[1-9A-CEF](?:%[89AB][0-9A-F]){2}|ED%[89][0-9A-F]%[89AB][0-9A-F]|F0%[9AB][0-9A-F](?:%[89AB][0-9A-F]){2}|F[1-3](?:%[89AB][0-9A-F]){3}|F4%8[0-9A-F](?:%[89AB][0-9A-F]){2})/iy;

/** Whether decodeURIComponent accepts every "%" of text. (Checked by pattern: a minifier may drop an unused decodeURIComponent call.) */
function wellEscaped(text: string): boolean {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i)) {
    ESCAPE.lastIndex = i;
    if (!ESCAPE.test(text)) return false;
    i = ESCAPE.lastIndex;
  }
  return true;
}

/**
 * tfjs-core reads the page's query string the moment it is imported (for its "tfjsflags" key),
 * passing every name and value to decodeURIComponent, which throws on a malformed percent escape
 * ("?e=%", "?t=%E0%A4%A"): the import fails and the page never starts. Browsers and
 * URLSearchParams accept such a query (a stray "%" stays "%", broken UTF-8 becomes U+FFFD). For
 * such a query this returns the same pairs, well escaped (decodeView reads both the same); for a
 * query that is already safe, null. src/state/query-guard.ts applies it before tfjs loads.
 */
export function repairQuery(search: string): string | null {
  return wellEscaped(search) ? null : `?${new URLSearchParams(search).toString()}`;
}

export function isHidden(view: ViewState, control: Hideable): boolean {
  return view.hide.includes(control);
}
