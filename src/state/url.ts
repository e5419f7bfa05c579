/**
 * The view <-> URL query codec. One line per field below says what the URL holds. Decoding never
 * throws: a bad or unknown value falls back to its default and adds a notice saying so.
 *
 *   e      routed experts            k      top-k                    s      shared experts
 *   m      expert granularity        cf     capacity factor or none  r      router
 *   noise  router noise              g      expert groups            tg     groups per token
 *   rs     route scale               d      model width              h      expert hidden width
 *   L      MoE layers                seed   seed                     text   the sentence
 *   pos    token position            gamma  bias update speed        bs     bias updates applied
 *   speed  play speed (tokens/s)     layer  layer shown              hide   controls hidden (comma list)
 */
import { DEFAULT_CONFIG, validateConfig, type MoeConfig } from '../core/config';
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
  return raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
}

function numberIn(raw: string | null, min: number, max: number, integer: boolean): number | null {
  if (raw === null || !NUMBER.test(raw.trim())) return null;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) return null;
  return v;
}

export function decodeView(search: string): Decoded {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const view = defaultView();

  // Config: each value checked on its own first, then together.
  const change: Partial<Record<keyof MoeConfig, unknown>> = {};
  for (const [key, field] of Object.entries(CONFIG_KEYS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = parseValue(raw);
    const alone = validateConfig({ [field]: value }, { together: false });
    const own = alone.ok ? [] : alone.problems.filter((p) => p.field === field);
    if (own.length > 0) notices.push(`Ignored ${key}=${short(raw)}: ${own[0]?.message}. Using ${String(DEFAULT_CONFIG[field] ?? 'no limit')}.`);
    else change[field] = value;
  }
  let checked = validateConfig(change);
  while (!checked.ok) {
    // Drop the fields the cross-checks blame until the rest fits together.
    const blamed = checked.problems.map((p) => p.field).filter((f): f is keyof MoeConfig => f !== 'config' && f in change);
    for (const p of checked.problems) notices.push(`Ignored the link's settings: ${p.message}.`);
    if (blamed.length === 0) {
      checked = validateConfig({});
      break;
    }
    for (const f of blamed) delete change[f];
    checked = validateConfig(change);
  }
  view.config = checked.ok ? checked.config : { ...DEFAULT_CONFIG };

  const text = params.get('text');
  if (text !== null) {
    if (text.length > MAX_TEXT_CHARS) notices.push(`The sentence in the link was cut to ${MAX_TEXT_CHARS} characters.`);
    view.text = text.slice(0, MAX_TEXT_CHARS);
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

  const hide = params.get('hide');
  if (hide !== null) {
    const wanted = hide.split(',').map((h) => h.trim()).filter(Boolean);
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

export function isHidden(view: ViewState, control: Hideable): boolean {
  return view.hide.includes(control);
}
