/**
 * The colour theme a link asks for (`theme=dark` or `theme=light`; none: the system's choice, from
 * prefers-color-scheme). Kept across a page's rewrites of its address like `lang=` (see lang.ts).
 */
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The theme a query asks for (any case, spaces trimmed), or 'system' for none or one not understood. */
export function themeOf(search: string): Theme | 'system' {
  const v = (new URLSearchParams(search).get('theme') ?? '').trim().toLowerCase();
  return (THEMES as readonly string[]).includes(v) ? (v as Theme) : 'system';
}

/** A `theme` value in a link that is not one of THEMES (so the page can say so), or null. */
export function themeProblem(search: string): string | null {
  const raw = new URLSearchParams(search).get('theme');
  return raw === null || themeOf(search) !== 'system' ? null : raw;
}

/** The query `search` with its theme set to `theme` (or removed for the system's choice). */
export function withTheme(search: string, theme: Theme | 'system'): string {
  const out = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  if (theme === 'system') out.delete('theme');
  else out.set('theme', theme);
  const s = out.toString();
  return s ? `?${s}` : '';
}
