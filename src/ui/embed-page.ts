/**
 * The example page for embedding (demos/embed.html): its own few sentences come from the message
 * catalogue like every other text, and follow the language switch; the <moe-lab> element does the rest.
 */
import { withKeptKeys } from '../state/lang';
import { messages, onLangChange } from './i18n/locale';
import './lang-switch';
import './moe-lab';
import './i18n/common';
import './i18n/embed-page';

function fill(): void {
  const m = messages().embedPage;
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
    home.textContent = `← ${messages().common.home}`;
    home.href = `../index.html${withKeptKeys('', location.search)}`;
  }
  document.getElementById('site-nav')?.setAttribute('aria-label', m.nav);
}

fill();
onLangChange(fill);
