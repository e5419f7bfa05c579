/**
 * The page language, as the URL holds it (`lang=zh`), and the query keys every page keeps when it
 * rewrites its own part of the address bar (the language and the backend override).
 */
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
const KEPT = ['lang', 'backend'] as const;

/**
 * A page's own query (from its codec, "?…" or "") with the kept keys of `current` appended, so that
 * rewriting the address bar never drops the chosen language or backend. English is not written.
 */
export function withKeptKeys(query: string, current: string, lang?: Lang): string {
  const from = new URLSearchParams(current);
  const out = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  for (const key of KEPT) out.delete(key);
  const chosen = lang ?? langOf(current);
  if (chosen !== 'en') out.set('lang', chosen);
  const backend = from.get('backend');
  if (backend) out.set('backend', backend);
  const s = out.toString();
  return s ? `?${s}` : '';
}
