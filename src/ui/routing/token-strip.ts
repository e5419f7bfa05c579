/**
 * Every token of the sentence as a chip coloured (and, from expert 8 on, patterned) by the expert
 * that gave it the largest weight, with the numbers of all its experts underneath. Unknown words, words
 * classed from context by the tagger (not in the lexicon; "tagged: noun") and dropped tokens are marked
 * in words, not just colour; the text on a chip is black or white, whichever reads on its colour.
 * Clicking (or tapping) a chip selects the token. Under the strip, one line names the tagged words.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TokenRouting, TokenTrace } from '../../core/trace';
import { TokenSelectEvent } from '../shared/events';
import { getLang, LocaleController } from '../i18n/locale';
import { CATEGORY_NAMES } from '../i18n/categories';
import { expertColour, NO_EXPERT_COLOUR, textOn } from '../shared/palette';
import { expertBackground } from '../shared/expert-patterns';
import { blockStyles } from '../shared/shared-styles';
import { simWords } from '../i18n/simulator';
import { styleProps } from '../shared/style-props';

/** "E2 ✕5": the token's experts, a dropped choice crossed. */
function expertsText(r: TokenRouting): string {
  return r.experts.map((e, j) => (r.dropped[j] ? `✕${e}` : `E${e}`)).join(' ');
}

/** A token's word class in the page's language. */
function className(tok: TokenTrace): string {
  return CATEGORY_NAMES[getLang()][tok.category] ?? tok.category;
}

@customElement('token-strip')
export class TokenStrip extends LitElement {
  @property({ attribute: false }) tokens: readonly TokenTrace[] = [];
  @property({ attribute: false }) routing: readonly TokenRouting[] = [];
  @property({ type: Number }) current = 0;

  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    ol { list-style: none; display: flex; flex-wrap: wrap; gap: var(--moe-sp-4); margin: 0; padding: 0; }
    button {
      font: inherit; display: flex; flex-direction: column; align-items: center; gap: var(--moe-sp-1);
      min-width: 2.6rem; padding: var(--moe-sp-3) var(--moe-sp-4); border-radius: 0.4rem; cursor: pointer;
      border: 2px solid transparent; background: var(--chip-bg, var(--moe-grey-ee)); color: var(--chip-fg, var(--moe-text));
      transition: transform 0.15s ease-out, border-color 0.15s ease-out;
    }
    button:focus-visible { outline: 3px solid var(--moe-ink); outline-offset: 2px; }
    button[aria-current='true'] { border-color: var(--moe-ink); box-shadow: 0 0 0 2px var(--moe-surface) inset; transform: translateY(-2px); }
    .word { font-weight: 600; }
    .experts { font-size: var(--moe-fs-xs); font-variant-numeric: tabular-nums; }
    .unknown { border-style: dashed; border-color: var(--moe-text-5); }
    .mark { font-size: var(--moe-fs-xs); font-style: italic; }
    .note { margin: var(--moe-sp-4) 0 0; font-size: var(--moe-fs-m); }
    /* On a patterned chip the text sits on its solid colour. */
    .word, .experts, .mark { background: var(--chip-solid, transparent); padding: 0 var(--moe-sp-2); border-radius: 2px; }
  `,
  ];

  /** The chip's visible text, in reading order: word, experts, marks. */
  private visible(tok: TokenTrace, r: TokenRouting | undefined): string[] {
    const m = simWords().strip;
    return [
      tok.text,
      r ? expertsText(r) : '',
      tok.unknown ? m.unknown : '',
      tok.tagged ? m.tagged(className(tok)) : '',
      r?.skipped ? m.dropped : '',
    ].filter(Boolean);
  }

  /**
   * Accessible name: "token N:", then exactly the visible text (so a speech user can say what they
   * see), then in brackets what the marks mean.
   */
  private label(tok: TokenTrace, r: TokenRouting | undefined): string {
    const m = simWords().strip;
    const notes: string[] = [];
    if (tok.unknown) notes.push(m.notInVocabulary);
    if (tok.tagged) notes.push(m.classedFromContext(className(tok)));
    if (r?.skipped) notes.push(m.noExpertRan);
    if (r?.dropped.some(Boolean)) notes.push(m.droppedOver(r.experts.filter((_, j) => r.dropped[j]).map((e) => `E${e}`)));
    return m.label(tok.index + 1, this.visible(tok, r).join(' '), notes);
  }

  override render() {
    const m = simWords().strip;
    return html`<ol aria-label=${m.tokens}>
      ${this.tokens.map((tok, i) => {
        const r = this.routing[i];
        const top = r?.experts.find((_, j) => !r.dropped[j]);
        // The top expert's colour, with its pattern from expert 8 on (its number is on the chip too).
        const colour = top === undefined ? NO_EXPERT_COLOUR : expertColour(top);
        return html`<li>
          <button
            class=${tok.unknown ? 'unknown' : ''}
            ${styleProps({ '--chip-bg': top === undefined ? colour : expertBackground(top), '--chip-fg': textOn(colour), '--chip-solid': colour })}
            aria-current=${i === this.current ? 'true' : 'false'}
            aria-label=${this.label(tok, r)}
            @click=${() => this.dispatchEvent(new TokenSelectEvent(i))}
          >
            <span class="word" translate="no">${tok.text}</span>
            <span class="experts">${r ? expertsText(r) : ''}</span>
            ${tok.unknown ? html`<span class="mark">${m.unknown}</span>` : nothing}
            ${tok.tagged ? html`<span class="mark">${m.tagged(className(tok))}</span>` : nothing}
            ${r?.skipped ? html`<span class="mark">${m.dropped}</span>` : nothing}
          </button>
        </li>`;
      })}
    </ol>
    ${this.taggedNote()}`;
  }

  /** "Not in the lexicon, classed from context: florbish (adjective)", each word once; nothing when no word was tagged. */
  private taggedNote() {
    const m = simWords().strip;
    const seen = new Set<string>();
    const items = this.tokens.filter((tok) => {
      const key = `${tok.text}\u0000${tok.category}`;
      if (!tok.tagged || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (items.length === 0) return nothing;
    const list = items.map(
      (tok, i) => html`${i > 0 ? m.listSep : ''}<span translate="no">${tok.text}</span>${m.taggedClass(className(tok))}`,
    );
    return html`<p class="note">${m.taggedLead}${list}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'token-strip': TokenStrip;
  }
}
