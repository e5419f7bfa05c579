/**
 * The page's language: which half of the message catalogue is shown, kept in the URL (`lang=zh`).
 * Components read their text from the catalogue parts they import (`simWords()` in ./simulator, …),
 * which pick the half of the current language, and re-render on a switch through a LocaleController.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, withKeptKeys, type Lang } from '../../state/lang';
import { ownsPage, pageSearch } from '../../state/page-url';
import { replaceQuery } from '../../state/url-sync';

export { LANGS, type Lang } from '../../state/lang';

/** How each language names itself in the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '简体中文' };
/** The BCP 47 tag written to <html lang> (screen readers pick their voice from it). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };

let current: Lang = langOf(pageSearch());
const listeners = new Set<() => void>();

/**
 * Writes the language to <html lang>. The site's pages do (their language switch calls this when it
 * appears); an element embedded in someone else's page never does, the host's language is its own.
 */
export function applyToDocument(): void {
  if (typeof document === 'undefined' || !ownsPage()) return;
  document.documentElement.lang = HTML_LANG[current];
}

export function getLang(): Lang {
  return current;
}

/**
 * Switches the language everywhere on the page, records it in the address bar and on <html lang>.
 * An embedded element passes `url: false, document: false`: the host page's address and language
 * are not its own (its `lang` attribute tells screen readers the language of its part); in the
 * library build (src/state/page-url.ts) neither is ever written.
 */
export function setLang(lang: Lang, options: { url?: boolean; document?: boolean } = {}): void {
  if (lang === current) return;
  current = lang;
  if (options.document !== false) applyToDocument();
  if (options.url !== false && ownsPage() && typeof location !== 'undefined') {
    const query = withKeptKeys(location.search, location.search, lang);
    replaceQuery(query);
  }
  for (const fn of [...listeners]) fn();
}

/**
 * Re-renders every localized component without a language switch: for a change of another kept key
 * of the address (the theme switch's `theme=`), so that their links to the other pages carry it.
 */
export function relink(): void {
  for (const fn of [...listeners]) fn();
}

/** Calls `fn` on every language switch; returns the function that stops it. */
export function onLangChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Re-renders its host whenever the language changes. */
export class LocaleController implements ReactiveController {
  private off: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = null;
  }
}
