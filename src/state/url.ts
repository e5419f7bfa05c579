/**
 * The view <-> URL query codec. One line per field below says what the URL holds. Decoding never
 * throws: a bad or unknown value falls back to its default and adds a notice saying so, and so does
 * a key given twice with different values (the first one counts; hide= lists are joined).
 *
 *   e      routed experts            k      top-k                    s      shared experts
 *   m      expert granularity        cf     capacity factor or none  r      router
 *   noise  router noise              g      expert groups            tg     groups per token
 *   rs     route scale               d      model width              h      expert hidden width
 *   L      MoE layers                seed   seed                     text   the sentence
 *   pos    token position            gamma  bias update speed        bs     bias updates applied
 *   speed  play speed (tokens/s)     layer  layer shown              hide   controls hidden (comma list)
 */
import { clip, DEFAULT_CONFIG, validateConfig, type MoeConfig } from '../core/config';
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
  d: 'modelWidth',
  h: 'expertHidden',
  L: 'layers',
  seed: 'seed',
};
const CONFIG_KEY_OF = Object.fromEntries(Object.entries(CONFIG_KEYS).map(([k, f]) => [f, k])) as Record<keyof MoeConfig, string>;
const VIEW_KEYS = ['text', 'pos', 'gamma', 'bs', 'speed', 'layer', 'hide', 'backend', 'lesson', 'lang'] as const;
/** Keys read here that hold one value. */
const SINGLE_KEYS = new Set<string>([...Object.keys(CONFIG_KEYS), 'text', 'pos', 'gamma', 'bs', 'speed', 'layer']);

/** Longest sentence kept from a URL, in characters. */
export const MAX_TEXT_CHARS = 2000;

export interface Decoded {
  view: ViewState;
  /** One sentence per value that was ignored. */
  notices: string[];
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
  const view = defaultView();

  // A key given twice: the first value counts (hide lists are joined), later different ones are reported.
  for (const key of new Set(params.keys())) {
    if (!SINGLE_KEYS.has(key)) continue;
    const [first = '', ...rest] = params.getAll(key);
    const other = rest.find((v) => v !== first);
    if (other !== undefined) notices.push(`Ignored ${key}=${short(other)}: the link gives ${key} more than once. Using the first, ${key}=${short(first)}.`);
  }

  // Config: each value checked on its own first, then together.
  const change: Partial<Record<keyof MoeConfig, unknown>> = {};
  const rawOf: Partial<Record<keyof MoeConfig, string>> = {};
  const usingDefault = (field: keyof MoeConfig): string => String(DEFAULT_CONFIG[field] ?? 'no limit');
  const ignored = (field: keyof MoeConfig, message: string): void => {
    notices.push(`Ignored ${CONFIG_KEY_OF[field]}=${short(rawOf[field] ?? '')}: ${message}. Using ${usingDefault(field)}.`);
  };
  for (const [key, field] of Object.entries(CONFIG_KEYS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    rawOf[field] = raw;
    const value = parseValue(raw);
    const alone = validateConfig({ [field]: value }, { together: false });
    const own = alone.ok ? [] : alone.problems.filter((p) => p.field === field);
    if (own.length > 0) ignored(field, own[0]?.message ?? 'not understood');
    else change[field] = value;
  }
  let checked = validateConfig(change);
  while (!checked.ok) {
    // Drop the link's values that the cross-checks blame until the rest fits together.
    const blamed = [...new Set(checked.problems.map((p) => p.field))].filter((f): f is keyof MoeConfig => f !== 'config' && f in change);
    if (blamed.length === 0) break;
    for (const f of blamed) {
      ignored(f, checked.problems.find((p) => p.field === f)?.message ?? 'it does not fit the other settings');
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
      else ignored(f, trial.problems[0]?.message ?? 'it does not fit the other settings');
    }
    checked = validateConfig(kept);
  }
  view.config = checked.ok ? checked.config : { ...DEFAULT_CONFIG };

  const text = params.get('text');
  if (text !== null) {
    if (text.length > MAX_TEXT_CHARS) notices.push(`The sentence in the link was cut to ${MAX_TEXT_CHARS} characters.`);
    view.text = clip(text, MAX_TEXT_CHARS, '');
  }

  const field = (key: string, name: string, min: number, max: number, integer: boolean, fallback: number): number => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    const v = numberIn(raw, min, max, integer);
    if (v === null) {
      notices.push(`Ignored ${key}=${short(raw)}: ${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}. Using ${fallback}.`);
      return fallback;
    }
    return v;
  };
  view.position = field('pos', 'the token position', 0, 100000, true, DEFAULT_VIEW.position);
  view.gamma = field('gamma', 'the bias update speed', VIEW_LIMITS.gamma.min, VIEW_LIMITS.gamma.max, false, DEFAULT_VIEW.gamma);
  view.biasSteps = field('bs', 'the number of bias updates', VIEW_LIMITS.biasSteps.min, VIEW_LIMITS.biasSteps.max, true, DEFAULT_VIEW.biasSteps);
  view.speed = field('speed', 'the play speed', VIEW_LIMITS.speed.min, VIEW_LIMITS.speed.max, false, DEFAULT_VIEW.speed);
  view.layer = field('layer', 'the layer shown', 0, view.config.layers - 1, true, DEFAULT_VIEW.layer);

  if (params.has('hide')) {
    const wanted = params.getAll('hide').join(',').split(',').map((h) => h.trim()).filter(Boolean);
    const unknown = wanted.filter((h) => !(HIDEABLE as readonly string[]).includes(h));
    if (unknown.length) notices.push(`Ignored hide=${short(unknown.join(','))}: controls that can be hidden are ${HIDEABLE.join(', ')}.`);
    view.hide = HIDEABLE.filter((h) => wanted.includes(h));
  }

  const known = new Set<string>([...Object.keys(CONFIG_KEYS), ...VIEW_KEYS]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) notices.push(`Ignored unknown setting "${short(key)}" in the link.`);
  }
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
const ESCAPE = /%(?:[0-7][0-9A-F]|C[2-9A-F]%[89AB][0-9A-F]|D[0-9A-F]%[89AB][0-9A-F]|E0%[AB][0-9A-F]%[89AB][0-9A-F]|E[1-9A-CEF](?:%[89AB][0-9A-F]){2}|ED%[89][0-9A-F]%[89AB][0-9A-F]|F0%[9AB][0-9A-F](?:%[89AB][0-9A-F]){2}|F[1-3](?:%[89AB][0-9A-F]){3}|F4%8[0-9A-F](?:%[89AB][0-9A-F]){2})/iy;

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
