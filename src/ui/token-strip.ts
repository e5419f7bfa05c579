/**
 * Every token of the sentence as a chip coloured by the expert that gave it the largest weight,
 * with the numbers of all its experts underneath. Unknown words and dropped tokens are marked in
 * words, not just colour. Clicking a chip selects the token.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TokenRouting, TokenTrace } from '../core/trace';
import { TokenSelectEvent } from './events';
import { expertColour, textOn } from './palette';

@customElement('token-strip')
export class TokenStrip extends LitElement {
  @property({ attribute: false }) tokens: readonly TokenTrace[] = [];
  @property({ attribute: false }) routing: readonly TokenRouting[] = [];
  @property({ type: Number }) current = 0;

  static override styles = css`
    :host { display: block; }
    ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0; padding: 0; }
    button {
      font: inherit; display: flex; flex-direction: column; align-items: center; gap: 0.15rem;
      min-width: 2.6rem; padding: 0.3rem 0.45rem; border-radius: 0.4rem; cursor: pointer;
      border: 2px solid transparent; background: var(--chip-bg, #eee); color: var(--chip-fg, #111);
    }
    button:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
    button[aria-current='true'] { border-color: #000; box-shadow: 0 0 0 2px #fff inset; transform: translateY(-2px); }
    .word { font-weight: 600; }
    .experts { font-size: 0.75rem; font-variant-numeric: tabular-nums; }
    .unknown { border-style: dashed; border-color: #555; }
    .mark { font-size: 0.7rem; font-style: italic; }
  `;

  private label(tok: TokenTrace, r: TokenRouting | undefined): string {
    const parts = [`token ${tok.index + 1}: ${tok.text}`];
    if (tok.unknown) parts.push('unknown word');
    if (r) parts.push(r.skipped ? 'dropped, no expert' : `experts ${r.experts.filter((_, j) => !r.dropped[j]).join(', ')}`);
    return parts.join(', ');
  }

  override render() {
    return html`<ol aria-label="Tokens">
      ${this.tokens.map((tok, i) => {
        const r = this.routing[i];
        const top = r?.experts.find((_, j) => !r.dropped[j]);
        const bg = top === undefined ? '#ddd' : expertColour(top);
        return html`<li>
          <button
            class=${tok.unknown ? 'unknown' : ''}
            style="--chip-bg:${bg};--chip-fg:${textOn(bg)}"
            aria-current=${i === this.current ? 'true' : 'false'}
            aria-label=${this.label(tok, r)}
            @click=${() => this.dispatchEvent(new TokenSelectEvent(i))}
          >
            <span class="word">${tok.text}</span>
            <span class="experts">${r ? r.experts.map((e, j) => (r.dropped[j] ? `✕${e}` : `E${e}`)).join(' ') : ''}</span>
            ${tok.unknown ? html`<span class="mark">unknown</span>` : nothing}
            ${r?.skipped ? html`<span class="mark">dropped</span>` : nothing}
          </button>
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'token-strip': TokenStrip;
  }
}
