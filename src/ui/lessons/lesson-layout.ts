/**
 * What the lesson pages share: their header (title, language switch, the way back to the simulator
 * keeping the language and the model), the link-notice box (./link-notices), and the page's styles.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MAX_TOKENS, tokenize } from '../../core/tokenizer';
import { withKeptKeys } from '../../state/lang';
import { encodeLesson, type LessonState } from '../../state/lesson-url';
import { localized, type CoreMessage } from '../i18n/localize-message';
import '../shared/lang-switch';
import '../shared/theme-switch';
import { commonWords } from '../i18n/common';
import { lessonPagesWords } from '../i18n/lesson-pages';

export { lessonStyles } from './lesson-styles';
export { linkNotices, type LinkNoticeExtras } from '../shared/link-notices';

/** "../index.html?…" with the lesson's model and sentence, and the kept keys (language, backend). */
export function homeHref(state: LessonState | null): string {
  return `../index.html${withKeptKeys(state ? encodeLesson(state) : '', location.search)}`;
}

export function lessonHeader(title: string, state: LessonState | null): TemplateResult {
  return html`<header>
    <nav aria-label=${lessonPagesWords().navLabel}><a href=${homeHref(state)}>← ${commonWords().home}</a></nav>
    <div class="title-row">
      <h1>${title}</h1>
      <lang-switch></lang-switch><theme-switch></theme-switch>
    </div>
  </header>`;
}

/**
 * What the page says about the sentence: cut to its longest (`cut`, from src/state's clipText), cut
 * to the routed length, empty, or with unknown words.
 */
export function sentenceNotices(text: string, cut: CoreMessage | null = null): TemplateResult {
  const m = lessonPagesWords();
  const { tokens, truncated } = tokenize(text);
  const unknown = [...new Set(tokens.filter((t) => t.unknown).map((t) => t.text))];
  return html`${cut ? html`<p class="notice" role="status">${localized(cut)}</p>` : nothing}
  ${truncated ? html`<p class="notice" role="status">${m.truncated(MAX_TOKENS)}</p>` : nothing}
  ${tokens.length === 0 ? html`<p class="notice" role="status">${m.noTokens}</p>` : nothing}
  ${unknown.length ? html`<p class="notice" role="status">${m.unknownWords} <span translate="no">${unknown.join(', ')}</span></p>` : nothing}`;
}
