/**
 * A row of buttons that export the current view (issue 7): PNG and SVG pictures, the trace as CSV
 * and JSON, and the view's link copied to the clipboard. Everything is made in the page (Blob +
 * object URL + a temporary <a download>), so nothing leaves the machine and the site's CSP
 * (img-src 'self' data: blob:) is enough. A status line says what happened; when the clipboard is
 * refused, the link is shown selected in a read-only field to copy by hand.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Trace } from '../../core/trace';
import { exportFileName, traceToCsv, traceToJson } from '../../state/export';
import { viewToSvg } from './picture-svg';
import { LocaleController } from '../i18n/locale';
import { localized } from '../i18n/localize-message';
import { expertColour, textOn } from '../shared/palette';
import { expertFill, expertPatternMarkup } from '../shared/expert-patterns';
import { a11yStyles } from '../shared/shared-styles';
import { pictureWords } from '../i18n/picture';
import { simWords } from '../i18n/simulator';
import { lightColour } from '../shared/theme';

/** Pixels per SVG unit in the PNG, for sharp text on high-density screens and in slides. */
export const PNG_SCALE = 2;

/** Loads an SVG document as an image and paints it on a white canvas at `scale`; resolves with the PNG. */
export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error(simWords().exportMenu.notDrawn));
      img.src = url;
    });
    const w = img.naturalWidth || 1200;
    const h = img.naturalHeight || 800;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(simWords().exportMenu.noCanvas);
    ctx.fillStyle = lightColour('surface');
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(simWords().exportMenu.notEncoded))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers the blob as a file download through a temporary <a download>. */
export function downloadBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Chromium reads the blob after the click returns: free it a little later.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

type Kind = 'png' | 'svg' | 'csv' | 'json';

@customElement('export-menu')
export class ExportMenu extends LitElement {
  @property({ attribute: false }) trace: Trace | null = null;
  @property({ type: Number }) position = 0;
  @property({ type: Number }) layer = 0;
  /** The URL's view object, written into the JSON beside the trace. */
  @property({ attribute: false }) view: unknown = null;
  /** The link to the current view, for "Copy link" (none: no such button, e.g. embedded without a site). */
  @property() url = '';

  /** The status line, made in the page's language when shown (so a language switch re-says it). */
  @state() private status: () => string = () => '';
  /** Set when the clipboard refused: the link to copy by hand. */
  @state() private manualLink: string | null = null;
  /** A PNG is being drawn: further clicks wait for it (the buttons stay focusable). */
  private busy = false;
  @query('input.link') private linkField!: HTMLInputElement | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    ...a11yStyles,
    css`
    :host { display: block; font-family: var(--moe-font); color: var(--moe-text); margin: var(--moe-sp-5) 0 0; }
    .row { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3); align-items: center; }
    .label { font-size: var(--moe-fs-base); font-weight: 600; margin-right: var(--moe-sp-2); }
    button { font: inherit; font-size: var(--moe-fs-m); padding: var(--moe-sp-2) var(--moe-sp-6); border: var(--moe-line, 1px) solid var(--moe-text-5); border-radius: 0.3rem; background: var(--moe-grey-f4); color: var(--moe-text); cursor: pointer; }
    button:hover:not(:disabled) { background: var(--moe-grey-e6); }
    button:disabled { color: var(--moe-text-5); border-color: var(--moe-grey-99); cursor: default; }
    .status { font-size: var(--moe-fs-m); margin: var(--moe-sp-2) 0 0; min-height: 1.2em; }
    .manual { display: flex; flex-wrap: wrap; gap: var(--moe-sp-3); align-items: center; font-size: var(--moe-fs-m); margin-top: var(--moe-sp-2); }
    .manual input { font: inherit; width: min(40rem, 90%); padding: var(--moe-sp-2); }
    .caption { font-size: var(--moe-fs-s); color: var(--moe-muted, var(--moe-text-3)); margin: var(--moe-sp-2) 0 0; }
  `,
  ];

  private svg(): string | null {
    if (!this.trace) return null;
    return viewToSvg(this.trace, this.position, this.layer, pictureWords(), {
      palette: { expert: expertColour, textOn, fill: (e) => expertFill(e, 'pic'), defs: (experts) => expertPatternMarkup('pic', experts) },
    });
  }

  /** Empties the status first, so the same message said twice is announced twice. */
  private async clearStatus(): Promise<void> {
    this.status = () => '';
    await this.updateComplete;
  }

  private async save(kind: Kind): Promise<void> {
    const t = this.trace;
    if (!t || this.busy) return;
    const name = exportFileName(t, kind);
    this.busy = true;
    await this.clearStatus();
    try {
      let blob: Blob;
      if (kind === 'csv') blob = new Blob([traceToCsv(t, this.layer)], { type: 'text/csv;charset=utf-8' });
      else if (kind === 'json') blob = new Blob([traceToJson(t, this.view)], { type: 'application/json' });
      else {
        const svg = this.svg() as string;
        blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }) : await svgToPng(svg);
      }
      downloadBlob(blob, name);
      this.status = () => simWords().exportMenu.saved(name);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.status = () => simWords().exportMenu.couldNotMake(kind.toUpperCase(), localized(why));
    } finally {
      this.busy = false;
    }
  }

  private async copyLink(): Promise<void> {
    const link = this.url;
    await this.clearStatus();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      this.manualLink = null;
      this.status = () => simWords().exportMenu.linkCopied;
    } catch {
      this.manualLink = link;
      this.status = () => simWords().exportMenu.copyRefused;
      await this.updateComplete;
      this.linkField?.focus();
      this.linkField?.select();
    }
  }

  override render() {
    const m = simWords().exportMenu;
    const none = !this.trace;
    return html`
      <div class="row" role="group" aria-labelledby="export-label">
        <span class="label" id="export-label">${m.label}</span>
        <button type="button" ?disabled=${none} @click=${() => void this.save('png')}>${m.png}</button>
        <button type="button" ?disabled=${none} @click=${() => void this.save('svg')}>${m.svg}</button>
        <button type="button" ?disabled=${none} @click=${() => void this.save('csv')}>${m.csv}</button>
        <button type="button" ?disabled=${none} @click=${() => void this.save('json')}>${m.json}</button>
        ${this.url ? html`<button type="button" @click=${() => void this.copyLink()}>${m.copyLink}</button>` : nothing}
      </div>
      <p class="status" role="status">${this.status()}</p>
      ${
        this.manualLink !== null
          ? html`<div class="manual"><label for="manual-link">${m.linkField}</label>
            <input id="manual-link" class="link" type="text" readonly translate="no" .value=${this.manualLink} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} /></div>`
          : nothing
      }
      <p class="caption">${m.caption}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'export-menu': ExportMenu;
  }
}
