/**
 * The lesson pages' number table (styled by tableStyles in lesson-styles.ts): its title on screen
 * (hidden from screen readers, which hear the caption instead), a scrolling frame that keyboard users
 * can focus, and the table with its caption. Also the head cell of a row for one setting, the
 * reader's current one marked "★ yours".
 */
import { html } from 'lit';
import { lessonPagesWords } from '../i18n/lesson-pages';

/** The titled, scrolling table: `head` goes in its <thead>, `body` in its <tbody>. */
export function lessonTable(caption: string, head: unknown, body: unknown) {
  return html`<p class="table-title" aria-hidden="true">${caption}</p>
    <div class="scroll" role="region" tabindex="0" aria-label=${caption}>
      <table>
        <caption class="vh">${caption}</caption>
        <thead>${head}</thead>
        <tbody>${body}</tbody>
      </table>
    </div>`;
}

/** A row's head cell naming a setting, with "★ yours" after it on the current one. */
export function settingHead(value: number, current: boolean) {
  return html`<th scope="row">${value}${current ? html` <span class="mark">★ ${lessonPagesWords().yours}</span>` : ''}</th>`;
}
