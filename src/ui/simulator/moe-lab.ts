/**
 * <moe-lab>: the simulator as an element a teacher can drop into any HTML page or slide deck,
 * configured by attributes instead of the address bar:
 *
 *   <moe-lab experts="16" top-k="2" router="sigmoid-bias" sentence="two red birds sing ." seed="3" hide="seed,router"></moe-lab>
 *
 * Attributes are read like the simulator's link keys (same checks, same notices for bad values)
 * and may change at any time. The element keeps its view out of the page's address bar, and its
 * step keys (← → Space Home End) work while the focus is inside it.
 *
 * `link-base="https://…/moe-lab/"` (where a moe-lab site is served) gives it a "Copy link" button that
 * opens the same view on that site; without it there is no such button, as the host page could not
 * open the link.
 *
 * `lang="zh"` shows it in Simplified Chinese and `lang="en"` in English; without the attribute it
 * follows the page's own link (`lang=zh`), else English. The message catalogue is one per page, so
 * the language an element sets applies to everything on the page that reads it.
 */
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { langOf } from '../../state/lang';
import { viewOf } from '../../state/simulator';
import { decodeView, encodeView, keepingCurrent, type LinkNotice } from '../../state/url';
import type { ViewState } from '../../state/view';
import { LocaleController, setLang } from '../i18n/locale';
import { hostTheme } from '../shared/theme';
import { SimulatorElement, SimulatorShell } from './simulator-shell';
import { shellWords } from '../i18n/shell';
import { simulatorStyles } from './simulator-styles';
import { pageSearch } from '../../state/page-url';

/** Attribute → the simulator's link key. */
const ATTRIBUTES: Record<string, string> = {
  experts: 'e',
  'top-k': 'k',
  router: 'r',
  sentence: 'text',
  seed: 'seed',
  hide: 'hide',
  shared: 's',
  'capacity-factor': 'cf',
  layers: 'L',
  picture: 'pic',
  weights: 'w',
};

/** Link key → the attribute it stands for. */
const NAMES: Record<string, string> = Object.fromEntries(Object.entries(ATTRIBUTES).map(([a, k]) => [k, a]));

/** A notice that names the attribute, not the link key it stands for, in both languages. */
function byAttributeName(n: LinkNotice): LinkNotice {
  const args = n.args as { key?: unknown };
  const key = typeof args.key === 'string' ? NAMES[args.key] : undefined;
  return { code: n.code, args: key ? { ...n.args, key } : n.args } as LinkNotice;
}

@customElement('moe-lab')
export class MoeLab extends SimulatorElement {
  static override styles = [...simulatorStyles, hostTheme];

  protected readonly shell: SimulatorShell = new SimulatorShell(this, {
    owns: false,
    initialView: () => this.fromAttributes(),
    shareUrl: () => this.shareUrl(),
    started: () => {
      if (this.changedWhileStarting) this.applyAttributes();
    },
  });
  private readonly i18n = new LocaleController(this);

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(ATTRIBUTES), 'lang', 'link-base'];
  }

  /** The view the attributes ask for; with `current`, a bad value keeps the value in use (not its default). */
  private fromAttributes(current?: ViewState): { view: ViewState; notices: LinkNotice[] } {
    const params = new URLSearchParams();
    for (const [attribute, key] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) params.set(key, value);
    }
    const decoded = decodeView(`?${params.toString()}`);
    const { view, notices } = current ? keepingCurrent(decoded, current) : { view: decoded.view, notices: decoded.notices };
    return { view, notices: notices.map(byAttributeName) };
  }

  /** "Copy link": the same view on the site `link-base` names, or none. */
  private shareUrl(): string {
    const base = this.getAttribute('link-base');
    if (!base) return '';
    try {
      return new URL(encodeView(viewOf(this.shell.sim.state)), new URL(base, location.href)).href;
    } catch {
      return '';
    }
  }

  /** Attributes changed while the model was starting: apply them now. */
  private changedWhileStarting = false;

  override connectedCallback(): void {
    super.connectedCallback(); // the shell reads the attributes as they are now
    this.changedWhileStarting = false;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') {
      // The element's language, or the page's own when the attribute goes; the address bar is left alone.
      setLang(value === null ? langOf(pageSearch()) : langOf(`?lang=${encodeURIComponent(value)}`), { url: false, document: false });
      return;
    }
    if (name === 'link-base') {
      this.requestUpdate();
      return;
    }
    if (!(name in ATTRIBUTES) || old === value) return;
    if (this.shell.page.starting) {
      this.changedWhileStarting = true;
      return;
    }
    this.applyAttributes();
  }

  private applyAttributes(): void {
    this.changedWhileStarting = false;
    const sim = this.shell.sim;
    const s = sim.state;
    const { view, notices } = this.fromAttributes(viewOf(s));
    sim.setNotices(notices);
    void sim.setConfig(view.config);
    if (view.text !== s.text) void sim.setText(view.text);
    if (view.hide.join() !== s.hide.join()) sim.setHide(view.hide);
  }

  override render() {
    // Embedded in someone else's page the element is a region, not the page's header and main.
    return html`<section aria-label=${shellWords().simulatorLabel}>${this.shell.renderBody([], nothing)}</section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'moe-lab': MoeLab;
  }
}
