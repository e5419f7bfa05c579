/**
 * The language switcher every page carries in its header: English or Simplified Chinese. Its name is
 * given in both languages, so either reader finds it. The choice is kept in the URL (`lang=zh`).
 */
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { applyToDocument, getLang, HTML_LANG, LANG_NAMES, LANGS, LocaleController, setLang, type Lang } from '../i18n/locale';
import { switchStyles } from './shared-styles';

@customElement('lang-switch')
export class LangSwitch extends LitElement {
  private readonly i18n = new LocaleController(this);

  static override styles = switchStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    // A page with the switch is one of the site's own: its <html lang> follows the page's language.
    applyToDocument();
  }

  override render() {
    const lang = getLang();
    return html`<label>
      <span>Language · 语言</span>
      <select @change=${(e: Event) => setLang((e.target as HTMLSelectElement).value as Lang)}>
        ${LANGS.map((l) => html`<option value=${l} lang=${HTML_LANG[l]} ?selected=${l === lang}>${LANG_NAMES[l]}</option>`)}
      </select>
    </label>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lang-switch': LangSwitch;
  }
}
