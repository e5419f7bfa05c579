/**
 * The "settings in the link were not understood" box every page shows under its header: the values
 * of the opening link that were ignored, with what was used instead, worded in the page's current
 * language each time it renders.
 */
import { html, nothing, type TemplateResult } from 'lit';

import { localized, type CoreMessage } from '../i18n/localize-message';
import { commonWords } from '../i18n/common';

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
export function linkNotices(
  notices: readonly (string | CoreMessage)[],
  { lang = null, extra = [], id }: LinkNoticeExtras = {},
): TemplateResult | typeof nothing {
  const c = commonWords();
  const lines = [...(lang === null ? [] : [c.langIgnored(lang.slice(0, 24))]), ...notices.map((n) => localized(n)), ...extra];
  if (lines.length === 0) return nothing;
  return html`<div class="notice" role="alert" id=${id ?? nothing}>
    ${c.linkNotUnderstood}
    <ul>${lines.slice(0, 8).map((n) => html`<li>${n}</li>`)}</ul>
    ${lines.length > 8 ? c.andMore(lines.length - 8) : nothing}
  </div>`;
}
