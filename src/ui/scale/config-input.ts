/**
 * The config.json box: paste or type into it, drop a file on it, or open one. Sends the text up
 * (ConfigTextEvent); the shell parses and counts, and hands back a problem to show next to the box,
 * with its line and column and the line itself under a caret, or the notes of how it was read (its
 * model type inferred, unknown fields ignored).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../i18n/locale';
import { ConfigFileProblemEvent, ConfigTextEvent } from './scale-events';
import { blockStyles } from '../shared/shared-styles';
import { scaleWords } from '../i18n/scale';

/** A problem with the text: where (when known) and what (in the page's language). */
export interface InputProblem {
  message: string;
  line?: number;
  column?: number;
  excerpt?: string;
  caret?: number;
}

/** Largest file or text accepted; real config.json files are a few kilobytes. */
export const MAX_CONFIG_CHARS = 1_000_000;

@customElement('config-input')
export class ConfigInput extends LitElement {
  @property() value = '';
  @property({ attribute: false }) problem: InputProblem | null = null;
  /** Name of the model still shown while the text has a problem. */
  @property() showing = '';
  /** How the shown config was read (its model type inferred, unknown fields ignored), worded; shown while there is no problem. */
  @property({ attribute: false }) notes: readonly string[] = [];
  /** The box's placeholder; empty for the catalogue's "Paste a config.json here". */
  @property() placeholder = '';
  @state() private dragging = false;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...blockStyles,
    css`
    label { font-weight: 600; }
    textarea { box-sizing: border-box; width: 100%; min-height: 16rem; font: 0.85rem/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      padding: var(--moe-sp-5); border: 1px solid var(--moe-grey-88); border-radius: 0.35rem; resize: vertical; margin-top: var(--moe-sp-3); tab-size: 2; }
    textarea[aria-invalid='true'] { border: 2px solid var(--moe-error); }
    textarea.dragging { outline: 3px dashed var(--moe-accent); outline-offset: 2px; background: var(--moe-info-bg); }
    .hint { margin: var(--moe-sp-2) 0 0; font-size: var(--moe-fs-m); color: var(--moe-text-4); }
    .file { display: flex; flex-wrap: wrap; align-items: center; gap: var(--moe-sp-4); margin-top: var(--moe-sp-5); font-size: var(--moe-fs-base); }
    .file label { font-weight: 600; }
    .problem { margin-top: var(--moe-sp-5); border: 2px solid var(--moe-error); background: var(--moe-error-bg-2); color: var(--moe-error-text); border-radius: 0.35rem; padding: var(--moe-sp-4) var(--moe-sp-6); }
    .problem p { margin: var(--moe-sp-2) 0; }
    .problem pre { margin: var(--moe-sp-3) 0; padding: var(--moe-sp-3) var(--moe-sp-4); background: var(--moe-surface); border-radius: 0.25rem; overflow-x: auto;
      font: 0.8rem/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--moe-text); }
    .caret { color: var(--moe-error); font-weight: 700; }
    .notes p { margin: var(--moe-sp-4) 0 0; border-left: 3px solid var(--moe-accent); background: var(--moe-info-bg); padding: var(--moe-sp-3) var(--moe-sp-5);
      font-size: var(--moe-fs-m); overflow-wrap: anywhere; }
  `,
  ];

  override render() {
    const p = this.problem;
    const m = scaleWords().config;
    return html`
      <label for="config-text">${m.label}</label>
      <p class="hint" id="config-hint">${m.hint}</p>
      <textarea
        id="config-text"
        class=${this.dragging ? 'dragging' : ''}
        spellcheck="false"
        autocomplete="off"
        placeholder=${this.placeholder || m.placeholder}
        aria-describedby="config-hint config-problem config-notes"
        aria-invalid=${p ? 'true' : 'false'}
        .value=${this.value}
        @input=${this.onInput}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      ></textarea>
      <div class="file">
        <label for="config-file">${m.fileLabel}</label>
        <input id="config-file" type="file" accept=".json,application/json,text/plain" @change=${this.onFile} />
        <span>${m.dropHint}</span>
      </div>
      <div id="config-problem" role="alert">${p ? this.renderProblem(p) : nothing}</div>
      <div id="config-notes" class="notes" role="status">${p ? nothing : this.notes.map((n) => html`<p>${n}</p>`)}</div>
    `;
  }

  private renderProblem(p: InputProblem) {
    const m = scaleWords().config;
    const where = p.line !== undefined && p.column !== undefined ? m.where(p.line, p.column) : '';
    return html`<div class="problem">
      <p><strong>${where}</strong>${p.message}</p>
      ${
        p.excerpt !== undefined && p.caret !== undefined
          ? html`<pre aria-hidden="true" translate="no">${p.excerpt}\n<span class="caret">${' '.repeat(p.caret)}^</span></pre>`
          : nothing
      }
      ${this.showing ? html`<p>${m.stillShowing(this.showing)}</p>` : nothing}
    </div>`;
  }

  private onInput(e: Event): void {
    this.dispatchEvent(new ConfigTextEvent((e.target as HTMLTextAreaElement).value));
  }

  private onDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave(): void {
    this.dragging = false;
  }

  private onDrop(e: DragEvent): void {
    const file = e.dataTransfer?.files[0];
    this.dragging = false;
    if (!file) return;
    e.preventDefault();
    void this.read(file);
  }

  private onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.read(file).finally(() => (input.value = ''));
  }

  private async read(file: File): Promise<void> {
    const name = file.name;
    if (file.size > MAX_CONFIG_CHARS) {
      const kb = Math.round(file.size / 1024);
      this.dispatchEvent(new ConfigFileProblemEvent(() => scaleWords().config.fileTooLarge(name, kb, MAX_CONFIG_CHARS / 1000)));
      return;
    }
    try {
      this.dispatchEvent(new ConfigTextEvent(await file.text(), name));
    } catch {
      this.dispatchEvent(new ConfigFileProblemEvent(() => scaleWords().config.unreadable(name)));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'config-input': ConfigInput;
  }
}
