/**
 * The skeleton every page shell shares, as one lit ReactiveController:
 * - backend start-up (the page hands in how: tfjs on the page, or the training worker) and its notice;
 * - the address bar: `syncUrl()` writes the page's own query, with the kept keys (language, backend,
 *   theme) and presenter mode, through src/state/url-sync.ts at most four times a second;
 * - the keyboard map: keys → actions, heard on the window (or the element), never while typing;
 * - presenter mode: `present=1` in the link (page.css makes every rem on the page larger; the host
 *   gets a `presenter` attribute for its own rules), kept in the URL, toggled by `togglePresenter()`;
 * - `settled()` (backend chosen, runners idle, every watched change rendered, the whole tree drawn) and
 *   `diagnostics()`, which the end-to-end tests and the benchmarks call on the page's element;
 * - the document's title, in the page's language.
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { BackendName, BackendStatus } from '../../core/backend';
import { backendOf, langProblem, withKeptKeys } from '../../state/lang';
import { ownsPage, pageSearch } from '../../state/page-url';
import { replaceQuery } from '../../state/url-sync';

import { localized, type CoreMessage } from '../i18n/localize-message';
import { linkNotices } from './link-notices';
import { treeRendered } from './settled';
import { StoreController, type Subscribable } from './store-controller';
import { commonWords } from '../i18n/common';

/** How often the address bar is rewritten at most. */
export const URL_THROTTLE_MS = 250;

export interface PageOptions {
  /** The page's title, in its language (set on every render while the page owns the document). */
  title?: () => string;
  /** Starts the backend the link asks for (`backend=cpu`, else wasm); none on pages without a model. */
  start?: (prefer: BackendName) => Promise<BackendStatus>;
  /** Runs once the backend is chosen (e.g. the first model run); settled() waits for it. */
  started?: (backend: BackendStatus) => Promise<unknown> | void;
  /**
   * The page's own query ("?e=8&k=2" or ""), without the kept keys; null while there is nothing to
   * write yet. Without it the page keeps no view in its URL.
   */
  query?: () => string | null;
  /** Keys written after the kept ones (e.g. the tour's `lesson=2.1`). */
  extraQuery?: () => string[];
  /** Whether this element owns the page (its address, title and keys); false for an embedded element. */
  ownsPage?: () => boolean;
  /** Key (KeyboardEvent.key) → action. */
  keys?: Record<string, () => void>;
  /** What the page waits for in settled(), besides the backend and the watched stores (its runners). */
  idle?: () => Promise<unknown>;
  /** The page's live tfjs tensors and bytes (and backend), for the soak benchmark and the leak tests. */
  diagnostics?: () => Partial<Diagnostics>;
}

/** What `diagnostics()` reports: live tfjs tensors and their bytes, and the backend they live on. */
export interface Diagnostics {
  tensors: number;
  bytes: number;
  backend: string;
}

/** Keys that the focused control uses itself: typing and sliders, scrolling a wide table. */
const OWN_KEYS = 'input, textarea, select, [role="region"][tabindex]';

export class PageController implements ReactiveController {
  /** The backend in use, once chosen. */
  backend: BackendStatus | null = null;
  /** Presenter mode (`present=1`). */
  presenter = false;
  /** The link's `present` value when it is neither 1 nor 0 (for the page's link notice), else null. */
  readonly presenterProblem: string | null = null;
  /** The opening link's `lang` value when it was not understood, else null (the link as opened: a switch rewrites it). */
  readonly langProblem: string | null = null;
  private ready: Promise<unknown> | null = null;
  private done = false;
  private urlTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly watched: StoreController[] = [];

  constructor(
    private readonly host: LitElement,
    private readonly options: PageOptions = {},
  ) {
    host.addController(this);
    if (this.owns) {
      const present = new URLSearchParams(pageSearch()).get('present');
      this.presenter = present === '1';
      if (present !== null && present !== '1' && present !== '0') this.presenterProblem = present.slice(0, 24);
      this.langProblem = langProblem(pageSearch());
    }
  }

  private get owns(): boolean {
    return this.options.ownsPage?.() ?? true;
  }

  /** Whether the backend and the page's first run are still on their way. */
  get starting(): boolean {
    return !this.done;
  }

  /** The backend's name, or '…' while it starts. */
  get backendName(): string {
    return this.backend?.name ?? '…';
  }

  /** Re-renders the host (changes made in one task render once) on each change of `store`, and keeps the URL in step. */
  watch(store: Subscribable, changed?: () => void): StoreController {
    const ctl = new StoreController(this.host, store, () => {
      changed?.();
      this.syncUrl();
    });
    this.watched.push(ctl);
    return ctl;
  }

  hostConnected(): void {
    if (!this.ready) this.ready = this.start();
    if (this.owns) window.addEventListener('keydown', this.onKey);
    else this.host.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    this.host.removeEventListener('keydown', this.onKey);
    if (this.urlTimer !== null) clearTimeout(this.urlTimer);
    this.urlTimer = null;
  }

  hostUpdate(): void {
    this.host.toggleAttribute('presenter', this.presenter);
    if (!this.owns) return;
    if (this.options.title) document.title = this.options.title();
    if (ownsPage()) document.documentElement.classList.toggle('presenter', this.presenter);
  }

  private async start(): Promise<void> {
    const { start, started } = this.options;
    if (start) {
      const backend = await start(backendOf(pageSearch()) === 'cpu' ? 'cpu' : 'wasm');
      this.backend = backend;
      this.host.requestUpdate();
      await started?.(backend);
    }
    this.done = true;
    this.host.requestUpdate();
  }

  /** The backend's notice (wasm could not start, so cpu runs), in the page's language; or nothing. */
  renderBackendNotice() {
    const b = this.backend;
    return b?.notice ? html`<p class="notice" role="alert">${localized(b.notice)}</p>` : nothing;
  }

  /**
   * The notice about the opening link: the page's own `notices` and `extra` lines, with the lang= and
   * present= values that were not understood; worded at render, in the page's language.
   */
  renderLinkNotices(notices: readonly (string | CoreMessage)[], extra: string[] = [], id?: string) {
    const present = this.presenterProblem === null ? [] : [commonWords().presentIgnored(this.presenterProblem)];
    return linkNotices(notices, { lang: this.langProblem, extra: [...extra, ...present], id });
  }

  togglePresenter(): void {
    this.presenter = !this.presenter;
    this.host.requestUpdate();
    this.syncUrl();
  }

  /** The page's whole query: its own keys, the kept ones, the extra ones, presenter mode. */
  pageQuery(): string {
    return this.queryOf(this.options.query?.() ?? '');
  }

  private queryOf(query: string): string {
    const own = withKeptKeys(query, pageSearch());
    const extra = [...(this.options.extraQuery?.() ?? []), this.presenter ? 'present=1' : ''].filter(Boolean).join('&');
    return extra ? `${own || '?'}${own ? '&' : ''}${extra}` : own;
  }

  /** Keeps the address bar in step with the page, at most four times a second. */
  syncUrl(): void {
    if (!this.options.query || !this.owns || this.urlTimer !== null) return;
    this.urlTimer = setTimeout(() => this.writeUrl(), URL_THROTTLE_MS);
  }

  /** Writes the address bar now (a choice made by a click, not a drag). */
  writeUrl(): void {
    if (this.urlTimer !== null) clearTimeout(this.urlTimer);
    this.urlTimer = null;
    const query = this.options.query?.() ?? null;
    if (query !== null && this.owns) replaceQuery(this.queryOf(query));
  }

  /**
   * Resolves when the backend is chosen, the page's runs have caught up with the latest input and
   * every part of the page has rendered them. The end-to-end tests and the browser benchmark time
   * "input to updated view" with it.
   */
  async settled(): Promise<void> {
    await this.ready;
    await this.options.idle?.();
    await Promise.all(this.watched.map((w) => w.rendered()));
    await treeRendered(this.host);
  }

  /** The page's live-memory figures and its backend's name. */
  diagnostics(): Diagnostics {
    return { tensors: 0, bytes: 0, backend: this.backend?.name ?? '', ...this.options.diagnostics?.() };
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement) {
      if (target.closest(OWN_KEYS)) return;
      // Space activates buttons, links and a table's <summary> itself.
      if (e.key === ' ' && target.closest('button, a, summary')) return;
    }
    const action = this.options.keys?.[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
}
