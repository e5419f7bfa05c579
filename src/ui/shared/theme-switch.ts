/**
 * The colour theme switch every page carries beside its language switch: the system's choice
 * (prefers-color-scheme), light or dark. The choice is kept in the URL (`theme=dark`) and set on
 * `<html data-theme>`; a `theme=` value not understood is said next to the switch.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { themeOf, themeProblem, withTheme } from '../../state/theme';
import { ownsPage, pageSearch } from '../../state/page-url';
import { LocaleController, relink } from '../i18n/locale';
import { switchStyles } from './shared-styles';
import { installDocumentTheme, setDocumentTheme } from './theme';
import { commonWords } from '../i18n/common';
import { replaceQuery } from '../../state/url-sync';

const CHOICES = ['system', 'light', 'dark'] as const;
type Choice = (typeof CHOICES)[number];

@customElement('theme-switch')
export class ThemeSwitch extends LitElement {
  private readonly i18n = new LocaleController(this);
  @state() private choice: Choice = themeOf(pageSearch());
  private readonly ignored = themeProblem(pageSearch());

  static override styles = [
    ...switchStyles,
    css`
      .problem { color: var(--moe-error); font-size: var(--moe-fs-m); font-weight: 600; margin: var(--moe-sp-2) 0 0; max-width: 22rem; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    installDocumentTheme();
  }

  private pick(choice: Choice): void {
    this.choice = choice;
    setDocumentTheme(choice);
    if (!ownsPage() || typeof location === 'undefined') return;
    const query = withTheme(location.search, choice);
    replaceQuery(query);
    relink();
  }

  override render() {
    const t = commonWords();
    return html`<label>
        <span>${t.theme}</span>
        <select @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value as Choice)}>
          ${CHOICES.map((c) => html`<option value=${c} ?selected=${c === this.choice}>${t.themeNames[c]}</option>`)}
        </select>
      </label>
      ${this.ignored === null ? nothing : html`<p class="problem" role="status">${t.themeIgnored(this.ignored)}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'theme-switch': ThemeSwitch;
  }
}
