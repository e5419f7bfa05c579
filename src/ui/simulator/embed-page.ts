/**
 * The example page for embedding (demos/embed.html): its own few sentences come from the message
 * catalogue like every other text, and follow the language switch; the <moe-lab> element does the rest.
 */
import { css, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { langProblem, withKeptKeys } from '../../state/lang';
import { otherKeyNotices } from '../../state/url';
import { LocaleController, onLangChange } from '../i18n/locale';
import { linkNotices } from '../shared/link-notices';
import '../shared/lang-switch';
import '../shared/theme-switch';
import './moe-lab';
import { commonWords } from '../i18n/common';
import { embedPageWords } from '../i18n/embed-page';

function fill(): void {
  const m = embedPageWords();
  document.title = m.title;
  // Text between backticks becomes <code>; everything is set as text, never parsed as HTML.
  const set = (id: string, text: string): void => {
    const el = document.getElementById(id);
    if (!el) return;
    el.replaceChildren(
      ...text.split('`').map((part, i) => {
        if (i % 2 === 0) return document.createTextNode(part);
        const code = document.createElement('code');
        code.translate = false; // code is the same in every language
        code.textContent = part;
        return code;
      }),
    );
  };
  set('heading', m.heading);
  set('p1', m.p1);
  set('p2', m.p2);
  const home = document.getElementById('home') as HTMLAnchorElement | null;
  if (home) {
    home.textContent = `← ${commonWords().home}`;
    home.href = `../index.html${withKeptKeys('', location.search)}`;
  }
  document.getElementById('site-nav')?.setAttribute('aria-label', m.nav);
}

/**
 * The page's own link-notice box: this page takes no keys in its link (the element is set up by its
 * attributes), so every key but lang= and backend= is reported, and a lang= or backend= not understood.
 */
@customElement('embed-link-notices')
export class EmbedLinkNotices extends LitElement {
  private readonly notices = otherKeyNotices(location.search);
  private readonly langIgnored = langProblem(location.search);
  private readonly i18n = new LocaleController(this);

  static override styles = css`
    :host { display: block; max-width: 76rem; margin: var(--moe-sp-5) auto; padding: 0 var(--moe-sp-8); }
    .notice { background: var(--moe-warn-bg); border: 1px solid var(--moe-warn); padding: var(--moe-sp-5) var(--moe-sp-7); border-radius: 0.4rem; }
    ul { margin: var(--moe-sp-3) 0 0; }
  `;

  override render() {
    return linkNotices(this.notices, { lang: this.langIgnored });
  }
}

fill();
onLangChange(fill);
if (otherKeyNotices(location.search).length > 0 || langProblem(location.search) !== null) {
  document.querySelector('main')?.prepend(document.createElement('embed-link-notices'));
}

declare global {
  interface HTMLElementTagNameMap {
    'embed-link-notices': EmbedLinkNotices;
  }
}
