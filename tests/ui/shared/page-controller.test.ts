import { html, LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendStatus } from '../../../src/core/backend';
import { LatestRunner } from '../../../src/state/latest-runner';
import { Store } from '../../../src/state/store';
import { PageController, URL_THROTTLE_MS } from '../../../src/ui/shared/page-controller';

/** A page made of the skeleton alone: a store, a runner that doubles its input, keys, a query. */
class TestPage extends LitElement {
  readonly store = new Store({ n: 1, doubled: 0 });
  renders = 0;
  pressed: string[] = [];
  startedWith: string | null = null;
  readonly runner = new LatestRunner<number>(
    async (n, ctx) => {
      await new Promise((r) => setTimeout(r, 10));
      if (!ctx.stale()) this.store.set({ doubled: 2 * n });
    },
    { held: true },
  );
  readonly page = new PageController(this, {
    title: () => `Test ${this.store.get().n}`,
    start: (prefer) => {
      this.startedWith = prefer;
      return Promise.resolve({ name: 'cpu', notice: null } as unknown as BackendStatus);
    },
    started: () => {
      this.runner.release();
      return this.runner.request(this.store.get().n);
    },
    query: () => `?n=${this.store.get().n}`,
    keys: { ArrowRight: () => this.pressed.push('right'), ' ': () => this.pressed.push('space') },
    idle: () => this.runner.idle(),
  });

  constructor() {
    super();
    this.page.watch(this.store);
  }

  set(n: number): void {
    this.store.set({ n });
    void this.runner.request(n);
  }

  override render() {
    this.renders++;
    return html`<p>${this.store.get().doubled}</p>
      <input type="text" /><button>b</button>`;
  }
}
customElements.define('test-page', TestPage);

const key = (target: EventTarget, k: string): void => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
};

afterEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, '', location.pathname);
  document.documentElement.classList.remove('presenter');
});

describe('PageController and StoreController', () => {
  it('starts the backend the link asks for; settled() waits for it, the runs and the render', async () => {
    history.replaceState(null, '', `${location.pathname}?backend=cpu`);
    const el = document.createElement('test-page') as TestPage;
    document.body.append(el);
    expect(el.page.starting).toBe(true);
    await el.page.settled();
    expect(el.startedWith).toBe('cpu');
    expect(el.page.starting).toBe(false);
    expect(el.page.backendName).toBe('cpu');
    expect(el.page.diagnostics()).toEqual({ tensors: 0, bytes: 0, backend: 'cpu' });
    expect(el.shadowRoot!.querySelector('p')!.textContent).toBe('2');
    expect(document.title).toBe('Test 1');

    // Changes made in one task render once, and settled() sees the last one on screen.
    const before = el.renders;
    for (const n of [2, 3, 4, 5]) el.set(n);
    await el.page.settled();
    expect(el.shadowRoot!.querySelector('p')!.textContent).toBe('10');
    expect(el.renders - before).toBeLessThanOrEqual(2);
  });

  it('writes the URL at most once per throttle period, with the kept keys and presenter mode', async () => {
    history.replaceState(null, '', `${location.pathname}?lang=zh&present=1&junk=1`);
    const el = document.createElement('test-page') as TestPage;
    document.body.append(el);
    await el.page.settled();
    expect(el.page.presenter).toBe(true);
    expect(el.hasAttribute('presenter')).toBe(true);
    expect(document.documentElement.classList.contains('presenter')).toBe(true);
    el.set(7);
    el.set(8);
    expect(location.search).toBe('?lang=zh&present=1&junk=1');
    await new Promise((r) => setTimeout(r, URL_THROTTLE_MS + 50));
    expect(location.search).toBe('?n=8&lang=zh&present=1');
    el.page.togglePresenter();
    el.page.writeUrl();
    await el.updateComplete;
    expect(location.search).toBe('?n=8&lang=zh');
    expect(document.documentElement.classList.contains('presenter')).toBe(false);
  });

  it('says when present= or lang= is not understood, as the link was opened', async () => {
    history.replaceState(null, '', `${location.pathname}?present=yes&lang=xx`);
    const el = document.createElement('test-page') as TestPage;
    document.body.append(el);
    expect(el.page.presenter).toBe(false);
    expect(el.page.presenterProblem).toBe('yes');
    expect(el.page.langProblem).toBe('xx');
    el.page.writeUrl();
    expect(location.search).toBe('?n=1');
    expect(el.page.langProblem).toBe('xx');
  });

  it('maps keys to actions, but not keys typed into a control, nor Space on a button', async () => {
    const el = document.createElement('test-page') as TestPage;
    document.body.append(el);
    await el.updateComplete;
    key(document.body, 'ArrowRight');
    key(document.body, ' ');
    key(document.body, 'x');
    key(el.shadowRoot!.querySelector('input')!, 'ArrowRight');
    key(el.shadowRoot!.querySelector('button')!, ' ');
    expect(el.pressed).toEqual(['right', 'space']);
    el.remove();
    key(document.body, 'ArrowRight');
    expect(el.pressed).toEqual(['right', 'space']);
  });
});
