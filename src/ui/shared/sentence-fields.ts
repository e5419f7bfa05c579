/**
 * The sentence a page routes, as two fields: a text box and a list of preset sentences (its first
 * option, "choose a sentence", selected while the text is none of them). Either field sends the new
 * text on change; the page checks it.
 */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { PRESET_SENTENCES } from '../../core/corpus';

/** The fields' words, from the page's catalogue. */
export interface SentenceWords {
  sentence: string;
  presets: string;
  chooseSentence: string;
}

/** The preset list's options for the current `text`. */
export function presetOptions(text: string, chooseSentence: string) {
  return html`<option value="" disabled ?selected=${!PRESET_SENTENCES.includes(text)} translate="yes">${chooseSentence}</option>
    ${PRESET_SENTENCES.map((p) => html`<option .value=${p} ?selected=${p === text}>${p}</option>`)}`;
}

/**
 * The text box and the preset list, each inside its label. With `keepLive`, the box is set to the
 * page's text at every render, even when only the box changed (a refused edit is undone).
 */
export function sentenceFields(m: SentenceWords, text: string, onText: (text: string) => void, keepLive = false) {
  const changed = (e: Event) => onText((e.target as HTMLInputElement | HTMLSelectElement).value);
  return html`<label>${m.sentence}
      <input type="text" .value=${keepLive ? live(text) : text} maxlength="2000" @change=${changed} />
    </label>
    <label>${m.presets}
      <select translate="no" @change=${changed}>
        ${presetOptions(text, m.chooseSentence)}
      </select>
    </label>`;
}
