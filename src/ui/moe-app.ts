/**
 * The shell of the main page: starts tfjs, owns the simulator, and hands plain data to the
 * panels. Keyboard: ← → step through tokens, Home/End jump to the ends.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { preferredBackend, startBrowserBackend } from '../state/backend';
import { Simulator } from '../state/simulator';
import { MAX_TOKENS } from '../core/tokenizer';
import type { TokenSelectEvent } from './events';
import { SimulatorController } from './simulator-controller';
import './expert-row';
import './param-meter';
import './token-strip';

@customElement('moe-app')
export class MoeApp extends LitElement {
  private readonly sim = new Simulator();
  private readonly ctl = new SimulatorController(this, this.sim);
  @state() private starting = true;

  static override styles = css`
    :host { display: block; max-width: 72rem; margin: 0 auto; padding: 1rem; font-family: system-ui, sans-serif; color: #111; }
    h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
    .lead { margin: 0 0 1rem; color: #333; }
    section { border: 1px solid #ccc; border-radius: 0.5rem; padding: 0.75rem 1rem; margin-bottom: 0.9rem; background: #fff; }
    h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
    .caption { font-size: 0.9rem; color: #333; margin: 0.5rem 0 0; }
    .notice { background: #fff4d6; border: 1px solid #c89b00; padding: 0.5rem 0.75rem; border-radius: 0.4rem; margin-bottom: 0.75rem; }
    .error { background: #fde2e1; border-color: #b3261e; }
    .controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.6rem; }
    button { font: inherit; padding: 0.35rem 0.8rem; }
    button:focus-visible, input:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
    label { font-weight: 600; }
    input[type='text'] { font: inherit; width: min(40rem, 100%); padding: 0.3rem; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
    void this.start();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private async start(): Promise<void> {
    this.sim.setBackend(await startBrowserBackend(preferredBackend(location.search)));
    await this.sim.refresh();
    this.starting = false;
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) return;
    if (e.composedPath().some((n) => n instanceof HTMLInputElement)) return;
    const n = this.sim.state.trace?.tokens.length ?? 0;
    const moves: Record<string, () => void> = {
      ArrowRight: () => this.sim.step(1),
      ArrowLeft: () => this.sim.step(-1),
      Home: () => this.sim.goTo(0),
      End: () => this.sim.goTo(n - 1),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };

  private onText(e: Event): void {
    void this.sim.setText((e.target as HTMLInputElement).value);
  }

  override render() {
    const s = this.ctl.sim.state;
    const t = s.trace;
    const layer = t?.layers[0] ?? null;
    return html`
      <h1>moe-lab</h1>
      <p class="lead">
        A mixture-of-experts model running in your browser. For each token a router picks ${s.config.topK} of
        ${s.config.routedExperts} experts; only those run, so only a fraction of the parameters does any work.
      </p>
      ${s.backend?.notice ? html`<p class="notice" role="alert">${s.backend.notice}</p>` : nothing}
      ${s.error ? html`<p class="notice error" role="alert">The model could not run: ${s.error}</p>` : nothing}
      ${this.starting && !t ? html`<p role="status">Starting the model…</p>` : nothing}
      <section aria-labelledby="sentence-h">
        <h2 id="sentence-h">Tokens and their experts</h2>
        <label for="text">Sentence</label>
        <input id="text" type="text" .value=${s.text} @change=${this.onText} />
        ${t?.truncated ? html`<p class="notice" role="status">Only the first ${MAX_TOKENS} tokens are routed.</p>` : nothing}
        <token-strip
          .tokens=${t?.tokens ?? []}
          .routing=${layer?.tokens ?? []}
          .current=${s.position}
          @token-select=${(e: TokenSelectEvent) => this.sim.goTo(e.index)}
        ></token-strip>
        <div class="controls">
          <button @click=${() => this.sim.step(-1)} ?disabled=${s.position <= 0}>Previous token</button>
          <button @click=${() => this.sim.step(1)} ?disabled=${!t || s.position >= t.tokens.length - 1}>Next token</button>
          <span>Backend: ${s.backend?.name ?? '…'}</span>
        </div>
        <p class="caption">Each chip is one token, coloured by the expert that weighs most for it; the numbers are all its experts.</p>
      </section>
      <section aria-labelledby="experts-h">
        <h2 id="experts-h">Experts for the current token</h2>
        <expert-row .layer=${layer} .current=${s.position} .shared=${s.config.sharedExperts}></expert-row>
        <p class="caption">Lit blocks are the experts this token went to, with their gate weights; the others stayed idle.</p>
      </section>
      <section aria-labelledby="meter-h">
        <h2 id="meter-h">Parameters at work</h2>
        <param-meter .trace=${t} .current=${s.position}></param-meter>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'moe-app': MoeApp;
  }
}
