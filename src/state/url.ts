/**
 * The view <-> URL query codec. One line per field below says what the URL holds. Decoding never
 * throws: a bad or unknown value falls back to its default and adds a notice saying so, and so does
 * a key given twice with different values (the first one counts; hide= lists are joined).
 *
 *   e      routed experts            k      top-k                    s      shared experts
 *   m      expert granularity        cf     capacity factor or none  r      router
 *   noise  router noise              g      expert groups            tg     groups per token
 *   rs     route scale               d      model width              h      expert hidden width
 *   gn     gate weights: chosen (renormalised over the k chosen) or all (probability over all experts)
 *   L      MoE layers                seed   seed                     text   the sentence
 *   pos    token position            gamma  bias update speed        bs     bias updates applied
 *   speed  play speed (tokens/s)     layer  layer shown              hide   controls hidden (comma list)
 */
import type { Coded } from '../core/coded';
import { clip, DEFAULT_CONFIG, validateConfig, type ConfigMessages, type MoeConfig } from '../core/config';
import type { TrainMessages } from '../core/training';
import { backendProblem, BACKENDS, KEPT } from './lang';
import { defaultView, DEFAULT_VIEW, HIDEABLE, VIEW_LIMITS, type Hideable, type ViewState } from './view';

const CONFIG_KEYS: Record<string, keyof MoeConfig> = {
  e: 'routedExperts',
  k: 'topK',
  s: 'sharedExperts',
  m: 'granularity',
  cf: 'capacityFactor',
  r: 'router',
  noise: 'routerNoise',
  g: 'nGroup',
  tg: 'topkGroup',
  rs: 'routeScale',
  gn: 'gateNorm',
  d: 'modelWidth',
  h: 'expertHidden',
  L: 'layers',
  seed: 'seed',
};
const CONFIG_KEY_OF = Object.fromEntries(Object.entries(CONFIG_KEYS).map(([k, f]) => [f, k])) as Record<keyof MoeConfig, string>;
const VIEW_KEYS = ['text', 'pos', 'gamma', 'bs', 'speed', 'layer', 'hide', 'backend', 'lesson', 'lang', 'present', 'theme'] as const;
/** Keys read here that hold one value. */
const SINGLE_KEYS = new Set<string>([...Object.keys(CONFIG_KEYS), 'text', 'pos', 'gamma', 'bs', 'speed', 'layer']);

/** Longest sentence kept, in characters, wherever it comes from (a link, an attribute, a script, the text box). */
export const MAX_TEXT_CHARS = 2000;

/** The notice of a sentence cut to MAX_TEXT_CHARS, by code (see src/core/coded.ts). */
export interface TextMessages {
  'text.cut': { max: number };
}
export type TextNotice = Coded<TextMessages>;

/** The sentence cut to MAX_TEXT_CHARS (never inside a surrogate pair), and the notice when it was cut. */
export function clipText(text: string): { text: string; cut: TextNotice | null } {
  if (text.length <= MAX_TEXT_CHARS) return { text, cut: null };
  const message = `The sentence was cut to its first ${MAX_TEXT_CHARS} characters, the most a sentence can hold.`;
  return { text: clip(text, MAX_TEXT_CHARS, ''), cut: { message, code: 'text.cut', args: { max: MAX_TEXT_CHARS } } };
}

/** Settings of the view that are numbers in a range, as named in their notices. */
const VIEW_NUMBERS = {
  pos: 'the token position',
  gamma: 'the bias update speed',
  bs: 'the number of bias updates',
  speed: 'the play speed',
  layer: 'the layer shown',
} as const;
export type ViewNumberKey = keyof typeof VIEW_NUMBERS;

/**
 * Why a link's value was ignored: the problem validateConfig or validateTrainSettings found with
 * it, or (should none be named) one of the general reasons below.
 */
export type LinkReason = Coded<
  ConfigMessages & TrainMessages & Pick<LinkMessages, 'link.notUnderstood' | 'link.noFit' | 'link.groupsNoFit'>
>;

/**
 * The notices of a decoded link, by code, with their arguments (see src/core/coded.ts). `value` is
 * the link's value as quoted (cut to 24 characters); `using` the value used instead.
 */
export interface LinkMessages {
  'link.repeated': { key: string; value: string; first: string };
  'link.ignored': { key: string; value: string; reason: LinkReason; using: string };
  'link.notUnderstood': Record<string, never>;
  'link.noFit': Record<string, never>;
  'link.groupsNoFit': Record<string, never>;
  'link.textCut': { max: number };
  'link.viewNumber': { key: ViewNumberKey; value: string; whole: boolean; min: number; max: number; using: number };
  'link.hide': { value: string; options: string };
  'link.unknown': { key: string };
  'link.backend': { value: string; options: string };
}
export type LinkCode = keyof LinkMessages;
export type LinkNotice = Coded<LinkMessages>;

/** A notice with its code and arguments. */
export function linkNotice<C extends LinkCode>(code: C, args: LinkMessages[C], message: string): LinkNotice {
  return { message, code, args } as LinkNotice;
}

/** The two general reasons, for a value whose problem was not named. */
export const NOT_UNDERSTOOD: LinkReason = { message: 'not understood', code: 'link.notUnderstood', args: {} };
export const NO_FIT: LinkReason = { message: 'it does not fit the other settings', code: 'link.noFit', args: {} };
export const GROUPS_NO_FIT: LinkReason = { message: 'they do not fit', code: 'link.groupsNoFit', args: {} };

export interface Decoded {
  view: ViewState;
  /** One sentence per value that was ignored. */
  notices: string[];
  /**
   * The same notices with their codes and arguments, for the page's language. Not enumerable, so
   * that a decoded link still compares and logs as { view, notices }.
   */
  readonly codedNotices: LinkNotice[];
}

/** { view, notices } with codedNotices attached (not enumerable). */
export function withCodedNotices<T extends { notices: string[] }, N>(decoded: T, coded: N[]): T & { readonly codedNotices: N[] } {
  Object.defineProperty(decoded, 'codedNotices', { value: coded, enumerable: false, configurable: true });
  return decoded as T & { readonly codedNotices: N[] };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function parseValue(raw: string): unknown {
  if (raw === 'none') return null;
  return NUMBER.test(raw.trim()) ? Number(raw) : raw;
}

function short(raw: string): string {
  return clip(raw, 24);
}

function numberIn(raw: string | null, min: number, max: number, integer: boolean): number | null {
  if (raw === null || !NUMBER.test(raw.trim())) return null;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) return null;
  return v === 0 ? 0 : v; // "-0" reads as 0
}

export function decodeView(search: string): Decoded {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const coded: LinkNotice[] = [];
  const note = <C extends LinkCode>(code: C, args: LinkMessages[C], message: string): void => {
    notices.push(message);
    coded.push(linkNotice(code, args, message));
  };
  const view = defaultView();

  // A key given twice: the first value counts (hide lists are joined), later different ones are reported.
  for (const key of new Set(params.keys())) {
    if (!SINGLE_KEYS.has(key)) continue;
    const [first = '', ...rest] = params.getAll(key);
    const other = rest.find((v) => v !== first);
    if (other !== undefined) {
      const args = { key, value: short(other), first: short(first) };
      note(
        'link.repeated',
        args,
        `Ignored ${key}=${args.value}: the link gives ${key} more than once. Using the first, ${key}=${args.first}.`,
      );
    }
  }

  // Config: each value checked on its own first, then together.
  const change: Partial<Record<keyof MoeConfig, unknown>> = {};
  const rawOf: Partial<Record<keyof MoeConfig, string>> = {};
  const usingDefault = (field: keyof MoeConfig): string => String(DEFAULT_CONFIG[field] ?? 'no limit');
  const ignored = (field: keyof MoeConfig, reason: LinkReason): void => {
    const args = { key: CONFIG_KEY_OF[field], value: short(rawOf[field] ?? ''), reason, using: usingDefault(field) };
    note('link.ignored', args, `Ignored ${args.key}=${args.value}: ${reason.message}. Using ${args.using}.`);
  };
  for (const [key, field] of Object.entries(CONFIG_KEYS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    rawOf[field] = raw;
    const value = parseValue(raw);
    const alone = validateConfig({ [field]: value }, { together: false });
    const own = alone.ok ? [] : alone.problems.filter((p) => p.field === field);
    if (own.length > 0) ignored(field, own[0] ?? NOT_UNDERSTOOD);
    else change[field] = value;
  }
  let checked = validateConfig(change);
  while (!checked.ok) {
    // Drop the link's values that the cross-checks blame until the rest fits together.
    const blamed = [...new Set(checked.problems.map((p) => p.field))].filter((f): f is keyof MoeConfig => f !== 'config' && f in change);
    if (blamed.length === 0) break;
    for (const f of blamed) {
      ignored(f, checked.problems.find((p) => p.field === f) ?? NO_FIT);
      delete change[f];
    }
    checked = validateConfig(change);
  }
  if (!checked.ok) {
    // What is left clashes only with defaults (e=1 against the default top-2): keep the link's
    // values in key order while they still fit, and name each one dropped.
    const kept: Partial<Record<keyof MoeConfig, unknown>> = {};
    for (const [f, value] of Object.entries(change) as [keyof MoeConfig, unknown][]) {
      const trial = validateConfig({ ...kept, [f]: value });
      if (trial.ok) kept[f] = value;
      else ignored(f, trial.problems[0] ?? NO_FIT);
    }
    checked = validateConfig(kept);
  }
  view.config = checked.ok ? checked.config : { ...DEFAULT_CONFIG };

  const text = params.get('text');
  if (text !== null) {
    if (text.length > MAX_TEXT_CHARS)
      note('link.textCut', { max: MAX_TEXT_CHARS }, `The sentence in the link was cut to ${MAX_TEXT_CHARS} characters.`);
    view.text = clip(text, MAX_TEXT_CHARS, '');
  }

  const field = (key: ViewNumberKey, min: number, max: number, integer: boolean, fallback: number): number => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    const v = numberIn(raw, min, max, integer);
    if (v === null) {
      const value = short(raw);
      note(
        'link.viewNumber',
        { key, value, whole: integer, min, max, using: fallback },
        `Ignored ${key}=${value}: ${VIEW_NUMBERS[key]} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}. Using ${fallback}.`,
      );
      return fallback;
    }
    return v;
  };
  view.position = field('pos', 0, 100000, true, DEFAULT_VIEW.position);
  view.gamma = field('gamma', VIEW_LIMITS.gamma.min, VIEW_LIMITS.gamma.max, false, DEFAULT_VIEW.gamma);
  view.biasSteps = field('bs', VIEW_LIMITS.biasSteps.min, VIEW_LIMITS.biasSteps.max, true, DEFAULT_VIEW.biasSteps);
  view.speed = field('speed', VIEW_LIMITS.speed.min, VIEW_LIMITS.speed.max, false, DEFAULT_VIEW.speed);
  view.layer = field('layer', 0, view.config.layers - 1, true, DEFAULT_VIEW.layer);

  if (params.has('hide')) {
    const wanted = params
      .getAll('hide')
      .join(',')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const unknown = wanted.filter((h) => !(HIDEABLE as readonly string[]).includes(h));
    if (unknown.length) {
      const args = { value: short(unknown.join(',')), options: HIDEABLE.join(', ') };
      note('link.hide', args, `Ignored hide=${args.value}: controls that can be hidden are ${args.options}.`);
    }
    view.hide = HIDEABLE.filter((h) => wanted.includes(h));
  }

  const known = new Set<string>([...Object.keys(CONFIG_KEYS), ...VIEW_KEYS]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) note('link.unknown', { key: short(key) }, `Ignored unknown setting "${short(key)}" in the link.`);
  }
  const backend = backendNotice(search);
  if (backend) note(backend.code, backend.args, backend.message);
  return withCodedNotices({ view, notices }, coded);
}

/** The notice for a backend= value that is not one of BACKENDS, or null. */
function backendNotice(search: string): LinkNotice | null {
  const raw = backendProblem(search);
  if (raw === null) return null;
  const args = { value: short(raw), options: BACKENDS.join(', ') };
  return linkNotice('link.backend', args, `Ignored backend=${args.value}: the backends are ${args.options}. Using wasm.`);
}

/**
 * The notices of a link on a page that has no keys of its own but `own` (routers, memory, embed):
 * every other key is unknown, except the kept ones (lang, whose problem the page words itself, and
 * backend, which must be one of BACKENDS).
 */
export function otherKeyNotices(search: string, own: readonly string[] = []): LinkNotice[] {
  const out: LinkNotice[] = [];
  const skip = new Set<string>([...own, ...KEPT]);
  for (const key of new Set(new URLSearchParams(search).keys())) {
    if (!skip.has(key)) out.push(linkNotice('link.unknown', { key: short(key) }, `Ignored unknown setting "${short(key)}" in the link.`));
  }
  const backend = backendNotice(search);
  return backend ? [...out, backend] : out;
}

const VIEW_FIELDS: Record<ViewNumberKey, 'position' | 'gamma' | 'biasSteps' | 'speed' | 'layer'> = {
  pos: 'position',
  gamma: 'gamma',
  bs: 'biasSteps',
  speed: 'speed',
  layer: 'layer',
};

/** A notice whose "Using …" now names `using`, in its English words and its arguments. */
function usingInstead(n: LinkNotice, using: string | number): LinkNotice {
  const cut = n.message.lastIndexOf(' Using ');
  const message = `${cut >= 0 ? n.message.slice(0, cut) : n.message} Using ${using}.`;
  return { message, code: n.code, args: { ...n.args, using } } as LinkNotice;
}

/**
 * Settings decoded again after a change (an element's attributes): a value that was ignored keeps
 * the value in use (`current`) rather than going back to its default, and its notice says so.
 */
export function keepingCurrent(
  decoded: Pick<Decoded, 'view' | 'codedNotices'>,
  current: ViewState,
): { view: ViewState; notices: LinkNotice[] } {
  const view: ViewState = { ...decoded.view, config: { ...decoded.view.config } };
  const notices = decoded.codedNotices.map((n): LinkNotice => {
    if (n.code === 'link.ignored' && Object.hasOwn(CONFIG_KEYS, n.args.key)) {
      const field = CONFIG_KEYS[n.args.key] as keyof MoeConfig;
      (view.config as Record<keyof MoeConfig, unknown>)[field] = current.config[field];
      return usingInstead(n, String(current.config[field] ?? 'no limit'));
    }
    if (n.code === 'link.viewNumber') {
      const field = VIEW_FIELDS[n.args.key];
      view[field] = current[field];
      return usingInstead(n, current[field]);
    }
    return n;
  });
  return { view, notices };
}

/** The query string (with "?") that reproduces the view. Every setting is written, so links stay exact. */
export function encodeView(view: ViewState): string {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(view.config) as [keyof MoeConfig, MoeConfig[keyof MoeConfig]][]) {
    params.set(CONFIG_KEY_OF[field], value === null ? 'none' : String(value));
  }
  params.set('text', view.text);
  params.set('pos', String(view.position));
  params.set('gamma', String(view.gamma));
  params.set('bs', String(view.biasSteps));
  params.set('speed', String(view.speed));
  params.set('layer', String(view.layer));
  if (view.hide.length) params.set('hide', view.hide.join(','));
  return `?${params.toString()}`;
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
