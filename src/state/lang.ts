/**
 * The page language, as the URL holds it (`lang=zh`), and the query keys every page keeps when it
 * rewrites its own part of the address bar (the language, the backend override and the colour theme).
 */
import { themeOf } from './theme';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The language a query asks for; anything unknown (or none) is English. */
export function langOf(search: string): Lang {
  const raw = (new URLSearchParams(search).get('lang') ?? '').trim().toLowerCase();
  return raw === 'zh' || raw.startsWith('zh-') || raw === 'cn' ? 'zh' : 'en';
}

/** Whether a `lang` value in a link was not understood (so the page can say so). */
export function langProblem(search: string): string | null {
  const raw = new URLSearchParams(search).get('lang');
  if (raw === null) return null;
  const v = raw.trim().toLowerCase();
  return v === 'en' || v === 'zh' || v.startsWith('zh-') || v === 'cn' ? null : raw;
}

/** Keys that are not part of any page's own view but are kept across its rewrites. */
export const KEPT = ['lang', 'backend', 'theme'] as const;

/** The backends a link may ask for (`backend=cpu` for comparisons and tests). */
export const BACKENDS = ['cpu', 'wasm'] as const;
export type LinkBackend = (typeof BACKENDS)[number];

/** The backend a query asks for, when it names one of BACKENDS (any case, spaces trimmed); else null. */
export function backendOf(search: string): LinkBackend | null {
  const v = (new URLSearchParams(search).get('backend') ?? '').trim().toLowerCase();
  return (BACKENDS as readonly string[]).includes(v) ? (v as LinkBackend) : null;
}

/** A `backend` value in a link that is not one of BACKENDS (so the page can say so), or null. */
export function backendProblem(search: string): string | null {
  const raw = new URLSearchParams(search).get('backend');
  return raw === null || backendOf(search) !== null ? null : raw;
}

/**
 * A page's own query (from its codec, "?…" or "") with the kept keys of `current` appended, so that
 * rewriting the address bar never drops the chosen language, backend or theme. English is not
 * written, nor a backend other than BACKENDS, nor a theme other than light or dark.
 */
export function withKeptKeys(query: string, current: string, lang?: Lang): string {
  const out = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  for (const key of KEPT) out.delete(key);
  const chosen = lang ?? langOf(current);
  if (chosen !== 'en') out.set('lang', chosen);
  // Only a backend the pages understand travels on, never an unknown (possibly huge) value.
  const backend = backendOf(current);
  if (backend) out.set('backend', backend);
  // So does a chosen colour theme (theme=dark|light); the system's choice is not written.
  const theme = themeOf(current);
  if (theme !== 'system') out.set('theme', theme);
  const s = out.toString();
  return s ? `?${s}` : '';
}
