/**
 * What the lesson pages share: their header (title, language switch, the way back to the simulator
 * keeping the language and the model), the link-notice box, and the page's styles.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MAX_TOKENS, tokenize } from '../core/tokenizer';
import { withKeptKeys } from '../state/lang';
import { encodeLesson, type LessonState } from '../state/lesson-url';
import { messages } from './i18n/locale';
import { localized, type CoreMessage } from './i18n/localize-message';
import './lang-switch';
import './i18n/common';
import './i18n/lesson-pages';

export { lessonStyles } from './lesson-styles';

/** "../index.html?…" with the lesson's model and sentence, and the kept keys (language, backend). */
export function homeHref(state: LessonState | null): string {
  return `../index.html${withKeptKeys(state ? encodeLesson(state) : '', location.search)}`;
}

export function lessonHeader(title: string, state: LessonState | null): TemplateResult {
  const m = messages();
  return html`<header>
    <nav aria-label=${m.lessonPages.navLabel}><a href=${homeHref(state)}>← ${m.common.home}</a></nav>
    <div class="title-row">
      <h1>${title}</h1>
      <lang-switch></lang-switch>
    </div>
  </header>`;
}

/** What a page shows in its link-notice box besides the coded notices, kept raw and worded at render. */
export interface LinkNoticeExtras {
  /** The lang= value that was not understood (`langProblem(location.search)`), or null. */
  lang?: string | null;
  /** Lines the page words itself (in the page's language, at render). */
  extra?: readonly string[];
  /** The box's id. */
  id?: string;
}

/**
 * The "settings in the link were not understood" box: the ignored lang= value, the values of the
 * opening link that were ignored with what was used instead, and the page's own lines; worded in
 * the page's current language each time it renders.
 */
export function linkNotices(notices: readonly (string | CoreMessage)[], { lang = null, extra = [], id }: LinkNoticeExtras = {}): TemplateResult | typeof nothing {
  const c = messages().common;
  const lines = [...(lang === null ? [] : [c.langIgnored(lang.slice(0, 24))]), ...notices.map((n) => localized(n)), ...extra];
  if (lines.length === 0) return nothing;
  return html`<div class="notice" role="alert" id=${id ?? nothing}>
    ${c.linkNotUnderstood}
    <ul>${lines.slice(0, 8).map((n) => html`<li>${n}</li>`)}</ul>
    ${lines.length > 8 ? c.andMore(lines.length - 8) : nothing}
  </div>`;
}

/** What the page says about the sentence: cut to the routed length, empty, or with unknown words. */
export function sentenceNotices(text: string): TemplateResult {
  const m = messages().lessonPages;
  const { tokens, truncated } = tokenize(text);
  const unknown = [...new Set(tokens.filter((t) => t.unknown).map((t) => t.text))];
  return html`${truncated ? html`<p class="notice" role="status">${m.truncated(MAX_TOKENS)}</p>` : nothing}
  ${tokens.length === 0 ? html`<p class="notice" role="status">${m.noTokens}</p>` : nothing}
  ${unknown.length ? html`<p class="notice" role="status">${m.unknownWords} <span translate="no">${unknown.join(', ')}</span></p>` : nothing}`;
}
